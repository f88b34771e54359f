// Command benchgen writes the synthetic multi-tenant module that the
// tenantlint benchmark runs on, and prints the findings the tools must
// report there (also written to DIR/EXPECTED.json).
//
//	benchgen [-pkgs 200] [-files 5] -out DIR
//	benchgen -check DIR/EXPECTED.json [-tenant-data] [-findings FILE]   # FILE: tenantlint --format json output (default stdin)
//
// With -check, it compares a tenantlint JSON report with the expectation
// and exits 1 when the counts differ; with -tenant-data, with the
// expectation under the variant configuration DIR/tenant-data.tenantlint.yaml
// (cache.report: tenant-data).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/tenantlint/tenantlint/internal/benchgen"
)

func main() {
	pkgs := flag.Int("pkgs", benchgen.DefaultOptions.Packages, "number of service packages")
	files := flag.Int("files", benchgen.DefaultOptions.Files, "files per service package")
	out := flag.String("out", "", "directory to write the module into (created if needed)")
	check := flag.String("check", "", "compare a tenantlint --format json report with this EXPECTED.json")
	findings := flag.String("findings", "-", "with -check: the report to read (- for stdin)")
	tenantData := flag.Bool("tenant-data", false, "with -check: the report is of the tenant-data variant configuration")
	core := flag.Bool("core", false, "leave out the shapes of issues 12, 13 and 16 (SQL, hashes, request objects, sync.Map, map fields, tenant data)")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: benchgen [-pkgs N] [-files F] -out DIR\n       benchgen -check EXPECTED.json [-findings FILE]\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if *check != "" {
		os.Exit(runCheck(*check, *findings, *tenantData))
	}
	if *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	exp, err := benchgen.Generate(*out, benchgen.Options{Packages: *pkgs, Files: *files, Core: *core})
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchgen:", err)
		os.Exit(2)
	}
	fmt.Printf("wrote %s: %d packages × %d files (%d Go files, %d lines)\n",
		*out, exp.Packages, exp.FilesPerPackage, exp.GoFiles, exp.Lines)
	fmt.Printf("expected findings: tenantrepo %d, tenantcache fixable %d, tenantcache manual %d, tenantsql %d, total %d\n",
		exp.TenantRepo, exp.TenantCacheFixable, exp.TenantCacheManual, exp.TenantSQL, exp.Total)
	if td := exp.TenantData; td.Config != "" {
		fmt.Printf("with %s: tenantcache fixable %d, tenantcache manual %d, total %d\n",
			td.Config, td.TenantCacheFixable, td.TenantCacheManual, td.Total)
	}
}

func runCheck(expFile, reportFile string, tenantData bool) int {
	exp, err := benchgen.ReadExpected(expFile)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchgen:", err)
		return 2
	}
	if tenantData {
		if exp.TenantData.Config == "" {
			fmt.Fprintf(os.Stderr, "benchgen: %s: the module has no tenant-data variant (generated with -core)\n", expFile)
			return 2
		}
		exp = exp.TenantDataExpected()
	}
	var r io.Reader = os.Stdin
	if reportFile != "-" {
		f, err := os.Open(reportFile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "benchgen:", err)
			return 2
		}
		defer f.Close()
		r = f
	}
	var rep struct {
		Findings []benchgen.Finding `json:"findings"`
	}
	if err := json.NewDecoder(r).Decode(&rep); err != nil {
		fmt.Fprintln(os.Stderr, "benchgen: reading the report:", err)
		return 2
	}
	got := benchgen.Count(rep.Findings)
	if diff := benchgen.Compare(exp, got); diff != "" {
		fmt.Fprintf(os.Stderr, "benchgen: findings differ from %s:\n%s", expFile, diff)
		return 1
	}
	fmt.Printf("findings match %s: tenantrepo %d, tenantcache fixable %d, manual %d, tenantsql %d (%d in scope)\n",
		expFile, got.TenantRepo, got.TenantCacheFixable, got.TenantCacheManual, got.TenantSQL, got.TenantSQLInScope)
	return 0
}

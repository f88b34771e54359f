package benchgen_test

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/tenantlint/tenantlint/analyzers/tenantcache"
	"github.com/tenantlint/tenantlint/analyzers/tenantrepo"
	"github.com/tenantlint/tenantlint/analyzers/tenantsql"
	"github.com/tenantlint/tenantlint/internal/benchgen"
	"github.com/tenantlint/tenantlint/internal/driver"
	"github.com/tenantlint/tenantlint/internal/index"
	"github.com/tenantlint/tenantlint/internal/registry"
	"github.com/tenantlint/tenantlint/rewrite"
)

func TestDeterministic(t *testing.T) {
	opts := benchgen.Options{Packages: 12, Files: 3}
	a, ea, err := benchgen.Files(opts)
	if err != nil {
		t.Fatal(err)
	}
	b, eb, err := benchgen.Files(opts)
	if err != nil {
		t.Fatal(err)
	}
	if *ea != *eb {
		t.Fatalf("expectations differ between runs: %+v vs %+v", ea, eb)
	}
	if len(a) != len(b) {
		t.Fatalf("file sets differ: %d vs %d files", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Fatalf("%s differs between runs", name)
		}
	}
	// tenant, kv (3 files), keys, db (3) and the squirrel stub.
	if ea.Packages != 12 || ea.GoFiles != 12*3+3+5 {
		t.Errorf("inventory: %+v", ea)
	}
	core, ec, err := benchgen.Files(benchgen.Options{Packages: 12, Files: 3, Core: true})
	if err != nil {
		t.Fatal(err)
	}
	if ec.GoFiles != 12*3+3 || ec.TenantSQL != 0 || ec.TenantData.Config != "" || core[benchgen.TenantDataConfig] != nil {
		t.Errorf("core inventory: %+v", ec)
	}
}

func TestBadOptions(t *testing.T) {
	if _, _, err := benchgen.Files(benchgen.Options{Packages: 0, Files: 5}); err == nil {
		t.Error("0 packages: no error")
	}
	if _, _, err := benchgen.Files(benchgen.Options{Packages: 3, Files: 0}); err == nil {
		t.Error("0 files: no error")
	}
}

// TestOneFilePerPackage checks the layout that puts models, cache calls
// and filler into a single file.
func TestOneFilePerPackage(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	dir := t.TempDir()
	exp, err := benchgen.Generate(dir, benchgen.Options{Packages: 3, Files: 1})
	if err != nil {
		t.Fatal(err)
	}
	goCmd(t, dir, "build", "./...")
	checkDriver(t, dir, exp)
	checkTenantData(t, dir, exp)
}

// TestStandaloneDriver generates a small module, builds and vets it, and
// checks that the standalone driver reports exactly what the generator
// expects, and sees exactly what it generated.
func TestStandaloneDriver(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	dir := t.TempDir()
	exp, err := benchgen.Generate(dir, benchgen.Options{Packages: 6, Files: 5})
	if err != nil {
		t.Fatal(err)
	}
	if exp.Total == 0 || exp.TenantRepo == 0 || exp.TenantCacheFixable == 0 || exp.TenantCacheManual == 0 ||
		exp.TenantSQL == 0 || exp.TenantSQLInScope == 0 || exp.TenantSQLInScope == exp.TenantSQL ||
		exp.CacheUnchecked == 0 || exp.CacheSuppressed == 0 || exp.SQLSuppressed == 0 || exp.SQLUnchecked == 0 ||
		exp.TenantData.TenantCacheFixable == 0 || exp.TenantData.TenantCacheManual == 0 || exp.TenantData.CacheNotTenantData == 0 {
		t.Fatalf("expected findings of every kind, got %+v", exp)
	}
	if lpf := exp.Lines / exp.GoFiles; lpf < 120 || lpf > 320 {
		t.Errorf("%d lines per file on average, want 120-320", lpf)
	}
	read, err := benchgen.ReadExpected(filepath.Join(dir, "EXPECTED.json"))
	if err != nil {
		t.Fatal(err)
	}
	if *read != *exp {
		t.Errorf("EXPECTED.json = %+v, Generate returned %+v", read, exp)
	}
	goCmd(t, dir, "build", "./...")
	goCmd(t, dir, "vet", "./...") // plain go vet is clean: the baseline does no extra work
	checkDriver(t, dir, exp)
	checkTenantData(t, dir, exp)
}

// TestCore: the module of version 1's configuration has none of the
// later shapes, and the tools report on it what the generator expects.
func TestCore(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	dir := t.TempDir()
	exp, err := benchgen.Generate(dir, benchgen.Options{Packages: 3, Files: 2, Core: true})
	if err != nil {
		t.Fatal(err)
	}
	if exp.TenantSQL != 0 || exp.CacheUnchecked != 0 || exp.SQLQueries != 0 {
		t.Fatalf("core module with later shapes: %+v", exp)
	}
	checkDriver(t, dir, exp)
}

// checkTenantData runs checkDriver with the variant configuration
// (cache.report: tenant-data).
func checkTenantData(t *testing.T, dir string, exp *benchgen.Expected) {
	t.Helper()
	if exp.TenantData.Config != benchgen.TenantDataConfig {
		t.Fatalf("no tenant-data variant: %+v", exp.TenantData)
	}
	td := exp.TenantDataExpected()
	res := runDriver(t, dir, filepath.Join(dir, exp.TenantData.Config), td)
	cache, _ := res.Stats["tenantcache"].(*tenantcache.Stats)
	if cache == nil {
		t.Fatalf("no stats: %v", res.Stats)
	}
	if n := cache.NotTenantDataCalls(); n != exp.TenantData.CacheNotTenantData {
		t.Errorf("tenantcache with %s counted %d calls not about tenant data (%v); generated %d",
			exp.TenantData.Config, n, cache.NotTenantData, exp.TenantData.CacheNotTenantData)
	}
}

// runDriver runs the standalone driver on dir with the configuration
// file config ("": the module's .tenantlint.yaml) and checks its
// findings by check and kind against exp.
func runDriver(t *testing.T, dir, config string, exp *benchgen.Expected) *driver.Result {
	t.Helper()
	t.Setenv("TENANTLINT_CACHE", t.TempDir())
	t.Setenv("TENANTLINT_CONFIG", config)
	res, err := driver.Run(driver.Options{Dir: dir}, []string{"./..."})
	if err != nil {
		t.Fatalf("driver.Run: %v", err)
	}
	got := benchgen.Count(res.Findings)
	if diff := benchgen.Compare(exp, got); diff != "" {
		var lines []string
		for _, f := range res.Findings {
			lines = append(lines, strings.TrimPrefix(f.File, dir+string(filepath.Separator))+": "+f.Message+" ("+f.Check+", "+f.Fix+")")
		}
		sort.Strings(lines)
		t.Fatalf("findings differ from the generator's expectation (config %q):\n%s\nfindings:\n%s", config, diff, strings.Join(lines, "\n"))
	}
	return res
}

func checkDriver(t *testing.T, dir string, exp *benchgen.Expected) {
	t.Helper()
	res := runDriver(t, dir, "", exp)
	repo, _ := res.Stats["tenantrepo"].(*tenantrepo.Stats)
	cache, _ := res.Stats["tenantcache"].(*tenantcache.Stats)
	if repo == nil || cache == nil {
		t.Fatalf("no stats: %v", res.Stats)
	}
	if repo.Models != exp.Models || repo.Covered != exp.ModelsCovered+exp.ModelsCoveredOut ||
		repo.Global != exp.ModelsGlobal || repo.SuppressedModels != exp.ModelsSuppressed || repo.LeftToSQL != exp.ModelsLeftToSQL {
		t.Errorf("tenantrepo saw %+v; generated %d models, %d+%d covered, %d global, %d suppressed, %d left to tenantsql",
			*repo, exp.Models, exp.ModelsCovered, exp.ModelsCoveredOut, exp.ModelsGlobal, exp.ModelsSuppressed, exp.ModelsLeftToSQL)
	}
	if cache.Calls != exp.CacheCalls || cache.Scoped != exp.CacheScoped || cache.Suppressed != exp.CacheSuppressed ||
		cache.UncheckedCalls() != exp.CacheUnchecked {
		t.Errorf("tenantcache saw %+v; generated %d calls, %d scoped, %d suppressed, %d unchecked",
			*cache, exp.CacheCalls, exp.CacheScoped, exp.CacheSuppressed, exp.CacheUnchecked)
	}
	sql, _ := res.Stats["tenantsql"].(*tenantsql.Stats)
	if sql == nil {
		if exp.SQLQueries != 0 {
			t.Fatalf("no tenantsql stats: %v", res.Stats)
		}
		return
	}
	if sql.Queries != exp.SQLQueries || sql.Constrained != exp.SQLConstrained || sql.Unconstrained != exp.SQLUnconstrained ||
		sql.Suppressed != exp.SQLSuppressed || sql.Unchecked != exp.SQLUnchecked {
		t.Errorf("tenantsql saw %d queries, %d constrained, %d unconstrained, %d suppressed, %d unchecked; generated %d, %d, %d, %d, %d",
			sql.Queries, sql.Constrained, sql.Unconstrained, sql.Suppressed, sql.Unchecked,
			exp.SQLQueries, exp.SQLConstrained, exp.SQLUnconstrained, exp.SQLSuppressed, exp.SQLUnchecked)
	}
}

func goCmd(t testing.TB, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// BenchmarkGenerate measures the generator itself (in memory).
func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		if _, _, err := benchgen.Files(benchgen.Options{Packages: 50, Files: 5}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnalyzePackage measures the analyzers' cost on one generated
// package (5 files of ~250 lines, a top-layer package with the most
// imports): the module is loaded once, outside the timer, with the same
// load mode as the standalone driver, and the module index is seeded as
// the driver does; each iteration runs checker.Analyze on the package.
func BenchmarkAnalyzePackage(b *testing.B) {
	dir := b.TempDir()
	if _, err := benchgen.Generate(dir, benchgen.Options{Packages: 16, Files: 5}); err != nil {
		b.Fatal(err)
	}
	b.Setenv("TENANTLINT_CACHE", b.TempDir())
	b.Setenv("TENANTLINT_CONFIG", "")
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
			packages.NeedImports | packages.NeedTypes | packages.NeedTypesSizes |
			packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule,
		Dir: dir,
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		b.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		b.Fatal("load errors")
	}
	var target *packages.Package
	for _, p := range pkgs {
		if strings.Contains(p.PkgPath, "/svc/") && (target == nil || p.PkgPath > target.PkgPath) {
			target = p
		}
	}
	for _, tc := range []struct {
		name   string
		checks []string
	}{
		{"tenantrepo", []string{"tenantrepo"}},
		{"tenantcache", []string{"tenantcache"}},
		{"both", nil},
	} {
		b.Run(tc.name, func(b *testing.B) {
			env := registry.NewEnv()
			env.Index.Seed(index.FromPackages(dir, false, pkgs))
			analyzers, err := registry.Analyzers(env, tc.checks)
			if err != nil {
				b.Fatal(err)
			}
			run := func() int {
				g, err := checker.Analyze(analyzers, []*packages.Package{target}, nil)
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				for _, act := range g.Roots {
					if act.Err != nil {
						b.Fatal(act.Err)
					}
					n += len(act.Diagnostics)
				}
				return n
			}
			if run() == 0 {
				b.Fatalf("no findings in %s", target.PkgPath)
			}
			b.ReportAllocs()
			for b.Loop() {
				run()
			}
		})
	}
}

// BenchmarkDriverRun measures the standalone driver end to end (go list,
// parsing and type-checking from source, the index, both analyzers) on a
// generated module of 50 packages, with no result cache: the streaming
// driver (the default) and the go/packages one it replaced; profile it
// with -cpuprofile.
func BenchmarkDriverRun(b *testing.B) {
	dir := b.TempDir()
	exp, err := benchgen.Generate(dir, benchgen.Options{Packages: 50, Files: 5})
	if err != nil {
		b.Fatal(err)
	}
	goCmd(b, dir, "build", "./...")
	b.Setenv("TENANTLINT_CACHE", b.TempDir())
	b.Setenv("TENANTLINT_CONFIG", "")
	for _, tc := range []struct {
		name   string
		legacy bool
	}{{"stream", false}, {"legacy", true}} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				res, err := driver.Run(driver.Options{Dir: dir, NoCache: true, Legacy: tc.legacy}, []string{"./..."})
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Findings) != exp.Total {
					b.Fatalf("%d findings, want %d", len(res.Findings), exp.Total)
				}
			}
		})
	}
}

// BenchmarkRewriteFile measures the rewriter's cost per file: merging the
// fixes of one generated file (a top-layer cache.go with its raw keys and
// a models.go with its missing repositories), applying them, checking
// that the result parses and is formatted, and rendering the diff.
func BenchmarkRewriteFile(b *testing.B) {
	dir := b.TempDir()
	if _, err := benchgen.Generate(dir, benchgen.Options{Packages: 8, Files: 5}); err != nil {
		b.Fatal(err)
	}
	b.Setenv("TENANTLINT_CACHE", b.TempDir())
	b.Setenv("TENANTLINT_CONFIG", "")
	res, err := driver.Run(driver.Options{Dir: dir, NoCache: true}, []string{"./..."})
	if err != nil {
		b.Fatal(err)
	}
	for _, name := range []string{"cache.go", "models.go"} {
		file := filepath.Join(dir, "internal", "svc", "s007", name)
		var fixes []driver.Fix
		for _, fx := range res.Fixes {
			if fx.Pos.Filename == file {
				fixes = append(fixes, fx)
			}
		}
		if len(fixes) == 0 {
			b.Fatalf("no fixes in %s", file)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				plan, err := rewrite.FromFixes(fixes, dir)
				if err != nil {
					b.Fatal(err)
				}
				if len(plan.Files) != 1 || plan.Diff() == "" {
					b.Fatalf("%d files changed, want 1", len(plan.Files))
				}
			}
		})
	}
}

// TestCountInScope: tenantsql findings are told apart by the report's
// kind, whatever their message says.
func TestCountInScope(t *testing.T) {
	got := benchgen.Count([]benchgen.Finding{
		{Check: "tenantsql", Kind: tenantsql.KindInScope, Message: "orgID is unused by the query"},
		{Check: "tenantsql", Kind: tenantsql.KindUnconstrained, Message: "the query has no tenant predicate"},
	})
	if got.TenantSQL != 2 || got.TenantSQLInScope != 1 {
		t.Errorf("Count = %d tenantsql, %d in scope; want 2, 1", got.TenantSQL, got.TenantSQLInScope)
	}
}

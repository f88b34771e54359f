package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/tenantlint/tenantlint/internal/benchgen"
)

// TestBenchModule: on a small benchmark module with every shape (SQL,
// hashes, request objects, sync.Map, a map field, tenant data), the
// binaries report the generator's counts by check and kind, standalone
// and as go vet's vettool the same findings, with the module's
// .tenantlint.yaml and with the tenant-data variant.
func TestBenchModule(t *testing.T) {
	dir := t.TempDir()
	exp, err := benchgen.Generate(dir, benchgen.Options{Packages: 3, Files: 2})
	if err != nil {
		t.Fatal(err)
	}
	if exp.TenantSQL == 0 || exp.TenantData.Total == 0 || exp.TenantData.Total == exp.Total {
		t.Fatalf("the module lacks the shapes this test is about: %+v", exp)
	}
	for _, tc := range []struct {
		name   string
		config string
		want   *benchgen.Expected
	}{
		{"report all", "", exp},
		{"report tenant-data", filepath.Join(dir, exp.TenantData.Config), exp.TenantDataExpected()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := []string{"TENANTLINT_CONFIG=" + tc.config}
			r := runCmdEnv(t, dir, env, tenantlint, "--format", "json", "./...")
			if r.code != 1 || r.stderr != "" {
				t.Fatalf("tenantlint --format json: exit %d\n%s", r.code, r.stderr)
			}
			var rep struct {
				Findings []benchgen.Finding `json:"findings"`
			}
			if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
				t.Fatalf("the JSON report: %v\n%s", err, r.stdout)
			}
			if diff := benchgen.Compare(tc.want, benchgen.Count(rep.Findings)); diff != "" {
				t.Errorf("findings differ from EXPECTED.json:\n%s", diff)
			}
			var standalone []string
			for _, f := range rep.Findings {
				standalone = append(standalone, fmt.Sprintf("%s:%d:%d: %s", rel(dir, f.File), f.Line, f.Column, f.Message))
			}
			slices.Sort(standalone)
			v := runCmdEnv(t, dir, env, "go", "vet", "-vettool="+tenantlint, "./...")
			var vetted []string
			for _, l := range lines(v.stderr) {
				if m := vetLine.FindStringSubmatch(l); m != nil {
					vetted = append(vetted, fmt.Sprintf("%s:%s:%s: %s", rel(dir, m[1]), m[2], m[3], m[4]))
				} else if l[0] != '#' {
					t.Fatalf("go vet: exit %d; unexpected line %q in\n%s", v.code, l, v.stderr)
				}
			}
			slices.Sort(vetted)
			diffLines(t, "go vet -vettool against standalone", vetted, standalone)
		})
	}
}

package index

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/tenantlint/tenantlint/internal/benchgen"
	"github.com/tenantlint/tenantlint/internal/golist"
)

// TestSourceScansMatchExportScans: a cold build, which checks the
// module's packages from source and hands them to their importers, gives
// the index that reading every import from export data gives, with and
// without tests (a test variant, an external test package importing it,
// repositories of another package's models).
func TestSourceScansMatchExportScans(t *testing.T) {
	dir := t.TempDir()
	if _, err := benchgen.Generate(dir, benchgen.Options{Packages: 6, Files: 2}); err != nil {
		t.Fatal(err)
	}
	tests := map[string]string{
		"internal/svc/s001/models_test.go": "package s001\n\nimport \"example.com/bench/internal/tenant\"\n\nvar testLeads = tenant.NewRepository[Lead](\"test\")\n",
		"internal/svc/s001/ext_test.go": "package s001_test\n\nimport (\n\t\"example.com/bench/internal/svc/s000\"\n\t\"example.com/bench/internal/svc/s001\"\n\t\"example.com/bench/internal/tenant\"\n)\n\n" +
			"var extLeads = tenant.NewRepository[s001.Lead](\"ext\")\n\nvar extAccounts = tenant.NewRepository[s000.Account](\"ext\")\n",
	}
	for name, src := range tests {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("GOFLAGS", "-mod=mod")
	for _, withTests := range []bool{false, true} {
		t.Run(fmt.Sprintf("tests=%v", withTests), func(t *testing.T) {
			pkgs, err := golist.List(dir, withTests, "./...")
			if err != nil {
				t.Fatal(err)
			}
			var roots []*golist.Listed
			byPath := map[string]*golist.Listed{}
			for _, p := range pkgs {
				byPath[p.ImportPath] = p
				if !p.DepOnly && !p.IsTestMain() {
					roots = append(roots, p)
				}
			}
			if _, ok := sourceOrder(roots, byPath, true); !ok {
				t.Fatal("a cold build of the module would not check it from source")
			}
			t.Setenv("TENANTLINT_CACHE", t.TempDir())
			fromSource := fromList(dir, withTests, pkgs, false)
			t.Setenv("TENANTLINT_CACHE", t.TempDir())
			fromExport := fromList(dir, withTests, pkgs, true)
			if len(fromSource.Sites) == 0 || len(fromSource.Repos) == 0 {
				t.Fatalf("the module indexes nothing: %d sites, %d repositories", len(fromSource.Sites), len(fromSource.Repos))
			}
			if !reflect.DeepEqual(fromSource, fromExport) {
				t.Errorf("checked from source:\n%+v\nfrom export data:\n%+v", fromSource, fromExport)
			}
		})
	}
}

// TestSourceOrder: importers after their imports, test variants last;
// export data everywhere when a scan was cached, a package of the module
// uses cgo, a package outside it imports one of it, or imports cycle.
func TestSourceOrder(t *testing.T) {
	pkg := func(id string, imports ...string) *golist.Listed {
		return &golist.Listed{ImportPath: id, Imports: imports}
	}
	for _, tc := range []struct {
		name  string
		roots []*golist.Listed
		deps  []*golist.Listed
		cold  bool
		want  []string // nil: export data everywhere
	}{
		{
			name: "dependency order",
			roots: []*golist.Listed{
				pkg("m/a", "m/b", "fmt"),
				{ImportPath: "m/b [m/b.test]", ForTest: "m/b", Imports: []string{"m/c"}},
				pkg("m/b", "m/c"),
				pkg("m/c"),
			},
			deps: []*golist.Listed{{ImportPath: "fmt", DepOnly: true, Imports: []string{"io"}}},
			cold: true,
			want: []string{"m/c", "m/b", "m/a", "m/b [m/b.test]"},
		},
		{name: "cached scans", roots: []*golist.Listed{pkg("m/a")}},
		{name: "cgo", roots: []*golist.Listed{pkg("m/a"), {ImportPath: "m/b", CgoFiles: []string{"b.go"}}}, cold: true},
		{
			name:  "module cycle",
			roots: []*golist.Listed{pkg("m/a", "x/y"), pkg("m/b")},
			deps:  []*golist.Listed{{ImportPath: "x/y", DepOnly: true, Imports: []string{"m/b"}}},
			cold:  true,
		},
		{name: "import cycle", roots: []*golist.Listed{pkg("m/a", "m/b"), pkg("m/b", "m/a")}, cold: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			byPath := map[string]*golist.Listed{}
			for _, p := range slices.Concat(tc.roots, tc.deps) {
				byPath[p.ImportPath] = p
			}
			order, ok := sourceOrder(tc.roots, byPath, tc.cold)
			var got []string
			for _, i := range order {
				got = append(got, tc.roots[i].ImportPath)
			}
			if ok != (tc.want != nil) || !slices.Equal(got, tc.want) {
				t.Errorf("order %q (from source: %v), want %q", got, ok, tc.want)
			}
		})
	}
}

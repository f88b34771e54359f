package index

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

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
		"internal/svc/s001/models_test.go": "package s001\n\nimport \"example.com/bench/internal/tenant\"\n\nvar testLeads = tenant.NewRepository[Lead](\"test\")\n\n" +
			"// Fixture exists only in the test variant, which the external test imports.\ntype Fixture struct{ TenantID string }\n",
		"internal/svc/s001/ext_test.go": "package s001_test\n\nimport (\n\t\"example.com/bench/internal/svc/s000\"\n\t\"example.com/bench/internal/svc/s001\"\n\t\"example.com/bench/internal/tenant\"\n)\n\n" +
			"var extLeads = tenant.NewRepository[s001.Lead](\"ext\")\n\nvar extAccounts = tenant.NewRepository[s000.Account](\"ext\")\n\n" +
			"var extFixtures = tenant.NewRepository[s001.Fixture](\"fixtures\")\n",
		// s001 imports s000: the external test of s000 imports s001
		// recompiled for the test, and reads export data.
		"internal/svc/s000/models_test.go": "package s000\n\nimport \"example.com/bench/internal/tenant\"\n\nvar testAccounts = tenant.NewRepository[Account](\"test\")\n",
		"internal/svc/s000/ext_test.go":    "package s000_test\n\nimport (\n\t\"example.com/bench/internal/svc/s001\"\n\t\"example.com/bench/internal/tenant\"\n)\n\nvar extLeads = tenant.NewRepository[s001.Lead](\"ext0\")\n",
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
			if withTests && !slices.ContainsFunc(roots, func(p *golist.Listed) bool { return recompiledImports(p, byPath) }) {
				t.Fatal("no root imports a package recompiled for a test")
			}
			t.Setenv("TENANTLINT_CACHE", t.TempDir())
			fromSource := fromList(dir, withTests, pkgs, false)
			t.Setenv("TENANTLINT_CACHE", t.TempDir())
			fromExport := fromList(dir, withTests, pkgs, true)
			if len(fromSource.Sites) == 0 || len(fromSource.Repos) == 0 {
				t.Fatalf("the module indexes nothing: %d sites, %d repositories", len(fromSource.Sites), len(fromSource.Repos))
			}
			if fixtures := fromSource.Sites["example.com/bench/internal/svc/s001.Fixture"]; withTests && len(fixtures) != 1 {
				t.Errorf("the external test's repository of the test variant's Fixture: %v", fixtures)
			}
			if !reflect.DeepEqual(fromSource, fromExport) {
				for name, pair := range map[string][2]any{
					"sites": {fromSource.Sites, fromExport.Sites}, "imports": {fromSource.Imports, fromExport.Imports},
					"names": {fromSource.Names, fromExport.Names}, "repositories": {fromSource.Repos, fromExport.Repos},
					"unreferenced": {fromSource.Unreferenced, fromExport.Unreferenced},
				} {
					if !reflect.DeepEqual(pair[0], pair[1]) {
						t.Errorf("%s checked from source:\n%v\nfrom export data:\n%v", name, pair[0], pair[1])
					}
				}
				t.Errorf("the indexes differ (hashes %s, %s)", fromSource.Hash, fromExport.Hash)
			}
		})
	}
}

// TestSourceScansAfterAnEdit: a file edited between go list and the
// scan to import a package that imports it (later in the order) does not
// make the build wait for ever.
func TestSourceScansAfterAnEdit(t *testing.T) {
	dir := t.TempDir()
	if _, err := benchgen.Generate(dir, benchgen.Options{Packages: 2, Files: 1}); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("TENANTLINT_CACHE", t.TempDir())
	pkgs, err := golist.List(dir, false, "./...")
	if err != nil {
		t.Fatal(err)
	}
	// s001 imports s000; now s000 imports s001 too.
	edit := "package s000\n\nimport \"example.com/bench/internal/svc/s001\"\n\nvar _ = s001.NewLookups\n"
	if err := os.WriteFile(filepath.Join(dir, "internal/svc/s000/edit.go"), []byte(edit), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range pkgs {
		if p.ImportPath == "example.com/bench/internal/svc/s000" {
			p.CompiledGoFiles = append(p.CompiledGoFiles, "edit.go")
		}
	}
	built := make(chan *Index)
	go func() { built <- fromList(dir, false, pkgs, false) }()
	select {
	case ix := <-built:
		if len(ix.Sites) == 0 {
			t.Error("the module indexes nothing")
		}
	case <-time.After(time.Minute):
		t.Fatal("the build is still waiting after a minute")
	}
}

// TestSourceOrder: importers after their imports; export data
// everywhere when a scan was cached, a package of the module uses cgo, a
// package outside it imports one of it, imports cycle, or a root that
// reads export data is imported.
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
		{
			name: "external test",
			roots: []*golist.Listed{
				{ImportPath: "m/b_test [m/b.test]", ForTest: "m/b", Imports: []string{"m/b [m/b.test]", "m/d [m/b.test]"}},
				{ImportPath: "m/b [m/b.test]", ForTest: "m/b", Imports: []string{"m/c"}},
				pkg("m/c"),
			},
			// Recompiled for the test: its root reads export data.
			deps: []*golist.Listed{{ImportPath: "m/d [m/b.test]", ForTest: "m/b", DepOnly: true, Imports: []string{"m/b [m/b.test]"}}},
			cold: true,
			want: []string{"m/c", "m/b [m/b.test]", "m/b_test [m/b.test]"},
		},
		{
			name:  "importing a root that reads export data",
			roots: []*golist.Listed{pkg("m/a", "m/b"), pkg("m/b", "m/c [m/x.test]")},
			deps:  []*golist.Listed{{ImportPath: "m/c [m/x.test]", ForTest: "m/x", DepOnly: true}},
			cold:  true,
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

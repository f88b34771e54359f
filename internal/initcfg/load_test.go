package initcfg

import (
	"slices"
	"strings"
	"testing"
)

// TestLoadCompilesNoModulePackage: the go command is asked for the export
// data of the dependencies outside the module only; the module's packages
// are type-checked once, from source, each importing the others' checked
// types (go/packages compiled the whole module first, then type-checked it
// again).
func TestLoadCompilesNoModulePackage(t *testing.T) {
	offline(t)
	dir := shapesModule(t)
	var calls [][]string
	record := func(d string, args ...string) ([]*listedPkg, error) {
		calls = append(calls, args)
		return goList(d, args...)
	}
	pkgs, err := loadModule(dir, "go1.26", record)
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) != 8 {
		t.Errorf("loaded %d packages, want the 8 of the module", len(pkgs))
	}
	byPath := map[string]bool{}
	for _, p := range pkgs {
		byPath[p.PkgPath] = true
		if len(p.Errors) > 0 || p.Types == nil || !p.Types.Complete() {
			t.Errorf("%s: errors %v, types %v", p.PkgPath, p.Errors, p.Types)
		}
		// An import of a module package is the very package checked here.
		for _, imp := range p.Types.Imports() {
			if strings.HasPrefix(imp.Path(), "example.com/shapes/") {
				for _, q := range pkgs {
					if q.PkgPath == imp.Path() && q.Types != imp {
						t.Errorf("%s imports another copy of %s", p.PkgPath, imp.Path())
					}
				}
			}
		}
	}
	if len(calls) != 2 || slices.Contains(calls[0], "-export") || !slices.Contains(calls[1], "-export") {
		t.Fatalf("go list calls %q: want a listing, then the export data of the dependencies", calls)
	}
	var exported []string
	for _, a := range calls[1] {
		if byPath[a] {
			t.Errorf("the go command was asked to compile module package %s", a)
		}
		if !strings.HasPrefix(a, "-") {
			exported = append(exported, a)
		}
	}
	for _, want := range []string{"context", "github.com/redis/go-redis/v9"} {
		if !slices.Contains(exported, want) {
			t.Errorf("no export data asked for %s: %q", want, exported)
		}
	}
}

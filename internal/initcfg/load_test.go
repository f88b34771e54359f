package initcfg

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/golist"
)

// TestLoadCompilesNoModulePackage: the go command is asked for the export
// data of the dependencies outside the module only; the module's packages
// are type-checked once, from source, each importing the others' checked
// types (go/packages compiled the whole module first, then type-checked it
// again).
func TestLoadCompilesNoModulePackage(t *testing.T) {
	offline(t)
	dir := shapesModule(t)
	var calls []golist.ListOptions
	var exported []string
	record := func(d string, o golist.ListOptions, patterns ...string) ([]*golist.Listed, error) {
		calls = append(calls, o)
		if o.Export {
			exported = append(exported, patterns...)
		}
		return golist.ListWith(d, o, patterns...)
	}
	pkgs, err := loadModule(dir, record)
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
	if len(calls) != 2 || calls[0].Export || calls[0].Compiled || !calls[1].Export || calls[1].Compiled {
		t.Fatalf("go list calls %+v: want a listing, then the export data of the dependencies", calls)
	}
	for _, a := range exported {
		if byPath[a] {
			t.Errorf("the go command was asked to compile module package %s", a)
		}
	}
	for _, want := range []string{"context", "github.com/redis/go-redis/v9"} {
		if !slices.Contains(exported, want) {
			t.Errorf("no export data asked for %s: %q", want, exported)
		}
	}
}

// TestLoadGoVersionPerModule: each package is type-checked for the Go
// version that go list gives for its own module (Module.GoVersion), as
// the compiler and the streaming driver do, not the version of the go.mod
// at the root. The lister says that package old belongs to a module at go
// 1.21: its range over an int is rejected there ("requires go1.22"),
// while the same code in package cur, at the root's go 1.26, is fine.
func TestLoadGoVersionPerModule(t *testing.T) {
	offline(t)
	const src = "\n\nfunc N() int {\n\tn := 0\n\tfor i := range 3 {\n\t\tn += i\n\t}\n\treturn n\n}\n"
	dir := writeModule(t, map[string]string{
		"go.mod":     "module example.com/v\n\ngo 1.26\n",
		"old/old.go": "package old" + src,
		"cur/cur.go": "package cur" + src,
	})
	older := func(d string, o golist.ListOptions, patterns ...string) ([]*golist.Listed, error) {
		pkgs, err := golist.ListWith(d, o, patterns...)
		for _, p := range pkgs {
			if p.ImportPath == "example.com/v/old" && p.Module != nil {
				m := *p.Module
				m.GoVersion = "1.21"
				p.Module = &m
			}
		}
		return pkgs, err
	}
	pkgs, err := loadModule(dir, older)
	if err != nil {
		t.Fatal(err)
	}
	errs := map[string]string{}
	for _, p := range pkgs {
		errs[p.PkgPath] = fmt.Sprint(p.Errors)
	}
	if got := errs["example.com/v/old"]; !strings.Contains(got, "requires go1.22") {
		t.Errorf("old (go 1.21): errors %s, want a range over int requiring go1.22", got)
	}
	if got := errs["example.com/v/cur"]; got != "[]" {
		t.Errorf("cur (go 1.26): errors %s, want none", got)
	}
}

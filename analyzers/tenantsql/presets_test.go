package tenantsql_test

import (
	"go/types"
	"os"
	"sort"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/tenantlint/tenantlint/internal/config"
)

// Every method and function of every SQL preset exists in the library
// (database/sql from the standard library, the others from stubs of
// their real method sets under testdata/src) and takes a string at the
// preset's index.
func TestPresetsMatchTheLibraries(t *testing.T) {
	paths := map[string]bool{}
	for _, apis := range config.SQLPresets {
		for _, a := range apis {
			paths[a.Pkg] = true
		}
	}
	var patterns []string
	for p := range paths {
		patterns = append(patterns, p)
	}
	sort.Strings(patterns)
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedTypes,
		Env:  append(os.Environ(), "GOPATH="+testdata(t), "GO111MODULE=off", "GOFLAGS="),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]*types.Package{}
	for _, p := range pkgs {
		if len(p.Errors) > 0 {
			t.Fatalf("%s: %v", p.PkgPath, p.Errors)
		}
		byPath[p.PkgPath] = p.Types
	}
	for name, apis := range config.SQLPresets {
		for _, a := range apis {
			pkg := byPath[a.Pkg]
			if pkg == nil {
				t.Fatalf("preset %s: package %s not loaded", name, a.Pkg)
			}
			for _, typ := range a.Types {
				tn, ok := pkg.Scope().Lookup(typ).(*types.TypeName)
				if !ok {
					t.Errorf("preset %s: %s has no type %s", name, a.Pkg, typ)
					continue
				}
				recv := tn.Type()
				if !types.IsInterface(recv) {
					recv = types.NewPointer(recv)
				}
				for m, idx := range a.Methods {
					obj, _, _ := types.LookupFieldOrMethod(recv, true, pkg, m)
					fn, ok := obj.(*types.Func)
					if !ok {
						t.Errorf("preset %s: %s.%s has no method %s", name, a.Pkg, typ, m)
						continue
					}
					checkQueryParam(t, name, a.Pkg+"."+typ+"."+m, fn, idx)
				}
			}
			for f, idx := range a.Funcs {
				fn, ok := pkg.Scope().Lookup(f).(*types.Func)
				if !ok {
					t.Errorf("preset %s: %s has no function %s", name, a.Pkg, f)
					continue
				}
				checkQueryParam(t, name, a.Pkg+"."+f, fn, idx)
			}
		}
	}
}

func checkQueryParam(t *testing.T, preset, name string, fn *types.Func, idx int) {
	t.Helper()
	params := fn.Type().(*types.Signature).Params()
	if idx >= params.Len() {
		t.Errorf("preset %s: %s has %d parameters, the query is at %d", preset, name, params.Len(), idx)
		return
	}
	if b, ok := params.At(idx).Type().(*types.Basic); !ok || b.Kind() != types.String {
		t.Errorf("preset %s: %s's parameter %d is a %s, not the query string", preset, name, idx, params.At(idx).Type())
	}
}

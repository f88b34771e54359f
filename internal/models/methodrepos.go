package models

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/tenantlint/tenantlint/internal/rules"
)

// MethodRepo describes a package-level defined type by its methods: what
// repository.methods needs to decide whether it is a tenant-aware
// repository (IsMethodRepo), and the models it then covers. It holds no
// configuration, so that the module index can store it once for any
// configuration.
type MethodRepo struct {
	Type    rules.QName
	Pos     token.Pos
	Params  []string // the parameter names of its methods, sorted, without duplicates
	Getters []string // the names of its methods that return something, sorted
	// Models lists the package-level struct types (generic ones by their
	// origin) that its methods take or return as M, *M, []M, []*M or as
	// the values of a map, or that the bodies of its methods declared in
	// the package construct or declare in those shapes (bodymodels.go),
	// sorted; the type itself is left out.
	Models []rules.QName
}

// MethodRepos lists the package-level defined types declared in files
// whose methods take or return a struct type. The methods are those of
// the method set of *T (of T for an interface): pointer and value
// receivers, exported or not, promoted through embedding, and an
// interface's embedded interfaces' methods. Methods declared in _test.go
// files count only when tests is set.
func MethodRepos(fset *token.FileSet, files []*ast.File, info *types.Info, tests bool) []MethodRepo {
	var out []MethodRepo
	var bodies map[string]map[rules.QName]bool // built on the first type that may have methods
	for _, f := range files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, s := range gd.Specs {
				spec := s.(*ast.TypeSpec)
				if spec.Assign.IsValid() {
					continue // an alias has the methods of the type it names
				}
				tn, ok := info.Defs[spec.Name].(*types.TypeName)
				if !ok || tn.Pkg() == nil || tn.Parent() != tn.Pkg().Scope() || !mayHaveMethods(tn.Type()) {
					continue // most types: computing a method set costs more
				}
				if bodies == nil {
					bodies = bodyModels(fset, files, tn.Pkg(), tests)
				}
				if mr, ok := describeMethods(fset, tn, bodies[tn.Name()], tests); ok {
					out = append(out, mr)
				}
			}
		}
	}
	return out
}

func describeMethods(fset *token.FileSet, tn *types.TypeName, inBodies map[rules.QName]bool, tests bool) (MethodRepo, bool) {
	self, _ := rules.ObjName(tn)
	mr := MethodRepo{Type: self, Pos: tn.Pos()}
	params, getters, models := map[string]bool{}, map[string]bool{}, map[rules.QName]bool{}
	t := tn.Type()
	if !types.IsInterface(t) {
		t = types.NewPointer(t) // pointer receivers count
	}
	ms := types.NewMethodSet(t)
	for i := 0; i < ms.Len(); i++ {
		fn, ok := ms.At(i).Obj().(*types.Func)
		if !ok || (!tests && strings.HasSuffix(fset.Position(fn.Pos()).Filename, "_test.go")) {
			continue
		}
		sig := fn.Type().(*types.Signature)
		if sig.Results().Len() > 0 {
			getters[fn.Name()] = true
		}
		for _, tuple := range []*types.Tuple{sig.Params(), sig.Results()} {
			for j := 0; j < tuple.Len(); j++ {
				v := tuple.At(j)
				if tuple == sig.Params() && v.Name() != "" && v.Name() != "_" {
					params[v.Name()] = true
				}
				if m, ok := ModelIn(v.Type()); ok && m != self {
					models[m] = true
				}
			}
		}
	}
	for m := range inBodies {
		if m != self {
			models[m] = true
		}
	}
	if len(models) == 0 {
		return MethodRepo{}, false
	}
	mr.Params, mr.Getters = slices.Sorted(maps.Keys(params)), slices.Sorted(maps.Keys(getters))
	for m := range models {
		mr.Models = append(mr.Models, m)
	}
	sort.Slice(mr.Models, func(i, j int) bool { return mr.Models[i].String() < mr.Models[j].String() })
	return mr, true
}

// mayHaveMethods reports whether t can have methods: it declares some,
// is an interface, or is a struct with embedded fields.
func mayHaveMethods(t types.Type) bool {
	if n, ok := t.(*types.Named); ok && n.NumMethods() > 0 {
		return true
	}
	switch u := t.Underlying().(type) {
	case *types.Interface:
		return true
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if u.Field(i).Embedded() {
				return true
			}
		}
	}
	return false
}

// ModelIn returns the struct type that t holds as M, *M, []M, []*M, or
// as the value type of a map: the shapes in which a repository takes or
// returns its models. Map keys, channels, functions, arrays and named
// collection types are not looked into.
func ModelIn(t types.Type) (rules.QName, bool) {
	switch x := types.Unalias(t).(type) {
	case *types.Slice:
		t = x.Elem()
	case *types.Map:
		t = x.Elem()
	}
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	named, ok := t.(*types.Named)
	if !ok {
		return rules.QName{}, false
	}
	obj := named.Origin().Obj()
	if obj.Pkg() == nil || obj.Parent() != obj.Pkg().Scope() {
		return rules.QName{}, false // a type declared in a function is no model
	}
	if _, ok := named.Underlying().(*types.Struct); !ok {
		return rules.QName{}, false
	}
	return rules.ObjName(obj)
}

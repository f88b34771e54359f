package models

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/tenantlint/tenantlint/internal/rules"
)

// Instance is an instantiation G[M, ...] of a generic type G held at
// package level: in a var's type or initializer, a type or alias
// declaration, or a field of a package-level struct type. M is the first
// type argument.
type Instance struct {
	Generic rules.QName
	Model   rules.QName // the origin of M
	Pos     token.Pos
}

// PackageLevelInstances lists the instantiations that can cover a model.
// Instantiations in function bodies and signatures are not listed.
//
// A var counts through its type and through the type of each of its
// initializers (so var R Store = NewRepository[M](...) counts even when
// Store is an interface); a struct type, named or the anonymous type of
// a var, counts through the types of its fields. An instantiation of a
// generic alias of G counts both as the alias and as G.
func PackageLevelInstances(files []*ast.File, info *types.Info) []Instance {
	var out []Instance
	add := func(t types.Type, pos token.Pos) {
		for _, in := range instancesOf(t) {
			in.Pos = pos
			out = append(out, in)
		}
	}
	addWithFields := func(t types.Type, pos token.Pos) {
		add(t, pos)
		if st, ok := types.Unalias(t).(*types.Struct); ok {
			for i := 0; i < st.NumFields(); i++ {
				add(st.Field(i).Type(), st.Field(i).Pos())
			}
		}
	}
	for _, f := range files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, s := range gd.Specs {
				switch s := s.(type) {
				case *ast.ValueSpec:
					if gd.Tok != token.VAR {
						continue
					}
					for _, n := range s.Names {
						if v, ok := info.Defs[n].(*types.Var); ok {
							addWithFields(v.Type(), n.Pos())
						}
					}
					if s.Type == nil {
						continue // the initializers' types are the vars' types
					}
					for _, e := range s.Values {
						if tv, ok := info.Types[e]; ok && tv.Type != nil {
							add(tv.Type, e.Pos())
						}
					}
				case *ast.TypeSpec:
					tv, ok := info.Types[s.Type]
					if !ok {
						continue
					}
					addWithFields(tv.Type, s.Name.Pos())
				}
			}
		}
	}
	return out
}

// instancesOf matches T[M, ...] or *T[M, ...] where M is a package-level
// defined type. When T[M] is written through generic aliases, each alias
// in the chain yields an instance too, so that a generic alias can be
// configured as a repository type.
func instancesOf(t types.Type) []Instance {
	var out []Instance
	pointer := false
	for {
		switch x := t.(type) {
		case *types.Alias:
			if x.TypeArgs().Len() > 0 {
				if in, ok := instance(x.Origin().Obj(), x.TypeArgs()); ok {
					out = append(out, in)
				}
			}
			t = x.Rhs()
		case *types.Pointer:
			if pointer {
				return out
			}
			pointer = true
			t = x.Elem()
		case *types.Named:
			if x.TypeArgs().Len() > 0 {
				if in, ok := instance(x.Origin().Obj(), x.TypeArgs()); ok {
					out = append(out, in)
				}
			}
			return out
		default:
			return out
		}
	}
}

func instance(generic *types.TypeName, args *types.TypeList) (Instance, bool) {
	g, ok := rules.ObjName(generic)
	if !ok {
		return Instance{}, false
	}
	arg, ok := types.Unalias(args.At(0)).(*types.Named)
	if !ok {
		return Instance{}, false // M is no defined type: *M, []M, a type parameter
	}
	obj := arg.Origin().Obj()
	m, ok := rules.ObjName(obj)
	if !ok || obj.Parent() != obj.Pkg().Scope() {
		return Instance{}, false // a type declared in a function is no model
	}
	return Instance{Generic: g, Model: m}, true
}

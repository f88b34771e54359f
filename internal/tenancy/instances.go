package tenancy

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Instance is an instantiation G[M, ...] of a generic type G held at
// package level: in a var's type, a type or alias declaration, or a field
// of a package-level struct type. M is the first type argument.
type Instance struct {
	Generic QName
	Model   QName // the origin of M
	Pos     token.Pos
}

// PackageLevelInstances lists the instantiations that can cover a model.
// Instantiations in function bodies and signatures are not listed.
func PackageLevelInstances(files []*ast.File, info *types.Info) []Instance {
	var out []Instance
	add := func(t types.Type, pos token.Pos) {
		if in, ok := instanceOf(t); ok {
			in.Pos = pos
			out = append(out, in)
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
							add(v.Type(), n.Pos())
						}
					}
				case *ast.TypeSpec:
					tv, ok := info.Types[s.Type]
					if !ok {
						continue
					}
					add(tv.Type, s.Name.Pos())
					if st, ok := types.Unalias(tv.Type).(*types.Struct); ok {
						for i := 0; i < st.NumFields(); i++ {
							add(st.Field(i).Type(), st.Field(i).Pos())
						}
					}
				}
			}
		}
	}
	return out
}

// instanceOf matches T[M, ...] or *T[M, ...] where M is a defined type.
func instanceOf(t types.Type) (Instance, bool) {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	n, ok := t.(*types.Named)
	if !ok || n.TypeArgs().Len() == 0 {
		return Instance{}, false
	}
	g, ok := ObjName(n.Origin().Obj())
	if !ok {
		return Instance{}, false
	}
	arg, ok := types.Unalias(n.TypeArgs().At(0)).(*types.Named)
	if !ok {
		return Instance{}, false
	}
	m, ok := ObjName(arg.Origin().Obj())
	if obj := arg.Origin().Obj(); !ok || obj.Parent() != obj.Pkg().Scope() {
		return Instance{}, false // a type declared in a function is no model
	}
	return Instance{Generic: g, Model: m}, true
}

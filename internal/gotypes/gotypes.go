// Package gotypes holds the small go/types and go/ast helpers that
// several rule packages need (ctxscope, cachekeys, rules, the analyzers),
// so that each is written once, below all of them.
package gotypes

import (
	"go/ast"
	"go/types"
)

// Deref removes aliases and one pointer from t: the type a method set or
// a field lookup is about.
func Deref(t types.Type) types.Type {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		return types.Unalias(p.Elem())
	}
	return t
}

// FuncName is the short name of a function or method that messages use:
// "pkg.Func" or "pkg.Type.Method" (the generic origin's).
func FuncName(fn *types.Func) string {
	fn = fn.Origin()
	if recv := fn.Type().(*types.Signature).Recv(); recv != nil {
		if n, ok := Deref(recv.Type()).(*types.Named); ok {
			return fn.Pkg().Name() + "." + n.Obj().Name() + "." + fn.Name()
		}
	}
	return fn.Pkg().Name() + "." + fn.Name()
}

// FieldVars returns the variables a parameter, result or receiver list
// declares, in order; a blank or unnamed one is nil, so that the indexes
// are the positions.
func FieldVars(info *types.Info, fl *ast.FieldList) []*types.Var {
	if fl == nil {
		return nil
	}
	var out []*types.Var
	for _, f := range fl.List {
		for _, name := range f.Names {
			v, _ := info.Defs[name].(*types.Var)
			out = append(out, v)
		}
		if len(f.Names) == 0 {
			out = append(out, nil)
		}
	}
	return out
}

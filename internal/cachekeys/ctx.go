package cachekeys

import (
	"go/ast"
	"go/token"
	"go/types"
)

// IsContextType reports whether t is context.Context.
func IsContextType(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context"
}

func isRequestPtr(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "net/http" && n.Obj().Name() == "Request"
}

// Context is a context expression usable at a call: a context.Context
// variable, or r.Context() for an *http.Request r.
type Context struct {
	Var  *types.Var
	Text string
}

// FindContext looks for a context in lexical scope at pos: a parameter or
// a local declared before pos, in the enclosing function or any function
// enclosing a closure, nearest first; else an *http.Request parameter,
// whose Context() is used. A local holding only context.Background() or
// context.TODO() (or nothing) does not count: it carries no tenant; nor
// does a local *http.Request, which the code built itself.
func (s *FuncScope) FindContext(pos token.Pos) (Context, bool) {
	inner := s.pkg.Scope().Innermost(pos)
	var req *types.Var
	for sc := inner; sc != nil && sc != s.pkg.Scope() && sc.Parent() != s.pkg.Scope(); sc = sc.Parent() {
		var best *types.Var
		for _, name := range sc.Names() {
			v, ok := sc.Lookup(name).(*types.Var)
			if !ok || name == "_" || v.Pos() >= pos {
				continue
			}
			if _, vis := inner.LookupParent(name, pos); vis != v {
				continue // shadowed at pos
			}
			switch {
			case IsContextType(v.Type()) && s.carriesTenant(v):
				if best == nil || name == "ctx" {
					best = v
				}
			case req == nil && s.params[v] && isRequestPtr(v.Type()):
				req = v
			}
		}
		if best != nil {
			return Context{Var: best, Text: best.Name()}, true
		}
	}
	if req != nil {
		return Context{Var: req, Text: req.Name() + ".Context()"}, true
	}
	return Context{}, false
}

// VisibleAt reports whether the context's variable is the one its name
// denotes at pos.
func (s *FuncScope) VisibleAt(c Context, pos token.Pos) bool {
	inner := s.pkg.Scope().Innermost(pos)
	if inner == nil || c.Var.Pos() >= pos {
		return false
	}
	_, obj := inner.LookupParent(c.Var.Name(), pos)
	return obj == c.Var
}

func (s *FuncScope) carriesTenant(v *types.Var) bool {
	if s.params[v] {
		return true
	}
	as := s.assigns[v]
	if len(as) == 0 {
		return false
	}
	for _, a := range as {
		switch {
		case a.kind == assignNil:
			// var ctx context.Context is nil: it carries nothing.
		case a.kind != assignValue || !s.isEmptyContext(a.rhs):
			return true
		}
	}
	return false
}

func (s *FuncScope) isEmptyContext(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok && (s.isFunc(call, "context", "Background") || s.isFunc(call, "context", "TODO"))
}

package cachekeys

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Gap says where a key lacks the tenant on some path but not on all:
// What happens at Pos ("the tenant is written into h only inside the if",
// "k is assigned no tenant value").
type Gap struct {
	What string
	Pos  token.Pos
}

// MissingPath explains an unscoped key that holds the tenant on some
// paths only (with cache.tenant_values): a hasher whose tenant write is
// conditional, or a local assigned a tenant value on one path and
// something else on another. It follows the locals the key is built from.
func (s *FuncScope) MissingPath(key ast.Expr) (Gap, bool) {
	if s.rules.Values == nil {
		return Gap{}, false
	}
	return s.missingPath(key, map[*types.Var]bool{})
}

func (s *FuncScope) missingPath(e ast.Expr, seen map[*types.Var]bool) (Gap, bool) {
	var gap Gap
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if h := s.hasherSum(n); h != nil {
				if scoped, where := s.sumScoped(n, h); !scoped && where != nil {
					gap, found = Gap{What: "the tenant is written into " + h.v.Name() + " only " + where.what, Pos: posOf(where.at, n)}, true
					return false
				}
			}
		case *ast.Ident:
			if v := s.localVar(n); v != nil && !seen[v] {
				seen[v] = true
				gap, found = s.varGap(v, seen)
			}
		}
		return true
	})
	return gap, found
}

// varGap explains a local: assigned a scoped value and an unscoped one
// (the first unscoped is the gap), or else what its values are built from.
func (s *FuncScope) varGap(v *types.Var, seen map[*types.Var]bool) (Gap, bool) {
	var scoped, unscoped []assignment
	for _, a := range s.assigns[v] {
		switch {
		case a.kind == assignValue && s.StringScoped(a.rhs), a.kind == assignConcat && s.StringScoped(a.rhs),
			a.kind == assignResult && s.resultScoped(a):
			scoped = append(scoped, a)
		case a.kind == assignValue, a.kind == assignResult, a.kind == assignConcat:
			unscoped = append(unscoped, a)
		}
	}
	if len(scoped) > 0 {
		// v += x adds to a value; the value assigned is what lacks it.
		for _, a := range unscoped {
			if a.kind != assignConcat {
				return Gap{What: v.Name() + " is assigned no tenant value", Pos: a.rhs.Pos()}, true
			}
		}
	}
	for _, a := range unscoped {
		if g, ok := s.missingPath(a.rhs, seen); ok {
			return g, true
		}
	}
	return Gap{}, false
}

func posOf(n, fallback ast.Node) token.Pos {
	if n != nil {
		return n.Pos()
	}
	return fallback.Pos()
}

package cachekeys

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/gotypes"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// MatchNode recognises a cache call at n: a call of a cache method or
// function, of a cache helper (MatchCallVia), or a keyed access to a map
// field used as a cache (MatchMapAccess).
func MatchNode(r *rules.Rules, info *types.Info, h *Helpers, n ast.Node) (*CacheCall, bool) {
	if call, ok := n.(*ast.CallExpr); ok {
		if c, ok := MatchCallVia(r, info, h, call); ok {
			return c, true
		}
	}
	return MatchMapAccess(r, info, n)
}

// MatchMapAccess recognises a keyed access to a map field configured as a
// cache (cache.apis field): an index expression t.items[k] (a read, a
// write, v, ok := ...) or delete(t.items, k). It returns a cache call
// with the key k; its Call is made up (Fun: the field's selector, Args:
// the key), and At is the expression in the source.
func MatchMapAccess(r *rules.Rules, info *types.Info, n ast.Node) (*CacheCall, bool) {
	if len(r.MapFields) == 0 {
		return nil, false
	}
	var x, k ast.Expr
	switch n := n.(type) {
	case *ast.IndexExpr:
		x, k = n.X, n.Index
	case *ast.CallExpr:
		if b, ok := info.Uses[identOf(n.Fun)].(*types.Builtin); !ok || b.Name() != "delete" || len(n.Args) != 2 {
			return nil, false
		}
		x, k = n.Args[0], n.Args[1]
	default:
		return nil, false
	}
	sel, ok := ast.Unparen(x).(*ast.SelectorExpr)
	if !ok {
		return nil, false
	}
	api, m, ok := matchMapField(r, info, sel)
	if !ok {
		return nil, false
	}
	key := types.NewParam(k.Pos(), nil, "key", m.Key())
	sig := types.NewSignatureType(nil, nil, nil, types.NewTuple(key), types.NewTuple(types.NewVar(k.Pos(), nil, "", m.Elem())), false)
	call := &ast.CallExpr{Fun: sel, Lparen: k.Pos() - 1, Args: []ast.Expr{k}, Rparen: k.End()}
	return &CacheCall{Call: call, API: api, Spec: config.KeyArgs{Key: config.IntList{0}}, Args: call.Args, Sig: sig, At: n, Map: m}, true
}

// matchMapField reports whether sel selects a configured map field, on
// the type that declares it or on one that embeds it.
func matchMapField(r *rules.Rules, info *types.Info, sel *ast.SelectorExpr) (string, *types.Map, bool) {
	s, ok := info.Selections[sel]
	if !ok || s.Kind() != types.FieldVal {
		return "", nil, false
	}
	m, ok := s.Obj().Type().Underlying().(*types.Map)
	if !ok {
		return "", nil, false
	}
	name := sel.Sel.Name
	t := s.Recv()
	path := s.Index()
	for i := 0; ; i++ {
		if n, ok := gotypes.Deref(t).(*types.Named); ok {
			q, _ := rules.ObjName(n.Origin().Obj())
			if r.MapFields[q][name] {
				return n.Obj().Pkg().Name() + "." + q.Name + "." + name, m, true
			}
		}
		if i >= len(path)-1 {
			return "", nil, false
		}
		st, ok := gotypes.Deref(t).Underlying().(*types.Struct)
		if !ok || path[i] >= st.NumFields() {
			return "", nil, false
		}
		t = st.Field(path[i]).Type()
	}
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// Pos is where the cache call is in the source: the call, or for a map
// field (MatchMapAccess) the index expression or delete call.
func (c *CacheCall) Pos() token.Pos {
	if c.At != nil {
		return c.At.Pos()
	}
	return c.Call.Pos()
}

// End is where the cache call ends in the source (see Pos).
func (c *CacheCall) End() token.Pos {
	if c.At != nil {
		return c.At.End()
	}
	return c.Call.End()
}

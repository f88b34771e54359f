package tenancy

import (
	"fmt"
	"go/ast"
	"go/types"
)

const whyElsewhere = "the keys are built where the fix cannot wrap them one by one"

func (s *FuncScope) plainKey(e ast.Expr) []Key {
	if s.StringScoped(e) {
		return nil
	}
	return []Key{{Arg: e, Shape: KeyPlain, Wrap: []ast.Expr{e}}}
}

func (s *FuncScope) sliceKey(e ast.Expr) []Key {
	if s.SliceScoped(e) {
		return nil
	}
	k := Key{Arg: e, Shape: KeyElem}
	var ok bool
	if lit, isLit := ast.Unparen(e).(*ast.CompositeLit); isLit {
		k.Wrap, ok = s.unscopedElems(lit), true
	} else if v := s.localVar(e); v != nil {
		k.Wrap, ok = s.unscopedSliceVarElems(v)
	}
	if !ok || len(k.Wrap) == 0 {
		k.Wrap, k.Why = nil, whyElsewhere
	}
	return []Key{k}
}

func (s *FuncScope) unscopedElems(lit *ast.CompositeLit) []ast.Expr {
	var out []ast.Expr
	for _, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			el = kv.Value
		}
		if !s.StringScoped(el) {
			out = append(out, el)
		}
	}
	return out
}

// unscopedSliceVarElems finds the unscoped elements put into a local
// slice variable, when every assignment is one the fix can edit.
func (s *FuncScope) unscopedSliceVarElems(v *types.Var) ([]ast.Expr, bool) {
	as, ok := s.localAssignments(v)
	if !ok {
		return nil, false
	}
	var out []ast.Expr
	for _, a := range as {
		switch a.kind {
		case assignNil:
		case assignElem:
			if !s.StringScoped(a.rhs) {
				out = append(out, a.rhs)
			}
		case assignValue:
			elems, ok := s.sliceValueElems(a.rhs, v)
			if !ok {
				return nil, false
			}
			out = append(out, elems...)
		default:
			return nil, false
		}
	}
	return out, true
}

func (s *FuncScope) sliceValueElems(e ast.Expr, self *types.Var) ([]ast.Expr, bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		return s.unscopedElems(e), true
	case *ast.CallExpr:
		if s.isBuiltin(e, "make") {
			return nil, true
		}
		if !s.isBuiltin(e, "append") || e.Ellipsis.IsValid() || len(e.Args) == 0 {
			return nil, false
		}
		if base := s.localVar(e.Args[0]); base != self && !s.SliceScoped(e.Args[0]) {
			return nil, false
		}
		var out []ast.Expr
		for _, a := range e.Args[1:] {
			if !s.StringScoped(a) {
				out = append(out, a)
			}
		}
		return out, true
	case *ast.Ident:
		return nil, s.SliceScoped(e)
	}
	return nil, false
}

func (s *FuncScope) itemKey(e ast.Expr, field string) []Key {
	if s.ItemScoped(e, field) {
		return nil
	}
	k := Key{Arg: e, Shape: KeyItem}
	if lit := ItemLiteral(e); lit != nil {
		if f := LiteralField(lit, field); f != nil {
			k.Wrap = []ast.Expr{f}
		} else {
			k.Why = fmt.Sprintf("the item sets no %s field", field)
		}
		return []Key{k}
	}
	if v := s.localVar(e); v != nil {
		if wrap, why := s.itemVarKeys(v, field); why == "" {
			k.Wrap = wrap
			return []Key{k}
		} else {
			k.Why = why
			return []Key{k}
		}
	}
	k.Why = fmt.Sprintf("the item's %s is set where the fix cannot wrap it", field)
	return []Key{k}
}

func (s *FuncScope) itemVarKeys(v *types.Var, field string) ([]ast.Expr, string) {
	as, ok := s.localAssignments(v)
	if !ok {
		return nil, fmt.Sprintf("the item's %s is set where the fix cannot wrap it", field)
	}
	var out []ast.Expr
	for _, a := range as {
		switch {
		case a.kind == assignValue && ItemLiteral(a.rhs) != nil:
			f := LiteralField(ItemLiteral(a.rhs), field)
			if f == nil {
				return nil, fmt.Sprintf("the item sets no %s field", field)
			}
			if !s.StringScoped(f) {
				out = append(out, f)
			}
		case a.kind == assignField:
			if a.field == field && !s.StringScoped(a.rhs) {
				out = append(out, a.rhs)
			}
		default:
			return nil, fmt.Sprintf("the item's %s is set where the fix cannot wrap it", field)
		}
	}
	return out, ""
}

// localVar returns the local variable that e names, if any.
func (s *FuncScope) localVar(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := s.info.Uses[id].(*types.Var)
	if !ok || !s.isLocal(v) || s.params[v] {
		return nil
	}
	return v
}

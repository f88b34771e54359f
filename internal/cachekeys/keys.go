package cachekeys

import (
	"fmt"
	"github.com/tenantlint/tenantlint/internal/gotypes"
	"go/ast"
	"go/token"
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
	if lit := ItemLiteral(e); lit != nil {
		f := s.literalField(lit, field)
		switch {
		case f == nil:
			return []Key{{Arg: e, Shape: KeyItem, Why: fmt.Sprintf("the item sets no %s field", field)}}
		case s.StringScoped(f):
			return nil
		}
		return []Key{{Arg: e, Shape: KeyItem, Wrap: []ast.Expr{f}}}
	}
	if v := s.itemVar(e); v != nil {
		sites, why := s.itemVarKeys(v, field)
		switch {
		case why != "":
			return []Key{{Arg: e, Shape: KeyItem, Why: why}}
		case len(sites) == 0:
			return nil
		}
		return []Key{{Arg: e, Shape: KeyItem, Wrap: sites}}
	}
	return []Key{{Arg: e, Shape: KeyItem, Why: fmt.Sprintf("the item's %s is set where the fix cannot wrap it", field)}}
}

// itemVarKeys looks at every assignment to a local item variable: the
// item is scoped when its key field is set at least once (in a literal or
// by a field assignment) and every value it is set to is scoped. Literals
// without the field, new(T) and a declaration without a value set nothing;
// taking the item's address to pass it to a cache call changes nothing.
// It returns the unscoped values the fix wraps, or why the fix cannot
// wrap them (then the item is not scoped either).
func (s *FuncScope) itemVarKeys(v *types.Var, field string) ([]ast.Expr, string) {
	elsewhere := fmt.Sprintf("the item's %s is set where the fix cannot wrap it", field)
	as, ok := s.localAssignments(v)
	if !ok {
		return nil, elsewhere
	}
	var out []ast.Expr
	set := false
	for _, a := range as {
		switch {
		case a.kind == assignNil, a.kind == assignAddr:
		case a.kind == assignValue && s.isBuiltin0(a.rhs, "new"):
		case a.kind == assignValue && ItemLiteral(a.rhs) != nil:
			if f := s.literalField(ItemLiteral(a.rhs), field); f != nil {
				set = true
				if !s.StringScoped(f) {
					out = append(out, f)
				}
			}
		case a.kind == assignField:
			if a.field == field {
				set = true
				if !s.StringScoped(a.rhs) {
					out = append(out, a.rhs)
				}
			}
		default:
			return nil, elsewhere
		}
	}
	if !set {
		return nil, fmt.Sprintf("the item sets no %s field", field)
	}
	return out, ""
}

// itemVar returns the local variable that e names, directly or by its
// address, if any.
func (s *FuncScope) itemVar(e ast.Expr) *types.Var {
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = u.X
	}
	return s.localVar(e)
}

// literalField returns the value of field in a struct literal, keyed or
// positional.
func (s *FuncScope) literalField(lit *ast.CompositeLit, field string) ast.Expr {
	if f := LiteralField(lit, field); f != nil || len(lit.Elts) == 0 {
		return f
	}
	if _, keyed := lit.Elts[0].(*ast.KeyValueExpr); keyed {
		return nil
	}
	st, ok := gotypes.Deref(s.info.TypeOf(lit)).Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	for i := 0; i < st.NumFields() && i < len(lit.Elts); i++ {
		if st.Field(i).Name() == field {
			return lit.Elts[i]
		}
	}
	return nil
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

package cachekeys

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// Reasons why a cache call's key is unchecked: the inventory and
// tenantfix --verify count them apart from the scoped calls.
const (
	// UncheckedNonString: a key that is not a string, under the strict
	// rule (cache.report: all), which judges only strings.
	UncheckedNonString = "non-string key"
	// UncheckedTypeParam: a key of a type parameter, inside a generic
	// function; its type is known only where the function is
	// instantiated.
	UncheckedTypeParam = "key of a type parameter"
	// UncheckedCall: a non-string key made by a call the analysis does
	// not follow (a function value, or one given a context it may read
	// the tenant from).
	UncheckedCall = "key from a call not followed"
)

// OtherKeys judges the keys of a cache call that UnscopedKeys leaves
// out because they are not strings. Under the strict rule
// (tenantData false) none is judged: each is unchecked, with the
// reason. With cache.report: tenant-data a non-string key is scoped when
// it holds a tenant value (see holdsTenant), unchecked when it comes
// from a call the analysis does not follow, and unscoped otherwise (its
// fix is manual: key_func takes a string).
func (s *FuncScope) OtherKeys(c *CacheCall, tenantData bool) (unscoped []Key, unchecked []string) {
	judge := func(arg ast.Expr) {
		t := s.info.TypeOf(arg)
		if _, isTP := types.Unalias(t).(*types.TypeParam); isTP {
			unchecked = append(unchecked, UncheckedTypeParam)
			return
		}
		if !tenantData {
			unchecked = append(unchecked, UncheckedNonString)
			return
		}
		switch {
		case s.holdsTenant(arg, map[*types.Var]bool{}):
		case s.fromUnfollowedCall(arg, map[*types.Var]bool{}):
			unchecked = append(unchecked, UncheckedCall)
		default:
			unscoped = append(unscoped, Key{Arg: arg, Shape: KeyPlain,
				Why: fmt.Sprintf("the key has type %s, which key_func cannot wrap",
					types.TypeString(t, types.RelativeTo(s.pkg)))})
		}
	}
	for _, spec := range append([]config.KeyArgs{c.Spec}, c.More...) {
		for j, idx := range spec.Key {
			if idx >= len(c.Args) {
				continue
			}
			last := j == len(spec.Key)-1
			switch {
			case spec.ItemField != "", s.altScoped(c, idx):
			case last && spec.Variadic && c.Call.Ellipsis.IsValid(), spec.Slice:
				// A slice of keys: its elements are not followed one by
				// one unless they are strings.
				if t := s.info.TypeOf(c.Args[idx]); t != nil && !isStringSlice(t) {
					unchecked = append(unchecked, UncheckedNonString)
				}
			case last && spec.Variadic:
				if t := c.paramType(idx); t != nil && !rules.IsStringType(t) {
					for _, a := range c.Args[idx:] {
						judge(a)
					}
				}
			default:
				if t := c.paramType(idx); t != nil && !s.stringKey(t, c.Args[idx]) {
					judge(c.Args[idx])
				}
			}
		}
	}
	return unscoped, unchecked
}

// holdsTenant reports whether a key of any type holds a tenant value: a
// scoped string (StringScoped: key_func, tenant params, fields and funcs
// and what is built from them), a struct or array literal with such an
// element (a struct key is scoped when one of its fields holds the
// tenant), a value computed by a call from one (uuid.NewSHA1(orgID, ...)),
// or a local whose value is one of these (or, for a struct, one of whose
// fields is set to one).
func (s *FuncScope) holdsTenant(e ast.Expr, seen map[*types.Var]bool) bool {
	if s.StringScoped(e) {
		return true
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		for _, el := range e.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				el = kv.Value
			}
			if s.holdsTenant(el, seen) {
				return true
			}
		}
	case *ast.UnaryExpr:
		return e.Op == token.AND && s.holdsTenant(e.X, seen)
	case *ast.StarExpr:
		return s.holdsTenant(e.X, seen)
	case *ast.CallExpr:
		for _, a := range e.Args {
			if s.holdsTenant(a, seen) {
				return true
			}
		}
	case *ast.Ident:
		as, ok := s.unseenAssignments(e, seen)
		if !ok {
			return false
		}
		held := false
		for _, a := range as {
			switch a.kind {
			case assignNil, assignAddr:
			case assignField, assignElem:
				held = held || s.holdsTenant(a.rhs, seen)
			case assignValue, assignResult:
				switch {
				case s.holdsTenant(a.rhs, seen):
					held = true
				case a.kind == assignValue && (ItemLiteral(a.rhs) != nil || s.isBuiltin0(a.rhs, "new")):
					// k := Key{ID: id}; k.OrgID = orgID: the fields set
					// afterwards decide.
				default:
					return false
				}
			default:
				return false
			}
		}
		return held
	}
	return false
}

// fromUnfollowedCall reports whether a key is made by a call whose
// result the analysis cannot judge: a call of a function value, or of a
// function given a context.Context, which may read the tenant from it;
// directly or through a local assigned only such results.
func (s *FuncScope) fromUnfollowedCall(e ast.Expr, seen map[*types.Var]bool) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if tv, ok := s.info.Types[e.Fun]; ok && tv.IsType() {
			return len(e.Args) == 1 && s.fromUnfollowedCall(e.Args[0], seen)
		}
		fn, ok := typeutil.Callee(s.info, e).(*types.Func)
		if !ok {
			_, builtin := typeutil.Callee(s.info, e).(*types.Builtin)
			return !builtin
		}
		sig := fn.Type().(*types.Signature)
		for i := 0; i < sig.Params().Len(); i++ {
			if isContext(sig.Params().At(i).Type()) {
				return true
			}
		}
	case *ast.Ident:
		as, ok := s.unseenAssignments(e, seen)
		if !ok || len(as) == 0 {
			return false
		}
		for _, a := range as {
			if a.kind != assignValue && a.kind != assignResult || !s.fromUnfollowedCall(a.rhs, seen) {
				return false
			}
		}
		return true
	}
	return false
}

// unseenAssignments returns the assignments of the local variable that
// id names, marking it seen; false when it is no local or was seen
// (a cycle of locals proves nothing).
func (s *FuncScope) unseenAssignments(id *ast.Ident, seen map[*types.Var]bool) ([]assignment, bool) {
	v, ok := s.info.Uses[id].(*types.Var)
	if !ok || seen[v] {
		return nil, false
	}
	seen[v] = true
	return s.localAssignments(v)
}

package cachekeys

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/tenantlint/tenantlint/internal/gotypes"
)

// Keys built from a request or record (with cache.tenant_values): a key
// builder whose parameter is a struct (or a pointer to one, a proto
// message) and whose result contains one of its fields, read directly
// (req.TenantID) or through a generated getter (req.GetTenantId() for the
// field TenantId), is scoped at a call whose argument carries a tenant
// value in that field: a literal &pb.Req{TenantId: tenantID}, a local
// whose field is set only to tenant values, or a parameter whose field is
// itself followed. HelperFact.Fields carries it to other packages.

// FieldFlow says that a builder's result contains the tenant when its
// argument Param carries one in the field Field.
type FieldFlow struct {
	Param int
	Field string
}

// structParam reports whether v's type is a struct or a pointer to one.
func structParam(v *types.Var) bool {
	_, ok := gotypes.Deref(v.Type()).Underlying().(*types.Struct)
	return ok
}

// fieldsRead lists, sorted, the fields of the struct parameter v that
// body reads: v.F, v.GetF() when the struct has a field F, or the fields
// that a builder called with v builds from.
func (s *FuncScope) fieldsRead(v *types.Var, body ast.Node) []string {
	set := map[string]bool{}
	ast.Inspect(body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			for _, f := range s.fieldsPassed(v, call) {
				set[f] = true
			}
		}
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if id, ok := ast.Unparen(sel.X).(*ast.Ident); !ok || s.info.Uses[id] != v {
			return true
		}
		if f, ok := s.fieldOf(v, sel); ok {
			set[f] = true
		}
		return true
	})
	out := make([]string, 0, len(set))
	for f := range set {
		out = append(out, f)
	}
	slices.Sort(out)
	return out
}

// fieldsPassed returns the fields that call, of a key builder, builds
// from when v is the argument.
func (s *FuncScope) fieldsPassed(v *types.Var, call *ast.CallExpr) []string {
	fn, ok := typeutil.Callee(s.info, call).(*types.Func)
	if !ok {
		return nil
	}
	f := s.helpers.Lookup(fn)
	if f == nil {
		return nil
	}
	args, _ := callArgs(s.info, call, fn)
	var out []string
	for _, ff := range f.Fields {
		if ff.Param < len(args) {
			if id, ok := ast.Unparen(args[ff.Param]).(*ast.Ident); ok && s.info.Uses[id] == v {
				out = append(out, ff.Field)
			}
		}
	}
	return out
}

// fieldOf returns the field that sel (v.F or v.GetF) reads.
func (s *FuncScope) fieldOf(v *types.Var, sel *ast.SelectorExpr) (string, bool) {
	k, ok := s.info.Selections[sel]
	if !ok {
		return "", false
	}
	switch k.Kind() {
	case types.FieldVal:
		return sel.Sel.Name, true
	case types.MethodVal:
		f, isGetter := strings.CutPrefix(sel.Sel.Name, "Get")
		if !isGetter || f == "" {
			return "", false
		}
		if obj, _, _ := types.LookupFieldOrMethod(v.Type(), true, v.Pkg(), f); obj != nil {
			if fv, ok := obj.(*types.Var); ok && fv.IsField() {
				return f, true
			}
		}
	}
	return "", false
}

// fieldSeeded returns the scope of the same declaration in which the
// field f of the parameter v is a tenant value, computing it once.
func (s *FuncScope) fieldSeeded(v *types.Var, f string) *FuncScope {
	key := FieldFlow{Field: f}
	if s.byField == nil {
		s.byField = map[*types.Var]map[FieldFlow]*FuncScope{}
	}
	if sc, ok := s.byField[v][key]; ok {
		return sc
	}
	c := *s
	c.bySeed, c.byField = nil, nil
	c.fieldSeeds = map[*types.Var]map[string]bool{v: {f: true}}
	for w, fs := range s.fieldSeeds {
		for g := range fs {
			if c.fieldSeeds[w] == nil {
				c.fieldSeeds[w] = map[string]bool{}
			}
			c.fieldSeeds[w][g] = true
		}
	}
	c.solve()
	if s.byField[v] == nil {
		s.byField[v] = map[FieldFlow]*FuncScope{}
	}
	s.byField[v][key] = &c
	return &c
}

// seededField reports whether e (v.F, or v.GetF() given as the call's
// selector) reads a field seeded as a tenant value.
func (s *FuncScope) seededField(sel *ast.SelectorExpr) bool {
	if len(s.fieldSeeds) == 0 {
		return false
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := s.info.Uses[id].(*types.Var)
	if !ok || s.fieldSeeds[v] == nil {
		return false
	}
	f, ok := s.fieldOf(v, sel)
	return ok && s.fieldSeeds[v][f]
}

// getterSeeded reports whether call is v.GetF() of a seeded field.
func (s *FuncScope) getterSeeded(call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && len(call.Args) == 0 && s.seededField(sel)
}

// summarizeFields adds to f the fields of struct parameters from which
// every return gives a scoped result.
func (s *FuncScope) summarizeFields(body ast.Node, rets []returned, f *HelperFact) {
	for i, v := range s.top {
		// Flow may hold i already: a getter that takes nothing and
		// returns a string counts as the string form of a tenant value
		// (isStringForm), which says nothing of a literal argument.
		if !s.followable(v) || !structParam(v) {
			continue
		}
		for _, field := range s.fieldsRead(v, body) {
			if s.fieldSeeded(v, field).allReturnsScoped(rets) {
				f.Fields = append(f.Fields, FieldFlow{Param: i, Field: field})
			}
		}
	}
}

// argFieldScoped reports whether a call's argument carries a tenant value
// in field: a literal or a local item whose field is scoped (ItemScoped),
// or a parameter whose field is seeded here.
func (s *FuncScope) argFieldScoped(arg ast.Expr, field string) bool {
	if id, ok := ast.Unparen(arg).(*ast.Ident); ok {
		if v, ok := s.info.Uses[id].(*types.Var); ok && s.fieldSeeds[v][field] {
			return true
		}
	}
	return s.ItemScoped(arg, field)
}

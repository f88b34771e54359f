package cachekeys

import (
	"go/ast"
	"go/types"

	"github.com/tenantlint/tenantlint/internal/gotypes"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// closureOf returns the function literal that fun names when fun is a
// key builder written as a closure: a local variable assigned exactly
// once, with a function literal (key := func(id string) string {...} or
// var key = func...). A variable assigned again, declared without a value
// and set later, or whose address is taken (collect records &key as an
// unknown assignment) may call another function: it is no builder, and
// its calls are judged as any call that is not followed.
//
// A closure assigned once cannot refer to itself (a variable's scope
// starts after its declaration), so following its body cannot loop.
func (s *FuncScope) closureOf(fun ast.Expr) *ast.FuncLit {
	v := s.localVar(fun)
	if v == nil {
		return nil
	}
	as := s.assigns[v]
	if len(as) != 1 || as[0].kind != assignValue {
		return nil
	}
	lit, _ := ast.Unparen(as[0].rhs).(*ast.FuncLit)
	return lit
}

// closureScoped reports whether a call of the closure lit gives a scoped
// key: the rule of package-level key builders (summarizeResult), applied
// at the call. Every return of the literal (not of closures inside it)
// must be scoped: as it is, since the closure sees the tenant values of
// the function around it; or once one of its parameters is, when the call
// passes a scoped value to that parameter.
//
// The literal's body is evaluated in the scope of the declaration that
// holds it, under that scope's current assumptions (the fixpoint of solve
// treats it as more expressions of the same function), so nothing is
// cached here; the seeded scopes are (seededBy).
func (s *FuncScope) closureScoped(call *ast.CallExpr, lit *ast.FuncLit) bool {
	sig, ok := s.info.TypeOf(lit).(*types.Signature)
	if !ok || sig.Results().Len() == 0 || !rules.IsStringType(sig.Results().At(0).Type()) {
		return false
	}
	rets, ok := s.returns(lit.Type, lit.Body, sig)
	if !ok || len(rets) == 0 {
		return false
	}
	if s.allReturnsScoped(rets) {
		return true
	}
	for i, v := range gotypes.FieldVars(s.info, lit.Type.Params) {
		if s.followable(v) && s.argScoped(call, call.Args, sig, i) && s.seededBy(v).allReturnsScoped(rets) {
			return true
		}
	}
	return false
}

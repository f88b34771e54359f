package cachekeys

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/tenantlint/tenantlint/internal/rules"
)

// KeyForm is the shape of a key expression: what two cache calls must
// share to read and write the same entries. Constant text stays and every
// other operand is a hole, so "user:"+id, fmt.Sprintf("user:%s", id) and
// a local k := "user:" + strconv.Itoa(n) all have the form "user:"_. A
// key that is a call of a function (a key builder) is named by that
// function; a key the declaration cannot see into (a parameter, a field,
// a variable assigned more than once) is Opaque. tenantcache groups the
// calls on one cache by form, to wrap all the keys of a group or none.
func (s *FuncScope) KeyForm(e ast.Expr) string {
	var parts []string
	seen := map[*types.Var]bool{}
	for v := s.singleValue(e); v != nil && !seen[v]; v = s.singleValue(e) {
		seen[v] = true
		e = s.assigns[v][0].rhs
	}
	if fn := s.builder(e); fn != nil {
		return "builder " + fn.Origin().FullName()
	}
	s.formParts(e, &parts, seen)
	return strings.Join(parts, "")
}

// singleValue returns the local variable that e names when it is
// assigned once, by a plain assignment (k := "user:" + id), or nil.
func (s *FuncScope) singleValue(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := s.info.Uses[id].(*types.Var)
	if !ok {
		return nil
	}
	if as, ok := s.localAssignments(v); ok && len(as) == 1 && as[0].kind == assignValue {
		return v
	}
	return nil
}

// builder returns the function that e calls when e is a key built by a
// call (not a conversion, not a fmt.Sprint* whose form is its text).
func (s *FuncScope) builder(e ast.Expr) *types.Func {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || s.isConversion(call) {
		return nil
	}
	fn, ok := typeutil.Callee(s.info, call).(*types.Func)
	if !ok || s.sprintf(call) != nil || isFmtSprint(fn) {
		return nil
	}
	return fn
}

// hole is one non-constant part of a key form.
const hole = "_"

// Opaque is the form of a key that is a hole as a whole: nothing of its
// text is visible in the declaration.
const Opaque = hole

// formParts appends the parts of e's form: quoted constant text, holes.
// seen guards against a local assigned from itself.
func (s *FuncScope) formParts(e ast.Expr, parts *[]string, seen map[*types.Var]bool) {
	e = ast.Unparen(e)
	if tv, ok := s.info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		addText(parts, constant.StringVal(tv.Value))
		return
	}
	switch e := e.(type) {
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			s.formParts(e.X, parts, seen)
			s.formParts(e.Y, parts, seen)
			return
		}
	case *ast.CallExpr:
		if format := s.sprintf(e); format != nil {
			formatParts(*format, parts)
			return
		}
		if fn, ok := typeutil.Callee(s.info, e).(*types.Func); ok && isFmtSprint(fn) && allStrings(s.info, e.Args) {
			for _, a := range e.Args {
				s.formParts(a, parts, seen)
			}
			return
		}
		if s.isConversion(e) && len(e.Args) == 1 && isStringType(s.info.TypeOf(e.Args[0])) {
			s.formParts(e.Args[0], parts, seen) // K(k) of a string k: the same text
			return
		}
	case *ast.Ident:
		if v := s.singleValue(e); v != nil && !seen[v] {
			seen[v] = true
			s.formParts(s.assigns[v][0].rhs, parts, seen)
			delete(seen, v)
			return
		}
	}
	*parts = append(*parts, hole)
}

// addText appends constant text, merged with the text before it.
func addText(parts *[]string, text string) {
	if n := len(*parts); n > 0 && (*parts)[n-1] != hole {
		prev, _ := strconv.Unquote((*parts)[n-1])
		(*parts)[n-1] = strconv.Quote(prev + text)
		return
	}
	*parts = append(*parts, strconv.Quote(text))
}

// formatParts appends the parts of a fmt format: its text, and a hole
// for each verb (%% is text).
func formatParts(format string, parts *[]string) {
	var text strings.Builder
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			text.WriteByte(format[i])
			continue
		}
		if i+1 < len(format) && format[i+1] == '%' {
			text.WriteByte('%')
			i++
			continue
		}
		// Skip flags, width, precision and argument indexes up to the verb.
		for i+1 < len(format) && strings.IndexByte("+-# 0123456789.*[]", format[i+1]) >= 0 {
			i++
		}
		i++ // the verb
		if text.Len() > 0 {
			addText(parts, text.String())
			text.Reset()
		}
		*parts = append(*parts, hole)
	}
	if text.Len() > 0 {
		addText(parts, text.String())
	}
}

// sprintf returns the constant format of a fmt.Sprintf call, or nil.
func (s *FuncScope) sprintf(call *ast.CallExpr) *string {
	fn, ok := typeutil.Callee(s.info, call).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "fmt" || fn.Name() != "Sprintf" || len(call.Args) == 0 {
		return nil
	}
	tv := s.info.Types[call.Args[0]]
	if tv.Value == nil || tv.Value.Kind() != constant.String {
		return nil
	}
	format := constant.StringVal(tv.Value)
	return &format
}

// isFmtSprint reports whether fn is fmt.Sprint, whose operands are
// concatenated as they are when they are all strings.
func isFmtSprint(fn *types.Func) bool {
	return fn.Pkg() != nil && fn.Pkg().Path() == "fmt" && fn.Name() == "Sprint"
}

func allStrings(info *types.Info, es []ast.Expr) bool {
	for _, e := range es {
		if !isStringType(info.TypeOf(e)) {
			return false
		}
	}
	return true
}

func isStringType(t types.Type) bool { return t != nil && rules.IsStringType(t) }

func (s *FuncScope) isConversion(call *ast.CallExpr) bool {
	tv, ok := s.info.Types[call.Fun]
	return ok && tv.IsType()
}

package sqlscope

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// Texts resolves the Go expressions passed as queries inside one
// top-level declaration to their SQL text, the way tenantcache follows a
// cache key: a string constant (concatenations of constants included), a
// + of resolvable operands, a local variable assigned exactly once (its
// address never taken, never a range variable; from a multi-value call,
// the first result only), and fmt.Sprintf with a constant format, whose
// verbs become the text of an argument that resolves and an opaque
// placeholder identifier (PlaceholderPrefix) otherwise; with Funcs, a
// call of a function of the package whose every return gives one text
// as its first result. Anything else (a parameter, a field, another
// package's function's result) does not resolve.
type Texts struct {
	info    *types.Info
	assigns map[*types.Var][]ast.Expr // nil entry: an assignment not followed
	// Funcs are the package's function declarations (FuncDecls), whose
	// calls resolve to the text they return; nil: calls do not resolve.
	// They remember what each function returns, for every Texts that
	// shares them.
	Funcs *Funcs
	// calling are the functions being followed, shared with the Texts
	// of their bodies (a recursive call does not resolve).
	calling map[*types.Func]bool
}

// Funcs are a package's function declarations, for Texts.Funcs, and the
// text each returns once a call of it was followed: a package's queries
// often call one builder function from many declarations.
type Funcs struct {
	decls map[*types.Func]*ast.FuncDecl
	// returned are the texts the functions return (returnedText), as
	// followed with no recursive call cut short: a result that depends
	// on the functions being followed (Texts.calling) is not kept.
	returned map[*types.Func]returnedText
	// cuts counts the calls not followed because they were being
	// followed already: a follow that changed it depended on them.
	cuts int
}

type returnedText struct {
	text string
	ok   bool
}

// EachReturn calls f with each return statement of body (those of its
// function literals are theirs), until f returns false. It reports
// whether every return has n results (a bare return, or return g() of
// several, has not) and f accepted them all.
func EachReturn(body *ast.BlockStmt, n int, f func(*ast.ReturnStmt) bool) bool {
	ok := true
	ast.Inspect(body, func(node ast.Node) bool {
		if !ok {
			return false
		}
		switch node := node.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			ok = len(node.Results) == n && f(node)
		}
		return ok
	})
	return ok
}

// FuncDecls maps the functions and methods declared in files to their
// declarations, for Texts.Funcs.
func FuncDecls(info *types.Info, files []*ast.File) *Funcs {
	out := map[*types.Func]*ast.FuncDecl{}
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := info.Defs[fd.Name].(*types.Func); ok {
					out[fn] = fd
				}
			}
		}
	}
	return &Funcs{decls: out, returned: map[*types.Func]returnedText{}}
}

// NewTexts collects the assignments of the locals of decl.
func NewTexts(info *types.Info, decl ast.Node) *Texts {
	t := &Texts{info: info, assigns: map[*types.Var][]ast.Expr{}}
	ast.Inspect(decl, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				var rhs ast.Expr
				if n.Tok == token.ASSIGN || n.Tok == token.DEFINE {
					if len(n.Lhs) == len(n.Rhs) {
						rhs = n.Rhs[i]
					} else if call, ok := ast.Unparen(n.Rhs[0]).(*ast.CallExpr); ok && i == 0 {
						rhs = call // q, args := build(...): its first result
					}
				}
				t.add(l, rhs)
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				var rhs ast.Expr
				if len(n.Values) == len(n.Names) {
					rhs = n.Values[i]
				}
				t.add(name, rhs)
			}
		case *ast.RangeStmt:
			t.add(n.Key, nil)
			t.add(n.Value, nil)
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				t.add(n.X, nil)
			}
		}
		return true
	})
	return t
}

func (t *Texts) add(e ast.Expr, rhs ast.Expr) {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return
	}
	v, ok := t.info.ObjectOf(id).(*types.Var)
	if !ok || v.IsField() {
		return
	}
	t.assigns[v] = append(t.assigns[v], rhs)
}

// Text returns the SQL text of e, or false when it does not resolve.
func (t *Texts) Text(e ast.Expr) (string, bool) {
	return t.text(e, map[*types.Var]bool{})
}

func (t *Texts) text(e ast.Expr, visiting map[*types.Var]bool) (string, bool) {
	e = ast.Unparen(e)
	if tv, ok := t.info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		return constant.StringVal(tv.Value), true
	}
	switch e := e.(type) {
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		l, ok := t.text(e.X, visiting)
		if !ok {
			return "", false
		}
		r, ok := t.text(e.Y, visiting)
		return l + r, ok
	case *ast.Ident:
		v, ok := t.info.Uses[e].(*types.Var)
		if !ok || visiting[v] {
			return "", false
		}
		as := t.assigns[v]
		if len(as) != 1 || as[0] == nil {
			return "", false // a parameter, or assigned more than once
		}
		visiting[v] = true
		defer delete(visiting, v)
		return t.text(as[0], visiting)
	case *ast.CallExpr:
		if s, ok := t.sprintf(e, visiting); ok {
			return s, true
		}
		return t.returned(e)
	}
	return "", false
}

// returned resolves a call of a function of the package (Funcs) to the
// text its every return gives as its first result (buildDelete's
// `return fmt.Sprintf("DELETE FROM %s WHERE ...", ...), args, nil`); a
// return of "" (an error path: no statement runs) aside. Returns of
// different texts, or one that does not resolve, do not resolve.
func (t *Texts) returned(call *ast.CallExpr) (string, bool) {
	fn, ok := typeutil.Callee(t.info, call).(*types.Func)
	if !ok || t.Funcs == nil {
		return "", false
	}
	fn = fn.Origin()
	if r, ok := t.Funcs.returned[fn]; ok {
		return r.text, r.ok
	}
	decl := t.Funcs.decls[fn]
	sig := fn.Type().(*types.Signature)
	if decl == nil || sig.Results().Len() == 0 {
		return "", false
	}
	if t.calling[fn] {
		t.Funcs.cuts++
		return "", false
	}
	if b, ok := sig.Results().At(0).Type().Underlying().(*types.Basic); !ok || b.Info()&types.IsString == 0 {
		return "", false
	}
	if t.calling == nil {
		t.calling = map[*types.Func]bool{}
	}
	t.calling[fn] = true
	defer delete(t.calling, fn)
	cuts := t.Funcs.cuts
	inner := NewTexts(t.info, decl)
	inner.Funcs, inner.calling = t.Funcs, t.calling
	text, found := "", false
	ok = EachReturn(decl.Body, sig.Results().Len(), func(ret *ast.ReturnStmt) bool {
		s, ok := inner.Text(ret.Results[0])
		switch {
		case !ok || found && s != text && s != "":
			return false
		case s != "":
			text, found = s, true
		}
		return true
	})
	if t.Funcs.cuts == cuts {
		t.Funcs.returned[fn] = returnedText{text, ok && found}
	}
	return text, ok && found
}

// sprintf resolves fmt.Sprintf(format, args...) with a constant format.
func (t *Texts) sprintf(call *ast.CallExpr, visiting map[*types.Var]bool) (string, bool) {
	fn, ok := typeutil.Callee(t.info, call).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "fmt" || fn.Name() != "Sprintf" || len(call.Args) == 0 || call.Ellipsis.IsValid() {
		return "", false
	}
	format, ok := t.text(call.Args[0], visiting)
	if !ok {
		return "", false
	}
	args := call.Args[1:]
	var b strings.Builder
	n := 0
	for i := 0; i < len(format); i++ {
		ch := format[i]
		if ch != '%' {
			b.WriteByte(ch)
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.*[]", format[j]) >= 0 {
			j++
		}
		if j >= len(format) {
			return "", false
		}
		if format[j] == '%' {
			b.WriteByte('%')
			i = j
			continue
		}
		if strings.ContainsAny(format[i+1:j], "[*") {
			return "", false // explicit argument indexes and * widths: not followed
		}
		if n < len(args) && (format[j] == 's' || format[j] == 'v') {
			if s, ok := t.text(args[n], visiting); ok {
				b.WriteString(s)
				n++
				i = j
				continue
			}
		}
		n++
		fmt.Fprintf(&b, "%s%d", PlaceholderPrefix, n)
		i = j
	}
	return b.String(), true
}

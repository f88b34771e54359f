// Package ctxscope tracks contexts inside one top-level declaration: is a
// context that may carry the tenant in scope at a position, and which
// expression is it; does a context expression carry the tenant, or is it
// empty (context.Background(), TODO(), nil, or derived only from them).
//
// The analysis is lexical and flow-insensitive, like the rest of
// tenantlint: a local is judged by every assignment to it in the
// declaration, closures included, and closures see the parameters and
// locals of the functions around them. It needs only the type-checked
// syntax, not the cache-key analysis, so any check can use it.
package ctxscope

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/tenantlint/tenantlint/internal/gotypes"
)

// IsContextType reports whether t is context.Context.
func IsContextType(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context"
}

// IsRequestPtr reports whether t is *net/http.Request.
func IsRequestPtr(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "net/http" && n.Obj().Name() == "Request"
}

// Context is a context expression usable at a call: a context.Context
// variable, or r.Context() for an *http.Request parameter r (then Var is
// r).
type Context struct {
	Var  *types.Var
	Text string
}

// Kind is what is known of the tenant in a context expression.
type Kind int

const (
	// Unknown: a struct field, a function's result, a parameter of
	// another type; nothing is claimed.
	Unknown Kind = iota
	// Carries: a context parameter, r.Context() of an *http.Request
	// parameter, a context derived from one (context.WithTimeout,
	// WithValue, WithoutCancel, ...), or a local only ever assigned those.
	Carries
	// Empty: context.Background(), TODO(), nil, a context derived only
	// from them, or a local only ever assigned those.
	Empty
)

// assignment is one value given to a context-typed local.
type assignment struct {
	rhs   ast.Expr // nil: declared without a value, the nil context
	index int      // which result of rhs, a multi-value call
	// unknown: the local is changed in a way not followed (a range
	// variable, its address taken).
	unknown bool
}

// Scope holds the context parameters and the assignments of the
// context-typed locals of one top-level declaration.
type Scope struct {
	info    *types.Info
	pkg     *types.Package
	params  map[*types.Var]bool
	assigns map[*types.Var][]assignment
}

// New collects the parameters (of the declaration and of every function
// literal in it) and the assignments of context-typed locals of decl.
func New(info *types.Info, pkg *types.Package, decl ast.Node) *Scope {
	s := &Scope{info: info, pkg: pkg, params: map[*types.Var]bool{}, assigns: map[*types.Var][]assignment{}}
	ast.Inspect(decl, s.collect)
	return s
}

func (s *Scope) collect(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.FuncType:
		s.addParams(n.Params)
	case *ast.FuncDecl:
		s.addParams(n.Recv)
	case *ast.AssignStmt:
		if n.Tok != token.ASSIGN && n.Tok != token.DEFINE {
			return true
		}
		for i, l := range n.Lhs {
			switch {
			case len(n.Lhs) == len(n.Rhs):
				s.add(l, assignment{rhs: n.Rhs[i]})
			case len(n.Rhs) == 1:
				s.add(l, assignment{rhs: n.Rhs[0], index: i})
			}
		}
	case *ast.ValueSpec:
		for i, name := range n.Names {
			switch {
			case len(n.Values) == 0:
				s.add(name, assignment{})
			case len(n.Values) == len(n.Names):
				s.add(name, assignment{rhs: n.Values[i]})
			default:
				s.add(name, assignment{rhs: n.Values[0], index: i})
			}
		}
	case *ast.RangeStmt:
		for _, e := range []ast.Expr{n.Key, n.Value} {
			s.add(e, assignment{unknown: true})
		}
	case *ast.UnaryExpr:
		if n.Op == token.AND {
			s.add(n.X, assignment{unknown: true})
		}
	}
	return true
}

func (s *Scope) addParams(fl *ast.FieldList) {
	for _, v := range gotypes.FieldVars(s.info, fl) {
		if v != nil {
			s.params[v] = true
		}
	}
}

// add records an assignment to e when e names a context-typed local.
func (s *Scope) add(e ast.Expr, a assignment) {
	if e == nil {
		return
	}
	v := s.local(e)
	if v == nil || !IsContextType(v.Type()) {
		return
	}
	s.assigns[v] = append(s.assigns[v], a)
}

// local returns the local variable that e names, if any.
func (s *Scope) local(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok || id.Name == "_" {
		return nil
	}
	v, ok := s.info.ObjectOf(id).(*types.Var)
	if !ok || v.Pkg() != s.pkg || v.IsField() || v.Parent() == nil || v.Parent() == s.pkg.Scope() {
		return nil
	}
	return v
}

// Find looks for a context that may carry the tenant in lexical scope at
// pos: a context.Context parameter or a local declared before pos that
// is not empty (Background, TODO, nil or derived only from them), in the
// enclosing function or any function enclosing a closure, nearest scope
// first and ctx by name first within a scope; else an *http.Request
// parameter, whose Context() is used. A local *http.Request, which the
// code built itself, does not count, nor do struct fields.
func (s *Scope) Find(pos token.Pos) (Context, bool) { return s.find(pos, false) }

// FindShadowed is Find for the contexts that a declaration nearer to pos
// hides: a context that may carry the tenant, in scope but for a
// shadowing declaration of its name (ctx := context.Background() in a
// block inside a function that takes ctx). Code at pos cannot name it.
func (s *Scope) FindShadowed(pos token.Pos) (Context, bool) {
	if _, ok := s.find(pos, false); ok {
		return Context{}, false
	}
	return s.find(pos, true)
}

func (s *Scope) find(pos token.Pos, shadowed bool) (Context, bool) {
	inner := s.pkg.Scope().Innermost(pos)
	var req *types.Var
	for sc := inner; sc != nil && sc != s.pkg.Scope() && sc.Parent() != s.pkg.Scope(); sc = sc.Parent() {
		var best *types.Var
		for _, name := range sc.Names() {
			v, ok := sc.Lookup(name).(*types.Var)
			if !ok || name == "_" || v.Pos() >= pos {
				continue
			}
			if _, vis := inner.LookupParent(name, pos); vis != v && !shadowed {
				continue // shadowed at pos
			}
			switch {
			case IsContextType(v.Type()) && s.mayCarry(v):
				if best == nil || name == "ctx" {
					best = v
				}
			case req == nil && s.params[v] && IsRequestPtr(v.Type()):
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

// mayCarry reports whether v, a context variable in scope, may carry the
// tenant: a parameter, or a local assigned at least once with something
// that is not empty.
func (s *Scope) mayCarry(v *types.Var) bool {
	if s.params[v] {
		return true
	}
	as, ok := s.assigns[v]
	return ok && s.varKind(v, map[*types.Var]bool{}) != Empty && !allNil(as)
}

func allNil(as []assignment) bool {
	for _, a := range as {
		if a.rhs != nil || a.unknown {
			return false
		}
	}
	return true
}

// VisibleAt reports whether the context's variable is the one its name
// denotes at pos.
func (s *Scope) VisibleAt(c Context, pos token.Pos) bool {
	inner := s.pkg.Scope().Innermost(pos)
	if inner == nil || c.Var.Pos() >= pos {
		return false
	}
	_, obj := inner.LookupParent(c.Var.Name(), pos)
	return obj == c.Var
}

// KindOf says whether the context expression e carries the tenant, is
// empty, or neither is known.
func (s *Scope) KindOf(e ast.Expr) Kind { return s.kind(e, map[*types.Var]bool{}) }

// IsEmpty reports whether e is an empty context.
func (s *Scope) IsEmpty(e ast.Expr) bool { return s.KindOf(e) == Empty }

func (s *Scope) kind(e ast.Expr, visiting map[*types.Var]bool) Kind {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if _, isNil := s.info.Uses[e].(*types.Nil); isNil {
			return Empty
		}
		v := s.local(e)
		switch {
		case v == nil:
			return Unknown
		case s.params[v]:
			if IsContextType(v.Type()) {
				return Carries
			}
			return Unknown
		}
		return s.varKind(v, visiting)
	case *ast.CallExpr:
		return s.callKind(e, 0, visiting)
	}
	return Unknown
}

// callKind judges result index of call.
func (s *Scope) callKind(call *ast.CallExpr, index int, visiting map[*types.Var]bool) Kind {
	name, ok := s.contextFunc(call)
	if ok && index == 0 {
		switch {
		case name == "Background" || name == "TODO":
			return Empty
		case derives[name] && len(call.Args) > 0:
			return s.kind(call.Args[0], visiting)
		case name == "WithValue" && len(call.Args) > 0:
			// A value added to an empty context may be the tenant itself.
			if k := s.kind(call.Args[0], visiting); k == Carries {
				return Carries
			}
			return Unknown
		}
		return Unknown
	}
	// r.Context() of an *http.Request parameter.
	if sel, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr); isSel && index == 0 && sel.Sel.Name == "Context" && len(call.Args) == 0 {
		if r := s.local(sel.X); r != nil && s.params[r] && IsRequestPtr(r.Type()) {
			return Carries
		}
	}
	return Unknown
}

// derives lists the functions of package context whose first argument is
// the parent of the context they return, which keeps its values.
var derives = map[string]bool{
	"WithCancel": true, "WithCancelCause": true,
	"WithTimeout": true, "WithTimeoutCause": true,
	"WithDeadline": true, "WithDeadlineCause": true,
	"WithoutCancel": true,
}

// contextFunc returns the name of the package-level function of package
// context that call calls.
func (s *Scope) contextFunc(call *ast.CallExpr) (string, bool) {
	var id *ast.Ident
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.SelectorExpr:
		id = f.Sel
	case *ast.Ident:
		id = f
	default:
		return "", false
	}
	fn, ok := s.info.Uses[id].(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "context" || fn.Type().(*types.Signature).Recv() != nil {
		return "", false
	}
	return fn.Name(), true
}

// varKind judges a local by all its assignments: Empty when every one is
// empty (a declaration without a value is the nil context), Carries when
// every one carries (declarations without a value aside); a local met
// again while judging it adds nothing (the greatest fixpoint).
func (s *Scope) varKind(v *types.Var, visiting map[*types.Var]bool) Kind {
	as, ok := s.assigns[v]
	if !ok {
		return Unknown // not a context local, or never assigned here
	}
	if visiting[v] {
		return -1 // neutral
	}
	visiting[v] = true
	defer delete(visiting, v)
	empty, carries := true, true
	for _, a := range as {
		var k Kind
		switch {
		case a.unknown:
			return Unknown
		case a.rhs == nil:
			carries = carries && len(as) > 1
			continue
		case a.index > 0:
			call, isCall := ast.Unparen(a.rhs).(*ast.CallExpr)
			if !isCall {
				return Unknown
			}
			k = s.callKind(call, a.index, visiting)
		default:
			k = s.kind(a.rhs, visiting)
		}
		switch k {
		case -1:
		case Empty:
			carries = false
		case Carries:
			empty = false
		default:
			return Unknown
		}
	}
	switch {
	case empty:
		return Empty
	case carries:
		return Carries
	}
	return Unknown
}

// EmptyRoots returns the expressions that make e empty: the
// context.Background(), TODO() and nil at the root of its derivations,
// following locals to their assignments. ok is false when e is not
// empty or a root is a declaration without a value (which has no
// expression to replace).
func (s *Scope) EmptyRoots(e ast.Expr) (roots []ast.Expr, ok bool) {
	if !s.IsEmpty(e) {
		return nil, false
	}
	ok = true
	seen := map[*types.Var]bool{}
	var walk func(e ast.Expr)
	walk = func(e ast.Expr) {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			v := s.local(x)
			if v == nil || s.params[v] {
				roots = append(roots, x) // nil
				return
			}
			if seen[v] {
				return
			}
			seen[v] = true
			for _, a := range s.assigns[v] {
				if a.rhs == nil {
					ok = false
					continue
				}
				walk(a.rhs)
			}
		case *ast.CallExpr:
			if name, _ := s.contextFunc(x); derives[name] && len(x.Args) > 0 {
				walk(x.Args[0])
				return
			}
			roots = append(roots, x)
		}
	}
	walk(e)
	return roots, ok
}

// Root returns the parameter whose context e carries when e is that
// parameter, a derivation of it, or a local only ever assigned those;
// helpers that pass a context parameter on to a tenant-aware sink are
// found with it.
func (s *Scope) Root(e ast.Expr) (*types.Var, bool) {
	var root *types.Var
	seen := map[*types.Var]bool{}
	var walk func(e ast.Expr) bool
	walk = func(e ast.Expr) bool {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			v := s.local(x)
			switch {
			case v == nil:
				return false
			case s.params[v]:
				if root != nil && root != v {
					return false
				}
				root = v
				return true
			case seen[v]:
				return true
			}
			seen[v] = true
			as := s.assigns[v]
			if len(as) == 0 {
				return false
			}
			for _, a := range as {
				if a.unknown || a.rhs == nil || a.index > 0 || !walk(a.rhs) {
					return false
				}
			}
			return true
		case *ast.CallExpr:
			name, ok := s.contextFunc(x)
			if ok && (derives[name] || name == "WithValue") && len(x.Args) > 0 {
				return walk(x.Args[0])
			}
		}
		return false
	}
	if !walk(e) || root == nil {
		return nil, false
	}
	return root, true
}

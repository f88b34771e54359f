package tenantctx

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/ctxscope"
	"github.com/tenantlint/tenantlint/internal/gotypes"
	"github.com/tenantlint/tenantlint/internal/lint"
	"github.com/tenantlint/tenantlint/internal/models"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// SinkFact marks a function or method that passes its context parameter
// Param on to a tenant-aware sink: its callers are checked as if they
// called the sink.
type SinkFact struct {
	Param int    // index of the context parameter, receiver excluded
	Via   string // the sink it reaches, as messages name it
}

// AFact implements analysis.Fact.
func (*SinkFact) AFact() {}

func (f *SinkFact) String() string {
	return fmt.Sprintf("tenantctx sink: parameter %d to %s", f.Param, f.Via)
}

// Sinks holds the helper facts known to one package: its own functions'
// and those of the functions it uses from other packages. They are kept
// by the function's full name, which is the same in every type-checked
// view of its package (init loads packages without sharing their types).
type Sinks struct{ facts lint.FuncFacts[SinkFact] }

func newSinks() *Sinks { return &Sinks{} }

func (s *Sinks) lookup(fn *types.Func) *SinkFact {
	if s == nil {
		return nil
	}
	return s.facts.Lookup(fn)
}

func (s *Sinks) add(fn *types.Func, f *SinkFact) { s.facts.Add(fn, f) }

// matcher recognises the calls of tenant-aware sinks under one
// configuration: cache.safe_types, cache.key_func, the cache APIs,
// repository.types and repository.methods, ctx.sinks, and the helpers
// that pass their context on to one of those.
type matcher struct {
	rules   *rules.Rules
	funcs   map[rules.QName]bool            // ctx.sinks functions
	methods map[rules.QName]map[string]bool // ctx.sinks methods, by type
	helpers *Sinks
	repos   map[*types.Named]bool // repository.methods, decided per type
}

func newMatcher(r *rules.Rules, h *Sinks) *matcher {
	m := &matcher{rules: r, funcs: map[rules.QName]bool{}, methods: map[rules.QName]map[string]bool{},
		helpers: h, repos: map[*types.Named]bool{}}
	for _, s := range r.Config.Ctx.Sinks {
		fn, meth, ok := config.SplitSink(s.Value)
		if !ok {
			continue
		}
		// Both readings of an entry are kept: the one that names no code
		// matches nothing.
		m.funcs[rules.QName{Pkg: fn.Pkg, Name: fn.Name}] = true
		if meth.Type != "" {
			q := rules.QName{Pkg: meth.Pkg, Name: meth.Type}
			if m.methods[q] == nil {
				m.methods[q] = map[string]bool{}
			}
			m.methods[q][meth.Name] = true
		}
	}
	return m
}

// active reports whether anything can be a sink.
func (m *matcher) active() bool {
	r := m.rules
	return r.KeyFunc != (rules.QName{}) || len(r.SafeTypes) > 0 || r.HasCacheRules() || len(r.RepoTypes) > 0 ||
		r.HasMethodRules() || len(m.funcs) > 0 || (m.helpers != nil && m.helpers.facts.Len() > 0)
}

// sinkCall is a call of a sink: how messages name it and which argument
// of the call is the context it reads.
type sinkCall struct {
	name    string
	reaches string // the sink a helper passes the context to; name otherwise
	arg     int
}

// match recognises a call of a sink, directly, through a method value or
// method expression, or through a local variable holding one.
func (m *matcher) match(info *types.Info, fv *declFuncVals, call *ast.CallExpr) (sinkCall, bool) {
	c, ok := resolve(info, fv, call.Fun)
	if !ok {
		return sinkCall{}, false
	}
	name, reaches, param, ok := m.sinkOf(c.fn, c.recv)
	if !ok || param+c.offset >= len(call.Args) {
		return sinkCall{}, false
	}
	return sinkCall{name: name, reaches: reaches, arg: param + c.offset}, true
}

// sinkOf says whether fn, called on a receiver of static type recv (nil
// for a function), is a sink, naming it and its context parameter.
func (m *matcher) sinkOf(fn *types.Func, recv types.Type) (name, reaches string, param int, ok bool) {
	fn = fn.Origin()
	if f := m.helpers.lookup(fn); f != nil {
		return gotypes.FuncName(fn), f.Via, f.Param, true
	}
	sig := fn.Type().(*types.Signature)
	param = contextParam(sig)
	if param < 0 || fn.Pkg() == nil {
		return "", "", 0, false
	}
	if sig.Recv() == nil {
		q, _ := rules.ObjName(fn)
		_, isAPI := m.rules.Funcs[q]
		if q == m.rules.KeyFunc || isAPI || m.funcs[q] {
			return gotypes.FuncName(fn), gotypes.FuncName(fn), param, true
		}
		return "", "", 0, false
	}
	for _, t := range []types.Type{recv, sig.Recv().Type()} {
		if t == nil {
			continue
		}
		if typ, ok := m.matchType(t, fn.Name(), map[types.Type]bool{}); ok {
			return typ + "." + fn.Name(), typ + "." + fn.Name(), param, true
		}
	}
	return "", "", 0, false
}

// matchType checks one receiver type: a configured or recognised named
// type, an interface that embeds one, or a type parameter constrained by
// one.
func (m *matcher) matchType(t types.Type, method string, seen map[types.Type]bool) (string, bool) {
	t = gotypes.Deref(t)
	if seen[t] {
		return "", false
	}
	seen[t] = true
	if tp, ok := t.(*types.TypeParam); ok {
		return m.matchType(tp.Constraint(), method, seen)
	}
	if n, ok := t.(*types.Named); ok && n.Obj().Pkg() != nil {
		q, _ := rules.ObjName(n.Origin().Obj())
		_, isAPI := m.rules.Methods[q][method]
		if m.rules.SafeTypes[q] || isAPI || m.rules.RepoTypes[q] || m.methods[q][method] || m.recognised(n.Origin()) {
			return n.Obj().Pkg().Name() + "." + q.Name, true
		}
	}
	iface, ok := t.Underlying().(*types.Interface)
	if !ok {
		return "", false
	}
	for i := 0; i < iface.NumEmbeddeds(); i++ {
		if name, ok := m.matchType(iface.EmbeddedType(i), method, seen); ok {
			return name, true
		}
	}
	return "", false
}

// recognised reports whether n is a repository under repository.methods
// that reads the tenant from the context it is given, decided from the
// signatures of its methods (their bodies may be in another package): a
// result-returning method named in tenant_method (Kratos's
// NetworkID(ctx)), and a model (a package-level struct) taken or
// returned. A type recognised only by a tenant_param parameter takes the
// tenant explicitly in every call, so the context it is given does not
// carry it: such a type is no sink (on SigNoz, whose stores take orgID,
// every finding through one was a cluster-wide or explicitly scoped call).
func (m *matcher) recognised(n *types.Named) bool {
	if !m.rules.HasMethodRules() {
		return false
	}
	if r, ok := m.repos[n]; ok {
		return r
	}
	var t types.Type = n
	if !types.IsInterface(n) {
		t = types.NewPointer(n)
	}
	var getters []string
	models := false
	ms := types.NewMethodSet(t)
	for i := 0; i < ms.Len(); i++ {
		sig := ms.At(i).Obj().Type().(*types.Signature)
		if sig.Results().Len() > 0 {
			getters = append(getters, ms.At(i).Obj().Name())
		}
		for _, tuple := range []*types.Tuple{sig.Params(), sig.Results()} {
			for j := 0; j < tuple.Len(); j++ {
				v := tuple.At(j)
				models = models || isModel(v.Type(), n)
			}
		}
	}
	r := models && m.rules.IsMethodRepo(nil, getters)
	m.repos[n] = r
	return r
}

// isModel reports whether t is M, *M, []M, []*M or a map of those for a
// package-level struct type M other than self: how repositories take and
// return their models (models.ModelIn, as tenantrepo recognises them).
func isModel(t types.Type, self *types.Named) bool {
	q, ok := models.ModelIn(t)
	if !ok {
		return false
	}
	selfName, _ := rules.ObjName(self.Origin().Obj())
	return q != selfName
}

// contextParam returns the index of sig's first context.Context
// parameter, or -1.
func contextParam(sig *types.Signature) int {
	for i := 0; i < sig.Params().Len(); i++ {
		if ctxscope.IsContextType(sig.Params().At(i).Type()) {
			return i
		}
	}
	return -1
}

// callee is what a call calls: the function or method, the static type
// of its receiver (nil for a function), and offset, the number of
// arguments before the method's own (1 for a method expression T.M).
type callee struct {
	fn     *types.Func
	recv   types.Type
	offset int
}

// funcVals maps the local variables of function type of one declaration
// to the values assigned to them; nil marks one changed in a way not
// followed.
type funcVals map[*types.Var][]ast.Expr

// declFuncVals are a declaration's funcVals, collected when a call of a
// local first needs them: most calls are of functions and methods, and
// walking the declaration for its assignments is then wasted.
type declFuncVals struct {
	info *types.Info
	decl ast.Node
	vals funcVals
}

func newDeclFuncVals(info *types.Info, decl ast.Node) *declFuncVals {
	return &declFuncVals{info: info, decl: decl}
}

// of returns the values assigned to v (see funcVals); false when v is
// no local of function type of the declaration, or d is nil.
func (d *declFuncVals) of(v *types.Var) ([]ast.Expr, bool) {
	if d == nil {
		return nil, false
	}
	if d.vals == nil {
		d.vals = collectFuncVals(d.info, d.decl)
	}
	vals, ok := d.vals[v]
	return vals, ok
}

func collectFuncVals(info *types.Info, decl ast.Node) funcVals {
	fv := funcVals{}
	add := func(e, rhs ast.Expr) {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return
		}
		v, ok := info.ObjectOf(id).(*types.Var)
		if !ok || v.IsField() {
			return
		}
		if _, isFunc := types.Unalias(v.Type()).Underlying().(*types.Signature); isFunc {
			fv[v] = append(fv[v], rhs)
		}
	}
	ast.Inspect(decl, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if len(n.Lhs) == len(n.Rhs) && (n.Tok == token.ASSIGN || n.Tok == token.DEFINE) {
					add(l, n.Rhs[i])
				} else {
					add(l, nil)
				}
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if len(n.Values) == len(n.Names) {
					add(name, n.Values[i])
				} else {
					add(name, nil)
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				add(n.X, nil)
			}
		case *ast.RangeStmt:
			add(n.Key, nil)
			add(n.Value, nil)
		}
		return true
	})
	return fv
}

// resolve finds what fun, the function expression of a call, calls.
func resolve(info *types.Info, fv *declFuncVals, fun ast.Expr) (callee, bool) {
	fun = ast.Unparen(fun)
	switch f := fun.(type) {
	case *ast.IndexExpr: // an explicit instantiation f[T]
		if _, ok := info.Types[f.X].Type.(*types.Signature); ok {
			fun = f.X
		}
	case *ast.IndexListExpr:
		fun = f.X
	}
	switch f := ast.Unparen(fun).(type) {
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[f]; ok {
			fn, isFunc := sel.Obj().(*types.Func)
			switch {
			case !isFunc:
				return callee{}, false
			case sel.Kind() == types.MethodVal:
				return callee{fn: fn, recv: sel.Recv()}, true
			case sel.Kind() == types.MethodExpr:
				return callee{fn: fn, recv: sel.Recv(), offset: 1}, true
			}
			return callee{}, false
		}
		fn, ok := info.Uses[f.Sel].(*types.Func)
		return callee{fn: fn}, ok
	case *ast.Ident:
		switch obj := info.Uses[f].(type) {
		case *types.Func:
			return callee{fn: obj}, true
		case *types.Var:
			// A local holding a method value or a function: followed
			// when every value assigned to it is the same one.
			vals, ok := fv.of(obj)
			if !ok {
				return callee{}, false
			}
			var c callee
			for i, rhs := range vals {
				if rhs == nil {
					return callee{}, false
				}
				d, ok := resolve(info, nil, rhs)
				if !ok || i > 0 && (d.fn != c.fn || d.offset != c.offset) {
					return callee{}, false
				}
				c = d
			}
			return c, c.fn != nil
		}
	}
	return callee{}, false
}

// ValidateSinks checks the ctx.sinks entries whose packages are in
// visible against the code: each names a function, or a method of a
// package-level type, that takes a context.Context.
func ValidateSinks(c *config.Config, visible map[string]*types.Package) error {
	for _, s := range c.Ctx.Sinks {
		fnName, methName, ok := config.SplitSink(s.Value)
		if !ok {
			continue // Parse has rejected it
		}
		checked := false
		if p, ok := visible[fnName.Pkg]; ok {
			checked = true
			if fn, ok := p.Scope().Lookup(fnName.Name).(*types.Func); ok {
				if err := needsContext(c, s, fn); err != nil {
					return err
				}
				continue
			}
		}
		if p, ok := visible[methName.Pkg]; ok && methName.Type != "" {
			checked = true
			tn, ok := p.Scope().Lookup(methName.Type).(*types.TypeName)
			if !ok {
				return c.ErrAt(s, "ctx.sinks: %s: package %s has no type %s", s.Value, methName.Pkg, methName.Type)
			}
			var t types.Type = tn.Type()
			if !types.IsInterface(t) {
				t = types.NewPointer(t)
			}
			obj, _, _ := types.LookupFieldOrMethod(t, true, p, methName.Name)
			fn, ok := obj.(*types.Func)
			if !ok {
				return c.ErrAt(s, "ctx.sinks: %s: %s has no method %s", s.Value, methName.Type, methName.Name)
			}
			if err := needsContext(c, s, fn); err != nil {
				return err
			}
			continue
		}
		if checked {
			return c.ErrAt(s, "ctx.sinks: %s: package %s has no function %s", s.Value, fnName.Pkg, fnName.Name)
		}
	}
	return nil
}

func needsContext(c *config.Config, s config.Str, fn *types.Func) error {
	if contextParam(fn.Type().(*types.Signature)) < 0 {
		return c.ErrAt(s, "ctx.sinks: %s takes no context.Context; a sink reads the tenant from the context it is given", s.Value)
	}
	return nil
}

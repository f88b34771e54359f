package cachekeys

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/tenantlint/tenantlint/internal/gotypes"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// assignKind classifies one assignment to a local variable.
type assignKind int

const (
	assignValue   assignKind = iota // v = e, v := e, var v = e
	assignConcat                    // v += e
	assignElem                      // v[i] = e (slices)
	assignField                     // v.F = e (items)
	assignNil                       // var v T: the zero value
	assignAddr                      // &v as the item argument of a cache call
	assignResult                    // v, err := f(): rhs is the call, index v's place
	assignUnknown                   // tuple assignment, range variable, address taken, ...
)

type assignment struct {
	kind  assignKind
	rhs   ast.Expr
	field string
	index int // assignResult: which result of the call
}

// FuncScope answers whether key expressions inside one top-level
// declaration are tenant-scoped. The analysis is intra-procedural: it
// sees every assignment in the declaration, closures included.
type FuncScope struct {
	rules   *rules.Rules
	info    *types.Info
	pkg     *types.Package
	assigns map[*types.Var][]assignment
	params  map[*types.Var]bool
	scoped  map[*types.Var]bool // the grounded fixpoint
	// itemArgs holds the &v expressions passed as the item of a cache
	// call: the item is handed over, not left to be changed elsewhere.
	itemArgs map[*ast.UnaryExpr]bool

	// helpers holds what is known of the functions called here (key
	// builders and cache helpers); nil when nothing is.
	helpers *Helpers
	// seeds are parameters taken as tenant values: to learn whether a
	// function's result or cache key is built from them.
	seeds map[*types.Var]bool
	// top lists the parameters of decl when it is a function, in order;
	// topVariadic says its last one is variadic.
	top         []*types.Var
	topVariadic bool
	bySeed      map[*types.Var]*FuncScope
	// hashers holds the hashers of the declaration (hashes.go); nil
	// without tenant values.
	hashers *hasherIndex
	// fieldSeeds are fields of struct parameters taken as tenant values,
	// to learn whether a builder's result is built from them (fields.go);
	// byField caches those scopes.
	fieldSeeds map[*types.Var]map[string]bool
	byField    map[*types.Var]map[FieldFlow]*FuncScope
}

// NewFuncScopeWith collects the assignments of decl, a top-level
// declaration, knowing the key builders and cache
// helpers in h (see Summarize).
func NewFuncScopeWith(r *rules.Rules, info *types.Info, pkg *types.Package, decl ast.Node, h *Helpers) *FuncScope {
	s := &FuncScope{rules: r, info: info, pkg: pkg,
		assigns: map[*types.Var][]assignment{}, params: map[*types.Var]bool{},
		itemArgs: map[*ast.UnaryExpr]bool{}, helpers: h}
	if r.Values != nil {
		s.hashers = &hasherIndex{decl: decl}
	}
	ast.Inspect(decl, s.collect)
	if fd, ok := decl.(*ast.FuncDecl); ok {
		s.top = gotypes.FieldVars(info, fd.Type.Params)
		if fn, ok := info.Defs[fd.Name].(*types.Func); ok {
			s.topVariadic = fn.Type().(*types.Signature).Variadic()
		}
	}
	s.solve()
	return s
}

// seeded returns the scope of the same declaration in which v, one of
// its parameters, is also a tenant value.
func (s *FuncScope) seeded(v *types.Var) *FuncScope {
	c := *s
	c.bySeed, c.byField = nil, nil
	c.seeds = map[*types.Var]bool{v: true}
	for w := range s.seeds {
		c.seeds[w] = true
	}
	c.solve()
	return &c
}

func (s *FuncScope) collect(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.FuncType:
		s.addParams(n.Params)
	case *ast.FuncDecl:
		s.addParams(n.Recv)
	case *ast.AssignStmt:
		s.collectAssign(n)
	case *ast.ValueSpec:
		s.collectSpec(n)
	case *ast.RangeStmt:
		for _, e := range []ast.Expr{n.Key, n.Value} {
			s.add(e, assignment{kind: assignUnknown})
		}
	case *ast.CallExpr:
		// Visited before its arguments.
		if c, ok := MatchCall(s.rules, s.info, n); ok && c.Spec.ItemField != "" {
			for _, idx := range c.Spec.Key {
				if idx < len(c.Args) {
					if u, ok := ast.Unparen(c.Args[idx]).(*ast.UnaryExpr); ok && u.Op == token.AND {
						s.itemArgs[u] = true
					}
				}
			}
		}
	case *ast.UnaryExpr:
		if n.Op == token.AND {
			if s.itemArgs[n] {
				s.add(n.X, assignment{kind: assignAddr, rhs: n})
			} else {
				s.add(n.X, assignment{kind: assignUnknown})
			}
		}
	}
	return true
}

func (s *FuncScope) addParams(fl *ast.FieldList) {
	for _, v := range gotypes.FieldVars(s.info, fl) {
		if v != nil {
			s.params[v] = true
		}
	}
}

func (s *FuncScope) collectAssign(a *ast.AssignStmt) {
	switch {
	case a.Tok == token.ADD_ASSIGN && len(a.Lhs) == 1:
		s.add(a.Lhs[0], assignment{kind: assignConcat, rhs: a.Rhs[0]})
	case a.Tok != token.ASSIGN && a.Tok != token.DEFINE:
		for _, l := range a.Lhs {
			s.add(l, assignment{kind: assignUnknown})
		}
	case len(a.Lhs) != len(a.Rhs):
		call, isCall := ast.Unparen(a.Rhs[0]).(*ast.CallExpr)
		for i, l := range a.Lhs {
			if isCall && len(a.Rhs) == 1 {
				s.add(l, assignment{kind: assignResult, rhs: call, index: i})
			} else {
				s.add(l, assignment{kind: assignUnknown})
			}
		}
	default:
		for i, l := range a.Lhs {
			switch l := ast.Unparen(l).(type) {
			case *ast.IndexExpr:
				s.add(l.X, assignment{kind: assignElem, rhs: a.Rhs[i]})
			case *ast.SelectorExpr:
				s.add(l.X, assignment{kind: assignField, rhs: a.Rhs[i], field: l.Sel.Name})
			default:
				s.add(l, assignment{kind: assignValue, rhs: a.Rhs[i]})
			}
		}
	}
}

func (s *FuncScope) collectSpec(vs *ast.ValueSpec) {
	for i, name := range vs.Names {
		switch {
		case len(vs.Values) == 0:
			s.add(name, assignment{kind: assignNil})
		case len(vs.Values) == len(vs.Names):
			s.add(name, assignment{kind: assignValue, rhs: vs.Values[i]})
		default:
			s.add(name, assignment{kind: assignUnknown})
		}
	}
}

// add records an assignment to e when e names a local variable.
func (s *FuncScope) add(e ast.Expr, a assignment) {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok || id.Name == "_" {
		return
	}
	v, ok := s.info.ObjectOf(id).(*types.Var)
	if !ok || !s.isLocal(v) {
		return
	}
	s.assigns[v] = append(s.assigns[v], a)
}

func (s *FuncScope) isLocal(v *types.Var) bool {
	return v.Pkg() == s.pkg && !v.IsField() && v.Parent() != nil && v.Parent() != s.pkg.Scope()
}

// solve computes which string and slice variables are scoped: every
// assignment scoped (the greatest fixpoint), and at least one of them
// scoped without relying on a variable's own value (grounded). A string
// declared without a value (var k string) is not assigned by its
// declaration: var k string; k += key_func(...) is scoped, and
// var k string; k += "x" is not (nothing grounds it).
func (s *FuncScope) solve() {
	candidates := map[*types.Var]bool{}
	for v, as := range s.assigns {
		if s.params[v] || !(rules.IsStringType(v.Type()) || isStringSlice(v.Type()) || s.rules.Values != nil) {
			continue
		}
		ok := true
		for _, a := range as {
			if a.kind == assignUnknown || a.kind == assignField || a.kind == assignAddr {
				ok = false
			}
		}
		if ok {
			candidates[v] = true
		}
	}
	// Greatest fixpoint: drop variables with an assignment that is not
	// scoped even when the remaining candidates are assumed scoped.
	s.scoped = candidates
	for changed := true; changed; {
		changed = false
		for v := range candidates {
			if !s.allAssignmentsScoped(v) {
				delete(candidates, v)
				changed = true
			}
		}
	}
	// Grounding: keep only variables reachable from a base assignment.
	all := candidates
	grounded := map[*types.Var]bool{}
	s.scoped = grounded
	for changed := true; changed; {
		changed = false
		for v := range all {
			if !grounded[v] && s.hasGroundAssignment(v) {
				grounded[v] = true
				changed = true
			}
		}
	}
}

func (s *FuncScope) allAssignmentsScoped(v *types.Var) bool {
	slice := isStringSlice(v.Type())
	for _, a := range s.assigns[v] {
		switch a.kind {
		case assignValue:
			if slice && !s.SliceScoped(a.rhs) || !slice && !s.StringScoped(a.rhs) {
				return false
			}
		case assignElem:
			if !slice || !s.StringScoped(a.rhs) {
				return false
			}
		case assignConcat:
			// v += e is v + e: scoped when v is (assumed here) or e is.
		case assignResult:
			if slice || !s.resultScoped(a) {
				return false
			}
		}
	}
	return true
}

// resultScoped reports whether v in v, err := f() is scoped: the first
// result of a call whose result is (a tenant func, a key builder).
func (s *FuncScope) resultScoped(a assignment) bool {
	return a.index == 0 && s.callScoped(a.rhs.(*ast.CallExpr))
}

func (s *FuncScope) hasGroundAssignment(v *types.Var) bool {
	slice := isStringSlice(v.Type())
	for _, a := range s.assigns[v] {
		switch a.kind {
		case assignNil:
			// var ks []string is an empty slice: no unscoped key. But
			// var k string assigns nothing: k still needs a scoped value.
			if slice {
				return true
			}
		case assignValue:
			if slice && s.SliceScoped(a.rhs) || !slice && s.StringScoped(a.rhs) {
				return true
			}
		case assignConcat:
			if s.StringScoped(a.rhs) {
				return true
			}
		case assignResult:
			if !slice && s.resultScoped(a) {
				return true
			}
		}
	}
	return false
}

// StringScoped reports whether a string key expression is tenant-scoped:
// a key_func call, a concatenation or fmt.Sprintf with a scoped part, a
// conversion of a scoped key to a string type, or a local variable whose
// assignments are all scoped. With cache.tenant_values, tenant values
// (isTenantVar, isTenantField, the funcs) scope it too, and so do
// fmt.Sprint, strings.Join, strconv, .String() and the key builders
// (Summarize) that receive a scoped part.
func (s *FuncScope) StringScoped(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		return s.callScoped(e)
	case *ast.BinaryExpr:
		return e.Op == token.ADD && (s.StringScoped(e.X) || s.StringScoped(e.Y))
	case *ast.Ident:
		if v, ok := s.info.Uses[e].(*types.Var); ok {
			return s.scoped[v] || s.isTenantVar(v)
		}
	case *ast.SelectorExpr:
		return s.isTenantField(e) || s.seededField(e)
	case *ast.SliceExpr:
		return s.rules.Values != nil && s.fullSliceScoped(e)
	}
	return false
}

// callScoped reports whether the (first) result of call is scoped.
func (s *FuncScope) callScoped(call *ast.CallExpr) bool {
	if s.isKeyFuncCall(call) {
		return true
	}
	if tv, ok := s.info.Types[call.Fun]; ok && tv.IsType() {
		// A conversion keeps the key: T(key_func(...)) for a key of a
		// defined string type T; with tenant values, int64(tenantID) too.
		return len(call.Args) == 1 && (rules.IsStringType(tv.Type) || s.rules.Values != nil) && s.StringScoped(call.Args[0])
	}
	if lit := s.closureOf(call.Fun); lit != nil {
		// A key builder written as a closure: like a package-level one,
		// it counts only with tenant values.
		return s.rules.Values != nil && s.closureScoped(call, lit)
	}
	if s.rules.Values != nil && s.hashScoped(call) {
		return true // a hash or an encoding of a scoped input (hashes.go)
	}
	fn, ok := typeutil.Callee(s.info, call).(*types.Func)
	if !ok || fn.Pkg() == nil {
		return false
	}
	if fn.Pkg().Path() == "fmt" && fn.Name() == "Sprintf" {
		return s.anyScoped(call.Args)
	}
	if s.rules.Values == nil {
		return false // the strict rule: key_func, concatenation, Sprintf
	}
	switch {
	case fn.Pkg().Path() == "fmt" && (fn.Name() == "Sprint" || fn.Name() == "Sprintln"):
		return s.anyScoped(call.Args)
	case fn.Pkg().Path() == "strings" && fn.Name() == "Join" && len(call.Args) == 2:
		return s.sliceContainsScoped(call.Args[0], map[*types.Var]bool{})
	case fn.Pkg().Path() == "strconv":
		// Itoa, FormatInt, Quote, ParseInt...: the result is built from
		// the arguments.
		return s.anyScoped(call.Args)
	}
	if s.rules.Values.Funcs[rules.FuncKey(fn)] || s.getterSeeded(call) {
		return true
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && isStringForm(fn) && len(call.Args) == 0 {
		if k, ok := s.info.Selections[sel]; ok && k.Kind() == types.MethodVal && s.StringScoped(sel.X) {
			return true // tenantID.String() of a uuid, orgID.StringValue() of SigNoz's valuer.UUID
		}
	}
	return s.builderScoped(call, fn)
}

func (s *FuncScope) anyScoped(es []ast.Expr) bool {
	for _, a := range es {
		if s.StringScoped(a) {
			return true
		}
	}
	return false
}

// builderScoped reports whether a call of a key builder is scoped: its
// result is always scoped, or is built from a parameter that receives a
// scoped value here.
func (s *FuncScope) builderScoped(call *ast.CallExpr, fn *types.Func) bool {
	f := s.helpers.Lookup(fn)
	if f == nil {
		return false
	}
	if f.Always {
		return true
	}
	args, sig := callArgs(s.info, call, fn)
	for _, i := range f.Flow {
		if s.argScoped(call, args, sig, i) {
			return true
		}
	}
	for _, ff := range f.Fields {
		if ff.Param < len(args) && s.argFieldScoped(args[ff.Param], ff.Field) {
			return true
		}
	}
	return false
}

// argScoped reports whether a call passes a scoped value to parameter i
// of sig, given its arguments args: for a variadic parameter, any of its
// arguments, or a slice with a scoped element passed as s....
func (s *FuncScope) argScoped(call *ast.CallExpr, args []ast.Expr, sig *types.Signature, i int) bool {
	switch {
	case i >= len(args):
		return false
	case sig.Variadic() && i == sig.Params().Len()-1 && call.Ellipsis.IsValid():
		return s.sliceContainsScoped(args[i], map[*types.Var]bool{})
	case sig.Variadic() && i == sig.Params().Len()-1:
		return s.anyScoped(args[i:])
	}
	return s.StringScoped(args[i])
}

// callArgs returns the arguments of a call of fn that match fn's
// parameters (a method expression T.M(x, ...) passes the receiver
// first), with fn's signature.
func callArgs(info *types.Info, call *ast.CallExpr, fn *types.Func) ([]ast.Expr, *types.Signature) {
	args := call.Args
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if k, ok := info.Selections[sel]; ok && k.Kind() == types.MethodExpr && len(args) > 0 {
			args = args[1:]
		}
	}
	return args, fn.Type().(*types.Signature)
}

// isTenantVar reports whether v is a tenant value: a seed, or a
// parameter named in cache.tenant_values.params that the function never
// assigns (a parameter given a new value may hold anything).
func (s *FuncScope) isTenantVar(v *types.Var) bool {
	if s.seeds[v] {
		return true
	}
	vals := s.rules.Values
	return vals != nil && s.params[v] && vals.Params[v.Name()] && len(s.assigns[v]) == 0
}

// isTenantField reports whether e selects a field named in
// cache.tenant_values.fields, on any struct.
func (s *FuncScope) isTenantField(e *ast.SelectorExpr) bool {
	if s.rules.Values == nil || !s.rules.Values.Fields[e.Sel.Name] {
		return false
	}
	sel, ok := s.info.Selections[e]
	return ok && sel.Kind() == types.FieldVal
}

// sliceContainsScoped reports whether a slice holds at least one scoped
// element (what strings.Join needs, unlike a slice of keys): a literal or
// append with a scoped element, a slice of scoped keys, or a local slice
// whose every assignment keeps a scoped element in it.
func (s *FuncScope) sliceContainsScoped(e ast.Expr, seen map[*types.Var]bool) bool {
	if _, isIdent := ast.Unparen(e).(*ast.Ident); !isIdent && s.SliceScoped(e) && !s.isEmptySlice(e) {
		return true
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		for _, el := range e.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				el = kv.Value
			}
			if s.StringScoped(el) {
				return true
			}
		}
	case *ast.CallExpr:
		if !s.isBuiltin(e, "append") || len(e.Args) == 0 {
			return false
		}
		if s.sliceContainsScoped(e.Args[0], seen) {
			return true
		}
		rest := e.Args[1:]
		if e.Ellipsis.IsValid() && len(rest) > 0 {
			return s.anyScoped(rest[:len(rest)-1]) || s.sliceContainsScoped(rest[len(rest)-1], seen)
		}
		return s.anyScoped(rest)
	case *ast.Ident:
		v, ok := s.info.Uses[e].(*types.Var)
		if !ok || seen[v] {
			return false
		}
		if s.seeds[v] {
			return true
		}
		seen[v] = true
		return s.sliceVarContains(v, seen)
	}
	return false
}

// sliceVarContains: every value assigned to v is either an append to v
// itself or a fresh slice with a scoped element, at least one of the
// latter, and no element is overwritten.
func (s *FuncScope) sliceVarContains(v *types.Var, seen map[*types.Var]bool) bool {
	as, ok := s.localAssignments(v)
	if !ok || len(as) == 0 {
		return false
	}
	grounded := false
	for _, a := range as {
		switch {
		case a.kind == assignNil:
		case a.kind != assignValue:
			return false
		case s.appendsTo(a.rhs, v):
			if s.sliceContainsScoped(a.rhs, seen) {
				grounded = true
			}
		case s.sliceContainsScoped(a.rhs, seen):
			grounded = true
		default:
			return false
		}
	}
	return grounded
}

func (s *FuncScope) appendsTo(e ast.Expr, v *types.Var) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok && s.isBuiltin(call, "append") && len(call.Args) > 0 && s.localVar(call.Args[0]) == v
}

// isEmptySlice reports whether e is nil, make(...) or []string{}: a
// slice of scoped keys with no key in it.
func (s *FuncScope) isEmptySlice(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		return len(e.Elts) == 0
	case *ast.Ident:
		return s.info.Uses[e] == types.Universe.Lookup("nil")
	case *ast.CallExpr:
		return s.isBuiltin(e, "make")
	}
	return false
}

// SliceScoped reports whether a slice of keys holds only scoped keys: a
// composite literal of scoped elements, nil, make(...), append of scoped
// values to a scoped slice, a slice expression of a scoped slice, or a
// local variable built only that way.
func (s *FuncScope) SliceScoped(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.SliceExpr:
		return isStringSlice(s.info.TypeOf(e.X)) && s.SliceScoped(e.X)
	case *ast.CompositeLit:
		for _, el := range e.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				el = kv.Value
			}
			if !s.StringScoped(el) {
				return false
			}
		}
		return true
	case *ast.Ident:
		if e.Name == "nil" && s.info.Uses[e] == types.Universe.Lookup("nil") {
			return true
		}
		if v, ok := s.info.Uses[e].(*types.Var); ok {
			return s.scoped[v] || s.seeds[v] && isStringSlice(v.Type())
		}
	case *ast.CallExpr:
		switch {
		case s.isBuiltin(e, "make"):
			return true
		case s.isBuiltin(e, "append") && len(e.Args) > 0:
			if !s.SliceScoped(e.Args[0]) {
				return false
			}
			for i, a := range e.Args[1:] {
				if e.Ellipsis.IsValid() && i == len(e.Args)-2 {
					if !s.SliceScoped(a) {
						return false
					}
				} else if !s.StringScoped(a) {
					return false
				}
			}
			return true
		}
	}
	return false
}

// ItemScoped reports whether an item's key field is scoped: a composite
// literal (or its address) with a scoped field, or a local variable (or
// its address) whose key field is set at least once and only to scoped
// values (see itemVarKeys).
func (s *FuncScope) ItemScoped(e ast.Expr, field string) bool {
	if lit := ItemLiteral(e); lit != nil {
		v := s.literalField(lit, field)
		return v != nil && s.StringScoped(v)
	}
	v := s.itemVar(e)
	if v == nil {
		return false
	}
	sites, why := s.itemVarKeys(v, field)
	return why == "" && len(sites) == 0
}

// ItemLiteral returns the composite literal of T{...} or &T{...}.
func ItemLiteral(e ast.Expr) *ast.CompositeLit {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, _ := e.(*ast.CompositeLit)
	return lit
}

// LiteralField returns the value of a keyed field in a struct literal.
func LiteralField(lit *ast.CompositeLit, field string) ast.Expr {
	for _, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == field {
				return kv.Value
			}
		}
	}
	return nil
}

func (s *FuncScope) isKeyFuncCall(call *ast.CallExpr) bool {
	if s.rules.KeyFunc == (rules.QName{}) {
		return false
	}
	fn, ok := typeutil.Callee(s.info, call).(*types.Func)
	if !ok {
		return false
	}
	q, ok := rules.ObjName(fn)
	return ok && q == s.rules.KeyFunc && fn.Type().(*types.Signature).Recv() == nil
}

// isBuiltin0 is isBuiltin for any expression.
func (s *FuncScope) isBuiltin0(e ast.Expr, name string) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok && s.isBuiltin(call, name)
}

func (s *FuncScope) isBuiltin(call *ast.CallExpr, name string) bool {
	b, ok := typeutil.Callee(s.info, call).(*types.Builtin)
	return ok && b.Name() == name
}

// localAssignments reports whether v is a variable of this declaration (not a
// parameter) with recorded assignments, and returns them.
func (s *FuncScope) localAssignments(v *types.Var) ([]assignment, bool) {
	if s.params[v] {
		return nil, false
	}
	as, ok := s.assigns[v]
	return as, ok
}

func isStringSlice(t types.Type) bool {
	s, ok := t.Underlying().(*types.Slice)
	return ok && rules.IsStringType(s.Elem())
}

// isStringForm reports whether fn is a method that takes nothing and
// returns only a string: the string form of its receiver, whatever its
// name (String, StringValue, Hex). Called on a tenant value, its result
// is the tenant value; matching only String missed SigNoz's
// valuer.UUID.StringValue (docs/real-world/signoz.md).
func isStringForm(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || sig.Params().Len() != 0 || sig.Results().Len() != 1 {
		return false
	}
	b, ok := sig.Results().At(0).Type().Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

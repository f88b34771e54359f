package cachekeys

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/gotypes"
	"github.com/tenantlint/tenantlint/internal/models"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// This file answers cache.report: tenant-data's question about the value
// side of a cache call: is what it stores or returns tenant data, and
// what is it (for the message)?

// DataFact says that a function's first result is tenant data; it
// travels to importing packages as an analysis fact.
type DataFact struct {
	What string // as messages say it: "*Invoice from Store.Get, a tenant-filtered lookup"
}

// AFact implements analysis.Fact.
func (*DataFact) AFact() {}

// String describes the fact, as analysistest's fact expectations read it.
func (f *DataFact) String() string { return "returns tenant data: " + f.What }

// DataFacts holds the DataFacts known in one package.
type DataFacts = funcFacts[DataFact]

// NewDataFacts returns an empty set of facts.
func NewDataFacts() *DataFacts { return &DataFacts{facts: map[*types.Func]*DataFact{}} }

// SummarizeData finds the functions declared in files whose first result
// is tenant data (see Data.Expr), adds their facts to d, and returns
// them in source order. A function's result may come from another of
// the same package, so it iterates until nothing changes.
func SummarizeData(r *rules.Rules, info *types.Info, pkg *types.Package, files []*ast.File, h *Helpers, d *DataFacts) []*types.Func {
	decls := funcDecls(info, files, func(fd *ast.FuncDecl, fn *types.Func) bool {
		return fd.Type.Results != nil && dataResult(fn)
	})
	// A fact is only ever added (a result found to be tenant data stays
	// so), so the rounds are bounded by the number of functions.
	for round := 0; round <= len(decls); round++ {
		changed := false
		for _, fd := range decls {
			if d.facts[fd.fn] != nil {
				continue
			}
			s := NewData(NewFuncScopeWith(r, info, pkg, fd.decl, h), fd.decl, d)
			s.qualifyAll = true
			if what := s.returnsData(fd.decl); what != "" {
				d.facts[fd.fn] = &DataFact{What: what}
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	var out []*types.Func
	for _, fd := range decls {
		if d.facts[fd.fn] != nil {
			out = append(out, fd.fn)
		}
	}
	return out
}

// dataResult reports whether fn's first result may hold data: not an
// error, a bool or a context.
func dataResult(fn *types.Func) bool {
	res := fn.Type().(*types.Signature).Results()
	return res.Len() > 0 && mayHoldData(res.At(0).Type())
}

// mayHoldData reports whether a value of type t can be tenant data at
// all: errors, bools and contexts cannot.
func mayHoldData(t types.Type) bool {
	if t == nil {
		return false
	}
	if b, ok := t.Underlying().(*types.Basic); ok && b.Info()&types.IsBoolean != 0 {
		return false
	}
	if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() == nil && n.Obj().Name() == "error" {
		return false
	}
	return !isContext(t)
}

func isContext(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context"
}

// Data answers whether values inside one top-level declaration are
// tenant data, following locals, struct fields, type assertions,
// encodings and calls (through DataFacts across packages).
type Data struct {
	*FuncScope
	decl  ast.Node
	facts *DataFacts
	// qualifyAll names this package's types with their package too: a
	// fact's text is read in other packages.
	qualifyAll bool
	memo       map[*types.Var]string
	decodes    []*ast.CallExpr // the declaration's decoding calls, once found
	busy       map[*types.Var]bool
}

// NewData returns the tenant-data analysis of s's declaration.
func NewData(s *FuncScope, decl ast.Node, facts *DataFacts) *Data {
	return &Data{FuncScope: s, decl: decl, facts: facts, memo: map[*types.Var]string{}, busy: map[*types.Var]bool{}}
}

// returnsData says what tenant data the first result of d is when at
// least one of its returns gives tenant data ("" otherwise): a function
// that may return an invoice is a source of invoices.
func (s *Data) returnsData(d *ast.FuncDecl) string {
	what := ""
	ast.Inspect(d.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if what == "" && len(n.Results) > 0 {
				what = s.Expr(n.Results[0])
			}
		}
		return what == ""
	})
	if what == "" {
		if vs := gotypes.FieldVars(s.info, d.Type.Results); len(vs) > 0 && vs[0] != nil {
			what = s.varData(vs[0])
		}
	}
	return what
}

// TypeData says what tenant data a value of type t is, or "" when its
// type does not say: a tenant model (by models.ScopedReason), a pointer,
// slice, array or map of them (channels and functions are not looked
// into), a generic type instantiated with one, or a struct with a field
// that holds one.
func (s *Data) TypeData(t types.Type) string {
	if s.typeHolds(t, map[types.Type]bool{}) {
		return s.typeString(t)
	}
	return ""
}

func (s *Data) typeString(t types.Type) string {
	return types.TypeString(t, func(p *types.Package) string {
		if p == s.pkg && !s.qualifyAll {
			return ""
		}
		return p.Name()
	})
}

func (s *Data) typeHolds(t types.Type, seen map[types.Type]bool) bool {
	t = types.Unalias(t)
	if t == nil || seen[t] {
		return false
	}
	seen[t] = true
	switch x := t.(type) {
	case *types.Pointer:
		return s.typeHolds(x.Elem(), seen)
	case *types.Slice:
		return s.typeHolds(x.Elem(), seen)
	case *types.Array:
		return s.typeHolds(x.Elem(), seen)
	case *types.Map:
		return s.typeHolds(x.Elem(), seen)
	case *types.Named:
		if s.isModel(x) {
			return true
		}
		for i := 0; i < x.TypeArgs().Len(); i++ {
			if s.typeHolds(x.TypeArgs().At(i), seen) {
				return true
			}
		}
		return s.typeHolds(x.Underlying(), seen)
	case *types.Struct:
		for i := 0; i < x.NumFields(); i++ {
			if s.typeHolds(x.Field(i).Type(), seen) {
				return true
			}
		}
	}
	return false
}

// isModel reports whether n is a tenant model as tenantrepo finds them:
// a struct type with a marker or a tenant field, neither a marker nor a
// repository type, outside models.exclude.
func (s *Data) isModel(n *types.Named) bool {
	obj := n.Origin().Obj()
	q, ok := rules.ObjName(obj)
	if !ok || s.rules.Markers[q] || s.rules.RepoTypes[q] || s.rules.ExcludesModels(q.Pkg) {
		return false
	}
	st, ok := n.Underlying().(*types.Struct)
	return ok && models.ScopedReason(s.rules, st) != ""
}

// Expr says what tenant data e is, or "" when it is none that the
// analysis can see: its type holds a model (TypeData), or its value
// comes from tenant data or from a tenant-filtered call (Call).
func (s *Data) Expr(e ast.Expr) string {
	t := s.info.TypeOf(e)
	if !mayHoldData(t) {
		return ""
	}
	// Where a value comes from says more than its type: "*Invoice from
	// Store.Get, a tenant-filtered lookup".
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if v, ok := s.info.Uses[e].(*types.Var); ok {
			if w := s.varData(v); w != "" {
				return w
			}
		}
	case *ast.CallExpr:
		if w := s.Call(e, 0); w != "" {
			return w
		}
	}
	if w := s.TypeData(t); w != "" {
		return w
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		return s.Expr(e.X)
	case *ast.StarExpr:
		return s.Expr(e.X)
	case *ast.TypeAssertExpr:
		return s.Expr(e.X)
	case *ast.IndexExpr:
		return s.Expr(e.X)
	case *ast.SliceExpr:
		return s.Expr(e.X)
	case *ast.SelectorExpr:
		// A field of tenant data is tenant data (inv.Lines).
		if sel, ok := s.info.Selections[e]; ok && sel.Kind() == types.FieldVal {
			if w := s.Expr(e.X); w != "" {
				return w + "." + e.Sel.Name
			}
		}
	case *ast.CompositeLit:
		for _, el := range e.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				el = kv.Value
			}
			if w := s.Expr(el); w != "" {
				return w
			}
		}
	}
	return ""
}

// varData says what tenant data a local variable holds: what one of its
// assignments (a value, a result of a call, a field set) gives it.
func (s *Data) varData(v *types.Var) string {
	if w, ok := s.memo[v]; ok {
		return w
	}
	if s.busy[v] || !s.isLocal(v) {
		return ""
	}
	s.busy[v] = true
	defer delete(s.busy, v)
	what := ""
	for _, a := range s.assigns[v] {
		switch a.kind {
		case assignValue, assignField, assignElem, assignConcat:
			what = s.Expr(a.rhs)
		case assignResult:
			what = s.Call(a.rhs.(*ast.CallExpr), a.index)
		}
		if what != "" {
			break
		}
	}
	if what == "" {
		what = s.decodedInto(v)
	}
	s.memo[v] = what
	return what
}

// decodedInto says what tenant data is decoded into v: a call whose
// name says it decodes (json.Unmarshal, Decode, Scan) given v's address
// and tenant data.
func (s *Data) decodedInto(v *types.Var) string {
	if s.decodes == nil {
		s.decodes = []*ast.CallExpr{} // looked for once per declaration
		ast.Inspect(s.decl, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok && isDecode(s.info, call) {
				s.decodes = append(s.decodes, call)
			}
			return true
		})
	}
	for _, call := range s.decodes {
		if !slices.ContainsFunc(call.Args, func(a ast.Expr) bool { return s.itemVar(a) == v }) {
			continue
		}
		for _, a := range call.Args {
			if s.itemVar(a) != v {
				if what := s.Expr(a); what != "" {
					return "decoded " + what
				}
			}
		}
	}
	return ""
}

func isDecode(info *types.Info, call *ast.CallExpr) bool {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok {
		return false
	}
	n := fn.Name()
	return strings.Contains(n, "Unmarshal") || strings.HasPrefix(n, "Decode")
}

// Call says what tenant data the result at index of call is: a
// conversion of tenant data, the result of a function known to return
// tenant data (DataFacts), of a tenant-filtered lookup (a call given a
// tenant value, a function taking a tenant_values.params parameter, a
// method of a repository.methods repository, a ctx.sinks function), or
// tenant data encoded (a []byte or string made from tenant data).
func (s *Data) Call(call *ast.CallExpr, index int) string {
	if tv, ok := s.info.Types[call.Fun]; ok && tv.IsType() {
		if len(call.Args) == 1 {
			return s.Expr(call.Args[0])
		}
		return ""
	}
	rt := resultType(s.info, call, index)
	if !mayHoldData(rt) {
		return ""
	}
	if w := s.TypeData(rt); w != "" {
		if why := s.lookupWhy(call); why != "" {
			return w + " from " + why
		}
		return w
	}
	fn, _ := typeutil.Callee(s.info, call).(*types.Func)
	if index == 0 {
		if f := s.facts.Lookup(fn); f != nil {
			return f.What
		}
	}
	if why := s.lookupWhy(call); why != "" {
		return s.typeString(rt) + " from " + why
	}
	if isEncoded(rt) {
		args := call.Args
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if k, ok := s.info.Selections[sel]; ok && k.Kind() == types.MethodVal {
				args = append([]ast.Expr{sel.X}, args...) // inv.String()
			}
		}
		for _, a := range args {
			if w := s.Expr(a); w != "" {
				return w + " encoded"
			}
		}
	}
	return ""
}

func resultType(info *types.Info, call *ast.CallExpr, index int) types.Type {
	t := info.TypeOf(call)
	if tup, ok := t.(*types.Tuple); ok {
		if index >= tup.Len() {
			return nil
		}
		return tup.At(index).Type()
	}
	if index > 0 {
		return nil
	}
	return t
}

// isEncoded reports whether t is how encoded data travels: []byte or a
// string.
func isEncoded(t types.Type) bool {
	if rules.IsStringType(t) {
		return true
	}
	sl, ok := t.Underlying().(*types.Slice)
	if !ok {
		return false
	}
	b, ok := sl.Elem().Underlying().(*types.Basic)
	return ok && b.Kind() == types.Byte
}

// lookupWhy says why call is a tenant-filtered lookup ("Store.Get, a
// tenant-filtered lookup"), or "" when it is not one.
func (s *Data) lookupWhy(call *ast.CallExpr) string {
	fn, ok := typeutil.Callee(s.info, call).(*types.Func)
	if !ok || fn.Pkg() == nil {
		return ""
	}
	name := shortFuncName(fn)
	if s.rules.Values != nil && s.rules.Values.Funcs[rules.FuncKey(fn)] {
		return "" // the tenant value itself, not data
	}
	if _, isCache := MatchCall(s.rules, s.info, call); isCache {
		return "" // a cache's own result is judged at that call
	}
	for _, sink := range s.rules.Config.Ctx.Sinks {
		if sink.Value == rules.FuncKey(fn) {
			return name + ", a tenant-aware API (ctx.sinks)"
		}
	}
	if buildsValues(fn.Pkg().Path()) {
		return "" // fmt.Sprintf(..., orgID) builds a key, it looks nothing up
	}
	sig := fn.Type().(*types.Signature)
	args, _ := callArgs(s.info, call, fn)
	for i := 0; i < sig.Params().Len(); i++ {
		p := sig.Params().At(i)
		if s.rules.TenantParams[p.Name()] || s.rules.Values != nil && s.rules.Values.Params[p.Name()] {
			return name + ", a tenant-filtered lookup"
		}
		if i < len(args) && !isContext(p.Type()) && s.StringScoped(args[i]) && !s.isKeyFuncCall0(args[i]) {
			return name + ", a tenant-filtered lookup"
		}
	}
	if recv := sig.Recv(); recv != nil && s.isMethodRepo(recv.Type()) {
		return name + ", a tenant-filtered lookup"
	}
	return ""
}

// buildsValues reports whether path is a standard package whose
// functions build values from their arguments (formatting, strings,
// conversions, encodings) rather than look anything up: given a tenant
// value they make a key, not a tenant-filtered lookup.
func buildsValues(path string) bool {
	switch path {
	case "fmt", "strings", "strconv", "bytes", "path", "path/filepath", "errors", "slices", "maps", "sort", "unicode/utf8":
		return true
	}
	return strings.HasPrefix(path, "encoding/") || strings.HasPrefix(path, "crypto/") || strings.HasPrefix(path, "hash/")
}

func (s *Data) isKeyFuncCall0(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok && s.isKeyFuncCall(call)
}

// isMethodRepo reports whether t (a method's receiver) is a repository
// under repository.methods: one of its methods takes a tenant_param or
// it has a tenant_method that returns something.
func (s *Data) isMethodRepo(t types.Type) bool {
	if !s.rules.HasMethodRules() {
		return false
	}
	if _, isPtr := t.(*types.Pointer); !isPtr && !types.IsInterface(t) {
		t = types.NewPointer(t)
	}
	ms := types.NewMethodSet(t)
	var params, getters []string
	for i := 0; i < ms.Len(); i++ {
		fn, ok := ms.At(i).Obj().(*types.Func)
		if !ok {
			continue
		}
		sig := fn.Type().(*types.Signature)
		if sig.Results().Len() > 0 {
			getters = append(getters, fn.Name())
		}
		for j := 0; j < sig.Params().Len(); j++ {
			params = append(params, sig.Params().At(j).Name())
		}
	}
	return s.rules.IsMethodRepo(params, getters)
}

// shortFuncName names a function as messages do: Store.Get for a method,
// billing.Load for a function.
func shortFuncName(fn *types.Func) string {
	full := gotypes.FuncName(fn)
	if fn.Type().(*types.Signature).Recv() != nil {
		return full[strings.Index(full, ".")+1:]
	}
	return full
}

// CallData is what a cache call has to do with tenant data.
type CallData struct {
	// What the call stores or returns, as messages say it ("*Invoice
	// from Store.Get, a tenant-filtered lookup"); empty when it is no
	// tenant data the analysis sees.
	What string
	// Holds is the type of the values the call stores or returns, for
	// the inventory's reason when What is empty ("bool", "nothing").
	Holds string
	// Tells says the call stores or returns a value whose type says
	// what it is (not an interface{}, a bool or an error): then what
	// the other calls on the same cache hold does not decide for it.
	Tells bool
}

// CacheCallData says whether a cache call is about tenant data: a value
// it stores (an argument other than its keys and contexts), a value it
// returns (its results, or what they are asserted to or decoded into
// in the declaration), or the values of the cache it is called on (a
// generic cache instantiated with tenant data).
func (s *Data) CacheCallData(c *CacheCall) CallData {
	keys := map[int]bool{}
	for _, spec := range append([]config.KeyArgs{c.Spec}, c.More...) {
		for j, i := range spec.Key {
			keys[i] = true
			if j == len(spec.Key)-1 && spec.Variadic {
				for k := i; k < len(c.Args); k++ {
					keys[k] = true
				}
			}
		}
	}
	var holds, constants []string
	tells := false
	note := func(t types.Type) {
		if t != nil && mayHoldData(t) {
			tells = tells || !isEmptyInterface(t)
			// Qualified: the inventory adds reasons up across packages.
			if ts := types.TypeString(t, (*types.Package).Name); !slices.Contains(holds, ts) {
				holds = append(holds, ts)
			}
		}
	}
	for i, a := range c.Args {
		if keys[i] || isContext(s.info.TypeOf(a)) || isDuration(s.info.TypeOf(a)) {
			continue // keys, contexts and TTLs hold no data
		}
		if tv := s.info.Types[a]; tv.Value != nil {
			// A constant (a flag's true, a cost of 1) is no tenant data;
			// its type is the reason only when nothing else is stored.
			constants = append(constants, types.TypeString(types.Default(tv.Type), (*types.Package).Name))
			tells = true
			continue
		}
		if w := s.Expr(a); w != "" {
			return CallData{What: w, Tells: true}
		}
		note(s.info.TypeOf(a))
	}
	if len(holds) == 0 && len(constants) > 0 {
		holds = constants[:1]
	}
	if w := s.receiverData(c); w != "" {
		return CallData{What: w, Tells: true}
	}
	if c.Map != nil {
		// A map field: what its values are, from its type.
		if w := s.TypeData(c.Map.Elem()); w != "" {
			return CallData{What: w + ", the values of this map", Tells: true}
		}
		note(c.Map.Elem())
		if len(holds) == 0 {
			// A flag or a counter: the reason names its type.
			holds = append(holds, types.TypeString(c.Map.Elem(), (*types.Package).Name))
		}
	}
	var at ast.Node = c.Call
	if c.At != nil {
		at = c.At // a map field's index expression
	}
	if w := s.resultData(at); w != "" {
		return CallData{What: w, Tells: true}
	}
	if tup, ok := s.info.TypeOf(c.Call).(*types.Tuple); ok {
		for i := 0; i < tup.Len(); i++ {
			note(tup.At(i).Type())
		}
	} else {
		note(s.info.TypeOf(c.Call))
	}
	data := CallData{Holds: strings.Join(holds, ", "), Tells: tells}
	if len(holds) == 0 {
		// Contains, Remove: what the cache holds, when its type says.
		if n := s.receiverNamed(c); n != nil && n.TypeArgs().Len() > 0 {
			note(n.TypeArgs().At(n.TypeArgs().Len() - 1))
		}
		data.Holds = strings.Join(holds, ", ")
	}
	if data.Holds == "" {
		data.Holds = "nothing"
	}
	return data
}

// isEmptyInterface reports whether t is interface{} (any): a value of it
// says nothing of what it is.
func isEmptyInterface(t types.Type) bool {
	i, ok := t.Underlying().(*types.Interface)
	return ok && i.Empty()
}

func isDuration(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "time" && n.Obj().Name() == "Duration"
}

// receiverData says what tenant data the cache a method is called on
// holds, from its type: lru.Cache[uuid.UUID, *Invoice] holds *Invoice.
func (s *Data) receiverData(c *CacheCall) string {
	n := s.receiverNamed(c)
	if n == nil {
		return ""
	}
	// The value type is the last type argument (lru.Cache[K, V]); the
	// key's may be a struct with a tenant field, which says nothing of
	// the values.
	if args := n.TypeArgs(); args.Len() > 0 {
		if w := s.TypeData(args.At(args.Len() - 1)); w != "" {
			return w + ", the values of this " + n.Obj().Pkg().Name() + "." + n.Obj().Name()
		}
	}
	return ""
}

// receiverNamed is the named type of the cache a method is called on,
// or nil.
func (s *Data) receiverNamed(c *CacheCall) *types.Named {
	sel, ok := ast.Unparen(c.Call.Fun).(*ast.SelectorExpr)
	if !ok || c.Via != "" || c.Map != nil {
		return nil
	}
	k, ok := s.info.Selections[sel]
	if !ok {
		return nil
	}
	n, _ := gotypes.Deref(k.Recv()).(*types.Named)
	return n
}

// resultData says what tenant data a cache call returns when its
// result's type does not say (interface{}, []byte, a command): what its
// result is asserted to or decoded into, directly or through locals.
func (s *Data) resultData(call ast.Node) string {
	vars := map[*types.Var]bool{}
	// holds reports whether e contains the call's result: the call
	// itself, a method chain on it (Get(...).Bytes()), or a local that
	// holds it.
	var holds func(e ast.Expr) bool
	holds = func(e ast.Expr) bool {
		found := false
		ast.Inspect(e, func(n ast.Node) bool {
			if n != nil && n == call {
				found = true
			}
			switch n := n.(type) {
			case *ast.Ident:
				if v, ok := s.info.Uses[n].(*types.Var); ok && vars[v] {
					found = true
				}
			case *ast.FuncLit:
				return false
			}
			return !found
		})
		return found
	}
	// v, ok := t.items[k]: the comma-ok read of a map field (the key
	// analysis records no value for it).
	if _, isIndex := call.(*ast.IndexExpr); isIndex {
		ast.Inspect(s.decl, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok || len(as.Lhs) != 2 || len(as.Rhs) != 1 || ast.Unparen(as.Rhs[0]) != call {
				return true
			}
			if id, ok := as.Lhs[0].(*ast.Ident); ok {
				if v, ok := s.info.ObjectOf(id).(*types.Var); ok {
					vars[v] = true
				}
			}
			return true
		})
	}
	// Locals that hold the result, to a fixpoint.
	for changed := true; changed; {
		changed = false
		for v, as := range s.assigns {
			if vars[v] {
				continue
			}
			for _, a := range as {
				if a.rhs != nil && (a.kind == assignValue || a.kind == assignResult) && holds(a.rhs) {
					vars[v], changed = true, true
					break
				}
			}
		}
	}
	what := ""
	ast.Inspect(s.decl, func(n ast.Node) bool {
		if what != "" {
			return false
		}
		switch n := n.(type) {
		case *ast.TypeAssertExpr:
			if n.Type != nil && holds(n.X) {
				what = s.TypeData(s.info.TypeOf(n.Type))
			}
		case *ast.CallExpr:
			if isDecode(s.info, n) && slices.ContainsFunc(n.Args, holds) {
				for _, a := range n.Args {
					if u, ok := ast.Unparen(a).(*ast.UnaryExpr); ok && u.Op == token.AND {
						a = u.X // json.Unmarshal(b, &inv): inv's type
					}
					if !holds(a) {
						if what = s.TypeData(s.info.TypeOf(a)); what != "" {
							what += ", decoded from the result"
							break
						}
					}
				}
			}
		}
		return true
	})
	return what
}

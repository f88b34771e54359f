package cachekeys

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/gotypes"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// HelperFact is what the callers of a function need to know about it; it
// travels to importing packages as an analysis fact.
//
// With cache.tenant_values, a function whose (first) result is a string
// is a key builder: Always says the result is scoped whatever the
// arguments, Flow lists the parameters whose scoped value makes it
// scoped. With cache.follow_helpers, Keys lists the parameters that the
// function passes into a cache key unscoped: it is then a cache API
// itself, whose callers are checked instead of its body.
type HelperFact struct {
	Always bool
	Flow   []int
	// Fields lists the fields of struct parameters (a request, a proto
	// message) whose tenant value makes the result scoped (fields.go).
	Fields []FieldFlow
	Keys   []HelperKey
	API    string // the cache API the keys reach, as messages name it
}

// HelperKey is a parameter of a cache helper that reaches a key.
type HelperKey struct {
	Param    int
	Slice    bool // a []string of keys
	Variadic bool // the variadic ...string parameter: each argument is a key
	// Alt lists the other parameters that the same key contains
	// (ns+":"+key): a call that passes a scoped value to any of them
	// scopes the key as well.
	Alt []int
}

// AFact implements analysis.Fact.
func (*HelperFact) AFact() {}

// String describes the fact, as analysistest's fact expectations read it.
func (f *HelperFact) String() string {
	var parts []string
	if f.Always {
		parts = append(parts, "scoped")
	}
	if len(f.Flow) > 0 {
		parts = append(parts, "builds from "+joinInts(f.Flow))
	}
	if len(f.Fields) > 0 {
		var fs []string
		for _, ff := range f.Fields {
			fs = append(fs, fmt.Sprintf("%d.%s", ff.Param, ff.Field))
		}
		parts = append(parts, "builds from fields "+strings.Join(fs, ","))
	}
	if len(f.Keys) > 0 {
		var ks []string
		for _, k := range f.Keys {
			s := fmt.Sprint(k.Param)
			for _, a := range k.Alt {
				s += "|" + fmt.Sprint(a)
			}
			switch {
			case k.Variadic:
				s += "..."
			case k.Slice:
				s += "[]"
			}
			ks = append(ks, s)
		}
		parts = append(parts, "cache key "+strings.Join(ks, ",")+" of "+f.API)
	}
	return strings.Join(parts, "; ")
}

func joinInts(is []int) string {
	s := make([]string, len(is))
	for i, n := range is {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ",")
}

func (f *HelperFact) isEmpty() bool {
	return f == nil || !f.Always && len(f.Flow) == 0 && len(f.Fields) == 0 && len(f.Keys) == 0
}

func (f *HelperFact) equal(g *HelperFact) bool {
	if f.isEmpty() || g.isEmpty() {
		return f.isEmpty() == g.isEmpty()
	}
	return f.Always == g.Always && f.API == g.API && slices.Equal(f.Flow, g.Flow) && slices.Equal(f.Fields, g.Fields) &&
		slices.EqualFunc(f.Keys, g.Keys, func(a, b HelperKey) bool {
			return a.Param == b.Param && a.Slice == b.Slice && a.Variadic == b.Variadic && slices.Equal(a.Alt, b.Alt)
		})
}

// funcFacts holds the facts of one kind known in one package: those of
// the functions it calls in other packages and those of its own
// functions, keyed by generic origin.
type funcFacts[F any] struct {
	facts map[*types.Func]*F
	// reads, while recording (Summarize), are the answers Lookup gave
	// about the functions of the package recording: only theirs change
	// while it is summarized.
	reads     []factRead[F]
	recording *types.Package
}

// factRead is one answer of Lookup: the fact of fn then.
type factRead[F any] struct {
	fn *types.Func
	f  *F
}

// Lookup returns the fact of fn (of its generic origin), or nil; a nil
// set knows no facts.
func (h *funcFacts[F]) Lookup(fn *types.Func) *F {
	if h == nil || fn == nil {
		return nil
	}
	f := h.facts[fn.Origin()]
	if h.recording != nil && fn.Pkg() == h.recording {
		h.reads = append(h.reads, factRead[F]{fn.Origin(), f})
	}
	return f
}

// unchanged reports whether Lookup would give every answer of reads
// again.
func (h *funcFacts[F]) unchanged(reads []factRead[F]) bool {
	for _, r := range reads {
		if h.facts[r.fn] != r.f {
			return false
		}
	}
	return true
}

// Add records the fact of fn, a function of another package.
func (h *funcFacts[F]) Add(fn *types.Func, f *F) { h.facts[fn.Origin()] = f }

// Helpers holds the HelperFacts known in one package.
type Helpers = funcFacts[HelperFact]

// NewHelpers returns an empty set of facts.
func NewHelpers() *Helpers { return &Helpers{facts: map[*types.Func]*HelperFact{}} }

// Summarize computes the facts of the functions declared in files (key
// builders and cache helpers, as configured), adds them to h, and returns
// the functions that have one, in source order. A function's fact may
// depend on another's of the same package, so it iterates to a fixpoint.
func Summarize(r *rules.Rules, info *types.Info, pkg *types.Package, files []*ast.File, h *Helpers) []*types.Func {
	if r.Values == nil && !r.FollowHelpers {
		return nil
	}
	decls := funcDecls(info, files, func(*ast.FuncDecl, *types.Func) bool { return true })
	// A function's fact depends on the package only through the facts
	// it looks up (Lookup): one whose lookups would all answer the same
	// is not summarized again in the next round (most are not helpers,
	// and the last round changes nothing).
	type summary struct {
		f     *HelperFact
		reads []factRead[HelperFact]
		done  bool
	}
	last := make([]summary, len(decls))
	// Each round can only find more; the bound guards against a cycle
	// of helpers that would flip forever.
	for round := 0; round <= len(decls); round++ {
		changed := false
		for i, d := range decls {
			f := last[i].f
			if !last[i].done || !h.unchanged(last[i].reads) {
				h.recording, h.reads = pkg, nil
				f = summarizeFunc(r, info, pkg, d.decl, d.fn, h)
				last[i] = summary{f: f, reads: h.reads, done: true}
				h.recording, h.reads = nil, nil
			}
			if !f.equal(h.facts[d.fn]) {
				changed = true
				if f.isEmpty() {
					delete(h.facts, d.fn)
				} else {
					h.facts[d.fn] = f
				}
			}
		}
		if !changed {
			break
		}
	}
	var out []*types.Func
	for _, d := range decls {
		if !h.facts[d.fn].isEmpty() {
			out = append(out, d.fn)
		}
	}
	return out
}

// fdecl is a function declared in the package, with a body.
type fdecl struct {
	decl *ast.FuncDecl
	fn   *types.Func
}

// funcDecls lists the functions with a body declared in files that keep
// accepts, in source order.
func funcDecls(info *types.Info, files []*ast.File, keep func(*ast.FuncDecl, *types.Func) bool) []fdecl {
	var decls []fdecl
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			if fn, ok := info.Defs[fd.Name].(*types.Func); ok && keep(fd, fn) {
				decls = append(decls, fdecl{fd, fn})
			}
		}
	}
	return decls
}

func summarizeFunc(r *rules.Rules, info *types.Info, pkg *types.Package, d *ast.FuncDecl, fn *types.Func, h *Helpers) *HelperFact {
	f := &HelperFact{}
	sig := fn.Type().(*types.Signature)
	builder := r.Values != nil && sig.Results().Len() > 0 && rules.IsStringType(sig.Results().At(0).Type())
	helper := r.FollowHelpers && sig.Params().Len() > 0 && callsCache(r, info, h, d.Body)
	if !builder && !helper {
		return f // most functions: no need to look at their assignments
	}
	s := NewFuncScopeWith(r, info, pkg, d, h)
	if builder {
		s.summarizeResult(d, fn, f)
	}
	if helper {
		s.summarizeKeys(d, f)
	}
	return f
}

// callsCache reports whether body holds a cache call or a helper's.
func callsCache(r *rules.Rules, info *types.Info, h *Helpers, body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if !found && n != nil {
			_, found = MatchNode(r, info, h, n)
		}
		return !found
	})
	return found
}

// returned is what one return statement gives as the first result: an
// expression, or the named result variable of a bare return.
type returned struct {
	expr ast.Expr
	v    *types.Var
}

// summarizeResult finds whether the function's string result is always
// scoped, or scoped when one of its parameters is.
func (s *FuncScope) summarizeResult(d *ast.FuncDecl, fn *types.Func, f *HelperFact) {
	sig := fn.Type().(*types.Signature)
	if sig.Results().Len() == 0 || !rules.IsStringType(sig.Results().At(0).Type()) {
		return
	}
	rets, ok := s.returns(d.Type, d.Body, sig)
	if !ok || len(rets) == 0 {
		return
	}
	if s.allReturnsScoped(rets) {
		f.Always = true
		return
	}
	for i, v := range s.top {
		if s.followable(v) && s.seededBy(v).allReturnsScoped(rets) {
			f.Flow = append(f.Flow, i)
		}
	}
	s.summarizeFields(d.Body, rets, f)
}

// allReturnsScoped reports whether every returned value is scoped.
func (s *FuncScope) allReturnsScoped(rets []returned) bool {
	for _, r := range rets {
		if r.expr != nil && !s.StringScoped(r.expr) || r.v != nil && !(s.scoped[r.v] || s.isTenantVar(r.v)) {
			return false
		}
	}
	return true
}

// returns lists the first result of every return statement of the
// function with type ft and body (not of the closures in it), or false
// when one cannot be followed (return f() of a call with several results).
func (s *FuncScope) returns(ft *ast.FuncType, body *ast.BlockStmt, sig *types.Signature) ([]returned, bool) {
	var named *types.Var
	if vs := gotypes.FieldVars(s.info, ft.Results); len(vs) > 0 {
		named = vs[0]
	}
	var out []returned
	ok := true
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			switch {
			case len(n.Results) == 0 && named != nil:
				out = append(out, returned{v: named})
			case len(n.Results) == sig.Results().Len():
				out = append(out, returned{expr: n.Results[0]})
			default:
				ok = false
			}
		}
		return true
	})
	return out, ok
}

// summarizeKeys finds the parameters that d passes into cache keys
// unscoped (follow_helpers).
func (s *FuncScope) summarizeKeys(d *ast.FuncDecl, f *HelperFact) {
	ast.Inspect(d.Body, func(n ast.Node) bool {
		cc, ok := MatchNode(s.rules, s.info, s.helpers, n)
		if !ok {
			return true
		}
		for _, k := range s.UnscopedKeys(cc) {
			hk, ok := s.FollowKey(k)
			if !ok {
				continue
			}
			if j := slices.IndexFunc(f.Keys, func(o HelperKey) bool { return o.Param == hk.Param }); j >= 0 {
				// The parameter reaches several keys: only a parameter
				// that every one of them contains is an alternative.
				f.Keys[j].Alt = slices.DeleteFunc(f.Keys[j].Alt, func(a int) bool { return !slices.Contains(hk.Alt, a) })
			} else {
				f.Keys = append(f.Keys, hk)
			}
			if f.API == "" {
				f.API = cc.Reaches()
			}
		}
		return true
	})
	slices.SortFunc(f.Keys, func(a, b HelperKey) int { return a.Param - b.Param })
}

// followable reports whether the parameter v can carry a value from the
// callers: named, never assigned (a parameter given a new value may hold
// anything), and not already a tenant value.
func (s *FuncScope) followable(v *types.Var) bool {
	return v != nil && v.Name() != "_" && len(s.assigns[v]) == 0 && !s.isTenantVar(v)
}

// seededBy returns the scope in which parameter v is a tenant value,
// computing it once.
func (s *FuncScope) seededBy(v *types.Var) *FuncScope {
	if s.bySeed == nil {
		s.bySeed = map[*types.Var]*FuncScope{}
	}
	sc, ok := s.bySeed[v]
	if !ok {
		sc = s.seeded(v)
		s.bySeed[v] = sc
	}
	return sc
}

// FollowKey reports whether an unscoped key of a cache call in a
// function's body is scoped once one of the function's parameters is
// (with cache.follow_helpers): the key then comes from the callers, who
// are checked instead. It returns that parameter: the last one that
// does, the others as alternatives (in ns+":"+key, key is the key and a
// scoped ns scopes it too).
func (s *FuncScope) FollowKey(k Key) (HelperKey, bool) {
	var found []HelperKey
	for i := len(s.top) - 1; i >= 0; i-- {
		if hk, ok := s.followParam(k, i); ok {
			found = append(found, hk)
		}
	}
	if len(found) == 0 {
		return HelperKey{}, false
	}
	hk := found[0]
	for _, alt := range found[1:] {
		if alt.Slice == hk.Slice && alt.Variadic == hk.Variadic {
			hk.Alt = append([]int{alt.Param}, hk.Alt...)
		}
	}
	return hk, true
}

// followParam reports whether parameter i of the function scopes the key.
func (s *FuncScope) followParam(k Key, i int) (HelperKey, bool) {
	v := s.top[i]
	if !s.rules.FollowHelpers || !s.followable(v) {
		return HelperKey{}, false
	}
	var ok bool
	switch k.Shape {
	case KeyPlain:
		ok = rules.IsStringType(v.Type()) && s.seededBy(v).StringScoped(k.Arg)
	case KeyItem:
		ok = rules.IsStringType(v.Type()) && s.seededBy(v).ItemScoped(k.Arg, k.Field)
	case KeyElem:
		ok = isStringSlice(v.Type()) && s.seededBy(v).SliceScoped(k.Arg)
	}
	if !ok {
		return HelperKey{}, false
	}
	hk := HelperKey{Param: i}
	if k.Shape == KeyElem {
		variadic := i == len(s.top)-1 && s.topVariadic
		hk.Slice, hk.Variadic = !variadic, variadic
	}
	return hk, true
}

// Unfollowed drops the keys that FollowKey follows to the callers.
func (s *FuncScope) Unfollowed(keys []Key) []Key {
	var out []Key
	for _, k := range keys {
		if _, ok := s.FollowKey(k); !ok {
			out = append(out, k)
		}
	}
	return out
}

// MatchCallVia is MatchCall that also recognises calls of the cache
// helpers in h (with cache.follow_helpers).
func MatchCallVia(r *rules.Rules, info *types.Info, h *Helpers, call *ast.CallExpr) (*CacheCall, bool) {
	if c, ok := MatchCall(r, info, call); ok {
		return c, true
	}
	if !r.FollowHelpers || h == nil {
		return nil, false
	}
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok {
		return nil, false
	}
	f := h.Lookup(fn)
	if f == nil || len(f.Keys) == 0 {
		return nil, false
	}
	sig, ok := types.Unalias(info.TypeOf(call.Fun)).(*types.Signature)
	if !ok {
		return nil, false
	}
	args, _ := callArgs(info, call, fn)
	if len(args) < len(call.Args) {
		// T.M(x, ...): the signature has the receiver first; drop it.
		sig = types.NewSignatureType(nil, nil, nil,
			types.NewTuple(tupleVars(sig.Params())[1:]...), sig.Results(), sig.Variadic())
	}
	specs := make([]config.KeyArgs, len(f.Keys))
	alts := map[int][]int{}
	for i, k := range f.Keys {
		specs[i] = config.KeyArgs{Key: config.IntList{k.Param}, Slice: k.Slice, Variadic: k.Variadic}
		if len(k.Alt) > 0 {
			alts[k.Param] = k.Alt
		}
	}
	return &CacheCall{Call: call, API: gotypes.FuncName(fn), Via: f.API, Spec: specs[0], More: specs[1:], Args: args, Sig: sig, Alts: alts}, true
}

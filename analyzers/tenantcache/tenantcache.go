package tenantcache

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/tenantlint/tenantlint/internal/cachekeys"
	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/ctxscope"
	"github.com/tenantlint/tenantlint/internal/edit"
	"github.com/tenantlint/tenantlint/internal/lint"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// Analyzer finds configuration files by walking up from each package.
var Analyzer = New(lint.NewEnv())

// New returns a tenantcache analyzer that uses env's configuration loader
// and module index (shared with tenantrepo in one process).
func New(env *lint.Env) *analysis.Analyzer {
	helpers := newHelpers(env)
	a := lint.NewAnalyzer(env, Name, Doc, func(p *lint.Pass, stats *Stats) error {
		sum, _ := p.ResultOf[helpers].(*summary)
		if sum == nil {
			sum = &summary{}
		}
		return run(p, sum, stats)
	})
	a.Requires = []*analysis.Analyzer{helpers}
	return a
}

func run(p *lint.Pass, sum *summary, stats *Stats) error {
	if !p.Rules.HasCacheRules() {
		return nil
	}
	var calls []*call
	for _, f := range p.Files {
		for _, decl := range f.Decls {
			calls = append(calls, declCalls(p, f, decl, sum)...)
		}
	}
	if p.Rules.Config.ReportsTenantData() {
		cacheWideData(p, calls)
	}
	var found []*finding
	for _, c := range calls {
		if f := judge(p, c, stats); f != nil {
			found = append(found, f)
		}
	}
	keepGroupsWhole(p, found)
	for _, f := range found {
		report(p, f, stats)
	}
	return nil
}

// call is a cache call with what the check needs to judge it.
type call struct {
	f     *ast.File
	cc    *cachekeys.CacheCall
	scope *cachekeys.FuncScope
	// ctxScope is the context tracking of the call's declaration, built
	// only when a fix needs a context, once per declaration.
	ctxScope func() *ctxscope.Scope
	// data is what the call stores or returns (cache.report: tenant-data).
	data cachekeys.CallData
}

// declCalls lists the cache calls of one top-level declaration; the key
// analysis sees every assignment in it, closures included. With
// cache.follow_helpers, the calls of cache helpers are cache calls too.
func declCalls(p *lint.Pass, f *ast.File, decl ast.Decl, sum *summary) []*call {
	var scope *cachekeys.FuncScope
	var data *cachekeys.Data
	var cs *ctxscope.Scope
	ctxScope := func() *ctxscope.Scope {
		if cs == nil {
			cs = ctxscope.New(p.TypesInfo, p.Pkg, decl)
		}
		return cs
	}
	var out []*call
	ast.Inspect(decl, func(n ast.Node) bool {
		cc, ok := cachekeys.MatchNode(p.Rules, p.TypesInfo, sum.keys, n)
		if !ok {
			return true
		}
		if scope == nil {
			scope = cachekeys.NewFuncScopeWith(p.Rules, p.TypesInfo, p.Pkg, decl, sum.keys)
		}
		c := &call{f: f, cc: cc, scope: scope, ctxScope: ctxScope}
		if p.Rules.Config.ReportsTenantData() {
			if data == nil {
				data = cachekeys.NewData(scope, decl, sum.data)
			}
			c.data = data.CacheCallData(cc)
		}
		out = append(out, c)
		return true
	})
	return out
}

// judge judges one cache call: it counts the calls that are not
// reported and returns the finding of one that is (nil otherwise). With
// cache.follow_helpers, the keys a helper takes from its parameters are
// left to its callers.
func judge(p *lint.Pass, c *call, stats *Stats) *finding {
	tenantData := p.Rules.Config.ReportsTenantData()
	keys := c.scope.UnscopedKeys(c.cc)
	other, unchecked := c.scope.OtherKeys(c.cc, tenantData)
	keys = append(keys, other...)
	if rest := c.scope.Unfollowed(keys); len(rest) < len(keys) {
		if len(rest) == 0 {
			return nil // a helper's call: its callers are checked
		}
		keys = rest
	}
	stats.Calls++
	switch {
	case tenantData && c.data.What == "":
		stats.notTenantData("holds " + c.data.Holds)
		return nil
	case len(keys) == 0 && len(unchecked) > 0:
		stats.unchecked(unchecked[0])
		return nil
	case len(keys) == 0:
		stats.Scoped++
		return nil
	}
	return newFinding(p, c, keys)
}

// finding is a call with unscoped keys, before it is reported: the fix
// of one call may still be withheld for the sake of its group (see
// keepGroupsWhole).
type finding struct {
	c    *call
	keys []cachekeys.Key
	msg  string                 // what is wrong and what to do
	fix  *analysis.SuggestedFix // nil when the fix is manual
	why  string                 // why the fix is manual
	// units is how many keys the fix wraps.
	units int
}

// diagnostic is the finding as it is reported.
func (f *finding) diagnostic() analysis.Diagnostic {
	d := analysis.Diagnostic{Pos: f.c.cc.Pos(), End: f.c.cc.End(), Message: f.msg}
	if f.fix == nil {
		d.Message += " (manual fix: " + f.why + ")"
	} else {
		d.SuggestedFixes = []analysis.SuggestedFix{*f.fix}
	}
	return d
}

// report reports a finding and counts it.
func report(p *lint.Pass, f *finding, stats *Stats) {
	d := f.diagnostic()
	switch {
	case !p.Report(d):
		stats.Suppressed++
	case f.fix != nil:
		stats.Fixable++
		stats.wrapped(p.Position(d.Pos), f.units)
	default:
		stats.Manual++
	}
}

// newFinding is the finding of a call with unscoped keys, with the fix
// that wraps them all when the call can be fixed on its own.
func newFinding(p *lint.Pass, c *call, keys []cachekeys.Key) *finding {
	cc := c.cc
	fix, why := suggestFix(p, c.f, c.scope, c.ctxScope, cc, keys)
	what := "key"
	n := countKeys(keys)
	if n > 1 {
		what = fmt.Sprintf("keys (%d)", n)
	}
	wrapAs := remedy(p, c, keys, n)
	if c.data.What != "" {
		wrapAs = "it caches " + c.data.What + "; " + wrapAs
	}
	msg := fmt.Sprintf("%s %s not tenant-scoped; %s", cc.API, what+isAre(what), wrapAs)
	if cc.Via != "" {
		msg = fmt.Sprintf("%s %s, passed on to %s,%s not tenant-scoped; %s", cc.API, what, cc.Via, isAre(what), wrapAs)
	}
	f := &finding{c: c, keys: keys, msg: withGap(p, msg, c.scope, keys), fix: fix, why: why}
	if fix != nil {
		f.units = n // a fix wraps every key of the call: see suggestFix
	}
	return f
}

// remedy says what the call's keys lack, in terms of the configuration
// in force: key_func's wrapping when it is configured and can wrap them
// (string keys), the tenant values looked for when cache.tenant_values
// is configured, else the key function to configure (version 1's
// message).
func remedy(p *lint.Pass, c *call, keys []cachekeys.Key, n int) string {
	nonString := true
	for _, k := range keys {
		if k.Shape != cachekeys.KeyPlain || rules.IsStringType(p.TypesInfo.TypeOf(k.Arg)) {
			nonString = false
		}
	}
	switch {
	case p.Rules.KeyFunc != (rules.QName{}) && !nonString:
		if n > 1 {
			return "wrap each as " + keyFuncShort(p) + "(ctx, key)"
		}
		return "wrap it as " + keyFuncShort(p) + "(ctx, key)"
	case p.Rules.Values != nil:
		return "the key has no tenant value (looked for: " + lookedFor(p.Rules.Config.Cache.TenantValues) + ")"
	case nonString:
		return "put the tenant in the key"
	}
	return "configure cache.key_func and wrap it"
}

// lookedFor lists the tenant values of cache.tenant_values as messages
// say them: "params tenantID, orgID; fields TenantID; funcs
// tenant.FromContext".
func lookedFor(tv *config.TenantValues) string {
	var parts []string
	list := func(what string, items []config.Str, short bool) {
		if len(items) == 0 {
			return
		}
		names := make([]string, len(items))
		for i, it := range items {
			names[i] = it.Value
			if short {
				names[i] = it.Value[strings.LastIndex(it.Value, "/")+1:]
			}
		}
		parts = append(parts, what+" "+strings.Join(names, ", "))
	}
	list("params", tv.Params, false)
	list("fields", tv.Fields, false)
	list("funcs", tv.Funcs, true)
	return strings.Join(parts, "; ")
}

func isAre(what string) string {
	if what == "key" {
		return " is"
	}
	return " are"
}

func countKeys(keys []cachekeys.Key) int {
	n := 0
	for _, k := range keys {
		if len(k.Wrap) > 1 {
			n += len(k.Wrap)
		} else {
			n++
		}
	}
	return n
}

// suggestFix builds the edits that wrap every unscoped key, or says why
// the call must be fixed by hand. The context it passes to key_func is
// the one internal/ctxscope finds in scope: one that may carry the tenant
// (not Background, TODO, nil or a context derived only from them).
func suggestFix(p *lint.Pass, f *ast.File, scope *cachekeys.FuncScope, ctxScope func() *ctxscope.Scope, cc *cachekeys.CacheCall, keys []cachekeys.Key) (*analysis.SuggestedFix, string) {
	kf := p.Rules.KeyFunc
	if kf == (rules.QName{}) {
		return nil, "no cache.key_func is configured"
	}
	for _, k := range keys {
		if len(k.Wrap) == 0 {
			return nil, k.Why
		}
	}
	if lint.IsGenerated(f) {
		return nil, "the call is in a generated file; change its generator"
	}
	cs := ctxScope()
	ctx, ok := cs.Find(cc.Pos())
	if !ok {
		return nil, "no context.Context in scope; struct fields and context.Background/TODO carry no tenant, so pass a ctx in"
	}
	var sites []ast.Expr
	for _, k := range keys {
		sites = append(sites, k.Wrap...)
	}
	for _, s := range sites {
		if !cs.VisibleAt(ctx, s.Pos()) {
			return nil, fmt.Sprintf("%s is not in scope where the key is built", ctx.Var.Name())
		}
	}
	ef, err := p.EditFile(f)
	if err != nil {
		return nil, err.Error()
	}
	fn, importEdits, why := keyFuncName(p, ef, sites)
	if why != "" {
		return nil, why
	}
	edits := importEdits
	for _, s := range sites {
		conv, untyped, why := keyConversion(p, ef, s)
		switch {
		case why != "":
			return nil, why
		case conv == "":
			edits = append(edits, ef.WrapCall(s, fn, ctx.Text)...)
		default:
			edits = append(edits, ef.WrapConvCall(s, fn, ctx.Text, conv, untyped)...)
		}
	}
	edit.SortEdits(edits)
	return &analysis.SuggestedFix{
		Message:   wrapFixMessage(len(sites), keyFuncShort(p)),
		TextEdits: edits,
	}, ""
}

// keyFuncShort names key_func as code writes it: by its package's name
// (which may differ from the last element of its path).
func keyFuncShort(p *lint.Pass) string {
	kf := p.Rules.KeyFunc
	return p.PackageName(kf.Pkg) + "." + kf.Name
}

// keyConversion says how a key of a defined string type (such as the K of
// lru.Cache[K, V] with type K string) goes through key_func, which takes
// and returns a plain string: conv names the type in this file ("" for a
// plain string key), untyped says the key is an untyped constant (no
// string(...) needed), and why is set when the type cannot be named here.
func keyConversion(p *lint.Pass, ef *edit.File, site ast.Expr) (conv string, untyped bool, why string) {
	tv := p.TypesInfo.Types[site]
	t := types.Unalias(tv.Type)
	if t == nil {
		return "", false, "the key's type is unknown"
	}
	if b, ok := t.(*types.Basic); ok && b.Info()&types.IsString != 0 {
		return "", false, "" // string, or an untyped string constant
	}
	untyped = tv.Value != nil && isUntypedConst(p.TypesInfo, site)
	named, ok := t.(*types.Named)
	cannot := fmt.Sprintf("the key has type %s, which this file cannot name to convert %s's string result",
		types.TypeString(t, types.RelativeTo(p.Pkg)), keyFuncShort(p))
	if !ok || named.TypeArgs().Len() > 0 || named.Obj().Pkg() == nil {
		return "", false, cannot
	}
	obj := named.Obj()
	scope := p.Pkg.Scope().Innermost(site.Pos())
	if obj.Pkg() == p.Pkg {
		if _, found := scope.LookupParent(obj.Name(), site.Pos()); found != obj {
			return "", false, cannot
		}
		return obj.Name(), untyped, ""
	}
	if !obj.Exported() {
		return "", false, cannot
	}
	for _, spec := range ef.AST.Imports {
		if path, _ := strconv.Unquote(spec.Path.Value); path != obj.Pkg().Path() {
			continue
		}
		name := obj.Pkg().Name()
		if spec.Name != nil {
			name = spec.Name.Name
		}
		if _, found := scope.LookupParent(name, site.Pos()); found != nil {
			if pn, ok := found.(*types.PkgName); ok && pn.Imported() == obj.Pkg() {
				return name + "." + obj.Name(), untyped, ""
			}
		}
	}
	return "", false, cannot
}

// isUntypedConst reports whether e is written as an untyped constant
// (a literal, an untyped named constant, or an expression of those),
// which converts to string implicitly.
func isUntypedConst(info *types.Info, e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		return true
	case *ast.Ident:
		c, ok := info.Uses[e].(*types.Const)
		if !ok {
			return false
		}
		b, ok := c.Type().(*types.Basic)
		return ok && b.Info()&types.IsUntyped != 0
	case *ast.SelectorExpr:
		c, ok := info.Uses[e.Sel].(*types.Const)
		if !ok {
			return false
		}
		b, ok := c.Type().(*types.Basic)
		return ok && b.Info()&types.IsUntyped != 0
	case *ast.BinaryExpr:
		return isUntypedConst(info, e.X) && isUntypedConst(info, e.Y)
	}
	return false
}

// keyFuncName returns how the file calls key_func, with the import edit
// it needs, or why it cannot.
func keyFuncName(p *lint.Pass, ef *edit.File, sites []ast.Expr) (string, []analysis.TextEdit, string) {
	kf := p.Rules.KeyFunc
	if kf.Pkg == p.Pkg.Path() {
		obj := p.Pkg.Scope().Lookup(kf.Name)
		for _, s := range sites {
			if _, found := p.Pkg.Scope().Innermost(s.Pos()).LookupParent(kf.Name, s.Pos()); found != obj {
				return "", nil, kf.Name + " is shadowed where the key is built"
			}
		}
		return kf.Name, nil, ""
	}
	if chain, cycle := p.ImportCycle(kf.Pkg); cycle {
		return "", nil, "importing " + kf.Pkg + " would make an import cycle: " + chain
	}
	qual, edits := ef.ImportName(kf.Pkg, p.PackageName(kf.Pkg))
	if obj := lookupQualifier(p, ef.AST, qual, sites); obj != nil {
		return "", nil, qual + " is shadowed where the key is built"
	}
	return qual + "." + kf.Name, edits, ""
}

// lookupQualifier returns a non-package object that qual denotes at one
// of the sites, if any.
func lookupQualifier(p *lint.Pass, f *ast.File, qual string, sites []ast.Expr) types.Object {
	for _, s := range sites {
		_, obj := p.Pkg.Scope().Innermost(s.Pos()).LookupParent(qual, s.Pos())
		if obj == nil {
			continue
		}
		if _, isPkg := obj.(*types.PkgName); !isPkg {
			return obj
		}
	}
	return nil
}

// cacheWideData gives the calls that store and return nothing whose
// type tells what it is (Delete, Remove, Contains, the interface{} of an
// untyped cache's Get) what the other calls on the same cache hold: a
// field or variable that caches invoices somewhere in the package caches
// invoices everywhere. A call that stores or returns a value of its own
// is judged by that value: a dedupe flag in a shared go-cache, a Redis
// client's Get whose result is never used (a Redis client is a whole
// server, not one cache of one kind of value).
func cacheWideData(p *lint.Pass, calls []*call) {
	type held struct {
		what string
		pos  token.Position
	}
	byCache := map[types.Object]held{}
	for _, c := range calls {
		if obj := cacheObject(p.TypesInfo, c.cc); obj != nil && c.data.What != "" {
			if _, ok := byCache[obj]; !ok {
				byCache[obj] = held{c.data.What, p.Position(c.cc.Pos())}
			}
		}
	}
	for _, c := range calls {
		if c.data.What != "" || c.data.Tells {
			continue
		}
		if h, ok := byCache[cacheObject(p.TypesInfo, c.cc)]; ok {
			c.data.What = fmt.Sprintf("%s (as the call at %s:%d does)", h.what, filepath.Base(h.pos.Filename), h.pos.Line)
		}
	}
}

// cacheObject is the variable or field a cache method is called on
// (s.cache.Get: the field cache), or nil.
func cacheObject(info *types.Info, cc *cachekeys.CacheCall) types.Object {
	sel, ok := ast.Unparen(cc.Call.Fun).(*ast.SelectorExpr)
	if !ok || cc.Via != "" {
		return nil
	}
	if _, isMethod := info.Selections[sel]; !isMethod {
		return nil
	}
	if cc.Map != nil {
		return info.Uses[sel.Sel] // a map field is the cache itself
	}
	switch x := ast.Unparen(sel.X).(type) {
	case *ast.Ident:
		return info.Uses[x]
	case *ast.SelectorExpr:
		return info.Uses[x.Sel]
	}
	return nil
}

package tenantcache

import (
	"fmt"
	"go/ast"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/analysis"

	"github.com/tenantlint/tenantlint/internal/cachekeys"
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
		h, _ := p.ResultOf[helpers].(*cachekeys.Helpers)
		return run(p, h, stats)
	})
	a.Requires = []*analysis.Analyzer{helpers}
	return a
}

func run(p *lint.Pass, h *cachekeys.Helpers, stats *Stats) error {
	if !p.Rules.HasCacheRules() {
		return nil
	}
	for _, f := range p.Files {
		for _, decl := range f.Decls {
			checkDecl(p, f, decl, h, stats)
		}
	}
	return nil
}

// checkDecl checks the cache calls of one top-level declaration; the key
// analysis sees every assignment in it, closures included. With
// cache.follow_helpers, the calls of cache helpers are checked as cache
// calls, and the keys a helper takes from its parameters are left to its
// callers.
func checkDecl(p *lint.Pass, f *ast.File, decl ast.Decl, h *cachekeys.Helpers, stats *Stats) {
	var scope *cachekeys.FuncScope
	// The context tracking is built only when a fix needs a context, once
	// per declaration, like the key analysis above.
	var cs *ctxscope.Scope
	ctxScope := func() *ctxscope.Scope {
		if cs == nil {
			cs = ctxscope.New(p.TypesInfo, p.Pkg, decl)
		}
		return cs
	}
	ast.Inspect(decl, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		cc, ok := cachekeys.MatchCallVia(p.Rules, p.TypesInfo, h, call)
		if !ok {
			return true
		}
		if scope == nil {
			scope = cachekeys.NewFuncScopeWith(p.Rules, p.TypesInfo, p.Pkg, decl, h)
		}
		keys := scope.UnscopedKeys(cc)
		if rest := scope.Unfollowed(keys); len(rest) < len(keys) {
			if len(rest) == 0 {
				return true // a helper's call: its callers are checked
			}
			keys = rest
		}
		stats.Calls++
		if len(keys) == 0 {
			stats.Scoped++
			return true
		}
		d, units := diagnostic(p, f, scope, ctxScope, cc, keys)
		switch {
		case !p.Report(d):
			stats.Suppressed++
		case units > 0:
			stats.Fixable++
			stats.wrapped(p.Position(d.Pos), units)
		default:
			stats.Manual++
		}
		return true
	})
}

// diagnostic is the finding of a call with unscoped keys, and how many
// keys its fix wraps (0 when the fix is manual).
func diagnostic(p *lint.Pass, f *ast.File, scope *cachekeys.FuncScope, ctxScope func() *ctxscope.Scope, cc *cachekeys.CacheCall, keys []cachekeys.Key) (analysis.Diagnostic, int) {
	fix, why := suggestFix(p, f, scope, ctxScope, cc, keys)
	what, wrapAs := "key", "configure cache.key_func and wrap it"
	n := countKeys(keys)
	if n > 1 {
		what = fmt.Sprintf("keys (%d)", n)
	}
	if p.Rules.KeyFunc != (rules.QName{}) {
		wrapAs = "wrap it as " + keyFuncShort(p) + "(ctx, key)"
		if n > 1 {
			wrapAs = "wrap each as " + keyFuncShort(p) + "(ctx, key)"
		}
	}
	msg := fmt.Sprintf("%s %s not tenant-scoped; %s", cc.API, what+isAre(what), wrapAs)
	if cc.Via != "" {
		msg = fmt.Sprintf("%s %s, passed on to %s,%s not tenant-scoped; %s", cc.API, what, cc.Via, isAre(what), wrapAs)
	}
	msg = withGap(p, msg, scope, keys)
	d := analysis.Diagnostic{Pos: cc.Call.Pos(), End: cc.Call.End()}
	if fix == nil {
		d.Message = msg + " (manual fix: " + why + ")"
		return d, 0
	}
	d.Message = msg
	d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	return d, n // a fix wraps every key of the call: see suggestFix
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
	ctx, ok := cs.Find(cc.Call.Pos())
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

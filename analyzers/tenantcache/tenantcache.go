package tenantcache

import (
	"fmt"
	"go/ast"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/edit"
	"github.com/tenantlint/tenantlint/internal/lint"
	"github.com/tenantlint/tenantlint/internal/tenancy"
)

const doc = "report cache calls whose key is not tenant-scoped"

// Analyzer finds configuration files by walking up from each package.
var Analyzer = New(lint.NewEnv())

// New returns a tenantcache analyzer that uses env's configuration loader
// and module index (shared with tenantrepo in one process).
func New(env *lint.Env) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:       config.CheckCache,
		Doc:        doc,
		URL:        "https://github.com/tenantlint/tenantlint#tenantcache",
		Run:        func(pass *analysis.Pass) (any, error) { return run(env, pass) },
		ResultType: reflect.TypeOf((*lint.Stats)(nil)),
	}
	env.ConfigFlag(&a.Flags)
	return a
}

func run(env *lint.Env, pass *analysis.Pass) (any, error) {
	stats := new(lint.Stats)
	p, err := env.Start(pass, config.CheckCache)
	if p == nil {
		return stats, err
	}
	defer p.Finish()
	if !p.Rules.HasCacheRules() {
		return stats, nil
	}
	for _, f := range p.Files {
		for _, decl := range f.Decls {
			checkDecl(p, f, decl, stats)
		}
	}
	return stats, nil
}

// checkDecl checks the cache calls of one top-level declaration; the key
// analysis sees every assignment in it, closures included.
func checkDecl(p *lint.Pass, f *ast.File, decl ast.Decl, stats *lint.Stats) {
	var scope *tenancy.FuncScope
	ast.Inspect(decl, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		cc, ok := p.Rules.MatchCall(p.TypesInfo, call)
		if !ok {
			return true
		}
		stats.Calls++
		if scope == nil {
			scope = p.Rules.NewFuncScope(p.TypesInfo, p.Pkg, decl)
		}
		keys := scope.UnscopedKeys(cc)
		if len(keys) == 0 {
			stats.Scoped++
			return true
		}
		d, fixable := diagnostic(p, f, scope, cc, keys)
		switch {
		case !p.Report(d):
			stats.Suppressed++
		case fixable:
			stats.Fixable++
		default:
			stats.Manual++
		}
		return true
	})
}

func diagnostic(p *lint.Pass, f *ast.File, scope *tenancy.FuncScope, cc *tenancy.CacheCall, keys []tenancy.Key) (analysis.Diagnostic, bool) {
	kf := p.Rules.KeyFunc
	wrapAs := "wrap it as " + kf.Short() + "(ctx, key)"
	if kf == (tenancy.QName{}) {
		wrapAs = "configure cache.key_func and wrap it"
	}
	what := "key"
	if n := countKeys(keys); n > 1 {
		what = fmt.Sprintf("keys (%d)", n)
		wrapAs = "wrap each as " + kf.Short() + "(ctx, key)"
	}
	msg := fmt.Sprintf("%s %s not tenant-scoped; %s", cc.API, what+isAre(what), wrapAs)
	d := analysis.Diagnostic{Pos: cc.Call.Pos(), End: cc.Call.End()}
	fix, why := suggestFix(p, f, scope, cc, keys)
	if fix == nil {
		d.Message = msg + " (manual fix: " + why + ")"
		return d, false
	}
	d.Message = msg
	d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	return d, true
}

func isAre(what string) string {
	if what == "key" {
		return " is"
	}
	return " are"
}

func countKeys(keys []tenancy.Key) int {
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
// the call must be fixed by hand.
func suggestFix(p *lint.Pass, f *ast.File, scope *tenancy.FuncScope, cc *tenancy.CacheCall, keys []tenancy.Key) (*analysis.SuggestedFix, string) {
	kf := p.Rules.KeyFunc
	if kf == (tenancy.QName{}) {
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
	ctx, ok := scope.FindContext(cc.Call.Pos())
	if !ok {
		return nil, "no context.Context in scope; struct fields and context.Background/TODO carry no tenant, so pass a ctx in"
	}
	var sites []ast.Expr
	for _, k := range keys {
		sites = append(sites, k.Wrap...)
	}
	for _, s := range sites {
		if !scope.VisibleAt(ctx, s.Pos()) {
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
		edits = append(edits, ef.WrapCall(s, fn, ctx.Text)...)
	}
	edit.SortEdits(edits)
	return &analysis.SuggestedFix{
		Message:   "wrap the key with " + kf.Short(),
		TextEdits: edits,
	}, ""
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

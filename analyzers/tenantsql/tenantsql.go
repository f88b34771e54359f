package tenantsql

import (
	"fmt"
	"go/ast"
	"go/types"
	"path/filepath"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/tenantlint/tenantlint/internal/ctxscope"
	"github.com/tenantlint/tenantlint/internal/diskcache"
	"github.com/tenantlint/tenantlint/internal/gotypes"
	"github.com/tenantlint/tenantlint/internal/lint"
	"github.com/tenantlint/tenantlint/internal/rules"
	"github.com/tenantlint/tenantlint/internal/sqlscope"
)

// Analyzer finds configuration files by walking up from each package.
var Analyzer = New(lint.NewEnv())

// New returns a tenantsql analyzer that uses env's configuration loader
// (shared with the other checks in one process). The analyzer has its
// own SQL parser, which compiles PostgreSQL's grammar on its first parse
// only, and keeps the trees it parses in tenantlint's cache folder
// (except in hermetic runs, which write nothing outside their sandbox),
// so that later processes parse only new texts (see internal/sqlscope).
func New(env *lint.Env) *analysis.Analyzer {
	tables := newTables(env)
	parser := &sqlscope.Parser{Dir: func() string {
		if env.Hermetic {
			return ""
		}
		return filepath.Join(diskcache.Dir(), "sql")
	}}
	a := lint.NewAnalyzer(env, Name, Doc, func(p *lint.Pass, stats *Stats) error {
		t, _ := p.ResultOf[tables].(sqlscope.Tables)
		return run(p, parser, t, stats)
	})
	a.Requires = []*analysis.Analyzer{tables, newModels(env)}
	return a
}

func run(p *lint.Pass, parser *sqlscope.Parser, found sqlscope.Tables, stats *Stats) error {
	tables := sqlscope.Configure(p.Rules.Config, found)
	if len(tables) == 0 {
		return nil
	}
	apis := sqlscope.CompileAPIs(p.Rules.Config)
	names := tenantParamNames(p.Rules)
	for _, f := range p.Files {
		for _, decl := range f.Decls {
			checkDecl(p, parser, apis, tables, names, decl, stats)
		}
	}
	return nil
}

// checkDecl checks the query calls of one top-level declaration; the
// text of a query may come from any local of it, closures included.
func checkDecl(p *lint.Pass, parser *sqlscope.Parser, apis *sqlscope.APIs, tables sqlscope.Tables, names map[string]bool, decl ast.Decl, stats *Stats) {
	var texts *sqlscope.Texts
	var cs *ctxscope.Scope // built once per declaration, when a finding needs it
	chains := newBuilders(p, parser, tables, names, decl, stats)
	ast.Inspect(decl, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if chains.check(call) {
			return true
		}
		qc, ok := apis.Match(p.TypesInfo, call)
		if !ok {
			return true
		}
		stats.Queries++
		if texts == nil {
			texts = sqlscope.NewTexts(p.TypesInfo, decl)
		}
		text, ok := texts.Text(qc.Query)
		if !ok {
			stats.Unchecked++
			return true
		}
		res, err := sqlscope.Check(parser, text, tables)
		if err != nil {
			stats.Unchecked++
			return true
		}
		reportDirectives(p, call, res)
		if len(res.Violations) == 0 {
			stats.Constrained++
			return true
		}
		tenant := tenantInScope(p, names, decl, call)
		if tenant == "" && contextCarriesTenant(p.Rules) {
			if cs == nil {
				cs = ctxscope.New(p.TypesInfo, p.Pkg, decl)
			}
			if ctx, ok := cs.Find(call.Pos()); ok {
				tenant = "the tenant in " + ctx.Text
			}
		}
		reported := false
		for _, v := range res.Violations {
			if suppressedInSQL(res, v) {
				continue
			}
			d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: v.What()}
			kind := KindUnconstrained
			if tenant != "" {
				d.Message = fmt.Sprintf("%s is in scope but %s", tenant, v.Does())
				kind = KindInScope
			}
			if p.Report(d) {
				reported = true
				stats.kind(p.Position(d.Pos), kind)
			}
		}
		if reported {
			stats.Unconstrained++
		} else {
			stats.Suppressed++
		}
		return true
	})
}

// suppressedInSQL reports whether a directive in the query's text, with
// a reason, suppresses v: one in v's statement.
func suppressedInSQL(res sqlscope.Result, v sqlscope.Violation) bool {
	for _, d := range res.Directives {
		if d.Statement == v.Statement && d.Reason != "" {
			return true
		}
	}
	return false
}

// reportDirectives reports the directives in a query's text that lack a
// reason, or whose statement has no finding to suppress, at the call, as
// malformed and unused //tenantlint:ignore directives are reported.
func reportDirectives(p *lint.Pass, call *ast.CallExpr, res sqlscope.Result) {
	for _, d := range res.Directives {
		msg := ""
		switch {
		case d.Reason == "":
			msg = "-- tenantlint:ignore tenantsql in the query needs a reason"
		case !slices.ContainsFunc(res.Violations, func(v sqlscope.Violation) bool { return v.Statement == d.Statement }):
			msg = "unused -- tenantlint:ignore tenantsql in the query: its statement has no tenantsql finding"
		default:
			continue
		}
		p.Pass.Report(analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: msg, Category: p.Check})
	}
}

// tenantInScope names a tenant value that the function running call has
// in scope: a parameter of it, or of a function around it, named in
// names (tenantParamNames). It returns "" when there is none.
func tenantInScope(p *lint.Pass, names map[string]bool, decl ast.Decl, call *ast.CallExpr) string {
	if len(names) == 0 {
		return ""
	}
	found := ""
	ast.Inspect(decl, func(n ast.Node) bool {
		if found != "" || n == nil || n.Pos() > call.Pos() || n.End() < call.End() {
			return false // only the functions that hold the call
		}
		var ft *ast.FuncType
		switch n := n.(type) {
		case *ast.FuncDecl:
			ft = n.Type
		case *ast.FuncLit:
			ft = n.Type
		}
		if ft != nil {
			for _, v := range gotypes.FieldVars(p.TypesInfo, ft.Params) {
				if v != nil && names[v.Name()] && !isBlank(v) {
					found = v.Name()
				}
			}
		}
		return true
	})
	return found
}

// contextCarriesTenant reports whether the configuration says the tenant
// travels in contexts: a cache.key_func (which takes one), ctx.sinks, or
// repositories recognised by a tenant_method (which read it from one).
// Then a context that may carry the tenant in scope at a query is a
// tenant value in scope, as tenantctx judges contexts.
func contextCarriesTenant(r *rules.Rules) bool {
	return r.KeyFunc != (rules.QName{}) || len(r.Config.Ctx.Sinks) > 0 || len(r.TenantMethods) > 0
}

// tenantParamNames are the parameter names that hold a tenant value:
// cache.tenant_values.params and repository.methods' tenant_param.
func tenantParamNames(r *rules.Rules) map[string]bool {
	names := map[string]bool{}
	for n := range r.TenantParams {
		names[n] = true
	}
	if r.Values != nil {
		for n := range r.Values.Params {
			names[n] = true
		}
	}
	return names
}

func isBlank(v *types.Var) bool { return v.Name() == "_" }

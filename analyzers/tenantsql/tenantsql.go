package tenantsql

import (
	"fmt"
	"go/ast"
	"go/types"
	"path/filepath"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/tenantlint/tenantlint/internal/ctxscope"
	"github.com/tenantlint/tenantlint/internal/directive"
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
	a, _ := newAnalyzer(env)
	return a
}

// newAnalyzer is New, also returning the analyzer's cache of compiled
// configurations (for its test).
func newAnalyzer(env *lint.Env) (*analysis.Analyzer, *compiledCache) {
	tables := newTables(env)
	configs := &compiledCache{}
	parser := &sqlscope.Parser{Dir: func() string {
		if env.Hermetic {
			return ""
		}
		return filepath.Join(diskcache.Dir(), "sql")
	}}
	a := lint.NewAnalyzer(env, Name, Doc, func(p *lint.Pass, stats *Stats) error {
		t, _ := p.ResultOf[tables].(sqlscope.Tables)
		return run(p, parser, configs.get(p.Rules), env.Checks, t, stats)
	})
	a.Requires = []*analysis.Analyzer{tables}
	return a, configs
}

// run checks a package's queries; known are the check names that
// directives may name (lint.Env.Checks).
func run(p *lint.Pass, parser *sqlscope.Parser, cc *compiled, known []string, found sqlscope.Tables, stats *Stats) error {
	tables := cc.tables.Apply(found)
	if len(tables) == 0 {
		return nil
	}
	for _, f := range p.Files {
		for _, decl := range f.Decls {
			checkDecl(p, parser, cc, known, tables, decl, stats)
		}
	}
	return nil
}

// checkDecl checks the query calls of one top-level declaration; the
// text of a query may come from any local of it, closures included.
func checkDecl(p *lint.Pass, parser *sqlscope.Parser, cc *compiled, known []string, tables sqlscope.Tables, decl ast.Decl, stats *Stats) {
	var texts *sqlscope.Texts
	var cs *ctxscope.Scope // built once per declaration, when a finding needs it
	ast.Inspect(decl, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		qc, ok := cc.apis.Match(p.TypesInfo, call)
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
		suppressed := sqlDirectives(p, known, call, res)
		if len(res.Violations) == 0 {
			stats.Constrained++
			return true
		}
		tenant := tenantInScope(p, cc.names, decl, call)
		if tenant == "" && cc.ctx {
			if cs == nil {
				cs = ctxscope.New(p.TypesInfo, p.Pkg, decl)
			}
			if ctx, ok := cs.Find(call.Pos()); ok {
				tenant = "the tenant in " + ctx.Text
			}
		}
		reported := false
		for _, v := range res.Violations {
			if suppressed[v.Statement] {
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

// sqlDirectives parses the directives in a query's text with the rules of
// //tenantlint:ignore (internal/directive: a reason, known check names)
// and reports, at the call, the malformed ones (whichever check they
// name: no other check reads SQL) and those naming tenantsql whose
// statement has no finding. It returns the statements that a
// well-formed directive for tenantsql suppresses. Directives naming only
// other checks are theirs, and left alone.
func sqlDirectives(p *lint.Pass, known []string, call *ast.CallExpr, res sqlscope.Result) map[int]bool {
	var suppressed map[int]bool
	for _, c := range res.Directives {
		d := directive.ParseText(sqlscope.DirectivePrefix, c.Text, known)
		msg := ""
		switch {
		case d == nil:
			continue
		case d.Problem != "":
			msg = "in the query: " + d.Problem
		case !slices.Contains(d.Checks, Name):
			continue
		case !slices.ContainsFunc(res.Violations, func(v sqlscope.Violation) bool { return v.Statement == c.Statement }):
			msg = "unused -- tenantlint:ignore tenantsql in the query: its statement has no tenantsql finding"
		default:
			if suppressed == nil {
				suppressed = map[int]bool{}
			}
			suppressed[c.Statement] = true
			continue
		}
		p.Pass.Report(analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: msg, Category: p.Check})
	}
	return suppressed
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

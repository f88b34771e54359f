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
	sqlc := &sqlcCache{}
	a := lint.NewAnalyzer(env, Name, Doc, func(p *lint.Pass, stats *Stats) error {
		t, _ := p.ResultOf[tables].(sqlscope.Tables)
		r := &queryRun{parser: parser, cc: configs.get(p.Rules), known: env.Checks, stats: stats}
		return run(p, r, sqlc, t)
	})
	a.Requires = []*analysis.Analyzer{tables}
	return a, configs
}

// queryRun is what the checks of one package's queries share.
type queryRun struct {
	parser *sqlscope.Parser
	cc     *compiled
	known  []string // the check names directives may name (lint.Env.Checks)
	tables sqlscope.Tables
	// generated are the package's sqlc query constants, judged where
	// they are declared and not again where they are run.
	generated map[*types.Const]bool
	stats     *Stats
}

// run checks a package's queries: sqlc's generated constants, and the
// texts given to query APIs.
func run(p *lint.Pass, r *queryRun, sqlc *sqlcCache, found sqlscope.Tables) error {
	r.tables = r.cc.tables.Apply(found)
	if len(r.tables) == 0 {
		return nil
	}
	if err := checkSQLC(p, r, sqlc); err != nil {
		return err
	}
	for _, f := range p.Files {
		for _, decl := range f.Decls {
			checkDecl(p, r, decl)
		}
	}
	return nil
}

// checkDecl checks the query calls of one top-level declaration; the
// text of a query may come from any local of it, closures included.
func checkDecl(p *lint.Pass, r *queryRun, decl ast.Decl) {
	var texts *sqlscope.Texts
	var cs *ctxscope.Scope // built once per declaration, when a finding needs it
	ast.Inspect(decl, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		qc, ok := r.cc.apis.Match(p.TypesInfo, call)
		if !ok || r.isGenerated(p, qc.Query) {
			return true
		}
		r.stats.Queries++
		if texts == nil {
			texts = sqlscope.NewTexts(p.TypesInfo, decl)
		}
		text, ok := texts.Text(qc.Query)
		if !ok {
			r.stats.Unchecked++
			return true
		}
		r.judge(p, query{at: call, text: text, tenant: func() string {
			tenant := tenantInScope(p, r.cc.names, decl, call)
			if tenant == "" && r.cc.ctx {
				if cs == nil {
					cs = ctxscope.New(p.TypesInfo, p.Pkg, decl)
				}
				if ctx, ok := cs.Find(call.Pos()); ok {
					tenant = "the tenant in " + ctx.Text
				}
			}
			return tenant
		}})
		return true
	})
}

// query is one query text to judge, and how to report on it.
type query struct {
	at   ast.Node // where its findings are reported: the call, or sqlc's constant
	text string
	// tenant names the tenant value in scope where the query runs, or
	// is nil or returns "" for none; asked only when there is a finding.
	tenant func() string
	// directives are more -- tenantlint:ignore comments that apply to
	// the text's first statement (those sqlc moved out of its text).
	directives []string
	// suffix ends every message ("(sqlc query X, file.sql:3)"), and
	// related is every diagnostic's related information.
	suffix  string
	related []analysis.RelatedInformation
}

// judge checks one query text, reports its findings, and counts it.
func (r *queryRun) judge(p *lint.Pass, q query) {
	res, err := sqlscope.Check(r.parser, q.text, r.tables)
	if err != nil {
		r.stats.Unchecked++
		return
	}
	for _, d := range q.directives {
		res.Directives = append(res.Directives, sqlscope.Directive{Statement: 0, Text: d})
	}
	suppressed := sqlDirectives(p, r.known, q, res)
	if len(res.Violations) == 0 {
		r.stats.Constrained++
		return
	}
	tenant := ""
	if q.tenant != nil {
		tenant = q.tenant()
	}
	reported := false
	for _, v := range res.Violations {
		if suppressed[v.Statement] {
			continue
		}
		d := analysis.Diagnostic{Pos: q.at.Pos(), End: q.at.End(), Message: v.What() + q.suffix, Related: q.related}
		kind := KindUnconstrained
		if tenant != "" {
			d.Message = fmt.Sprintf("%s is in scope but %s", tenant, v.Does()) + q.suffix
			kind = KindInScope
		}
		if p.Report(d) {
			reported = true
			r.stats.kind(p.Position(d.Pos), kind)
		}
	}
	if reported {
		r.stats.Unconstrained++
	} else {
		r.stats.Suppressed++
	}
}

// sqlDirectives parses the directives in a query's text with the rules of
// //tenantlint:ignore (internal/directive: a reason, known check names)
// and reports, where the query's findings are, the malformed ones (whichever check they
// name: no other check reads SQL) and those naming tenantsql whose
// statement has no finding. It returns the statements that a
// well-formed directive for tenantsql suppresses. Directives naming only
// other checks are theirs, and left alone.
func sqlDirectives(p *lint.Pass, known []string, q query, res sqlscope.Result) map[int]bool {
	var suppressed map[int]bool
	for _, c := range res.Directives {
		d := directive.ParseText(sqlscope.DirectivePrefix, c.Text, known)
		msg := ""
		switch {
		case d == nil:
			continue
		case d.Problem != "":
			msg = "in the query: " + d.Problem + q.suffix
		case !slices.Contains(d.Checks, Name):
			continue
		case !slices.ContainsFunc(res.Violations, func(v sqlscope.Violation) bool { return v.Statement == c.Statement }):
			msg = "unused -- tenantlint:ignore tenantsql in the query: its statement has no tenantsql finding" + q.suffix
		default:
			if suppressed == nil {
				suppressed = map[int]bool{}
			}
			suppressed[c.Statement] = true
			continue
		}
		p.Pass.Report(analysis.Diagnostic{Pos: q.at.Pos(), End: q.at.End(), Message: msg, Category: p.Check, Related: q.related})
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

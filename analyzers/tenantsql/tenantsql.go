package tenantsql

import (
	"errors"
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
	configs := &compiledCache{}
	cacheFolder := func(name string) func() string {
		return func() string {
			if env.Hermetic {
				return ""
			}
			return filepath.Join(diskcache.Dir(), name)
		}
	}
	parser := &sqlscope.Parser{Dir: cacheFolder("sql"), ModuleDir: cacheFolder("wasm")}
	sqlc := &sqlcCache{parser: parser}
	tables := newTables(env, sqlc)
	mods := &modules{}
	queries := newQueries(env, tables, parser, mods, configs, sqlc)
	a := lint.NewAnalyzer(env, Name, Doc, func(p *lint.Pass, stats *Stats) error {
		t, _ := p.ResultOf[tables].(sqlscope.Tables)
		found, _ := p.ResultOf[queries].(*sqlcResult)
		r := &queryRun{cc: configs.get(p.Rules), known: env.Checks, stats: stats}
		return run(p, r, found, t, func() *sqlscope.Parser {
			// tenantsqlqueries found the dialect already when the
			// package has sqlc queries.
			if found != nil && found.dialect != "" {
				return parser.For(found.dialect)
			}
			return parser.For(mods.packageDialect(env, p.Pass, p.Rules.Config))
		})
	})
	models := newModels(env)
	a.Requires = []*analysis.Analyzer{tables, queries, models, newChains(env, models)}
	return a, configs
}

// queryRun is what the checks of one package's queries share.
type queryRun struct {
	parser *sqlscope.Parser // of the package's dialect
	cc     *compiled
	known  []string // the check names directives may name (lint.Env.Checks)
	tables sqlscope.Tables
	// generated are the package's sqlc query constants, judged where
	// they are declared and not again where they are run.
	generated map[*types.Const]bool
	stats     *Stats
	global    *globals        // sql.global, for this package
	funcs     *sqlscope.Funcs // see funcDecls
	// libs, models and helpers are chainLibs' of the package, looked
	// up by the first newBuilders (chainsLooked).
	libs         []*library
	models       modelTables
	helpers      chainFacts
	chainsLooked bool
}

// run checks a package's queries: sqlc's generated constants, the
// texts given to query APIs, and the calls of functions that run a sqlc
// query (QueryFact). parser gives the parser of the package's dialect,
// asked only when the package has tenant tables.
func run(p *lint.Pass, r *queryRun, generated *sqlcResult, found sqlscope.Tables, parser func() *sqlscope.Parser) error {
	r.tables = r.cc.tables.Apply(found)
	if len(r.tables) == 0 {
		return nil
	}
	r.parser = parser()
	if generated != nil && generated.cc != nil {
		// The primary keys that sqlc's schemas declare, for every query
		// of the package: like its tables, a package's keys are its own
		// and its imports' (tenantsqlqueries found them).
		r.cc = generated.cc
	}
	if len(p.Rules.Config.SQL.Global) > 0 {
		r.global = newGlobals(p.Rules.Config)
	}
	if err := checkSQLC(p, r, generated); err != nil {
		return err
	}
	for _, f := range p.Files {
		for _, decl := range f.Decls {
			checkDecl(p, r, generated, decl)
		}
	}
	r.global.unused(p)
	return nil
}

// checkDecl checks the query calls of one top-level declaration; the
// text of a query may come from any local of it, closures included.
func checkDecl(p *lint.Pass, r *queryRun, generated *sqlcResult, decl ast.Decl) {
	var texts *sqlscope.Texts
	var cs *ctxscope.Scope // built once per declaration, when a finding needs it
	tenantAt := func(call *ast.CallExpr) string {
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
	}
	chains := newBuilders(p, r, decl, tenantAt)
	ast.Inspect(decl, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if chains.check(call) {
			return true
		}
		qc, ok := r.cc.apis.Match(p.TypesInfo, call)
		if !ok {
			r.wrapperCall(p, generated, call, tenantAt)
			return true
		}
		if r.isGenerated(p, qc.Query) {
			return true
		}
		r.stats.Queries++
		if texts == nil {
			texts = sqlscope.NewTexts(p.TypesInfo, decl)
			texts.Funcs = r.funcDecls(p)
		}
		text, ok := texts.Text(qc.Query)
		if !ok {
			r.stats.unchecked(UncheckedUnresolved)
			return true
		}
		q := query{at: call, text: text, tenant: func() string { return tenantAt(call) }, files: []string{p.Position(call.Pos()).Filename}}
		if name := constName(p.TypesInfo, qc.Query); name != "" {
			q.names = []string{name}
		}
		r.judge(p, q)
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
	// source is where the text comes from, for the inventory's tables
	// (SourceRaw when empty).
	source string
	// names and files are what sql.global entries match: the names of
	// the query (sqlc's, its constant's) and the files it is written in
	// (the Go file, sqlc's .sql file).
	names, files []string
}

// judge checks one query text, reports its findings, and counts it.
func (r *queryRun) judge(p *lint.Pass, q query) {
	res, err := sqlscope.CheckWith(r.parser, q.text, r.tables, r.cc.rule)
	if errors.Is(err, sqlscope.ErrFormatted) {
		r.stats.unchecked(UncheckedFormatted)
		return
	}
	if err != nil {
		r.stats.unchecked(UncheckedParse)
		return
	}
	suppressed := sqlDirectives(p, r.known, q, res)
	global := -1 // the sql.global entry that matches a judged query
	if len(res.Violations) > 0 || !res.Unknown {
		global = r.global.match(q)
	}
	if len(res.Violations) == 0 {
		if res.Unknown {
			r.stats.unchecked(UncheckedOpaque) // WHERE %s: the condition is not known
		} else {
			r.stats.Constrained++
		}
		countTables(r.stats, r.tables, res.Tables, nil, q.source, res.Unknown)
		return
	}
	if global >= 0 && slices.ContainsFunc(res.Violations, func(v sqlscope.Violation) bool { return !suppressed[v.Statement] }) {
		r.global.used[global] = true // global on purpose: not a finding
		r.stats.Suppressed++
		return
	}
	tenant := ""
	if q.tenant != nil {
		tenant = q.tenant()
	}
	var f findings
	for _, v := range res.Violations {
		f.add(v.Table, !suppressed[v.Statement] && reportViolation(p, r.stats, q.at, tenant, v, q.suffix+textFix(v, res, r.parser, q.text, tenant), q.related))
	}
	f.count(r.stats)
	countTables(r.stats, r.tables, res.Tables, f.outcomes, q.source, res.Unknown)
}

// findings is what became of the violations of one query as they are
// reported: whether one was, and each table's outcome (unconstrained
// when one of its violations was reported, else suppressed).
type findings struct {
	reported bool
	outcomes map[string]int
}

// add records the outcome of a violation on table.
func (f *findings) add(table string, reported bool) {
	if f.outcomes == nil {
		f.outcomes = map[string]int{}
	}
	if !reported {
		if _, seen := f.outcomes[table]; !seen {
			f.outcomes[table] = outSuppressed
		}
		return
	}
	f.reported = true
	f.outcomes[table] = outUnconstrained
}

// count counts the query: unconstrained when a violation was reported,
// else suppressed. It returns whether one was.
func (f *findings) count(s *Stats) bool {
	if f.reported {
		s.Unconstrained++
	} else {
		s.Suppressed++
	}
	return f.reported
}

// countTables counts a query from source under each tenant table it
// names: with its outcome for the table when it had findings there
// (outcomes), else unchecked when a condition is not known (unknown),
// else constrained.
func countTables(s *Stats, tables sqlscope.Tables, named []string, outcomes map[string]int, source string, unknown bool) {
	for _, t := range named {
		out, ok := outcomes[t]
		switch {
		case ok:
		case unknown:
			out = outUnchecked
		default:
			out = outConstrained
		}
		s.table(t, tables[t], source, out)
	}
}

// reportViolation reports v at at, naming tenant when one is in scope,
// with suffix ending its message, and counts its kind; it returns false
// when a //tenantlint:ignore suppressed it. With sql.report: in-scope,
// a finding without a tenant in scope is left out, but not suppressed:
// it still uses the directive that suppresses it, so that changing the
// setting does not make directives unused.
func reportViolation(p *lint.Pass, s *Stats, at ast.Node, tenant string, v sqlscope.Violation, suffix string, related []analysis.RelatedInformation) bool {
	d := analysis.Diagnostic{Pos: at.Pos(), End: at.End(), Message: v.What() + suffix, Related: related}
	kind := KindUnconstrained
	if tenant != "" {
		d.Message = fmt.Sprintf("%s is in scope but %s%s", tenant, v.Does(), suffix)
		kind = KindInScope
	}
	if kind != KindInScope && p.Rules.Config.SQLReportInScope() {
		return !p.MarkSuppressed(d)
	}
	if !p.Report(d) {
		return false
	}
	s.kind(p.Position(d.Pos), kind)
	return true
}

// sqlDirectives reports the problems of the directives in a query
// (parseSQLDirectives) where the query's findings are, and returns the
// statements they suppress.
func sqlDirectives(p *lint.Pass, known []string, q query, res sqlscope.Result) map[int]bool {
	suppressed, problems := parseSQLDirectives(known, q, res)
	for _, msg := range problems {
		p.Pass.Report(analysis.Diagnostic{Pos: q.at.Pos(), End: q.at.End(), Message: msg + q.suffix, Category: p.Check, Related: q.related})
	}
	return suppressed
}

// parseSQLDirectives parses the directives in a query's text, and those
// sqlc moved out of it (q.directives, on its first statement), with the
// rules of //tenantlint:ignore (internal/directive: a reason, known
// check names). It returns the statements that a well-formed directive
// for tenantsql suppresses, and the problems to report: the malformed
// directives (whichever check they name: no other check reads SQL) and
// those naming tenantsql whose statement has no finding. Directives
// naming only other checks are theirs, and left alone.
func parseSQLDirectives(known []string, q query, res sqlscope.Result) (suppressed map[int]bool, problems []string) {
	all := slices.Clone(res.Directives)
	for _, d := range q.directives {
		all = append(all, sqlscope.Directive{Statement: 0, Text: d})
	}
	for _, c := range all {
		d := directive.ParseText(sqlscope.DirectivePrefix, c.Text, known)
		switch {
		case d == nil:
		case d.Problem != "":
			problems = append(problems, "in the query: "+d.Problem)
		case !slices.Contains(d.Checks, Name):
		case !slices.ContainsFunc(res.Violations, func(v sqlscope.Violation) bool { return v.Statement == c.Statement }):
			problems = append(problems, "unused -- tenantlint:ignore tenantsql in the query: its statement has no tenantsql finding")
		default:
			if suppressed == nil {
				suppressed = map[int]bool{}
			}
			suppressed[c.Statement] = true
		}
	}
	return suppressed, problems
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

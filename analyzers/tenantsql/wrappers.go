package tenantsql

import (
	"fmt"
	"go/ast"
	"go/types"
	"path/filepath"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/tenantlint/tenantlint/internal/gotypes"
	"github.com/tenantlint/tenantlint/internal/lint"
	"github.com/tenantlint/tenantlint/internal/sqlscope"
)

// QueryFact says that a function runs a sqlc query that leaves a tenant
// table unconstrained: sqlc's generated method (Queries.GetInvoice) that
// runs its query constant. A call of it from a function that has the
// tenant in scope is reported at the call.
type QueryFact struct {
	// Query is the sqlc query's name; Suffix ends the messages about it,
	// "(sqlc query GetInvoice, db/queries/invoices.sql:1)".
	Query, Suffix string
	// Runs says what each unsuppressed finding of the query is: "SELECT
	// from invoices, which does not filter by it".
	Runs []string
}

// AFact implements analysis.Fact.
func (*QueryFact) AFact() {}

// String describes the fact, as analysistest's fact expectations read it.
func (f *QueryFact) String() string {
	return fmt.Sprintf("runs(%s: %s)", f.Query, strings.Join(f.Runs, "; "))
}

// sqlcResult is what the tenantsqlqueries analyzer found in a package:
// its sqlc queries, or the error of its sqlc configuration (reported by
// the check: the facts analyzer must not fail); and the QueryFacts of
// the functions it may call, its own and its imports', by the
// functions' full names (the check cannot import a fact type another
// analyzer declares).
type sqlcResult struct {
	queries []sqlcQuery
	err     error
	facts   lint.FuncFacts[QueryFact]
	// dialect is the package's (packageDialect), when the package's
	// sqlc queries needed it: tenantsql's run takes it over.
	dialect sqlscope.Dialect
	// cc is, with sql.propagate: keys, the package's compiled
	// configuration with the primary keys that sqlc schemas declare, the
	// package's and its imports' (primaryKeys): tenantsql's run takes it
	// over for every query of the package. nil otherwise.
	cc *compiled
}

// newQueries returns the analyzer that finds each package's sqlc query
// constants and exports a QueryFact on the functions that run one with
// an unsuppressed finding. Like tenantsqltables it runs on every
// package, dependencies included (go vet's facts-only runs skip the
// check, not this), and never reports.
func newQueries(env *lint.Env, tables *analysis.Analyzer, parser *sqlscope.Parser, mods *modules, configs *compiledCache, cache *sqlcCache) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:       "tenantsqlqueries",
		Doc:        "find sqlc's queries and the functions that run them without a tenant predicate, for tenantsql",
		URL:        "https://github.com/tenantlint/tenantlint#tenantsql",
		FactTypes:  []analysis.Fact{new(QueryFact), new(KeysFact)},
		Requires:   []*analysis.Analyzer{tables},
		ResultType: reflect.TypeOf((*sqlcResult)(nil)),
		Run: func(pass *analysis.Pass) (any, error) {
			return queryFacts(env, pass, tables, parser, mods, configs, cache), nil
		},
	}
}

func queryFacts(env *lint.Env, pass *analysis.Pass, tables *analysis.Analyzer, parser *sqlscope.Parser, mods *modules, configs *compiledCache, cache *sqlcCache) *sqlcResult {
	out := &sqlcResult{}
	for _, f := range pass.AllObjectFacts() {
		if qf, ok := f.Fact.(*QueryFact); ok {
			if fn, ok := f.Object.(*types.Func); ok {
				out.facts.Add(fn, qf)
			}
		}
	}
	r := env.RulesFor(pass, Name)
	files := lint.SourceFiles(pass)
	if r == nil || len(files) == 0 {
		return out
	}
	found, _ := pass.ResultOf[tables].(sqlscope.Tables)
	cc := configs.get(r)
	tabs := cc.tables.Apply(found)
	if len(tabs) == 0 {
		return out
	}
	dir := filepath.Dir(pass.Fset.Position(files[0].Package).Filename)
	root := ""
	if !env.Hermetic { // a hermetic run reads nothing outside the package
		root = env.RootFor(dir, pass.Pkg.Path(), r.Config.Dir())
	}
	var schema sqlscope.Schema
	out.queries, schema, out.err = sqlcQueries(pass.Fset, pass.TypesInfo, files, dir, root, cache)
	if cc.rule.Keys != nil { // key joins propagate
		cc = cc.withPrimaryKeys(primaryKeys(pass, schema))
		out.cc = cc
	}
	facts := map[*types.Const]*QueryFact{}
	if len(out.queries) > 0 {
		out.dialect = mods.packageDialect(env, pass, r.Config)
		parser = parser.For(out.dialect)
	}
	for _, sq := range out.queries {
		if globalEntry(r.Config, sq.q) >= 0 {
			continue // global on purpose: not reported at its calls either
		}
		res, err := sqlscope.CheckWith(parser, sq.q.text, tabs, cc.rule)
		if err != nil {
			continue
		}
		suppressed, _ := parseSQLDirectives(env.Checks, sq.q, res)
		f := &QueryFact{Query: sq.name, Suffix: sq.q.suffix}
		for _, v := range res.Violations {
			if !suppressed[v.Statement] {
				f.Runs = append(f.Runs, runs(v))
			}
		}
		if len(f.Runs) > 0 {
			facts[sq.c] = f
		}
	}
	if len(facts) == 0 {
		return out
	}
	// The functions that use such a constant run its query (sqlc's
	// method runs its own, once).
	for _, file := range files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				id, ok := n.(*ast.Ident)
				if !ok {
					return true
				}
				if c, ok := pass.TypesInfo.Uses[id].(*types.Const); ok && facts[c] != nil {
					pass.ExportObjectFact(fn, facts[c])
					out.facts.Add(fn, facts[c])
					return false
				}
				return true
			})
		}
	}
	return out
}

// runs words a finding of a query a function runs: "SELECT from
// invoices, which does not filter by it".
func runs(v sqlscope.Violation) string {
	if v.Insert {
		return fmt.Sprintf("INSERT into %s, which does not set %s.%s", v.Table, v.Table, v.Column)
	}
	return fmt.Sprintf("%s %s %s, which does not filter by it", v.Stmt, v.Prep, v.Table)
}

// wrapperCall reports a call of a function that runs a sqlc query with a
// finding (QueryFact) from a function that has the tenant in scope
// (tenantAt): the tenant is at hand and the query does not use it. The
// query itself is reported in its package; without a tenant in scope
// the call says nothing more.
func (r *queryRun) wrapperCall(p *lint.Pass, generated *sqlcResult, call *ast.CallExpr, tenantAt func(*ast.CallExpr) string) {
	if generated == nil || generated.facts.Len() == 0 {
		return
	}
	fn, ok := typeutil.Callee(p.TypesInfo, call).(*types.Func)
	if !ok {
		return
	}
	f := generated.facts.Lookup(fn)
	if f == nil {
		return
	}
	tenant := tenantAt(call)
	if tenant == "" {
		return
	}
	for _, what := range f.Runs {
		d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(),
			Message: fmt.Sprintf("%s is in scope but %s runs %s%s", tenant, gotypes.FuncName(fn), what, f.Suffix)}
		if p.Report(d) {
			r.stats.kind(p.Position(d.Pos), KindInScope)
		}
	}
}

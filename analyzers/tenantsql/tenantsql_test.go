package tenantsql_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/tenantlint/tenantlint/analyzers/tenantsql"
	"github.com/tenantlint/tenantlint/internal/registry"
)

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "tenantsql-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("TENANTLINT_CACHE", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func testdata(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func run(t *testing.T, pattern string) []*analysistest.Result {
	t.Helper()
	return analysistest.Run(t, testdata(t), tenantsql.New(registry.NewSourceEnv()), pattern)
}

// Every method of the database/sql, sqlx and pgx/v5 presets, through
// promoted methods and interfaces, with the model's table known through
// a fact of its package.
func TestPresets(t *testing.T) {
	run(t, "sql_presets/...")
}

// Text forms (constants, concatenation, a local, Sprintf; unresolvable
// and unparsable texts are unchecked), joins, OR, subqueries, CTEs,
// writes, a tenant value in scope, sql.apis, suppressions in Go and in
// the SQL (per statement; malformed and unused ones reported); and the
// statistics of all that.
func TestForms(t *testing.T) {
	results := run(t, "sql_forms/...")
	got := stats(t, results, "sql_forms/app")
	want := tenantsql.Stats{Queries: 43, Constrained: 15, Unconstrained: 22, Suppressed: 3, Unchecked: 3}
	if got.Summary() != want.Summary() {
		t.Errorf("stats %s, want %s", got.Summary(), want.Summary())
	}
	inScope := 0
	for _, k := range got.Kinds {
		if k == tenantsql.KindInScope {
			inScope++
		}
	}
	if inScope != 4 {
		t.Errorf("%d findings of kind %s, want 4", inScope, tenantsql.KindInScope)
	}
}

func stats(t *testing.T, results []*analysistest.Result, pkg string) tenantsql.Stats {
	t.Helper()
	for _, r := range results {
		if r.Pass.Pkg.Path() == pkg {
			s, ok := r.Result.(*tenantsql.Stats)
			if !ok {
				t.Fatalf("%s: result %T", pkg, r.Result)
			}
			return *s
		}
	}
	t.Fatalf("no result for %s", pkg)
	return tenantsql.Stats{}
}

// The tables of the models: TableName(), bun's table: tag, the db, bun
// and gorm columns, json naming no column, a marker's default column,
// sql.tables and sql.exclude_tables; models of another package known
// through its fact.
func TestTables(t *testing.T) {
	run(t, "sql_tables/repo")
}

// The fact of a package of models lists its tables and their columns
// (global models are not tenant tables).
func TestTablesFact(t *testing.T) {
	analysistest.Run(t, testdata(t), tenantsql.NewTables(registry.NewSourceEnv()), "sql_tables/models")
}

// With ctx.sinks the tenant travels in contexts: a context that may
// carry it (a parameter, r.Context()) is a tenant value in scope; an
// empty one is not.
func TestContextInScope(t *testing.T) {
	got := stats(t, run(t, "sql_ctx/..."), "sql_ctx/app")
	inScope := 0
	for _, k := range got.Kinds {
		if k == tenantsql.KindInScope {
			inScope++
		}
	}
	if inScope != 2 || len(got.Kinds) != 3 {
		t.Errorf("kinds %v, want 2 of %s among 3", got.Kinds, tenantsql.KindInScope)
	}
}

// The review of increment 1: a tenant column compared with a constant, a
// function of nothing or another column is unconstrained; a model's
// TableName(ctx) names its table.
func TestReview(t *testing.T) {
	run(t, "sql_review/...")
}

// The sql section is compiled once per configuration, not once per
// package: sql_forms' two packages share one.
func TestCompiledOncePerConfig(t *testing.T) {
	a, compiles := tenantsql.NewCounting(registry.NewSourceEnv())
	results := analysistest.Run(t, testdata(t), a, "sql_forms/...")
	if len(results) < 2 {
		t.Fatalf("%d packages analyzed, want at least 2", len(results))
	}
	if n := compiles(); n != 1 {
		t.Errorf("%d compilations for %d packages of one configuration, want 1", n, len(results))
	}
}

// sqlc's query constants are queries, run or not: reported at the
// constant, with the .sql file and line when a sqlc.yaml maps the query
// (and the directives of its block, which sqlc moves out of the text,
// read there); a constant also run through a query API is judged once;
// a method of another package that has the tenant and calls a generated
// method whose query does not use it is reported at the call (facts).
func TestSQLC(t *testing.T) {
	results := run(t, "sql_sqlc/...")
	got := stats(t, results, "sql_sqlc/db")
	want := tenantsql.Stats{Queries: 5, Constrained: 2, Unconstrained: 2, Suppressed: 1}
	checkStats(t, got, want)
	run(t, "sql_sqlc_bare/...")
}

// bun's builder chains: constrained, unconstrained, a tenant value in
// scope, aliases, WherePK, predicates added before or on one branch, in
// place, a builder passed along locals, joins (Join's text, JoinOn),
// unresolvable chains (unchecked), raw texts and suppression.
func TestBun(t *testing.T) {
	got := stats(t, run(t, "sql_bun/..."), "sql_bun/app")
	want := tenantsql.Stats{Queries: 44, Constrained: 19, Unconstrained: 17, Suppressed: 1, Unchecked: 7,
		Chains: 42, ChainsConstrained: 19, ChainsUnconstrained: 15, ChainsUnchecked: 7}
	checkStats(t, got, want)
}

// squirrel's builders: Eq, And, Or, Expr, NotEq and nil, a tenant value
// in scope, value semantics (an extension must be assigned), a predicate
// on one branch only, joins, unresolvable chains.
func TestSquirrel(t *testing.T) {
	got := stats(t, run(t, "sql_squirrel/..."), "sql_squirrel/app")
	want := tenantsql.Stats{Queries: 23, Constrained: 10, Unconstrained: 9, Unchecked: 4,
		Chains: 23, ChainsConstrained: 10, ChainsUnconstrained: 9, ChainsUnchecked: 4}
	checkStats(t, got, want)
}

// gorm's chains: the model from Model or the destination, its table from
// a TableName method of another package (a fact), Where with strings,
// structs and maps, inline conditions, Or and Not, a tenant value in
// scope, locals changed in place, a predicate on one branch only, joins,
// unresolvable chains, raw texts.
func TestGorm(t *testing.T) {
	got := stats(t, run(t, "sql_gorm/app"), "sql_gorm/app")
	want := tenantsql.Stats{Queries: 30, Constrained: 11, Unconstrained: 15, Unchecked: 4,
		Chains: 28, ChainsConstrained: 11, ChainsUnconstrained: 13, ChainsUnchecked: 4}
	checkStats(t, got, want)
}

// The models analyzer exports the table of each type with a TableName
// method returning a constant.
func TestModelsFact(t *testing.T) {
	analysistest.Run(t, testdata(t), tenantsql.NewModels(registry.NewSourceEnv()), "sql_gorm/models")
}

// pop's chains: Connection and Query (Q, pop.Q), the model from the
// terminal's destination, Where, Find by ID, a tenant value in scope,
// locals changed in place, a predicate on one branch only, joins,
// unresolvable chains, raw texts.
func TestPop(t *testing.T) {
	got := stats(t, run(t, "sql_pop/..."), "sql_pop/app")
	want := tenantsql.Stats{Queries: 18, Constrained: 7, Unconstrained: 9, Unchecked: 2,
		Chains: 17, ChainsConstrained: 7, ChainsUnconstrained: 8, ChainsUnchecked: 2}
	checkStats(t, got, want)
}

// A condition formatted in whole (WHERE %s) is unchecked, a condition
// that is always false (WHERE 1 = 0) touches no row; a formatted value
// and a true condition constrain nothing.
func TestOpaqueConditions(t *testing.T) {
	got := stats(t, run(t, "sql_opaque/..."), "sql_opaque/app")
	want := tenantsql.Stats{Queries: 5, Constrained: 1, Unconstrained: 3, Unchecked: 1}
	checkStats(t, got, want)
}

// Ory's fork of pop (github.com/ory/pop/v6, used by Kratos) is pop under
// the pop preset: its chains and raw texts are judged the same.
func TestOryPop(t *testing.T) {
	got := stats(t, run(t, "sql_orypop/..."), "sql_orypop/app")
	want := tenantsql.Stats{Queries: 4, Constrained: 2, Unconstrained: 2,
		Chains: 2, ChainsConstrained: 1, ChainsUnconstrained: 1}
	checkStats(t, got, want)
}

// checkStats compares the statistics, the chains' counts included.
func checkStats(t *testing.T, got, want tenantsql.Stats) {
	t.Helper()
	if got.Summary() != want.Summary() {
		t.Errorf("stats %s, want %s", got.Summary(), want.Summary())
	}
}

// A sqlc package shaped like Hatchet's: its tables are those of the
// schema sqlc.yaml lists (quoted CamelCase singular names, "tenantId"
// and tenant_id columns, partitions, columns added and renamed by
// migrations; .down.sql files and statements the parser rejects left
// out), tenant when they have the json-tag column of a generated tenant
// model or sql.tenant_column; a cast parameter constrains; importers
// know the tables through the package's fact.
func TestSQLCSchema(t *testing.T) {
	results := run(t, "sql_sqlc_schema/...")
	got := stats(t, results, "sql_sqlc_schema/db")
	want := tenantsql.Stats{Queries: 8, Constrained: 3, Unconstrained: 5}
	if got.Summary() != want.Summary() {
		t.Errorf("stats %s, want %s", got.Summary(), want.Summary())
	}
}

// MySQL: the dialect of a package is that of the driver it imports
// (database/sql's and gorm's), or sql.dialect; without either, its
// texts are PostgreSQL, and MySQL's backticks are unchecked.
func TestMySQL(t *testing.T) {
	results := run(t, "sql_mysql/...")
	for pkg, want := range map[string]tenantsql.Stats{
		"sql_mysql/driver":         {Queries: 33, Constrained: 14, Unconstrained: 16, Suppressed: 1, Unchecked: 2},
		"sql_mysql/nodriver":       {Queries: 2, Unconstrained: 1, Unchecked: 1},
		"sql_mysql/configured/app": {Queries: 3, Constrained: 1, Unconstrained: 2},
		"sql_mysql/gormdriver":     {Queries: 5, Constrained: 2, Unconstrained: 3, Chains: 2, ChainsConstrained: 1, ChainsUnconstrained: 1},
	} {
		if got := stats(t, results, pkg); got.Summary() != want.Summary() {
			t.Errorf("%s: stats %s, want %s", pkg, got.Summary(), want.Summary())
		}
	}
}

// sql.propagate: keys: key joins constrain, with the key on either side
// and the keys of sql.keys; other joins do not.
func TestKeys(t *testing.T) {
	run(t, "sql_keys/...")
}

// sql.report: in-scope reports only the findings with a tenant value in
// scope; the others still count as unconstrained, and a directive on
// one is used.
func TestReportInScope(t *testing.T) {
	got := stats(t, run(t, "sql_inscope/..."), "sql_inscope/app")
	want := tenantsql.Stats{Queries: 7, Constrained: 1, Unconstrained: 5, Suppressed: 1, Chains: 2, ChainsUnconstrained: 2}
	if got.Summary() != want.Summary() {
		t.Errorf("stats %s, want %s", got.Summary(), want.Summary())
	}
}

// sql.global: the queries an entry matches by name (a constant named in
// the call, a sqlc query's name) or by file are not findings, nor the
// calls of a function that runs such a sqlc query; an entry that matched
// only queries without findings is reported at its place in
// .tenantlint.yaml; one that matched no query is not judged.
func TestGlobal(t *testing.T) {
	rec := new(errorRecorder)
	results := analysistest.Run(rec, testdata(t), tenantsql.New(registry.NewSourceEnv()), "sql_global/...")
	// The diagnostic in the YAML file has no // want to match it:
	// analysistest reports it as unexpected, and that is checked.
	unused := regexp.MustCompile(`^sql_global/\.tenantlint\.yaml:13:7: unexpected diagnostic: unused sql.global entry: the queries it matches in sql_global/app have no tenantsql finding$`)
	if len(rec.errs) != 1 || !unused.MatchString(rec.errs[0]) {
		t.Errorf("errors %q\nwant only the unused entry, matching %s", rec.errs, unused)
	}
	got := stats(t, results, "sql_global/app")
	want := tenantsql.Stats{Queries: 8, Constrained: 1, Unconstrained: 3, Suppressed: 4, Chains: 2, ChainsUnconstrained: 1}
	if got.Summary() != want.Summary() {
		t.Errorf("stats %s, want %s", got.Summary(), want.Summary())
	}
}

// errorRecorder is an analysistest.Testing that keeps the errors instead
// of failing the test, so that a run expected to report an unexpected
// diagnostic can be checked.
type errorRecorder struct{ errs []string }

func (r *errorRecorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// A pop chain that starts at a helper returning a query (Ory Keto's
// queryWithNetwork) continues from the helper's steps: its predicates
// constrain, in the same package and through the facts of another; a
// helper that extends its parameter (whereQuery) adds its conditions
// there, and so does one that returns an error and extends it in place
// (Keto's real whereQuery); a helper whose returns are different chains
// is unchecked.
func TestPopHelpers(t *testing.T) {
	got := stats(t, run(t, "sql_pophelper/app"), "sql_pophelper/app")
	want := tenantsql.Stats{Queries: 15, Constrained: 10, Unconstrained: 4, Unchecked: 1,
		Chains: 15, ChainsConstrained: 10, ChainsUnconstrained: 4, ChainsUnchecked: 1}
	checkStats(t, got, want)
}

// The chains analyzer exports what each helper's returned chain adds,
// and whether it extends a parameter.
func TestChainsFact(t *testing.T) {
	analysistest.Run(t, testdata(t), tenantsql.NewChains(registry.NewSourceEnv()), "sql_pophelper/helpers")
}

// A query text that a function of the package returns is followed into
// its returns (Keto's buildDelete, its first result; "" on the error
// path aside): `WHERE (%s) AND nid = ?` is constrained whatever the
// formatted part holds; returns of two texts, and a formatted clause
// that makes the text unparsable, are unchecked.
func TestReturnedTexts(t *testing.T) {
	got := stats(t, run(t, "sql_pophelper/raw"), "sql_pophelper/raw")
	want := tenantsql.Stats{Queries: 4, Constrained: 1, Unconstrained: 1, Unchecked: 2}
	checkStats(t, got, want)
	if n := got.UncheckedBy[tenantsql.UncheckedFormatted]; n != 1 {
		t.Errorf("unchecked by reason %v, want 1 %q", got.UncheckedBy, tenantsql.UncheckedFormatted)
	}
}

// A function's returned text is remembered for the package's other
// queries only when it did not depend on where the following started:
// scoped's text, followed from inside cond, has a placeholder for cond
// (a call being followed already), and from Scoped's query, cond's
// tenant predicate.
func TestReturnedTextsMutual(t *testing.T) {
	got := stats(t, run(t, "sql_pophelper/mutual"), "sql_pophelper/mutual")
	want := tenantsql.Stats{Queries: 2, Constrained: 1, Unchecked: 1}
	checkStats(t, got, want)
}

// bun and squirrel chains that start at a helper continue from its
// steps too: its model (bun's alias resolved in the caller's chain) or
// FROM item, and its predicate.
func TestBuilderHelpers(t *testing.T) {
	want := tenantsql.Stats{Queries: 2, Constrained: 1, Unconstrained: 1,
		Chains: 2, ChainsConstrained: 1, ChainsUnconstrained: 1}
	for _, pkg := range []string{"sql_bun/helpers", "sql_squirrel/helpers"} {
		checkStats(t, stats(t, run(t, pkg), pkg), want)
	}
}

// sql.propagate: keys with a sqlc schema: a table's key is the primary
// key the schema declares (a column's, a table constraint's, ALTER
// TABLE's), none for a composite one (a join on all its columns counts,
// one on a part does not), id without one, and sql.keys wins; importers
// judge their own SQL and the generated methods' calls with the same
// keys. Without sql.propagate: keys the same queries are all findings.
func TestSQLCPrimaryKeys(t *testing.T) {
	run(t, "sql_sqlc_pk/...")
}

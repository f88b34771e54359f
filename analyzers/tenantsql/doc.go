// Package tenantsql defines an Analyzer that reports SQL statements that
// touch a tenant table without a predicate on its tenant column.
//
// # Analyzer tenantsql
//
// tenantsql: report SQL queries that touch a tenant table without a tenant predicate
//
// The tenant tables are those of the tenant models (models.markers and
// models.fields): a model's table is its TableName() (or TableName(ctx))
// method's constant, the table: of a bun.BaseModel field's bun tag (or
// the tag's name, or the table of a model embedded with bun:",extend"),
// or else the snake_case
// plural of its name; its tenant column is the db, bun or gorm column
// of its tenant field, or that field's snake_case name (json tags name
// no column), or sql.tenant_column (tenant_id by default) for a model
// scoped by a marker. Models of other packages are known through facts
// of the tenantsqltables analyzer, which tenantsql requires (and the
// tables of TableName() methods, for builder chains, through facts of
// tenantsqlmodels; and the chains that functions returning a builder
// add, so that a chain starting at a call of one continues from them,
// through facts of tenantsqlchains).
// sql.tables adds tables or sets their column, and sql.exclude_tables
// removes them.
//
// The queries are the SQL texts passed to the query methods of
// database/sql, sqlx, pgx/v5, bun, gorm and pop (sql.presets, all of
// them by default) and to the in-house APIs of sql.apis, and the query
// builder chains of bun, gorm, squirrel and pop (on with their presets):
// a chain's table comes from its model or its Table/From step, its
// predicates from its Where-like steps (SQL fragments, squirrel's Eq
// maps, gorm's structs), its joins from its Join steps, and it is judged
// as the SQL statement it builds; a predicate added on some paths only
// (a branch) does not constrain, and the finding says so. A chain that
// cannot be followed (a builder from outside the function, a model of
// unknown type, a dynamic condition) is unchecked. A chain may start
// at a call of a function returning a builder, or pass through one that
// extends the builder it takes (tenantsqlchains' facts): it continues
// from the steps that function's chain adds. The text is followed as a cache key
// is: a constant, a concatenation of constants, a local assigned once,
// or fmt.Sprintf with a constant format, whose verbs become the text of
// a constant argument or an opaque value, or the text every return of
// a function of the package gives as its first result. It is parsed with
// PostgreSQL's grammar (libpg_query; ? and :name bind variables are read
// as $N), or with MySQL's (vitess's parser, its tree translated so that
// the same rule judges it) where sql.dialect is mysql or, without it,
// where the package imports a MySQL driver and no PostgreSQL one (a
// package that imports no driver: where its go.mod requires so). A
// query that does not resolve to a text, or does not parse, is not a
// finding; it is counted as unchecked. The query constants sqlc
// generates (const getInvoice = "-- name: GetInvoice :one ...") are
// queries too, judged at the constant; when a sqlc configuration (found
// up to the module's root) maps the query to its line in a .sql file,
// the message names it, and the standalone driver reports the finding
// there (check.GeneratedFrom related information). The
// -- tenantlint:ignore lines of the query's block in the .sql file,
// which sqlc moves out of the generated text, apply to it. A function
// that runs such a query with a finding carries a fact (of the
// tenantsqlqueries analyzer, which tenantsql requires), and a call of it
// from a function with a tenant value in scope is reported at the call.
//
// In every SELECT, UPDATE, DELETE and INSERT ... SELECT, CTEs and
// subqueries included, each reference to a tenant table must be
// constrained by its tenant column: a top-level AND conjunct of WHERE or
// of a JOIN's ON compares the column (qualified by the reference's alias
// or table, or unqualified) for equality with a tenant value (a
// parameter, a formatted value, current_setting(...), a function of
// parameters and constants), ANY(tenant value) or IN (tenant values),
// never with a constant, a function of constants or a column; or with the
// tenant column of another reference that is constrained (a correlated
// subquery's outer reference included), or with a column that another
// conjunct compares with values (one step), or the tables are joined
// USING the column or NATURAL; with sql.propagate: keys, also with a
// column of a constrained reference when one of the two is its table's
// key (sql.keys; else the single-column PRIMARY KEY that the schema of
// a sqlc project declares, none for a composite one; else id), or when
// all the columns of a composite PRIMARY KEY equal columns of one
// constrained reference, or IN the keys a constrained subquery selects.
// An OR constrains what every branch constrains.
// An INSERT with a column list must list the tenant column; ON CONFLICT
// ... DO UPDATE is in the insert's scope. Other statements are not
// judged.
//
// A finding is reported at the call and names the statement, the table
// and the column: "SELECT from invoices has no predicate on
// invoices.tenant_id". When the function running the query has a tenant
// value in scope (a parameter named in cache.tenant_values.params or
// repository.methods' tenant_param), it says so: "orgID is in scope but
// DELETE from workers does not filter by it". When the configuration
// says the tenant travels in contexts (cache.key_func, ctx.sinks or a
// repository.methods tenant_method), a context that may carry it in
// scope counts too, as tenantctx finds them: "the tenant in ctx is in
// scope but SELECT from invoices does not filter by it". The statistics
// tell the two kinds of finding apart (Stats.Kinds), for the JSON and
// SARIF outputs' kind; sql.report: in-scope reports only the first.
//
// A //tenantlint:ignore tenantsql <reason> comment on the reported line
// or the line above suppresses the finding; such a comment that
// suppresses nothing is reported. Inside the SQL, a comment
// -- tenantlint:ignore tenantsql <reason> (or /* ... */) suppresses the
// findings of the statement it is in. It follows //tenantlint:ignore's
// rules (internal/directive parses both): a malformed one, or one for
// tenantsql whose statement has no finding, is reported at the call.
// sql.global entries mark queries global by name or file, with a reason;
// an entry whose queries in a package have no finding is reported at
// its line in the configuration file.
//
// # Rule tenantsql
//
// The rule as the report formats (SARIF) describe it:
//
// Short: SQL query on a tenant table without a tenant predicate
//
// Full: A query passed to a database API reads or changes rows of a
// tenant table without constraining the table's tenant column, so it can
// return or change another tenant's rows.
//
// Help: Add the predicate, e.g. `AND invoices.tenant_id = $2` with the
// tenant as its argument, or suppress a deliberately cross-tenant query
// with `//tenantlint:ignore tenantsql <reason>`.
package tenantsql

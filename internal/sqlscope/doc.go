// Package sqlscope answers tenantsql's questions about SQL: which tables
// are tenant tables (from the models and the sql section of the
// configuration), what text a Go expression passed as a query holds, and
// whether every reference to a tenant table in a statement is constrained
// by its tenant column.
//
// Statements are parsed with libpg_query, PostgreSQL's own grammar,
// compiled to WebAssembly and run by wazero (github.com/wasilibs/go-pgquery,
// its parser package only: the module's root package would pull in
// pg_query_go's cgo parser when cgo is on). It builds with CGO_ENABLED=0.
// Its start-up (compiling the module, about 2.4 s of CPU) is paid on the
// first parse of a process, never by a process that parses nothing, and
// not for texts whose trees an earlier process left in the cache folder:
// see Parser and docs/performance.md.
//
// MySQL is parsed by vitess's parser (vitess.io/vitess/go/vt/sqlparser,
// pure Go, no start-up beyond its package initialisation), whose tree
// mysql.go translates into libpg_query's shape: the rule (rule.go) is
// one for both dialects. Parser.For gives a parser of a dialect.
package sqlscope

// Package sqlscope answers tenantsql's questions about SQL: which tables
// are tenant tables (from the models and the sql section of the
// configuration), what text a Go expression passed as a query holds, and
// whether every reference to a tenant table in a statement is constrained
// by its tenant column.
//
// Statements are parsed with libpg_query, PostgreSQL's own grammar,
// compiled to WebAssembly (go-pgquery's module) and run by wazero through
// internal/pgwasm, a fork of go-pgquery's glue that lets the engine be
// chosen. It builds with CGO_ENABLED=0. The module runs on wazero's
// interpreter, whose start-up (about 0.5 s of CPU) is paid on the first
// parse of a process, never by a process that parses nothing, and not for
// texts whose trees an earlier process left in the cache folder; a
// process that parses many texts moves to the optimizing compiler (2 s
// to start, 20 times faster per parse) once the interpreter has cost as
// much: see Parser and docs/performance.md. Under the interpreter a text
// that does not parse has no message (pgwasm.ErrInterpreted): nothing
// reads it, the analyzer only counts the text as unchecked.
//
// MySQL is parsed by vitess's parser (vitess.io/vitess/go/vt/sqlparser,
// pure Go, no start-up beyond its package initialisation), whose tree
// mysql.go translates into libpg_query's shape: the rule (rule.go) is
// one for both dialects. Parser.For gives a parser of a dialect.
package sqlscope

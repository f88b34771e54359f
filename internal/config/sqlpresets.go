package config

import (
	"maps"
	"slices"
)

// SQLPresetAPI is a built-in query API: some types of one package that
// share a method table (method name → index of the query argument), and
// package-level functions.
type SQLPresetAPI struct {
	Pkg     string
	Types   []string
	Methods map[string]int
	Funcs   map[string]int
}

// SQLPresets are the built-in query APIs, by the name used in
// sql.presets. Each method is checked against a stub of the library's
// real method set (analyzers/tenantsql/testdata/src): it exists on each
// type listed and takes a string at its index.
var SQLPresets = map[string][]SQLPresetAPI{
	"database/sql": {
		{Pkg: "database/sql", Types: []string{"DB", "Tx"}, Methods: map[string]int{
			"Query": 0, "QueryContext": 1, "QueryRow": 0, "QueryRowContext": 1,
			"Exec": 0, "ExecContext": 1, "Prepare": 0, "PrepareContext": 1,
		}},
		// *sql.Conn has only the Context forms.
		{Pkg: "database/sql", Types: []string{"Conn"}, Methods: map[string]int{
			"QueryContext": 1, "QueryRowContext": 1, "ExecContext": 1, "PrepareContext": 1,
		}},
	},
	"sqlx": {
		{Pkg: "github.com/jmoiron/sqlx", Types: []string{"DB"}, Methods: map[string]int{
			"Get": 1, "Select": 1, "Queryx": 0, "QueryRowx": 0, "MustExec": 0,
			"NamedExec": 0, "NamedQuery": 0, "Preparex": 0, "PrepareNamed": 0,
			"GetContext": 2, "SelectContext": 2, "QueryxContext": 1, "QueryRowxContext": 1, "MustExecContext": 1,
			"NamedExecContext": 1, "NamedQueryContext": 1, "PreparexContext": 1, "PrepareNamedContext": 1,
		}},
		// *sqlx.Tx has no NamedQueryContext.
		{Pkg: "github.com/jmoiron/sqlx", Types: []string{"Tx"}, Methods: map[string]int{
			"Get": 1, "Select": 1, "Queryx": 0, "QueryRowx": 0, "MustExec": 0,
			"NamedExec": 0, "NamedQuery": 0, "Preparex": 0, "PrepareNamed": 0,
			"GetContext": 2, "SelectContext": 2, "QueryxContext": 1, "QueryRowxContext": 1, "MustExecContext": 1,
			"NamedExecContext": 1, "PreparexContext": 1, "PrepareNamedContext": 1,
		}},
		{Pkg: "github.com/jmoiron/sqlx", Types: []string{"Conn"}, Methods: map[string]int{
			"GetContext": 2, "SelectContext": 2, "QueryxContext": 1, "QueryRowxContext": 1, "PreparexContext": 1,
		}},
		// The interfaces sqlx's functions take (Ext embeds Queryer and
		// Execer, whose methods they are).
		{Pkg: "github.com/jmoiron/sqlx", Types: []string{"Queryer"}, Methods: map[string]int{"Query": 0, "Queryx": 0, "QueryRowx": 0}},
		{Pkg: "github.com/jmoiron/sqlx", Types: []string{"QueryerContext"}, Methods: map[string]int{"QueryContext": 1, "QueryxContext": 1, "QueryRowxContext": 1}},
		{Pkg: "github.com/jmoiron/sqlx", Types: []string{"Execer"}, Methods: map[string]int{"Exec": 0}},
		{Pkg: "github.com/jmoiron/sqlx", Types: []string{"ExecerContext"}, Methods: map[string]int{"ExecContext": 1}},
		{Pkg: "github.com/jmoiron/sqlx", Funcs: map[string]int{
			"Get": 2, "Select": 2, "GetContext": 3, "SelectContext": 3,
			"NamedExec": 1, "NamedQuery": 1, "NamedExecContext": 2, "NamedQueryContext": 2,
			"MustExec": 1, "MustExecContext": 2, "Preparex": 1, "PreparexContext": 2,
		}},
	},
	"pgx": {
		{Pkg: "github.com/jackc/pgx/v5", Types: []string{"Conn", "Tx"}, Methods: map[string]int{
			"Query": 1, "QueryRow": 1, "Exec": 1, "Prepare": 2,
		}},
		{Pkg: "github.com/jackc/pgx/v5", Types: []string{"Batch"}, Methods: map[string]int{"Queue": 0}},
		{Pkg: "github.com/jackc/pgx/v5/pgxpool", Types: []string{"Pool", "Conn"}, Methods: map[string]int{
			"Query": 1, "QueryRow": 1, "Exec": 1,
		}},
		{Pkg: "github.com/jackc/pgx/v5/pgxpool", Types: []string{"Tx"}, Methods: map[string]int{
			"Query": 1, "QueryRow": 1, "Exec": 1, "Prepare": 2,
		}},
	},
	// bun, gorm, squirrel and pop are also query builders, whose chains
	// tenantsql follows when their preset is on (analyzers/tenantsql's
	// builders_libs.go); here are their raw entry points.
	"bun": {
		{Pkg: "github.com/uptrace/bun", Types: []string{"DB", "Tx"}, Methods: map[string]int{
			"NewRaw": 0, "Query": 0, "QueryContext": 1, "QueryRow": 0, "QueryRowContext": 1, "Exec": 0, "ExecContext": 1,
		}},
		{Pkg: "github.com/uptrace/bun", Types: []string{"Conn"}, Methods: map[string]int{
			"NewRaw": 0, "QueryContext": 1, "QueryRowContext": 1, "ExecContext": 1,
		}},
		{Pkg: "github.com/uptrace/bun", Types: []string{"IDB"}, Methods: map[string]int{"NewRaw": 0}},
		{Pkg: "github.com/uptrace/bun", Types: []string{"IConn"}, Methods: map[string]int{
			"QueryContext": 1, "QueryRowContext": 1, "ExecContext": 1,
		}},
	},
	"gorm": {
		{Pkg: "gorm.io/gorm", Types: []string{"DB"}, Methods: map[string]int{"Raw": 0, "Exec": 0}},
	},
	"pop": {
		{Pkg: "github.com/gobuffalo/pop/v6", Types: []string{"Connection", "Query"}, Methods: map[string]int{"RawQuery": 0}},
		// Ory's fork (Kratos, Hydra, Keto): the same API at another path.
		{Pkg: "github.com/ory/pop/v6", Types: []string{"Connection", "Query"}, Methods: map[string]int{"RawQuery": 0}},
	},
	// squirrel has no raw entry point of its own.
	"squirrel": {},
}

// SQLPresetList lists the known SQL presets, sorted.
func SQLPresetList() []string { return slices.Sorted(maps.Keys(SQLPresets)) }

// SQLPresetPackages returns every package that a built-in SQL preset
// covers (query methods or builders), sorted: a package of the module
// that imports one may run queries.
func SQLPresetPackages() []string {
	var out []string
	for _, name := range SQLPresetList() {
		out = append(out, PresetPackages(name, true)...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

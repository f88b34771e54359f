package tenantsql

// The query builders tenantsql follows, each modelled on the library's
// real method set (the stubs under testdata/src, whose versions are in
// their package comments): bun v1.2.9, squirrel v1.5.4, gorm v1.25.12,
// pop v6.1.1. A builder library is on when its name is in sql.presets
// (or the key is absent), like the raw query methods of its preset.

// op is what a builder method does to the statement being built.
type op int

const (
	opPass       op = iota // keeps the builder: Order, Limit, Column, ...
	opStart                // starts a statement (bun's NewSelect, squirrel's Select)
	opModel                // sets the model, whose table is the statement's
	opTable                // adds FROM items named by its string arguments (bun's Table)
	opFromExpr             // adds a FROM item of SQL text (squirrel's From, bun's TableExpr)
	opModelExpr            // replaces the model's FROM item by SQL text (bun's ModelTableExpr)
	opWhere                // adds a condition, ANDed
	opWhereOr              // adds a condition, ORed
	opWhereNot             // adds a negated condition (gorm's Not)
	opWherePK              // adds the model's primary key (bun's WherePK)
	opWhereGroup           // adds the conditions a function adds, grouped (bun's WhereGroup)
	opJoin                 // adds a join of SQL text (prefix + its argument)
	opJoinOn               // adds a condition to the last join's ON (bun's JoinOn)
	opPopJoin              // pop's Join(table, on, args...)
	opOpaque               // changes the statement in ways not followed (Apply, Scopes): unchecked
	opRaw                  // the chain runs a raw text, a query of the raw presets
	opInsert               // an INSERT: not a chain tenantsql judges (builders set every column)
	opTerminal             // runs the statement
)

// method is a builder method: its op, the statement it starts or runs
// ("" for a terminal: the statement the chain started), the join text's
// prefix, and for ops that take a model or a table the index of that
// argument (model: where a gorm or pop terminal takes its destination;
// cond: where its inline conditions start, -1 for none).
type method struct {
	op     op
	stmt   string
	prefix string
	model  int
	cond   int
	table  int
}

func m(o op) method { return method{op: o, model: -1, cond: -1, table: -1} }

func start(stmt string) method { mt := m(opStart); mt.stmt = stmt; return mt }

func startTable(stmt string) method { mt := start(stmt); mt.table = 0; return mt }

func terminal(stmt string) method { mt := m(opTerminal); mt.stmt = stmt; return mt }

// terminalModel is a gorm or pop terminal that takes the destination
// model (its table, when no Model step set one) and inline conditions.
func terminalModel(stmt string, model, cond int) method {
	mt := terminal(stmt)
	mt.model, mt.cond = model, cond
	return mt
}

func join(prefix string) method { mt := m(opJoin); mt.prefix = prefix; return mt }

// library describes one query builder library.
type library struct {
	name string // its sql.presets name
	pkg  string
	// builders are the types whose values are statements being built;
	// starts the types whose methods start one (a DB). A type can be
	// both (gorm's DB).
	builders, starts []string
	// funcs are the package's functions that start a statement.
	funcs   map[string]method
	methods map[string]method
	// mutable: a method changes the builder it is called on (bun, gorm
	// and pop return their receiver), so a statement `q.Where(...)`
	// extends q; squirrel's builders are values.
	mutable bool
	// rootStarts: a value of a start type that comes from outside the
	// function (a parameter, a field) is a fresh statement (gorm's *DB,
	// pop's *Connection); for bun and squirrel, a builder from outside
	// is not followed.
	rootStarts bool
	// alias: a model's FROM item has bun's alias (alias: in the
	// BaseModel tag, else the model's snake_case name).
	alias bool
}

var libraries = []*library{bunLib, squirrelLib, gormLib, popLib, oryPopLib}

var bunLib = &library{
	name:     "bun",
	pkg:      "github.com/uptrace/bun",
	builders: []string{"SelectQuery", "UpdateQuery", "DeleteQuery", "InsertQuery"},
	starts:   []string{"DB", "Tx", "Conn", "IDB"},
	mutable:  true,
	alias:    true,
	methods: map[string]method{
		"NewSelect": start("SELECT"), "NewUpdate": start("UPDATE"), "NewDelete": start("DELETE"),
		"NewInsert": m(opInsert), "NewRaw": m(opRaw),
		"Model": m(opModel), "Table": m(opTable), "TableExpr": m(opFromExpr), "ModelTableExpr": m(opModelExpr),
		"Where": m(opWhere), "WhereOr": m(opWhereOr), "WherePK": m(opWherePK),
		"WhereGroup": m(opWhereGroup), "Apply": m(opOpaque), "ApplyQueryBuilder": m(opOpaque),
		"With": m(opOpaque), "WithRecursive": m(opOpaque),
		"Union": m(opOpaque), "UnionAll": m(opOpaque), "Intersect": m(opOpaque), "IntersectAll": m(opOpaque),
		"Except": m(opOpaque), "ExceptAll": m(opOpaque),
		"Join": join(""), "JoinOn": m(opJoinOn), "JoinOnOr": m(opOpaque),
		"Scan": terminal(""), "Exec": terminal(""), "Count": terminal(""),
		"ScanAndCount": terminal(""), "Exists": terminal(""), "Rows": terminal(""),
	},
}

var squirrelLib = &library{
	name:     "squirrel",
	pkg:      "github.com/Masterminds/squirrel",
	builders: []string{"SelectBuilder", "UpdateBuilder", "DeleteBuilder", "InsertBuilder"},
	starts:   []string{"StatementBuilderType"},
	funcs: map[string]method{
		"Select": start("SELECT"), "Update": startTable("UPDATE"), "Delete": startTable("DELETE"),
		"Insert": m(opInsert), "Replace": m(opInsert),
	},
	methods: map[string]method{
		"Select": start("SELECT"), "Update": startTable("UPDATE"), "Delete": startTable("DELETE"),
		"Insert": m(opInsert), "Replace": m(opInsert),
		"From": m(opFromExpr), "Table": m(opFromExpr), "FromSelect": m(opOpaque),
		"Where": m(opWhere),
		"Join":  join("JOIN "), "LeftJoin": join("LEFT JOIN "), "RightJoin": join("RIGHT JOIN "),
		"InnerJoin": join("INNER JOIN "), "CrossJoin": join("CROSS JOIN "), "JoinClause": join(""),
		"ToSql": terminal(""), "MustSql": terminal(""), "Exec": terminal(""), "ExecContext": terminal(""),
		"Query": terminal(""), "QueryContext": terminal(""), "QueryRow": terminal(""),
		"QueryRowContext": terminal(""), "Scan": terminal(""), "ScanContext": terminal(""),
	},
}

var gormLib = &library{
	name:       "gorm",
	pkg:        "gorm.io/gorm",
	builders:   []string{"DB"},
	starts:     []string{"DB"},
	mutable:    true,
	rootStarts: true,
	methods: map[string]method{
		"Model": m(opModel), "Table": m(opFromExpr),
		"Where": m(opWhere), "Or": m(opWhereOr), "Not": m(opWhereNot),
		"Joins": join(""), "InnerJoins": join(""),
		"Scopes": m(opOpaque), "Clauses": m(opOpaque), "Raw": m(opRaw), "Exec": m(opRaw),
		"Create": m(opInsert), "CreateInBatches": m(opInsert), "Save": m(opInsert),
		"Find": terminalModel("SELECT", 0, 1), "First": terminalModel("SELECT", 0, 1),
		"Last": terminalModel("SELECT", 0, 1), "Take": terminalModel("SELECT", 0, 1),
		"FirstOrInit": terminalModel("SELECT", 0, 1), "FirstOrCreate": terminalModel("SELECT", 0, 1),
		"FindInBatches": terminalModel("SELECT", 0, -1), "Scan": terminal("SELECT"), "Count": terminal("SELECT"),
		"Pluck": terminalModel("SELECT", 1, -1), "Rows": terminal("SELECT"), "Row": terminal("SELECT"),
		"Update": terminal("UPDATE"), "Updates": terminal("UPDATE"),
		"UpdateColumn": terminal("UPDATE"), "UpdateColumns": terminal("UPDATE"),
		"Delete": terminalModel("DELETE", 0, 1),
	},
}

var popLib = &library{
	name:       "pop",
	pkg:        "github.com/gobuffalo/pop/v6",
	builders:   []string{"Query"},
	starts:     []string{"Connection"},
	mutable:    true,
	rootStarts: true,
	funcs:      map[string]method{"Q": m(opPass)},
	methods: map[string]method{
		"Q": m(opPass), "Where": m(opWhere), "RawQuery": m(opRaw),
		"Join": m(opPopJoin), "LeftJoin": m(opPopJoin), "RightJoin": m(opPopJoin),
		"LeftOuterJoin": m(opPopJoin), "RightOuterJoin": m(opPopJoin), "InnerJoin": m(opPopJoin),
		"Scope": m(opOpaque), "Eager": m(opPass),
		"Create": m(opInsert), "ValidateAndCreate": m(opInsert), "Save": m(opInsert), "ValidateAndSave": m(opInsert),
		"All": terminalModel("SELECT", 0, -1), "First": terminalModel("SELECT", 0, -1),
		"Last": terminalModel("SELECT", 0, -1), "Find": terminalModel("SELECT", 0, -1),
		"Count": terminalModel("SELECT", 0, -1), "Exists": terminalModel("SELECT", 0, -1),
		"Delete": terminalModel("DELETE", 0, -1),
	},
}

// oryPopLib is Ory's fork of pop (Kratos, Hydra, Keto), the same API at
// another path; the pop preset turns on both.
var oryPopLib = func() *library {
	l := *popLib
	l.pkg = "github.com/ory/pop/v6"
	return &l
}()

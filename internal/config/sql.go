package config

import (
	"fmt"
	"go/token"
	"maps"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Dialects tenantsql parses, as sql.dialect names them.
const (
	DialectPostgres = "postgres"
	DialectMySQL    = "mysql"
)

// The values of sql.propagate: whether a key join to a constrained
// reference constrains.
const (
	PropagateNone = "none"
	PropagateKeys = "keys"
)

// ReportInScope is the value of sql.report that limits tenantsql's
// findings to those with a tenant value in scope; the default is
// ReportAll, as for cache.report.
const ReportInScope = "in-scope"

// SQL configures tenantsql: which tables are tenant tables beyond those
// of the models, their tenant columns, and which calls run queries.
type SQL struct {
	// Dialect is the SQL grammar of the queries, postgres or mysql (see
	// SQLDialect); when absent, each package's is that of the SQL driver
	// it imports, else that of the drivers go.mod requires, else postgres.
	Dialect Str `yaml:"dialect"`
	// TenantColumn is the tenant column of the tables whose column the
	// code cannot tell (sql.tables entries without one, models whose
	// tenant field is a marker's); tenant_id when empty.
	TenantColumn Str `yaml:"tenant_column"`
	// Tables adds tenant tables, or sets the column of a model's table.
	Tables map[string]SQLTable `yaml:"tables"`
	// ExcludeTables are never tenant tables, whatever the models say.
	ExcludeTables []Str `yaml:"exclude_tables"`
	// Presets selects the built-in query APIs (SQLPresets); all of them
	// when the key is absent, none with an empty list.
	Presets *[]Str `yaml:"presets"`
	// APIs are in-house query functions and methods.
	APIs []SQLAPI `yaml:"apis"`
	// Propagate is PropagateNone (the default) or PropagateKeys: a
	// reference joined by equality of a key column to a constrained
	// reference is constrained.
	Propagate Str `yaml:"propagate"`
	// Keys are the key columns of tables, by table name as sql.tables
	// writes it; a table not listed has the key id. Only with
	// sql.propagate: keys.
	Keys map[string][]Str `yaml:"keys"`
	// Report is ReportAll (the default) or ReportInScope: only the
	// findings of queries run where a tenant value is in scope.
	Report Str `yaml:"report"`
	// Global are the queries that run across tenants on purpose.
	Global []SQLGlobal `yaml:"global"`

	// TablePos is where each sql.tables name is written; KeyPos each
	// sql.keys name.
	TablePos map[string]Str `yaml:"-"`
	KeyPos   map[string]Str `yaml:"-"`
}

// SQLTable is an entry of sql.tables.
type SQLTable struct {
	Column Str `yaml:"column"`
}

// SQLGlobal is an entry of sql.global: the queries that run across
// tenants on purpose, by name (a sqlc query's name or the Go constant
// that holds the text) or by the files they are in (a glob, as
// ignore.findings' path), and why. Their findings are not reported.
type SQLGlobal struct {
	Query  Str `yaml:"query"`
	Files  Str `yaml:"files"`
	Reason Str `yaml:"reason"`

	Line, Column int `yaml:"-"` // where the entry is written
}

// UnmarshalYAML implements yaml.Unmarshaler, remembering the position.
func (g *SQLGlobal) UnmarshalYAML(n *yaml.Node) error {
	type plain SQLGlobal // without this method
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	*g = SQLGlobal(p)
	g.Line, g.Column = n.Line, n.Column
	return nil
}

// MatchesFile reports whether a files entry matches the file at rel
// (see Rel).
func (g *SQLGlobal) MatchesFile(rel string) bool {
	return g.Files.Value != "" && matchGlob(strings.Split(g.Files.Value, "/"), strings.Split(rel, "/"))
}

// SQLAPI is one user-declared query API: a type and its methods, or a
// package-level function, and the index of the query argument.
type SQLAPI struct {
	Type     Name                `yaml:"type"`
	Methods  map[string]QueryArg `yaml:"methods"`
	Func     Name                `yaml:"func"`
	QueryArg `yaml:",inline"`

	Line, Column int `yaml:"-"`
	// MethodPos is where each method's name is written under methods.
	MethodPos map[string]Str `yaml:"-"`
}

// QueryArg says which argument of a query method is the SQL text: a
// 0-based index that counts the receiver out (QueryContext(ctx, query)
// has its query at 1).
type QueryArg struct {
	Query *int `yaml:"query"`
}

// UnmarshalYAML implements yaml.Unmarshaler, remembering where the
// sql.tables names are written.
func (s *SQL) UnmarshalYAML(n *yaml.Node) error {
	type plain SQL // without this method
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	*s = SQL(p)
	s.TablePos = keyPositions(lookup(n, "tables"))
	s.KeyPos = keyPositions(lookup(n, "keys"))
	return nil
}

// UnmarshalYAML implements yaml.Unmarshaler, remembering positions.
func (a *SQLAPI) UnmarshalYAML(n *yaml.Node) error {
	type plain SQLAPI // without this method
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	*a = SQLAPI(p)
	a.Line, a.Column = n.Line, n.Column
	a.MethodPos = keyPositions(lookup(n, "methods"))
	return nil
}

// keyPositions returns where each key of a mapping is written (nil when
// m is not a mapping).
func keyPositions(m *yaml.Node) map[string]Str {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	out := map[string]Str{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		out[k.Value] = Str{Value: k.Value, Line: k.Line, Column: k.Column}
	}
	return out
}

// SQLTenantColumn is sql.tenant_column with its default applied.
func (c *Config) SQLTenantColumn() string {
	if c.SQL.TenantColumn.Value == "" {
		return "tenant_id"
	}
	return c.SQL.TenantColumn.Value
}

// SQLDialect is sql.dialect by its canonical name (DialectPostgres,
// DialectMySQL; postgresql is postgres, in any case), or "" when the key
// is absent.
func (c *Config) SQLDialect() string {
	switch v := strings.ToLower(c.SQL.Dialect.Value); v {
	case "postgresql":
		return DialectPostgres
	default:
		return v
	}
}

// SQLPresetNames returns the presets in force: sql.presets, or every
// built-in one when the key is absent.
func (c *Config) SQLPresetNames() []string {
	if c.SQL.Presets == nil {
		return SQLPresetList()
	}
	var out []string
	for _, p := range *c.SQL.Presets {
		out = append(out, p.Value)
	}
	return out
}

func (c *Config) validateSQL() error {
	s := &c.SQL
	if err := c.checkOneOf("sql.dialect", s.Dialect, c.SQLDialect(), DialectPostgres, DialectMySQL); err != nil {
		return err
	}
	if s.TenantColumn.Line > 0 && !isSQLIdent(s.TenantColumn.Value) {
		return c.ErrAt(s.TenantColumn, "sql.tenant_column: %q is not a column name", s.TenantColumn.Value)
	}
	names := make([]string, 0, len(s.Tables))
	for name := range s.Tables {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		at := s.TablePos[name]
		if !isTableName(name) {
			return c.ErrAt(at, "sql.tables: %q is not a table name (name or schema.name)", name)
		}
		if col := s.Tables[name].Column; col.Line > 0 && !isSQLIdent(col.Value) {
			return c.ErrAt(col, "sql.tables: %s: %q is not a column name", name, col.Value)
		}
	}
	for _, t := range s.ExcludeTables {
		if !isTableName(t.Value) {
			return c.ErrAt(t, "sql.exclude_tables: %q is not a table name (name or schema.name)", t.Value)
		}
	}
	if s.Presets != nil {
		for _, p := range *s.Presets {
			if _, ok := SQLPresets[p.Value]; !ok {
				return c.ErrAt(p, "sql.presets: unknown preset %q (known: %s)", p.Value, strings.Join(SQLPresetList(), ", "))
			}
		}
	}
	for i := range s.APIs {
		if err := c.validateSQLAPI(&s.APIs[i]); err != nil {
			return err
		}
	}
	return c.validateSQLRule()
}

// validateSQLRule checks the keys that change the rule and what is
// reported: sql.propagate, sql.keys, sql.report.
func (c *Config) validateSQLRule() error {
	s := &c.SQL
	if err := c.checkOneOf("sql.propagate", s.Propagate, s.Propagate.Value, PropagateNone, PropagateKeys); err != nil {
		return err
	}
	names := slices.Sorted(maps.Keys(s.Keys))
	for _, name := range names {
		at := s.KeyPos[name]
		if !isTableName(name) {
			return c.ErrAt(at, "sql.keys: %q is not a table name (name or schema.name)", name)
		}
		for _, col := range s.Keys[name] {
			if !isSQLIdent(col.Value) {
				return c.ErrAt(col, "sql.keys: %s: %q is not a column name", name, col.Value)
			}
		}
	}
	if len(names) > 0 && s.Propagate.Value != PropagateKeys {
		return c.ErrAt(s.KeyPos[names[0]], "sql.keys has no effect without sql.propagate: keys")
	}
	if err := c.checkOneOf("sql.report", s.Report, s.Report.Value, ReportAll, ReportInScope); err != nil {
		return err
	}
	for _, g := range s.Global {
		entry := Str{Line: g.Line, Column: g.Column}
		switch {
		case g.Query.Value != "" && g.Files.Value != "":
			return c.ErrAt(entry, "sql.global: an entry has either query or files, not both")
		case g.Query.Value == "" && g.Files.Value == "":
			return c.ErrAt(entry, "sql.global: an entry needs a query (a sqlc query's or a constant's name) or files (a glob)")
		case strings.TrimSpace(g.Reason.Value) == "":
			return c.ErrAt(entry, "sql.global: an entry needs a reason, as a -- tenantlint:ignore directive does")
		case g.Query.Value != "" && !token.IsIdentifier(g.Query.Value):
			return c.ErrAt(g.Query, "sql.global: query %q is not a name (a sqlc query's, or a Go constant's)", g.Query.Value)
		}
		if g.Files.Value != "" {
			if err := checkPathGlob(g.Files.Value); err != nil {
				return c.ErrAt(g.Files, "sql.global: files %q: %v", g.Files.Value, err)
			}
		}
	}
	return nil
}

// SQLKeys returns the key columns of the tables with sql.propagate:
// keys (sql.keys by table name; a table not listed has id), or nil
// when key joins do not propagate.
func (c *Config) SQLKeys() map[string][]string {
	if c.SQL.Propagate.Value != PropagateKeys {
		return nil
	}
	out := map[string][]string{}
	for name, cols := range c.SQL.Keys {
		out[name] = []string{}
		for _, col := range cols {
			out[name] = append(out[name], col.Value)
		}
	}
	return out
}

// SQLReportInScope reports whether sql.report limits tenantsql's
// findings to those with a tenant value in scope.
func (c *Config) SQLReportInScope() bool { return c.SQL.Report.Value == ReportInScope }

func (c *Config) validateSQLAPI(a *SQLAPI) error {
	methods := make(map[string]func() error, len(a.Methods))
	for m, q := range a.Methods {
		methods[m] = func() error { return checkQueryArg(q) }
	}
	return c.validateAPIEntry(apiEntry{
		section: "sql.apis", typ: a.Type, fn: a.Func, line: a.Line, column: a.Column,
		methods: methods, methodPos: a.MethodPos,
		argsOnType: a.Query != nil,
		argsWhat:   "query goes",
		checkFunc:  func() error { return checkQueryArg(a.QueryArg) },
	})
}

func checkQueryArg(q QueryArg) error {
	switch {
	case q.Query == nil:
		return fmt.Errorf("missing query (the 0-based index of the query argument)")
	case *q.Query < 0:
		return fmt.Errorf("query index %d is negative", *q.Query)
	}
	return nil
}

// isSQLIdent reports whether s is an unquoted SQL identifier.
func isSQLIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		letter := r == '_' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || r >= 0x80
		if !letter && (i == 0 || (r < '0' || r > '9') && r != '$') {
			return false
		}
	}
	return true
}

// isTableName reports whether s is a table name, optionally qualified by
// its schema.
func isTableName(s string) bool {
	schema, name, ok := strings.Cut(s, ".")
	if !ok {
		return isSQLIdent(s)
	}
	return isSQLIdent(schema) && isSQLIdent(name)
}

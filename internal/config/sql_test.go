package config_test

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/config"
)

const sqlFile = `version: 1
sql:
  dialect: postgres
  tenant_column: org_id
  tables:
    invoices: {column: tenant_id}
    billing.accounts: {}
  exclude_tables: [audit_log]
  presets: [pgx]
  apis:
    - type: example.com/app/db.Store
      methods:
        Run: {query: 1}
    - func: example.com/app/db.Query
      query: 2
`

func TestParseSQL(t *testing.T) {
	c, err := config.Parse("/app/.tenantlint.yaml", []byte(sqlFile))
	if err != nil {
		t.Fatal(err)
	}
	s := c.SQL
	if got := c.SQLTenantColumn(); got != "org_id" {
		t.Errorf("tenant column %q, want org_id", got)
	}
	if s.Tables["invoices"].Column.Value != "tenant_id" || s.Tables["billing.accounts"].Column.Value != "" {
		t.Errorf("tables %+v", s.Tables)
	}
	if p := s.TablePos["billing.accounts"]; p.Line != 7 || p.Column != 5 {
		t.Errorf("billing.accounts written at %d:%d, want 7:5", p.Line, p.Column)
	}
	if got := c.SQLPresetNames(); !slices.Equal(got, []string{"pgx"}) {
		t.Errorf("presets %q", got)
	}
	if len(s.APIs) != 2 || *s.APIs[0].Methods["Run"].Query != 1 || *s.APIs[1].Query != 2 {
		t.Errorf("apis %+v", s.APIs)
	}
	if len(s.ExcludeTables) != 1 || s.ExcludeTables[0].Value != "audit_log" {
		t.Errorf("exclude_tables %+v", s.ExcludeTables)
	}
}

func TestSQLDefaults(t *testing.T) {
	c, err := config.Parse("/app/.tenantlint.yaml", []byte("version: 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.SQLTenantColumn(); got != "tenant_id" {
		t.Errorf("default tenant column %q", got)
	}
	if got := c.SQLPresetNames(); !slices.Equal(got, config.SQLPresetList()) {
		t.Errorf("default presets %q, want all", got)
	}
	c, err = config.Parse("/app/.tenantlint.yaml", []byte("version: 1\nsql:\n  presets: []\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.SQLPresetNames(); len(got) != 0 {
		t.Errorf("presets: [] gives %q, want none", got)
	}
}

func TestParseSQLErrors(t *testing.T) {
	const file = "/app/.tenantlint.yaml"
	for _, tt := range []struct{ name, src, want string }{
		{"unknown dialect", "version: 1\nsql:\n  dialect: oracle\n", `3:12: sql.dialect must be "postgres" or "mysql", not "oracle"`},
		{"column", "version: 1\nsql:\n  tenant_column: tenant id\n", `3:18: sql.tenant_column: "tenant id" is not a column name`},
		{"table name", "version: 1\nsql:\n  tables:\n    a.b.c: {}\n", `4:5: sql.tables: "a.b.c" is not a table name (name or schema.name)`},
		{"table column", "version: 1\nsql:\n  tables:\n    t: {column: 1x}\n", `4:17: sql.tables: t: "1x" is not a column name`},
		{"unknown table key", "version: 1\nsql:\n  tables:\n    t: {col: x}\n", `4:9: unknown key "col" in sql.tables.t (known keys: column)`},
		{"exclude", "version: 1\nsql:\n  exclude_tables: [\"x y\"]\n", `3:20: sql.exclude_tables: "x y" is not a table name`},
		{"preset", "version: 1\nsql:\n  presets: [ent]\n", `3:13: sql.presets: unknown preset "ent" (known: bun, database/sql, gorm, pgx, pop, sqlx, squirrel)`},
		{"api without query", "version: 1\nsql:\n  apis:\n    - type: a.com/db.Store\n      methods:\n        Run: {}\n", `6:9: sql.apis: a.com/db.Store.Run: missing query`},
		{"api negative", "version: 1\nsql:\n  apis:\n    - func: a.com/db.Q\n      query: -1\n", `4:13: sql.apis: a.com/db.Q: query index -1 is negative`},
		{"api both", "version: 1\nsql:\n  apis:\n    - {type: a.com/db.S, func: a.com/db.Q}\n", `4:14: sql.apis: an entry has either type or func, not both`},
		{"api neither", "version: 1\nsql:\n  apis:\n    - {query: 1}\n", `4:7: sql.apis: each entry needs a type (with methods) or a func`},
		{"api unqualified", "version: 1\nsql:\n  apis:\n    - {func: Query, query: 0}\n", `4:14: sql.apis.func: "Query" is not a qualified name`},
		{"propagate", "version: 1\nsql:\n  propagate: fks\n", `3:14: sql.propagate must be "none" or "keys", not "fks"`},
		{"keys table", "version: 1\nsql:\n  propagate: keys\n  keys:\n    a.b.c: [id]\n", `5:5: sql.keys: "a.b.c" is not a table name`},
		{"keys column", "version: 1\nsql:\n  propagate: keys\n  keys:\n    t: [id, 2x]\n", `5:13: sql.keys: t: "2x" is not a column name`},
		{"keys not a list", "version: 1\nsql:\n  propagate: keys\n  keys: [invoices.id]\n", `4:9: sql.keys: expected a mapping, not a list`},
		{"keys without propagate", "version: 1\nsql:\n  keys:\n    t: [id]\n", `4:5: sql.keys has no effect without sql.propagate: keys`},
		{"report", "version: 1\nsql:\n  report: some\n", `3:11: sql.report must be "all" or "in-scope", not "some"`},
		{"global both", "version: 1\nsql:\n  global:\n    - {query: a, files: b.go, reason: r}\n", `4:7: sql.global: an entry has either query or files, not both`},
		{"global neither", "version: 1\nsql:\n  global:\n    - {reason: r}\n", `4:7: sql.global: an entry needs a query`},
		{"global reason", "version: 1\nsql:\n  global:\n    - {query: pollJobs}\n", `4:7: sql.global: an entry needs a reason`},
		{"global query name", "version: 1\nsql:\n  global:\n    - {query: poll-jobs, reason: r}\n", `4:15: sql.global: query "poll-jobs" is not a name`},
		{"global glob", "version: 1\nsql:\n  global:\n    - {files: '../x/*.go', reason: r}\n", `4:15: sql.global: files "../x/*.go": leaves the configuration file's directory`},
		{"global unknown key", "version: 1\nsql:\n  global:\n    - {name: x, reason: r}\n", `4:8: unknown key "name" in sql.global[0]`},
		{"api query on type", "version: 1\nsql:\n  apis:\n    - {type: a.com/db.S, query: 0, methods: {Run: {query: 0}}}\n", `4:14: sql.apis: query goes under each method of a.com/db.S`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := config.Parse(file, []byte(tt.src))
			if err == nil {
				t.Fatal("no error")
			}
			if msg, want := err.Error(), file+":"+tt.want; !strings.HasPrefix(msg, want) || strings.Contains(msg, "\n") {
				t.Errorf("error\n\t%s\nwant one line starting with\n\t%s", msg, want)
			}
		})
	}
}

// sql.dialect names postgres (postgresql too) or mysql, in any case;
// absent, it is "" (each package's driver decides).
func TestSQLDialect(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"version: 1\n", ""},
		{"version: 1\nsql:\n  dialect: postgres\n", config.DialectPostgres},
		{"version: 1\nsql:\n  dialect: PostgreSQL\n", config.DialectPostgres},
		{"version: 1\nsql:\n  dialect: mysql\n", config.DialectMySQL},
		{"version: 1\nsql:\n  dialect: MySQL\n", config.DialectMySQL},
	} {
		c, err := config.Parse("/app/.tenantlint.yaml", []byte(tt.src))
		if err != nil {
			t.Fatalf("%q: %v", tt.src, err)
		}
		if got := c.SQLDialect(); got != tt.want {
			t.Errorf("%q: dialect %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestParseSQLRule(t *testing.T) {
	c, err := config.Parse("/app/.tenantlint.yaml", []byte("version: 1\nsql:\n  propagate: keys\n  keys:\n    accounts: [number, code]\n    billing.plans: []\n  report: in-scope\n"))
	if err != nil {
		t.Fatal(err)
	}
	keys := c.SQLKeys()
	if len(keys) != 2 || !slices.Equal(keys["accounts"], []string{"number", "code"}) || keys["billing.plans"] == nil || len(keys["billing.plans"]) != 0 {
		t.Errorf("keys %q", keys)
	}
	if !c.SQLReportInScope() {
		t.Error("report: in-scope not seen")
	}
	c, err = config.Parse("/app/.tenantlint.yaml", []byte("version: 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.SQLKeys() != nil || c.SQLReportInScope() {
		t.Errorf("defaults: keys %q, in-scope %v; want none, all", c.SQLKeys(), c.SQLReportInScope())
	}
}

// TestREADMESQL: the README's sql examples parse, with the keys they
// show.
func TestREADMESQL(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```yaml\n(sql:\n.*?)```").FindAllSubmatch(readme, -1)
	var global, keys bool
	for _, b := range blocks {
		c, err := config.Parse("README.md", append([]byte("version: 1\n"), b[1]...))
		if err != nil {
			t.Errorf("README's sql example does not parse: %v\n%s", err, b[1])
			continue
		}
		global = global || len(c.SQL.Global) > 0
		keys = keys || c.SQLKeys() != nil
	}
	if !global || !keys {
		t.Errorf("%d sql examples in README.md; sql.global shown: %v, sql.propagate: keys shown: %v", len(blocks), global, keys)
	}
}

package initcfg

import (
	"bytes"
	"fmt"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/testfs"
)

// sqlEssentials is what a configuration's sql section says.
func sqlEssentials(c *config.Config) map[string]string {
	m := map[string]string{"dialect": c.SQL.Dialect.Value, "tenant_column": c.SQL.TenantColumn.Value}
	var tables []string
	for name, t := range c.SQL.Tables {
		tables = append(tables, name+":"+t.Column.Value)
	}
	sort.Strings(tables)
	m["tables"] = fmtList(tables)
	if c.SQL.Presets != nil {
		var ps []string
		for _, p := range *c.SQL.Presets {
			ps = append(ps, p.Value)
		}
		m["presets"] = fmtList(ps)
	}
	return m
}

func fmtList(l []string) string { return "[" + strings.Join(l, " ") + "]" }

// TestSQLGolden: on a module with raw SQL over database/sql and lib/pq,
// init proposes the sql section: postgres, the dominant column, the
// tables the models name (Member's with its own column), the preset of
// the library the packages import; the JSON shape's guessed table is
// commented out. The proposal loads as a configuration file.
func TestSQLGolden(t *testing.T) {
	offline(t)
	dir := t.TempDir()
	testfs.WriteTxtar(t, dir, "testdata/sql.txtar")
	cfg := golden(t, dir, "sql")
	want := map[string]string{
		"dialect":       "postgres",
		"tenant_column": "tenant_id",
		"tables":        "[billing_invoices: invoice_lines: members:org]",
		"presets":       "[database/sql]",
	}
	if got := sqlEssentials(cfg); !reflect.DeepEqual(got, want) {
		t.Errorf("sql section = %v, want %v", got, want)
	}
	got := Render(scan(t, dir))
	hasAll(t, got,
		"  # postgres: github.com/lib/pq v1.10.9 in go.mod\n",
		"    # invoice_views: {}   # model model.InvoiceView (no model names it: the snake_case plural of its name)\n",
		"    - database/sql   # imported by 3 packages\n",
	)
	if _, err := config.Load(writeProposal(t, dir, got)); err != nil {
		t.Errorf("the proposal does not load: %v", err)
	}
}

// propose scans the module in dir and returns the proposal, which must be
// a configuration that tenantlint accepts, parsed.
func propose(t *testing.T, dir string) ([]byte, *config.Config) {
	t.Helper()
	f := scan(t, dir)
	out := Render(f)
	if err := f.Check(filepath.Join(dir, config.FileName), out); err != nil {
		t.Fatalf("the proposal is rejected: %v\n%s", err, out)
	}
	cfg, err := config.Parse(config.FileName, out)
	if err != nil {
		t.Fatal(err)
	}
	return out, cfg
}

// hasAll reports each of texts that out lacks.
func hasAll(t *testing.T, out []byte, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if !bytes.Contains(out, []byte(s)) {
			t.Errorf("the proposal lacks %q:\n%s", s, out)
		}
	}
}

// writeProposal writes data as the module's configuration file.
func writeProposal(t *testing.T, dir string, data []byte) string {
	t.Helper()
	path := filepath.Join(dir, config.FileName)
	testfs.WriteFile(t, path, string(data))
	return path
}

// stubModule is a go.mod of module mod that requires a local stub of
// each of reqs, and the stubs' files.
func stubModule(mod string, reqs ...string) map[string]string {
	files := map[string]string{}
	gomod := "module " + mod + "\n\ngo 1.26\n"
	for i, r := range reqs {
		stub := fmt.Sprintf("stubs/s%d", i)
		gomod += fmt.Sprintf("\nrequire %s v1.0.0\n\nreplace %s => ./%s\n", r, r, stub)
		files[stub+"/go.mod"] = "module " + r + "\n\ngo 1.26\n"
		files[stub+"/stub.go"] = "package " + path.Base(r) + "\n"
	}
	files["go.mod"] = gomod
	return files
}

// sqlModel is a package with a tenant model named by TableName() and a
// query over database/sql.
const sqlModel = `package store

import (
	"context"
	"database/sql"
)

type Invoice struct {
	ID       int64
	TenantID string
}

func (Invoice) TableName() string { return "invoices" }

func Count(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "DELETE FROM invoices")
	return err
}
`

// TestSQLMySQL: with MySQL's driver as the only one, the section is
// proposed with the MySQL dialect, which tenantsql parses.
func TestSQLMySQL(t *testing.T) {
	offline(t)
	files := stubModule("example.com/my", "github.com/go-sql-driver/mysql")
	files["store/store.go"] = sqlModel
	dir := writeModule(t, files)
	out, cfg := propose(t, dir)
	if cfg.SQL.Dialect.Value != "mysql" || cfg.SQLDialect() != config.DialectMySQL {
		t.Errorf("dialect %q, want mysql", cfg.SQL.Dialect.Value)
	}
	if _, ok := cfg.SQL.Tables["invoices"]; !ok {
		t.Errorf("the tables are not proposed: %+v", cfg.SQL.Tables)
	}
	if cfg.SQL.Presets == nil || !slices.Contains(cfg.SQLPresetNames(), "database/sql") {
		t.Errorf("the presets are not proposed: %+v", cfg.SQL.Presets)
	}
	hasAll(t, out,
		"\nsql:\n",
		"  # mysql: github.com/go-sql-driver/mysql v1.0.0 in go.mod\n  dialect: mysql\n",
		"    invoices: {}   # model store.Invoice\n",
		"    - database/sql   # imported by 1 package\n",
	)
	if strings.Contains(string(out), "# sql: commented out") || strings.Contains(string(out), "No PostgreSQL or MySQL driver") {
		t.Errorf("the sql section is commented out, or says no driver was found:\n%s", out)
	}
}

// TestSQLNoLibrary: a module that uses no SQL library gets no sql
// section, and a module whose SQL library is required only indirectly
// gets it commented out.
func TestSQLNoLibrary(t *testing.T) {
	offline(t)
	files := stubModule("example.com/nosql")
	files["m/m.go"] = "package m\n\ntype Invoice struct{ TenantID string }\n\nfunc (Invoice) TableName() string { return \"invoices\" }\n"
	out := Render(scan(t, writeModule(t, files)))
	if want := "# sql: not proposed: no package of the module imports database/sql, and go.mod\n"; !bytes.Contains(out, []byte(want)) {
		t.Errorf("the proposal lacks %q:\n%s", want, out)
	}
	if bytes.Contains(out, []byte("\nsql:")) || bytes.Contains(out, []byte("# sql:\n")) {
		t.Errorf("a module without SQL gets a sql section:\n%s", out)
	}

	files = stubModule("example.com/indirect", "github.com/jmoiron/sqlx")
	files["go.mod"] = strings.Replace(files["go.mod"], "v1.0.0\n", "v1.0.0 // indirect\n", 1)
	files["m/m.go"] = "package m\n\ntype Invoice struct{ TenantID string }\n\nfunc (Invoice) TableName() string { return \"invoices\" }\n"
	out = Render(scan(t, writeModule(t, files)))
	hasAll(t, out,
		"# sql: commented out: no package of the module imports database/sql and go.mod requires none of the libraries of the presets",
		"    # - sqlx   # github.com/jmoiron/sqlx v1.0.0 in go.mod (indirect)\n",
	)
}

// TestSQLSqlc: in a sqlc project, the structs of the generated models.go
// with a field of the proposed name are tenant tables even when the
// proposed field asks for a bun tag that sqlc does not write; the
// parameter structs of the queries are none; the dialect comes from the
// engine of sqlc.yaml.
func TestSQLSqlc(t *testing.T) {
	offline(t)
	files := stubModule("example.com/sqlcapp")
	files["sqlc.yaml"] = `version: "2"
sql:
  - engine: "postgresql"
    queries: "db/query.sql"
    schema: "db/schema.sql"
    gen:
      go:
        package: "db"
        out: "internal/db"
`
	files["internal/db/models.go"] = `// Code generated by sqlc. DO NOT EDIT.
package db

type Invoice struct {
	ID    int64 ` + "`json:\"id\"`" + `
	OrgID int64 ` + "`json:\"org_id\"`" + `
}

type Country struct {
	Code string ` + "`json:\"code\"`" + `
}
`
	files["internal/db/query.sql.go"] = `// Code generated by sqlc. DO NOT EDIT.
package db

import (
	"context"
	"database/sql"
)

type DBTX interface {
	QueryRowContext(ctx context.Context, query string, args ...interface{}) *sql.Row
}

type Queries struct{ db DBTX }

const getInvoice = ` + "`-- name: GetInvoice :one\nSELECT id, org_id FROM invoices WHERE id = $1`" + `

type CreateInvoiceParams struct {
	OrgID int64 ` + "`json:\"org_id\"`" + `
	Total int64 ` + "`json:\"total\"`" + `
}

func (q *Queries) GetInvoice(ctx context.Context, id int64) (Invoice, error) {
	var i Invoice
	err := q.db.QueryRowContext(ctx, getInvoice, id).Scan(&i.ID, &i.OrgID)
	return i, err
}
`
	files["internal/models/models.go"] = "package models\n\n" +
		"type Project struct {\n\tID    string\n\tOrgID string `bun:\"org_id,notnull\"`\n}\n\n" +
		"type Member struct {\n\tID    string\n\tOrgID string `bun:\"org_id,notnull\"`\n}\n\n" +
		"type Team struct {\n\tID    string\n\tOrgID string `bun:\"org_id,notnull\"`\n}\n\n" +
		"type Label struct {\n\tID    string\n\tOrgID string `bun:\"org_id,notnull\"`\n}\n\n" +
		"type CreateProjectRequest struct {\n\tOrgID string `json:\"orgId\"`\n}\n"
	out, cfg := propose(t, writeModule(t, files))
	if len(cfg.Models.Fields) != 1 || cfg.Models.Fields[0].Tag.Value != `bun:"org_id` {
		t.Fatalf("models.fields = %+v, want OrgID with its bun tag", cfg.Models.Fields)
	}
	want := map[string]string{
		"dialect":       "postgres",
		"tenant_column": "org_id",
		"tables":        "[invoices:]",
		"presets":       "[database/sql]",
	}
	if got := sqlEssentials(cfg); !reflect.DeepEqual(got, want) {
		t.Errorf("sql section = %v, want %v", got, want)
	}
	hasAll(t, out,
		"  # postgres: engine postgresql in sqlc.yaml\n",
		"    invoices: {}   # sqlc model db.Invoice (the snake_case plural of its name, as sqlc names a table's struct)\n",
		"    # projects: {}   # model models.Project (no model names it: the snake_case plural of its name)\n",
	)
	if bytes.Contains(out, []byte("create_invoice_params")) {
		t.Errorf("a query's parameter struct is proposed as a table:\n%s", out)
	}
}

// With the sql section on, the packages named like migrations (whose
// frozen model copies models.exclude leaves out) are also proposed in
// ignore.packages: their DDL and backfills run across every tenant, out
// of tenantsql's scope (SigNoz's pkg/sqlmigration: 58 findings).
func TestSQLIgnoresMigrations(t *testing.T) {
	offline(t)
	dir := t.TempDir()
	testfs.WriteTxtar(t, dir, "testdata/sql.txtar")
	testfs.Write(t, dir, map[string]string{"sqlmigration/m001.go": `// Package sqlmigration backfills the invoices of every tenant.
package sqlmigration

import "database/sql"

type invoiceRow struct {
	ID       int64
	TenantID string ` + "`db:\"tenant_id\"`" + `
}

func Up(db *sql.DB) error {
	_, err := db.Exec("UPDATE billing_invoices SET total = 0 WHERE total IS NULL")
	return err
}
`})
	got := Render(scan(t, dir))
	hasAll(t, got,
		"    - example.com/sqlapp/sqlmigration/...   # 1 tenant-scoped struct: sqlmigration.invoiceRow\n",
		"ignore:\n",
		"    - example.com/sqlapp/sqlmigration/...   # migrations: 1 package\n",
	)
	cfg, err := config.Load(writeProposal(t, dir, got))
	if err != nil {
		t.Fatalf("the proposal does not load: %v", err)
	}
	var ignored []string
	for _, p := range cfg.Ignore.Packages {
		ignored = append(ignored, p.Value)
	}
	if !slices.Contains(ignored, "example.com/sqlapp/sqlmigration/...") {
		t.Errorf("ignore.packages = %v, want the migrations", cfg.Ignore.Packages)
	}
}

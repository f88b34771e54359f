package inventory

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// sqlFixture has the queries of two packages (one with raw texts and
// builder chains, one with sqlc's constants), some unchecked for each
// reason, and the tenant tables they name.
func sqlFixture() []Input {
	return []Input{
		{Path: "example.com/shop/db", SQL: SQLCounts{Total: 4, Constrained: 2, Unconstrained: 1, Suppressed: 1},
			Tables: []TableRecord{{Table: "invoices", Column: "tenant_id", Counts: TableCounts{Total: 4, SQLC: 4, Constrained: 2, Unconstrained: 1, Suppressed: 1}}}},
		{Path: "example.com/shop/store", SQL: SQLCounts{Total: 7, Constrained: 2, Unconstrained: 1, Unchecked: 4,
			ByReason: &SQLReasons{Unchecked: map[string]int{"does not parse": 1, "not resolvable to text": 2, "opaque condition (WHERE %s)": 1}}},
			Tables: []TableRecord{
				{Table: "lines", Column: "tenant_id", Counts: TableCounts{Total: 2, Raw: 1, Chains: 1, Constrained: 1, Unconstrained: 1}},
				{Table: "invoices", Column: "tenant_id", Counts: TableCounts{Total: 3, Raw: 3, Constrained: 2, Unchecked: 1}},
			}},
	}
}

const wantSQLText = `Tenant-scoped types: 0 (covered 0, MISSING 0, suppressed 0, global 0)

Cache calls: 0 (scoped 0, raw fixable 0, raw manual 0, suppressed 0)

SQL queries: 11 (constrained 4, UNCONSTRAINED 2, suppressed 1, unchecked 4)

PACKAGE                 QUERIES  CONSTRAINED  UNCONSTRAINED  SUPPRESSED  UNCHECKED
example.com/shop/db     4        2            1              1           0
example.com/shop/store  7        2            1              0           4

Unchecked SQL queries by reason:
  2  not resolvable to text
  1  does not parse
  1  opaque condition (WHERE %s)

Tenant tables: 2, named by the queries of 2 packages

PACKAGE                 TABLE     COLUMN     QUERIES  RAW  SQLC  CHAINS  CONSTRAINED  UNCONSTRAINED  SUPPRESSED  UNCHECKED
example.com/shop/db     invoices  tenant_id  4        0    4     0       2            1              1           0
example.com/shop/store  invoices  tenant_id  3        3    0     0       2            0              0           1
example.com/shop/store  lines     tenant_id  2        1    0     1       1            1              0           0
`

// The queries by package and the tables by package and name, the
// unchecked queries apart and by reason, never counted as constrained.
func TestTextSQL(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, Build(sqlFixture(), root)); err != nil {
		t.Fatal(err)
	}
	if b.String() != wantSQLText {
		t.Errorf("got\n%s\nwant\n%s", b.String(), wantSQLText)
	}
}

func TestJSONSQL(t *testing.T) {
	in := sqlFixture()
	var b bytes.Buffer
	if err := JSON(&b, Build(in, root)); err != nil {
		t.Fatal(err)
	}
	var back Inventory
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	q := back.Totals.SQL
	if q.Total != 11 || q.Constrained != 4 || q.Unconstrained != 2 || q.Suppressed != 1 || q.Unchecked != 4 ||
		q.ByReason == nil || q.ByReason.Unchecked["not resolvable to text"] != 2 || q.ByReason.Unchecked["does not parse"] != 1 {
		t.Errorf("totals %+v, by reason %+v", q, q.ByReason)
	}
	want := []Table{
		{Package: "example.com/shop/db", Table: "invoices", Column: "tenant_id", TableCounts: TableCounts{Total: 4, SQLC: 4, Constrained: 2, Unconstrained: 1, Suppressed: 1}},
		{Package: "example.com/shop/store", Table: "invoices", Column: "tenant_id", TableCounts: TableCounts{Total: 3, Raw: 3, Constrained: 2, Unchecked: 1}},
		{Package: "example.com/shop/store", Table: "lines", Column: "tenant_id", TableCounts: TableCounts{Total: 2, Raw: 1, Chains: 1, Constrained: 1, Unconstrained: 1}},
	}
	if len(back.Tables) != len(want) {
		t.Fatalf("tables %+v", back.Tables)
	}
	for i := range want {
		if back.Tables[i] != want[i] {
			t.Errorf("table %d: %+v, want %+v", i, back.Tables[i], want[i])
		}
	}
	for _, s := range []string{`"sql_queries": {`, `"tables": [`, `"builder_chains": 1`, `"opaque condition (WHERE %s)": 1`} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("JSON lacks %s:\n%s", s, b.String())
		}
	}
	if n := in[1].SQL.ByReason.Unchecked["does not parse"]; n != 1 {
		t.Errorf("adding up changed the package's own count by reason to %d", n)
	}
}

// Without queries the text, JSON and HTML forms read as before.
func TestWithoutSQL(t *testing.T) {
	for _, format := range Formats {
		var b bytes.Buffer
		if err := Write(&b, Build(fixture(), root), format); err != nil {
			t.Fatal(err)
		}
		for _, absent := range []string{"SQL", "sql", "tables", "Tenant tables"} {
			if strings.Contains(b.String(), absent) {
				t.Errorf("%s without queries has %q", format, absent)
			}
		}
	}
}

func TestHTMLSQL(t *testing.T) {
	var b bytes.Buffer
	if err := HTML(&b, Build(sqlFixture(), root)); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{
		"11 SQL queries: 4 constrained, 2 unconstrained, 1 suppressed, 4 unchecked.",
		`<table class="sortable" id="sql">`,
		`<tr><td><code>example.com/shop/store</code></td><td class="num" data-v="7">7</td><td class="num" data-v="2">2</td><td class="num" data-v="1">1</td><td class="num" data-v="0">0</td><td class="num" data-v="4">4</td></tr>`,
		`<table class="sortable" id="sql-unchecked">`,
		`<tr><td>opaque condition (WHERE %s)</td><td class="num" data-v="1">1</td></tr>`,
		`<h2>Tenant tables</h2>`,
		`<table class="sortable" id="tables">`,
		`<tr><td><code>example.com/shop/store</code></td><td><code>lines</code></td><td><code>tenant_id</code></td><td class="num" data-v="2">2</td><td class="num" data-v="1">1</td><td class="num" data-v="0">0</td><td class="num" data-v="1">1</td><td class="num" data-v="1">1</td><td class="num" data-v="1">1</td><td class="num" data-v="0">0</td><td class="num" data-v="0">0</td></tr>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
}

// sqlcModels adds to sqlFixture the models sqlc generated that
// tenantrepo left to tenantsql: one whose table's queries (in two
// packages) are all constrained, one whose are not, one whose are
// constrained or unchecked, one whose table no query names.
func sqlcModels() []Input {
	in := sqlFixture()
	in[0].Types = []TypeRecord{
		{Package: "example.com/shop/db", Name: "Account", Pos: pos("db/models.go", 7, 6), Reason: "has field TenantID", SQLTable: "accounts"},
		{Package: "example.com/shop/db", Name: "Invoice", Pos: pos("db/models.go", 12, 6), Reason: "has field TenantID", SQLTable: "invoices"},
		{Package: "example.com/shop/db", Name: "Job", Pos: pos("db/models.go", 17, 6), Reason: "has field TenantID", SQLTable: "jobs"},
		{Package: "example.com/shop/db", Name: "Audit", Pos: pos("db/models.go", 22, 6), Reason: "has field TenantID", SQLTable: "audits"},
	}
	in[0].SQL.Total += 2
	in[0].SQL.Constrained++
	in[0].SQL.Unchecked++
	in[0].Tables = append(in[0].Tables, TableRecord{Table: "audits", Column: "tenant_id", Counts: TableCounts{Total: 2, SQLC: 2, Constrained: 1, Unchecked: 1}})
	in[0].SQL.Total += 2
	in[0].SQL.Constrained += 2
	in[0].Tables = append(in[0].Tables, TableRecord{Table: "accounts", Column: "tenant_id", Counts: TableCounts{Total: 2, SQLC: 2, Constrained: 2}})
	in[1].SQL.Total++
	in[1].SQL.Constrained++
	in[1].Tables = append(in[1].Tables, TableRecord{Table: "accounts", Column: "tenant_id", Counts: TableCounts{Total: 1, Raw: 1, Constrained: 1}})
	return in
}

const wantSQLCModelsText = `Tenant-scoped types: 4 (covered 1, MISSING 0, suppressed 0, global 0, left to tenantsql 3)

PACKAGE              TYPE     POSITION           WHY                 REPOSITORY
example.com/shop/db  Account  db/models.go:7:6   has field TenantID  tenantsql: every query on accounts is constrained (3)
example.com/shop/db  Audit    db/models.go:22:6  has field TenantID  tenantsql: of 2 queries on audits, 1 constrained, 0 UNCONSTRAINED, 0 suppressed, 1 unchecked
example.com/shop/db  Invoice  db/models.go:12:6  has field TenantID  tenantsql: of 7 queries on invoices, 4 constrained, 1 UNCONSTRAINED, 1 suppressed, 1 unchecked
example.com/shop/db  Job      db/models.go:17:6  has field TenantID  tenantsql: no query names jobs
`

// A model sqlc generated, left to tenantsql, is covered when every query
// of the run that names its table (in any package) is constrained;
// otherwise, or when no query names it, its status says so, and never
// is an unchecked query counted as constrained.
func TestSQLCModels(t *testing.T) {
	inv := Build(sqlcModels(), root)
	var b bytes.Buffer
	if err := Text(&b, inv); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), wantSQLCModelsText) {
		t.Errorf("got\n%s\nwant it to start with\n%s", b.String(), wantSQLCModelsText)
	}
	b.Reset()
	if err := JSON(&b, inv); err != nil {
		t.Fatal(err)
	}
	var back Inventory
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	status := map[string]string{}
	for _, ty := range back.Types {
		status[ty.Name] = ty.Status + " " + ty.Table
		if ty.Repository != nil {
			t.Errorf("%s has a repository %+v", ty.Name, ty.Repository)
		}
	}
	want := map[string]string{"Account": "covered accounts", "Invoice": "tenantsql invoices", "Job": "tenantsql jobs", "Audit": "tenantsql audits"}
	for name, w := range want {
		if status[name] != w {
			t.Errorf("%s: %q, want %q", name, status[name], w)
		}
	}
	if c := back.Totals.Types; c.Covered != 1 || c.LeftToSQL != 3 || c.Missing != 0 {
		t.Errorf("type counts %+v", c)
	}
	if q := back.Types[2].Queries; q == nil || q.Total != 7 || q.Unchecked != 1 || q.Constrained != 4 {
		t.Errorf("Invoice's queries %+v", q)
	}
	for _, s := range []string{`"status": "tenantsql"`, `"table": "jobs"`, `"tenantsql": 3`} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("JSON lacks %s", s)
		}
	}
	b.Reset()
	if err := HTML(&b, inv); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"1 covered, 0 missing, 0 suppressed, 0 global, 3 left to tenantsql.",
		`<td class="status-tenantsql">tenantsql</td><td>tenantsql: no query names jobs</td>`, ColourLeftToSQL} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("HTML lacks %s", s)
		}
	}
}

package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/testfs"
	"github.com/tenantlint/tenantlint/report/inventory"
)

// sqlInventoryFiles (testdata/sqlinventory.txtar) is a module with
// queries of every outcome.
var sqlInventoryFiles = testfs.MustReadTxtar("testdata/sqlinventory.txtar")

// wantSQLInventory is the end of its text inventory: the queries of each
// package, the unchecked ones by reason, and the tenant tables.
const wantSQLInventory = `
SQL queries: 9 (constrained 2, UNCONSTRAINED 3, suppressed 1, unchecked 3)

PACKAGE                   QUERIES  CONSTRAINED  UNCONSTRAINED  SUPPRESSED  UNCHECKED
example.com/sqlinv/db     2        1            1              0           0
example.com/sqlinv/store  7        1            2              1           3

Unchecked SQL queries by reason:
  1  does not parse
  1  not resolvable to text
  1  opaque condition (WHERE %s)

Tenant tables: 2, named by the queries of 2 packages

PACKAGE                   TABLE     COLUMN     QUERIES  RAW  SQLC  CHAINS  CONSTRAINED  UNCONSTRAINED  SUPPRESSED  UNCHECKED
example.com/sqlinv/db     invoices  tenant_id  2        0    2     0       1            1              0           0
example.com/sqlinv/store  invoices  tenant_id  5        5    0     0       2            1              1           1
example.com/sqlinv/store  lines     tenant_id  1        1    0     0       0            1              0           0
`

// TestSQLInventory: --inventory shows tenantsql's queries by package and
// outcome, the unchecked ones by reason (never as constrained), and each
// tenant table with its queries, in the text, JSON and HTML forms;
// tenantfix --verify does not count unchecked queries as constrained
// either.
func TestSQLInventory(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	testfs.Write(t, dir, sqlInventoryFiles)

	r := lint(t, dir, "--inventory")
	if r.code != 0 || r.stderr != "" {
		t.Errorf("exit %d, want 0; stderr:\n%s", r.code, r.stderr)
	}
	if !strings.HasSuffix(r.stdout, wantSQLInventory) {
		t.Errorf("text inventory:\n%s\nwant it to end with:\n%s", r.stdout, wantSQLInventory)
	}

	r = lint(t, dir, "--inventory", "--format", "json")
	if r.code != 0 {
		t.Fatalf("json: exit %d\n%s", r.code, r.stderr)
	}
	var inv inventory.Inventory
	if err := json.Unmarshal([]byte(r.stdout), &inv); err != nil {
		t.Fatalf("json: %v\n%s", err, r.stdout)
	}
	q := inv.Totals.SQL
	if q.Total != 9 || q.Constrained != 2 || q.Unconstrained != 3 || q.Suppressed != 1 || q.Unchecked != 3 || q.ByReason == nil ||
		len(q.ByReason.Unchecked) != 3 || q.ByReason.Unchecked["opaque condition (WHERE %s)"] != 1 {
		t.Errorf("json totals %+v, by reason %+v", q, q.ByReason)
	}
	want := []inventory.Table{
		{Package: "example.com/sqlinv/db", Table: "invoices", Column: "tenant_id", TableCounts: inventory.TableCounts{Total: 2, SQLC: 2, Constrained: 1, Unconstrained: 1}},
		{Package: "example.com/sqlinv/store", Table: "invoices", Column: "tenant_id", TableCounts: inventory.TableCounts{Total: 5, Raw: 5, Constrained: 2, Unconstrained: 1, Suppressed: 1, Unchecked: 1}},
		{Package: "example.com/sqlinv/store", Table: "lines", Column: "tenant_id", TableCounts: inventory.TableCounts{Total: 1, Raw: 1, Unconstrained: 1}},
	}
	if len(inv.Tables) != len(want) {
		t.Fatalf("json tables %+v", inv.Tables)
	}
	for i := range want {
		if inv.Tables[i] != want[i] {
			t.Errorf("json table %d: %+v, want %+v", i, inv.Tables[i], want[i])
		}
	}

	r = lint(t, dir, "--inventory", "--format", "html")
	for _, want := range []string{
		"9 SQL queries: 2 constrained, 3 unconstrained, 1 suppressed, 3 unchecked.",
		`<table class="sortable" id="sql-unchecked">`,
		`<tr><td><code>example.com/sqlinv/store</code></td><td><code>lines</code></td><td><code>tenant_id</code></td><td class="num" data-v="1">1</td>`,
	} {
		if r.code != 0 || !strings.Contains(r.stdout, want) {
			t.Errorf("html: exit %d, page lacks %s", r.code, want)
		}
	}

	r = runCmd(t, dir, tenantfix(t), "--verify", "./...")
	if want := "sql queries: 2/9 constrained, 3 unconstrained, 1 suppressed, 3 unchecked"; !strings.Contains(r.stdout+r.stderr, want) {
		t.Errorf("tenantfix --verify: exit %d, no %q in\n%s%s", r.code, want, r.stdout, r.stderr)
	}
}

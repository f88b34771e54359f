package main

import (
	"testing"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

// sqlcKeysFiles (testdata/sqlckeys.txtar) is a sqlc module whose schema
// declares primary keys, with sql.propagate: keys.
var sqlcKeysFiles = testfs.MustReadTxtar("testdata/sqlckeys.txtar")

// TestSQLCPrimaryKeys: the schema's primary keys are the tables' keys
// in both modes alike. Only the join on a part of lines' composite key
// is reported (at the query, at the generated method's call, and in the
// importer's own SQL, which learns the keys from the sqlc package's
// fact, passed between go vet's processes); the joins on invoices' and
// payments' single-column keys, on the whole of tasks' composite key and
// on the key sql.keys gives accounts propagate.
func TestSQLCPrimaryKeys(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	testfs.Write(t, dir, sqlcKeysFiles)
	const (
		query = "SELECT from refunds has no predicate on refunds.tenant_id (sqlc query ListRefundsOfLine, queries.sql:4) (manual fix: add r.tenant_id = $2 to its WHERE)"
		raw   = "other/other.go:15:2: tenantID is in scope but SELECT from refunds does not filter by it (manual fix: add r.tenant_id = $2 to its WHERE, bound to tenantID)"
		call  = "other/other.go:22:2: tenantID is in scope but db.Queries.ListRefundsOfLine runs SELECT from refunds, which does not filter by it (sqlc query ListRefundsOfLine, queries.sql:4)"
	)
	r := lint(t, dir, "./...")
	if r.code != 1 || r.stderr != "" {
		t.Errorf("exit %d, want 1; stderr:\n%s", r.code, r.stderr)
	}
	diffLines(t, "standalone", lines(r.stdout), []string{
		raw + " (tenantsql)",
		call + " (tenantsql)",
		"queries.sql:4:1: " + query + " (tenantsql)",
	})
	diffLines(t, "go vet -vettool", vet(t, dir), []string{
		"db/queries.sql.go:17:7: " + query,
		raw,
		call,
		"queries.sql:4:1: \tgenerated from sqlc query ListRefundsOfLine",
	})
}

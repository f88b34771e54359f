package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

// sqlcFiles (testdata/sqlc.txtar) is a sqlc module with tenantsql findings.
var sqlcFiles = testfs.MustReadTxtar("testdata/sqlc.txtar")

// TestTenantSQLSqlc: standalone reports a sqlc query's finding at its
// line in the .sql file, in text, JSON and SARIF; go vet at the
// constant sqlc generated, with the .sql file and line in the message.
// The message is the same in both.
func TestTenantSQLSqlc(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	testfs.Write(t, dir, sqlcFiles)
	const (
		get  = "SELECT from invoices has no predicate on invoices.tenant_id (sqlc query GetInvoice, db/queries/invoices.sql:1) (manual fix: add invoices.tenant_id = $2 to its WHERE)"
		del  = "DELETE from invoices has no predicate on invoices.tenant_id (sqlc query DeleteInvoice, db/queries/invoices.sql:13) (manual fix: add invoices.tenant_id = $2 to its WHERE)"
		wrap = "tenantID is in scope but store.Queries.GetInvoice runs SELECT from invoices, which does not filter by it (sqlc query GetInvoice, db/queries/invoices.sql:1)"
	)
	r := lint(t, dir, "./...")
	if r.code != 1 || r.stderr != "" {
		t.Errorf("exit %d, want 1; stderr:\n%s", r.code, r.stderr)
	}
	diffLines(t, "standalone", lines(r.stdout), []string{
		"db/queries/invoices.sql:1:1: " + get + " (tenantsql)",
		"db/queries/invoices.sql:13:1: " + del + " (tenantsql)",
		"internal/repo/repo.go:15:9: " + wrap + " (tenantsql)",
	})
	// go vet prints the related information too: where the query is.
	diffLines(t, "go vet -vettool", vet(t, dir), []string{
		"db/queries/invoices.sql:13:1: \tgenerated from sqlc query DeleteInvoice",
		"db/queries/invoices.sql:1:1: \tgenerated from sqlc query GetInvoice",
		"internal/repo/repo.go:15:9: " + wrap,
		"internal/store/invoices.sql.go:12:7: " + get,
		"internal/store/invoices.sql.go:51:7: " + del,
	})

	r = lint(t, dir, "--format", "json", "./...")
	var out struct {
		Findings []struct {
			File    string `json:"file"`
			Line    int    `json:"line"`
			Message string `json:"message"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("json: %v\n%s", err, r.stdout)
	}
	if len(out.Findings) != 3 || out.Findings[0].File != "db/queries/invoices.sql" || out.Findings[0].Line != 1 || out.Findings[0].Message != get ||
		out.Findings[1].Line != 13 {
		t.Errorf("json findings %+v, want two at their .sql lines and the call", out.Findings)
	}

	r = lint(t, dir, "--format", "sarif", "./...")
	var sarif struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					Physical struct {
						Artifact struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &sarif); err != nil {
		t.Fatalf("sarif: %v\n%s", err, r.stdout)
	}
	var got []string
	for _, run := range sarif.Runs {
		for _, res := range run.Results {
			for _, l := range res.Locations {
				got = append(got, l.Physical.Artifact.URI+":"+strconv.Itoa(l.Physical.Region.StartLine))
			}
		}
	}
	diffLines(t, "sarif", got, []string{"db/queries/invoices.sql:1", "db/queries/invoices.sql:13", "internal/repo/repo.go:15"})
}

// A sqlc configuration that does not parse stops the run: one line
// naming it, exit 2.
func TestTenantSQLSqlcBadConfig(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	testfs.Write(t, dir, sqlcFiles)
	testfs.WriteFile(t, filepath.Join(dir, "sqlc.yaml"), "version: [\n")
	r := lint(t, dir, "--no-cache", "./...")
	want := filepath.Join(dir, "sqlc.yaml") + ": not a sqlc configuration"
	if r.code != 2 || r.stdout != "" || len(lines(r.stderr)) != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("exit %d, want 2 and one line with %q; stdout:\n%s\nstderr:\n%s", r.code, want, r.stdout, r.stderr)
	}
}

// A sqlc configuration whose schema path is not there stops the run
// like one that does not parse: one line naming it and the path, exit 2.
func TestTenantSQLSqlcMissingSchema(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	testfs.Write(t, dir, sqlcFiles)
	if err := os.Remove(filepath.Join(dir, "db", "schema.sql")); err != nil {
		t.Fatal(err)
	}
	r := lint(t, dir, "--no-cache", "./...")
	want := filepath.Join(dir, "sqlc.yaml") + `: schema "db/schema.sql"`
	if r.code != 2 || r.stdout != "" || len(lines(r.stderr)) != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("exit %d, want 2 and one line with %q; stdout:\n%s\nstderr:\n%s", r.code, want, r.stdout, r.stderr)
	}
}

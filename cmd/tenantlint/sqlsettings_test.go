package main

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

// sqlModule writes sqlFiles (testdata/sql.txtar) with its configuration
// followed by extra, and returns its directory.
func sqlModule(t *testing.T, extra string) string {
	t.Helper()
	return moduleWithConfig(t, sqlFiles, extra)
}

// moduleWithConfig writes files with their configuration followed by
// extra, and returns its directory.
func moduleWithConfig(t *testing.T, files map[string]string, extra string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		if name == ".tenantlint.yaml" {
			src += extra
		}
		testfs.WriteFile(t, filepath.Join(dir, name), src)
	}
	return dir
}

// TestSQLReportKinds: --format json gives each tenantsql finding its
// kind, in-scope or unconstrained, and SARIF its properties.kind;
// sql.report: in-scope leaves the unconstrained ones out, in both
// modes; a bad value is one line naming the file and exit status 2.
func TestSQLReportKinds(t *testing.T) {
	t.Parallel()
	dir := sqlModule(t, "")
	r := lint(t, dir, "--format", "json", "./...")
	var j struct {
		Findings []struct {
			Check, File, Kind string
			Line              int
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &j); err != nil || r.code != 1 {
		t.Fatalf("--format json: exit %d, %v in\n%s%s", r.code, err, r.stdout, r.stderr)
	}
	var got []string
	for _, f := range j.Findings {
		got = append(got, f.File+":"+strconv.Itoa(f.Line)+": "+f.Kind)
	}
	diffLines(t, "json kinds", got, []string{
		"store/store.go:23: unconstrained",
		"store/store.go:28: in-scope",
		"store/store.go:41: unconstrained",
	})

	r = lint(t, dir, "--format", "sarif", "./...")
	var s struct {
		Runs []struct {
			Results []struct {
				Properties map[string]string
			}
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil || len(s.Runs) != 1 || len(s.Runs[0].Results) != 3 {
		t.Fatalf("--format sarif: exit %d, %v in\n%s%s", r.code, err, r.stdout, r.stderr)
	}
	if k := s.Runs[0].Results[1].Properties["kind"]; k != "in-scope" {
		t.Errorf("sarif: second result's kind %q, want in-scope", k)
	}

	dir = sqlModule(t, "sql:\n  report: in-scope\n")
	want := []string{"store/store.go:28:2: tenantID is in scope but DELETE from lines does not filter by it (manual fix: add lines.tenant_id = $2 to its WHERE, bound to tenantID)"}
	diffLines(t, "standalone, report: in-scope", standalone(t, dir), want)
	diffLines(t, "go vet -vettool, report: in-scope", vet(t, dir), want)

	dir = sqlModule(t, "sql:\n  report: some\n")
	r = lint(t, dir, "./...")
	re := regexp.MustCompile(`^tenantlint: .*/\.tenantlint\.yaml:\d+:11: sql\.report must be "all" or "in-scope", not "some"$`)
	if ls := lines(r.stderr); r.code != 2 || r.stdout != "" || len(ls) != 1 || !re.MatchString(ls[0]) {
		t.Errorf("bad sql.report: exit %d, stdout %q, stderr:\n%s\nwant one line matching %s", r.code, r.stdout, r.stderr, re)
	}
}

// sqlGlobalConfig marks sqlc queries global on purpose: one by its name,
// the others by their .sql file; the entry naming a constrained query is
// unused.
const sqlGlobalConfig = `sql:
  global:
    - {query: GetInvoice, reason: the admin console reads any invoice}
    - {query: GetTenantInvoice, reason: renamed since}
    - {files: 'db/queries/*.sql', reason: the scheduler's queries}
`

// TestSQLGlobal: sql.global entries drop the sqlc queries they match by
// name or by .sql file, and the calls of their methods; the entry that
// matched only a constrained query is reported at its line in
// .tenantlint.yaml, the same in standalone and go vet -vettool.
func TestSQLGlobal(t *testing.T) {
	t.Parallel()
	dir := moduleWithConfig(t, sqlcFiles, sqlGlobalConfig)
	want := []string{".tenantlint.yaml:12:7: unused sql.global entry: the queries it matches in example.com/sqlcmod/internal/store have no tenantsql finding"}
	diffLines(t, "standalone", standalone(t, dir), want)
	diffLines(t, "go vet -vettool", vet(t, dir), want)

	dir = sqlModule(t, "sql:\n  global:\n    - {query: pollJobs}\n")
	r := lint(t, dir, "./...")
	re := regexp.MustCompile(`^tenantlint: .*/\.tenantlint\.yaml:\d+:7: sql\.global: an entry needs a reason, as a -- tenantlint:ignore directive does$`)
	if ls := lines(r.stderr); r.code != 2 || r.stdout != "" || len(ls) != 1 || !re.MatchString(ls[0]) {
		t.Errorf("entry without a reason: exit %d, stdout %q, stderr:\n%s\nwant one line matching %s", r.code, r.stdout, r.stderr, re)
	}
}

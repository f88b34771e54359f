package sqlscope

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

func TestSQLCQueryName(t *testing.T) {
	for text, want := range map[string]string{
		"-- name: GetInvoice :one\nSELECT 1": "GetInvoice",
		"-- name: ListAll :many\n":           "ListAll",
		"-- name: Bulk :copyfrom":            "Bulk",
		"-- name: NoKind\nSELECT 1":          "",
		"-- name: Bad-Name :one\nSELECT 1":   "",
		"SELECT 1 -- name: GetInvoice :one":  "",
		"-- tenantlint:ignore tenantsql x\n": "",
	} {
		got, ok := SQLCQueryName(text)
		if got != want || ok != (want != "") {
			t.Errorf("SQLCQueryName(%q) = %q, %v; want %q", text, got, ok, want)
		}
	}
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	testfs.Write(t, dir, files)
	return dir
}

// The version 2 and version 1 configurations, YAML and JSON, a queries
// folder or a list of files; each query at its name line, with the
// full-line comments of its block.
func TestLoadSQLC(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"sqlc.yaml": "version: \"2\"\nsql:\n  - engine: postgresql\n    queries: db/queries\n    schema: db/schema.sql\n    gen:\n      go: {package: db, out: internal/db}\n" +
			"  - engine: postgresql\n    queries: [other/a.sql]\n    gen:\n      go: {out: internal/other}\n",
		"db/queries/invoices.sql": "-- name: GetInvoice :one\nSELECT * FROM invoices WHERE id = $1;\n\n-- name: PollInvoices :many\n-- polls every tenant\n-- tenantlint:ignore tenantsql the scheduler polls every tenant\nSELECT * FROM invoices\n  -- an inner comment\n  WHERE paid = false;\n",
		"db/queries/lines.sql":    "/* name: ListLines :many */\nSELECT * FROM lines;\n",
		"db/queries/notes.txt":    "-- name: NotRead :one\n",
		"other/a.sql":             "-- name: GetInvoice :one\nSELECT 1;\n-- name: OnlyHere :exec\nDELETE FROM lines;\n",
	})
	s, err := LoadSQLC(filepath.Join(dir, "sqlc.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	inv := filepath.Join(dir, "db/queries/invoices.sql")
	for _, tc := range []struct {
		pkg, name string
		want      QuerySource
		ok        bool
	}{
		{"internal/db", "GetInvoice", QuerySource{File: inv, Line: 1}, true},
		{"internal/db", "PollInvoices", QuerySource{File: inv, Line: 4, Comments: []string{"-- polls every tenant", "-- tenantlint:ignore tenantsql the scheduler polls every tenant", "-- an inner comment"}}, true},
		{"internal/db", "ListLines", QuerySource{File: filepath.Join(dir, "db/queries/lines.sql"), Line: 1}, true},
		{"internal/db", "NotRead", QuerySource{}, false},
		{"internal/db", "OnlyHere", QuerySource{}, false}, // another entry's
		{"internal/other", "GetInvoice", QuerySource{File: filepath.Join(dir, "other/a.sql"), Line: 1}, true},
		// A package no entry generates: a query name found in one entry only.
		{"elsewhere", "OnlyHere", QuerySource{File: filepath.Join(dir, "other/a.sql"), Line: 3}, true},
		{"elsewhere", "GetInvoice", QuerySource{}, false}, // in two entries: ambiguous
	} {
		got, ok := s.Source(filepath.Join(dir, tc.pkg), tc.name)
		if ok != tc.ok || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Source(%s, %s) = %+v, %v; want %+v, %v", tc.pkg, tc.name, got, ok, tc.want, tc.ok)
		}
	}

	v1 := writeFiles(t, map[string]string{
		"sqlc.json": `{"version": "1", "packages": [{"name": "db", "path": "db", "queries": "./q.sql", "schema": "s.sql"}]}`,
		"q.sql":     "\n\n-- name: CountAll :one\nSELECT count(*) FROM invoices;\n",
	})
	s, err = LoadSQLC(filepath.Join(v1, "sqlc.json"))
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := s.Source(filepath.Join(v1, "db"), "CountAll"); !ok || got.Line != 3 || got.File != filepath.Join(v1, "q.sql") {
		t.Errorf("version 1: Source = %+v, %v; want q.sql:3", got, ok)
	}
}

// A configuration that does not parse, or lists queries that are not
// there, is an error naming the configuration file.
func TestLoadSQLCErrors(t *testing.T) {
	for name, files := range map[string]map[string]string{
		"not yaml":        {"sqlc.yaml": "version: [\n"},
		"missing queries": {"sqlc.yaml": "version: \"2\"\nsql:\n  - queries: nowhere.sql\n    gen: {go: {out: db}}\n"},
	} {
		dir := writeFiles(t, files)
		_, err := LoadSQLC(filepath.Join(dir, "sqlc.yaml"))
		if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "sqlc.yaml")) {
			t.Errorf("%s: error %v, want one naming the file", name, err)
		}
	}
}

// The configuration is looked for from the package's folder up to the
// module's root, never above it.
func TestFindSQLCConfig(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"sqlc.yaml":            "version: \"2\"\n",
		"mod/go.mod":           "module m\n",
		"mod/a/b/x.go":         "package b\n",
		"mod/c/sqlc.json":      "{}",
		"mod/c/sqlc.yml":       "version: \"2\"\n",
		"mod/c/d/x.go":         "package d\n",
		"mod/e/sqlc.yaml/keep": "a folder, not a configuration",
	})
	mod := filepath.Join(dir, "mod")
	for _, tc := range []struct{ dir, want string }{
		{"mod/a/b", ""}, // the sqlc.yaml above the module is not its
		{"mod/c/d", "mod/c/sqlc.yml"},
		{"mod/c", "mod/c/sqlc.yml"},
		{"mod/e", ""},
	} {
		want := ""
		if tc.want != "" {
			want = filepath.Join(dir, tc.want)
		}
		if got := FindSQLCConfig(filepath.Join(dir, tc.dir), mod); got != want {
			t.Errorf("FindSQLCConfig(%s) = %q, want %q", tc.dir, got, want)
		}
	}
	if got := FindSQLCConfig(filepath.Join(dir, "mod/a"), ""); got != "" {
		t.Errorf("without a module root: %q, want none", got)
	}
}

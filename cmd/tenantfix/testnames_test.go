package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/testfs"
)

// testNamesModule needs the import example.com/names/tenant in two
// packages whose _test.go files (not checked: ignore.tests defaults to
// true) declare tenant at package level.
var testNamesModule = map[string]string{
	"go.mod": "module example.com/names\n\ngo 1.26\n",
	".tenantlint.yaml": `version: 1
models:
  fields: [TenantID]
repository:
  types: [example.com/names/tenant.Repository]
  fix:
    import: example.com/names/tenant
    template: 'var {{.Model}}Repo = tenant.NewRepository[{{.Model}}]()'
cache:
  key_func: example.com/names/tenant.Key
  apis:
    - type: example.com/names/kv.Store
      methods:
        Get: {key: 1}
`,
	"tenant/tenant.go": `package tenant

import "context"

type Repository[M any] struct{}

func NewRepository[M any]() *Repository[M] { return &Repository[M]{} }

func Key(ctx context.Context, key string) string { return key }
`,
	"kv/kv.go": `package kv

import "context"

type Store struct{}

func (s *Store) Get(ctx context.Context, key string) string { return key }
`,
	"app/app.go": `package app

import (
	"context"

	"example.com/names/kv"
)

func Get(ctx context.Context, s *kv.Store, id string) string {
	return s.Get(ctx, "user:"+id)
}
`,
	"app/app_test.go": `package app

import "testing"

var tenant = "acme"

func TestGet(t *testing.T) { _ = tenant }
`,
	"models/models.go": `package models

type Order struct {
	TenantID string
}
`,
	"models/models_test.go": `package models

func tenant() string { return "acme" }
`,
}

// TestImportNameAvoidsTestFiles: the name of a fix's import avoids the
// package-level names of the package's _test.go files, so --dry-run shows
// a diff that compiles with the tests and the run is not rolled back by
// its post-write check.
func TestImportNameAvoidsTestFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "names")
	testfs.Write(t, dir, testNamesModule)
	testfs.Backdate(t, dir)

	r := tenantfix(t, dir, "--dry-run", "./...")
	mustCode(t, r, 0, "tenantfix --dry-run")
	for _, file := range []string{"app/app.go", "models/models.go"} {
		if !strings.Contains(r.stdout, "+++ b/"+file) {
			t.Errorf("the diff does not change %s:\n%s", file, r.stdout)
		}
	}
	if n := strings.Count(r.stdout, `tenant2 "example.com/names/tenant"`); n != 2 {
		t.Errorf("the diff imports tenant as tenant2 %d times, want 2 (both packages' tests declare tenant):\n%s", n, r.stdout)
	}

	r = tenantfix(t, dir)
	mustCode(t, r, 0, "tenantfix")
	app := testfs.ReadFile(t, filepath.Join(dir, "app", "app.go"))
	if !strings.Contains(app, `tenant2.Key(ctx, "user:"+id)`) {
		t.Errorf("app/app.go after the fix:\n%s", app)
	}
	if models := testfs.ReadFile(t, filepath.Join(dir, "models", "models.go")); !strings.Contains(models, "var OrderRepo = tenant2.NewRepository[Order]()") {
		t.Errorf("models/models.go after the fix:\n%s", models)
	}
	mustCode(t, command(t, dir, nil, "go", "vet", "./..."), 0, "go vet of the fixed module (tests included)")
}

// TestNoConfigOneLine: without a .tenantlint.yaml, tenantfix says so on
// one line that points at tenantlint init, and changes nothing.
func TestNoConfigOneLine(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "noconfig")
	testfs.Write(t, dir, map[string]string{"go.mod": "module example.com/noconfig\n\ngo 1.26\n", "a/a.go": "package a\n"})
	if p, err := config.Find(dir); err == nil {
		t.Skipf("%s above the temporary directory", p)
	}
	for _, args := range [][]string{{"--dry-run", "./..."}, {"./..."}} {
		r := tenantfix(t, dir, args...)
		mustCode(t, r, 2, "tenantfix "+strings.Join(args, " "))
		if lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n"); len(lines) != 1 ||
			!strings.HasPrefix(lines[0], "tenantfix: no .tenantlint.yaml found in "+filepath.Join(dir, "a")) ||
			!strings.Contains(lines[0], "run `tenantlint init`") {
			t.Errorf("tenantfix %s: stderr\n%s\nwant one line that points at tenantlint init", strings.Join(args, " "), r.stderr)
		}
	}
}

package lint_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/tenantlint/tenantlint/analyzers/tenantcache"
	"github.com/tenantlint/tenantlint/analyzers/tenantrepo"
	"github.com/tenantlint/tenantlint/internal/lint"
	"github.com/tenantlint/tenantlint/internal/testfs"
)

// The analyzers never run the go command: with no module index from the
// driver (NewSourceEnv, as under analysistest), the module-wide facts
// come from an index of the sources built in memory. The three facts are each needed
// here and only the rest of the module holds them: Order is covered by a
// repository in package store, which models does not import; the key
// function's package is named tenant although its path ends in tkeys;
// and importing it from base would make an import cycle.
func TestAnalyzersDoNotRunTheGoCommand(t *testing.T) {
	gopath := t.TempDir()
	testfs.Write(t, filepath.Join(gopath, "src", "shop"), map[string]string{
		".tenantlint.yaml": `version: 1
models:
  fields: [TenantID]
repository:
  types: [shop/tkeys.Repository]
cache:
  key_func: shop/tkeys.Key
  apis:
    - type: shop/kv.Store
      methods:
        Get: {key: 1}
`,
		"tkeys/tkeys.go": `package tenant

import (
	"context"

	"shop/base"
)

type Repository[M any] struct{ b base.Loader }

func Key(ctx context.Context, key string) string { return key }
`,
		"kv/kv.go": `package kv

import "context"

type Store struct{}

func (Store) Get(ctx context.Context, key string) string { return key }
`,
		"base/base.go": `package base

import (
	"context"

	"shop/kv"
)

type Loader struct{ s kv.Store }

func (l Loader) Load(ctx context.Context) string { return l.s.Get(ctx, "k") }
`,
		"api/api.go": `package api

import (
	"context"

	"shop/kv"
)

func Handle(ctx context.Context, s kv.Store) string { return s.Get(ctx, "k") }
`,
		"models/models.go": `package models

type Order struct{ TenantID string }

type Invoice struct{ TenantID string }
`,
		"store/store.go": `package store

import (
	"shop/models"
	tenant "shop/tkeys"
)

var Orders tenant.Repository[models.Order]
`,
	})
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports |
			packages.NeedTypes | packages.NeedTypesSizes | packages.NeedSyntax | packages.NeedTypesInfo |
			packages.NeedDeps | packages.NeedModule,
		Dir: gopath,
		Env: append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, "shop/...") // the driver's loading may run go
	if err != nil {
		t.Fatal(err)
	}

	// From here on, a go command records that it ran and fails.
	bin := t.TempDir()
	marker := filepath.Join(bin, "ran")
	testfs.WriteFile(t, filepath.Join(bin, "go"), "#!/bin/sh\necho \"$@\" >> "+marker+"\nexit 1\n")
	if err := os.Chmod(filepath.Join(bin, "go"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	t.Setenv("TENANTLINT_CACHE", t.TempDir())

	env := lint.NewSourceEnv()
	g, err := checker.Analyze([]*analysis.Analyzer{tenantrepo.New(env), tenantcache.New(env)}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for act := range g.All() {
		if act.Err != nil {
			t.Errorf("%s: %v", act, act.Err)
		}
		for _, d := range act.Diagnostics {
			line := act.Package.PkgPath + ": " + d.Message
			for _, f := range d.SuggestedFixes {
				line += " [fix: " + f.Message + "]"
			}
			got = append(got, line)
		}
	}
	if data, err := os.ReadFile(marker); err == nil {
		t.Errorf("the analyzers ran the go command: go %s", data)
	}
	sort.Strings(got)
	want := []string{
		"shop/api: kv.Store.Get key is not tenant-scoped",
		"shop/base: kv.Store.Get key is not tenant-scoped",
		"shop/models: Invoice is tenant-scoped",
	}
	if len(got) != len(want) {
		t.Fatalf("findings:\n%s\nwant %d starting with:\n%s", strings.Join(got, "\n"), len(want), strings.Join(want, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("finding %d = %q, want it to start with %q", i, got[i], want[i])
		}
	}
	if !strings.Contains(got[0], "[fix: wrap the key with tenant.Key]") {
		t.Errorf("the fix in api should use the key function's package name, tenant: %s", got[0])
	}
	if !strings.Contains(got[1], "importing shop/tkeys would make an import cycle: shop/tkeys imports shop/base") {
		t.Errorf("the finding in base should be manual for the import cycle: %s", got[1])
	}
}

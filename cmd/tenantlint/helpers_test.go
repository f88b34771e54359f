package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

// helperFiles is a module whose cache calls go through a helper package
// and whose keys are built by a key builder of a third package: only
// facts carry what those packages do to their importers.
var helperFiles = map[string]string{
	"go.mod": "module example.com/helpers\n\ngo 1.26\n",
	".tenantlint.yaml": `version: 1
cache:
  key_func: example.com/helpers/tenant.Key
  apis:
    - type: example.com/helpers/kv.Store
      methods:
        Get: {key: 1}
  tenant_values:
    funcs: [example.com/helpers/tenant.FromContext]
  follow_helpers: true
`,
	"tenant/tenant.go": `package tenant

import "context"

func FromContext(ctx context.Context) string { s, _ := ctx.Value("t").(string); return s }

func Key(ctx context.Context, key string) string { return FromContext(ctx) + ":" + key }
`,
	"kv/kv.go": `package kv

import "context"

type Store struct{}

func (s *Store) Get(ctx context.Context, key string) string { return key }
`,
	"keys/keys.go": `package keys

func User(t, id string) string { return "user:" + t + ":" + id }
`,
	"cachex/cachex.go": `package cachex

import (
	"context"

	"example.com/helpers/kv"
)

type Cache struct{ KV *kv.Store }

func (c *Cache) Load(ctx context.Context, key string) string { return c.KV.Get(ctx, "app:"+key) }

func Profile(ctx context.Context, c *Cache, user string) string { return c.Load(ctx, "profile:"+user) }
`,
	"app/app.go": `package app

import (
	"context"

	"example.com/helpers/cachex"
	"example.com/helpers/keys"
	"example.com/helpers/tenant"
)

type Req struct{ ID string }

func Handle(ctx context.Context, c *cachex.Cache, r Req) {
	id := r.ID
	c.Load(ctx, "user:"+id)
	cachex.Profile(ctx, c, id)
	c.Load(ctx, keys.User(tenant.FromContext(ctx), id))
	c.Load(ctx, keys.User("global", id))
	c.KV.Get(ctx, keys.User(tenant.FromContext(ctx), id))
}
`,
}

// TestHelpersAcrossPackages: key builders and cache helpers are followed
// across packages through facts, and standalone and go vet -vettool
// report the same findings.
func TestHelpersAcrossPackages(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, src := range helperFiles {
		testfs.WriteFile(t, filepath.Join(dir, name), src)
	}
	want := []string{
		"app/app.go:15:2: cachex.Cache.Load key, passed on to kv.Store.Get, is not tenant-scoped; wrap it as tenant.Key(ctx, key)",
		"app/app.go:16:2: cachex.Profile key, passed on to kv.Store.Get, is not tenant-scoped; wrap it as tenant.Key(ctx, key)",
		"app/app.go:18:2: cachex.Cache.Load key, passed on to kv.Store.Get, is not tenant-scoped; wrap it as tenant.Key(ctx, key)",
	}
	diffLines(t, "standalone findings", standalone(t, dir), want)
	diffLines(t, "go vet -vettool findings", vet(t, dir), want)
}

// TestTenantValuesConfigErrors: a tenant func that does not resolve and a
// follow_helpers that is not a bool stop tenantlint with one line naming
// the file, line and column, and exit status 2.
func TestTenantValuesConfigErrors(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		old, new, want string
	}{
		{"tenant.FromContext]", "tenant.FromCtx]",
			`^tenantlint: .*/\.tenantlint\.yaml:9:13: cache\.tenant_values\.funcs: example\.com/helpers/tenant\.FromCtx is not a function$`},
		{"follow_helpers: true", "follow_helpers: sometimes",
			`^tenantlint: .*/\.tenantlint\.yaml:10:19: cache\.follow_helpers: expected true or false, not "sometimes"$`},
	} {
		dir := t.TempDir()
		for name, src := range helperFiles {
			if name == ".tenantlint.yaml" {
				src = strings.Replace(src, tt.old, tt.new, 1)
			}
			testfs.WriteFile(t, filepath.Join(dir, name), src)
		}
		r := lint(t, dir, "./...")
		if ls := lines(r.stderr); r.code != 2 || r.stdout != "" || len(ls) != 1 || !regexp.MustCompile(tt.want).MatchString(ls[0]) {
			t.Errorf("%s: exit %d, stdout %q, stderr:\n%s\nwant one line matching %s", tt.new, r.code, r.stdout, r.stderr, tt.want)
		}
	}
}

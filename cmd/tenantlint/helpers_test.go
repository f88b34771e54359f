package main

import (
	"path/filepath"
	"testing"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

// helperFiles (testdata/helpers.txtar) is a module whose cache calls go
// through a helper package and whose keys are built by a key builder of a
// third package: only facts carry what those packages do to their
// importers.
var helperFiles = testfs.MustReadTxtar("testdata/helpers.txtar")

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
	configErrors(t, helperFiles, []configEdit{
		{"tenant.FromContext]", "tenant.FromCtx]",
			`^tenantlint: .*/\.tenantlint\.yaml:9:13: cache\.tenant_values\.funcs: example\.com/helpers/tenant\.FromCtx is not a function$`},
		{"follow_helpers: true", "follow_helpers: sometimes",
			`^tenantlint: .*/\.tenantlint\.yaml:10:19: cache\.follow_helpers: expected true or false, not "sometimes"$`},
		// YAML booleans only: a quoted "no" was taken for false.
		{"follow_helpers: true", `follow_helpers: "no"`,
			`^tenantlint: .*/\.tenantlint\.yaml:10:19: cache\.follow_helpers: expected true or false, not the quoted string "no"$`},
	})
}

// keyshapeFiles (testdata/keyshapes.txtar) builds keys in another
// package from a request's field and through a hash (issue 16), and with
// a closure (issue 12).
var keyshapeFiles = testfs.MustReadTxtar("testdata/keyshapes.txtar")

// TestKeyShapesAcrossPackages: key builders that read the tenant from a
// request or hash it reach their callers through facts, and standalone
// and go vet -vettool report the same findings: the request without the
// tenant, the hash without it, and the builder that writes the tenant
// into its hasher on one path only.
func TestKeyShapesAcrossPackages(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, src := range keyshapeFiles {
		testfs.WriteFile(t, filepath.Join(dir, name), src)
	}
	want := []string{
		"app/app.go:17:2: kv.Store.Get key is not tenant-scoped; wrap it as tenant.Key(ctx, key)",
		"app/app.go:18:2: kv.Store.Get key is not tenant-scoped; wrap it as tenant.Key(ctx, key)",
		"app/app.go:19:2: kv.Store.Get key is not tenant-scoped; wrap it as tenant.Key(ctx, key)",
	}
	diffLines(t, "standalone findings", standalone(t, dir), want)
	diffLines(t, "go vet -vettool findings", vet(t, dir), want)
}

package lint_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/tenantlint/tenantlint/analyzers/tenantcache"
	"github.com/tenantlint/tenantlint/analyzers/tenantrepo"
	"github.com/tenantlint/tenantlint/internal/testfs"
)

// TestPackageAnalyzersKnowTheChecks: the analyzers' package-level
// Analyzer variables, which nogo links without the registry, report a
// misspelt check in a directive, once (by the check it most likely
// means), as the registry's analyzers do.
func TestPackageAnalyzersKnowTheChecks(t *testing.T) {
	t.Setenv("TENANTLINT_CACHE", t.TempDir())
	t.Setenv("TENANTLINT_CONFIG", "")
	gopath, _ := writeHermeticFixture(t, false)
	testfs.Write(t, filepath.Join(gopath, "src"), map[string]string{
		"shop/legacy/legacy.go": "package legacy\n\n" +
			"//tenantlint:ignore tenantrepos typo // want `^unknown check \"tenantrepos\" in //tenantlint:ignore \\(known checks: tenantrepo, tenantcache, tenantctx, tenantsql\\)$`\n" +
			"type Row struct{ ID string }\n",
	})
	analysistest.Run(t, gopath, tenantrepo.Analyzer, "shop/legacy")
	// tenantcache is not the owner: it says nothing, and the want above
	// would be missing if it did not run at all.
	rec := new(errorRecorder)
	analysistest.Run(rec, gopath, tenantcache.Analyzer, "shop/legacy")
	if len(rec.errs) != 1 {
		t.Errorf("tenantcache: %q, want only the missing unknown-check diagnostic", rec.errs)
	}
}

package lint_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/tenantlint/tenantlint/analyzers/tenantcache"
	"github.com/tenantlint/tenantlint/internal/registry"
)

// TestFactsOnlySkipsChecks: in go vet's facts-only runs on dependencies
// the checks do nothing (their diagnostics would be dropped) while the
// fixture's finding is reported in a normal run.
func TestFactsOnlySkipsChecks(t *testing.T) {
	gopath, configPath := writeHermeticFixture(t, true)
	t.Setenv("TENANTLINT_CONFIG", configPath)

	normal := tenantcache.New(registry.NewEnv())
	analysistest.Run(t, gopath, normal, "shop/jobs")

	env := registry.NewEnv()
	env.FactsOnly = true
	rec := &errorRecorder{}
	results := analysistest.Run(rec, gopath, tenantcache.New(env), "shop/jobs")
	for _, r := range results {
		if len(r.Diagnostics) > 0 {
			t.Errorf("facts-only run reported %d diagnostics", len(r.Diagnostics))
		}
	}
	if len(rec.errs) != 1 || !strings.Contains(rec.errs[0], "no diagnostic was reported matching") {
		t.Errorf("facts-only run: want only the missed finding of shop/jobs, got %q", rec.errs)
	}
}

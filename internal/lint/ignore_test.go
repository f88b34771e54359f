package lint_test

import (
	"path/filepath"
	"regexp"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/tenantlint/tenantlint/internal/registry"
)

// TestIgnoreFindings (testdata/src/ignore_findings): ignore.findings
// entries drop the findings they match by check, path, declaration name
// and message, and nothing else; the entry that applies to gen/ and
// drops nothing there is reported at its place in .tenantlint.yaml, by
// its check only; the entry whose path matches no file is not judged.
func TestIgnoreFindings(t *testing.T) {
	testdata, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	packages := map[string][]string{
		"tenantrepo":  {"ignore_findings/gen", "ignore_findings/app/models"},
		"tenantcache": {"ignore_findings/gen/cache", "ignore_findings/app/cache"},
	}
	analyzers, err := registry.Analyzers(registry.NewSourceEnv(), []string{"tenantrepo", "tenantcache"})
	if err != nil {
		t.Fatal(err)
	}
	unused := regexp.MustCompile(`^ignore_findings/\.tenantlint\.yaml:23:7: unexpected diagnostic: unused ignore\.findings entry: no tenantrepo finding in ignore_findings/gen matches it$`)
	for _, a := range analyzers {
		// The diagnostic in the YAML file has no // want to match it:
		// analysistest reports it as unexpected, and that is checked.
		rec := new(errorRecorder)
		analysistest.Run(rec, testdata, a, packages[a.Name]...)
		switch {
		case a.Name == "tenantrepo" && (len(rec.errs) != 1 || !unused.MatchString(rec.errs[0])):
			t.Errorf("tenantrepo: %q\nwant only the unused entry, matching %s", rec.errs, unused)
		case a.Name == "tenantcache" && len(rec.errs) != 0:
			t.Errorf("tenantcache: %q", rec.errs)
		}
	}
}

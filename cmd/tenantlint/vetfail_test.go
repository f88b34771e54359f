package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

// TestVetFailureNotCached: go vet -vettool with a bad .tenantlint.yaml
// fails on every run, not only the first (go vet used to store the
// failed packages' facts and replay them as a pass); the config fixed
// takes effect, the fixed config's results are cached (the tool does not
// run again), and the same breakage fails again.
func TestVetFailureNotCached(t *testing.T) {
	t.Parallel()
	dir := writeModule(t, nil)
	bad := strings.Replace(e2eConfig, "gomemcache]", "memcached]", 1)
	errLine := regexp.MustCompile(`(?m)^tenantlint: \./\.tenantlint\.yaml:14:23: cache\.presets: unknown preset "memcached"`)
	goVet := func(args ...string) result {
		t.Helper()
		return runCmd(t, dir, "go", append([]string{"vet", "-vettool=" + tenantlint}, args...)...)
	}
	fails := func(what string) {
		t.Helper()
		r := goVet("./...")
		if r.code == 0 || !errLine.MatchString(r.stderr) {
			t.Errorf("%s: exit %d, stderr:\n%s\nwant a failure with the line matching %s", what, r.code, r.stderr, errLine)
		}
		// A package whose import failed says so instead of a type error.
		if strings.Contains(r.stderr, "no package vetx file") || !strings.Contains(r.stderr,
			"tenantlint: example.com/e2e/internal/jobs not analyzed: the analysis of example.com/e2e/internal/cache, which it imports, failed") {
			t.Errorf("%s: the importers of a failed package:\n%s", what, r.stderr)
		}
	}
	testfs.WriteFile(t, filepath.Join(dir, ".tenantlint.yaml"), bad)
	for _, run := range []string{"first run", "second run", "third run"} {
		fails("bad config, " + run)
	}
	// The standalone driver's result cache does not keep failures either.
	for _, run := range []string{"first", "second", "third"} {
		if r := lint(t, dir, "./..."); r.code != 2 || !strings.Contains(r.stderr, `cache.presets: unknown preset "memcached"`) {
			t.Errorf("standalone, %s run: exit %d, stderr:\n%s", run, r.code, r.stderr)
		}
	}

	testfs.WriteFile(t, filepath.Join(dir, ".tenantlint.yaml"), e2eConfig)
	diffLines(t, "fixed config", vet(t, dir), stripChecks(wantText))
	// Cached: the second run with the fixed config does not run the tool
	// on any package (go vet -x prints the commands it runs).
	if r := goVet("-x", "./..."); strings.Contains(r.stderr, tenantlint+" -json") {
		t.Errorf("the fixed config's results were not cached; go vet -x ran the tool again:\n%s", r.stderr)
	}

	testfs.WriteFile(t, filepath.Join(dir, ".tenantlint.yaml"), bad)
	fails("broken again")
	fails("broken again, second run")
}

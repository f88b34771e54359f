package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/testfs"
)

// presetMissFiles (testdata/presetmiss.txtar) name presets that match no
// module that go.mod requires (issue 16 point 4).
var presetMissFiles = testfs.MustReadTxtar("testdata/presetmiss.txtar")

func presetMissModule(t *testing.T, withConfig bool) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range presetMissFiles {
		if name == config.FileName && !withConfig {
			continue
		}
		testfs.WriteFile(t, filepath.Join(dir, name), src)
	}
	return dir
}

// presetLines are the lines of stderr that report a preset.
func presetLines(stderr string) []string {
	var out []string
	for _, l := range lines(stderr) {
		if strings.Contains(l, " preset ") {
			out = append(out, l)
		}
	}
	return out
}

// TestVerboseUnmatchedPresets: --verbose names each configured preset,
// cache and SQL, that matches no required module (ristretto, whose v3
// no preset covers; go-cache; pgx; squirrel), not those of a required
// module (gomemcache) or of the standard library (sync-map,
// database/sql); without --verbose nothing is said. A run replayed from
// the result cache says it too.
func TestVerboseUnmatchedPresets(t *testing.T) {
	t.Parallel()
	dir := presetMissModule(t, true)
	want := []string{
		`tenantlint: cache preset "ristretto" matches no required module (covers github.com/dgraph-io/ristretto, .../v2)`,
		`tenantlint: cache preset "go-cache" matches no required module (covers github.com/patrickmn/go-cache)`,
		`tenantlint: sql preset "pgx" matches no required module (covers github.com/jackc/pgx/v5, .../pgxpool)`,
		`tenantlint: sql preset "squirrel" matches no required module (covers github.com/Masterminds/squirrel)`,
	}
	for _, run := range []string{"cold", "replayed"} {
		r := lint(t, dir, "--verbose", "./...")
		if r.code != 1 { // Invoice has no repository
			t.Fatalf("%s: tenantlint --verbose: exit %d\n%s%s", run, r.code, r.stdout, r.stderr)
		}
		diffLines(t, run+": tenantlint --verbose's preset lines", presetLines(r.stderr), want)
	}
	if r := lint(t, dir, "./..."); r.code != 1 || len(presetLines(r.stderr)) > 0 {
		t.Errorf("tenantlint without --verbose: exit %d, stderr %q; want 1 and no preset line", r.code, r.stderr)
	}
}

// TestInitReportsUnmatchedPresets: init says, in its summary and as a
// comment of the proposal, that no preset covers the ristretto v3 that
// go.mod requires; with --force it names the presets of the replaced
// file that match no required module.
func TestInitReportsUnmatchedPresets(t *testing.T) {
	t.Parallel()
	dir := presetMissModule(t, false)
	const ristretto = "cache preset ristretto covers github.com/dgraph-io/ristretto, .../v2, not github.com/dgraph-io/ristretto/v3 that go.mod requires"
	r := lint(t, dir, "init")
	if r.code != 0 {
		t.Fatalf("tenantlint init: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	diffLines(t, "init's summary", presetLines(r.stdout), []string{"  not proposed: " + ristretto})
	data, err := os.ReadFile(filepath.Join(dir, config.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "\n  # Not proposed: "+ristretto+".\n") {
		t.Errorf("the proposal does not say that ristretto is not proposed:\n%s", data)
	}

	testfs.WriteFile(t, filepath.Join(dir, config.FileName), presetMissFiles[config.FileName])
	r = lint(t, dir, "init", "--force")
	if r.code != 0 {
		t.Fatalf("tenantlint init --force: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	replaced := func(kind, name, covers string) string {
		return "  not proposed: " + kind + " preset " + name + ", named by the replaced .tenantlint.yaml, matches no module go.mod requires (covers " + covers + ")"
	}
	diffLines(t, "init --force's summary", presetLines(r.stdout), []string{
		"  not proposed: " + ristretto,
		replaced("cache", "ristretto", "github.com/dgraph-io/ristretto, .../v2"),
		replaced("cache", "go-cache", "github.com/patrickmn/go-cache"),
		replaced("sql", "pgx", "github.com/jackc/pgx/v5, .../pgxpool"),
		replaced("sql", "squirrel", "github.com/Masterminds/squirrel"),
	})
}

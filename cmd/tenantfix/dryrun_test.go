package main

import (
	"bytes"

	"encoding/gob"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/diskcache"
	"github.com/tenantlint/tenantlint/internal/testfs"
)

// TestDryRunCache: a --dry-run whose inputs did not change replays the
// previous one's output (proved by planting a line in the cached diff);
// files written moments ago, an edit, or another flag analyze again, and
// the replay prints what a fresh run prints.
func TestDryRunCache(t *testing.T) {
	t.Parallel()
	dir := writeModule(t)
	cacheRoot := t.TempDir()
	cache := []string{"TENANTLINT_CACHE=" + cacheRoot}
	cacheDir := filepath.Join(cacheRoot, "results")
	dryRun := func(args ...string) result {
		t.Helper()
		r := command(t, dir, cache, fixBin, append([]string{"--dry-run"}, args...)...)
		mustCode(t, r, 0, "tenantfix --dry-run")
		return r
	}
	stored := func() []string {
		t.Helper()
		files, err := filepath.Glob(filepath.Join(cacheDir, "*-tenantfix-dry-run.json"))
		if err != nil {
			t.Fatal(err)
		}
		return files
	}

	racy := dryRun()
	if files := stored(); len(files) != 0 {
		t.Fatalf("a run over files written just now was cached: %v", files)
	}
	testfs.Backdate(t, dir)
	first := dryRun()
	if first.stdout != racy.stdout || first.stderr != racy.stderr {
		t.Fatalf("the same module gave another dry run:\n%s\n%s", first.stdout, racy.stdout)
	}
	files := stored()
	if len(files) != 1 {
		t.Fatalf("cached dry runs: %v", files)
	}
	replay := dryRun()
	if replay.stdout != first.stdout || replay.stderr != first.stderr {
		t.Errorf("replayed dry run differs:\n%s%s\nwant:\n%s%s", replay.stdout, replay.stderr, first.stdout, first.stderr)
	}

	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	planted := strings.Replace(string(data), `"Diff":"`, `"Diff":"PLANTED\n`, 1)
	if planted == string(data) {
		t.Fatalf("no diff in the cached plan: %s", data)
	}
	if err := os.WriteFile(files[0], []byte(testfs.Reseal(t, planted)), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := dryRun(); !strings.HasPrefix(r.stdout, "PLANTED\n") {
		t.Fatalf("an unchanged module was analyzed again instead of replayed:\n%s", r.stdout)
	}
	if r := dryRun("--no-cache"); r.stdout != first.stdout {
		t.Errorf("--no-cache:\n%s\nwant:\n%s", r.stdout, first.stdout)
	}
	if r := dryRun("--checks", "tenantcache"); strings.Contains(r.stdout, "PLANTED") {
		t.Errorf("--checks replayed the run of all checks:\n%s", r.stdout)
	}

	path := filepath.Join(dir, "kv", "kv.go")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(src, "\n// edited\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	testfs.Backdate(t, dir)
	if r := dryRun(); strings.Contains(r.stdout, "PLANTED") || !strings.Contains(r.stdout, "+++ b/") {
		t.Errorf("an edited module replayed a stale dry run:\n%s", r.stdout)
	}
}

// TestVerifyCache: --verify replays an unchanged run's findings and
// totals (proved by planting a finding), prints what a fresh run prints,
// and still applies the gate flags to the replayed findings.
func TestVerifyCache(t *testing.T) {
	t.Parallel()
	dir := writeModule(t)
	cacheRoot := t.TempDir()
	cache := []string{"TENANTLINT_CACHE=" + cacheRoot}
	cacheDir := filepath.Join(cacheRoot, "results")
	verify := func(args ...string) result {
		t.Helper()
		r := command(t, dir, cache, fixBin, append([]string{"--verify"}, args...)...)
		mustCode(t, r, 1, "tenantfix --verify")
		return r
	}
	testfs.Backdate(t, dir)
	first := verify()
	files, err := filepath.Glob(filepath.Join(cacheDir, "*-tenantfix-verify.json"))
	if err != nil || len(files) != 1 {
		t.Fatalf("cached verify runs: %v %v", files, err)
	}
	replay := verify()
	if replay.stdout != first.stdout || replay.stderr != first.stderr {
		t.Errorf("replayed --verify differs:\n%s%s\nwant:\n%s%s", replay.stdout, replay.stderr, first.stdout, first.stderr)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	marker := `{"check":"tenantcache","file":"` + filepath.Join(dir, "go.mod") + `","line":1,"column":1,"message":"planted","fix":"manual"},`
	planted := strings.Replace(string(data), `"Findings":[`, `"Findings":[`+marker, 1)
	if planted == string(data) {
		t.Fatalf("no findings in the cached run: %s", data)
	}
	if err := os.WriteFile(files[0], []byte(testfs.Reseal(t, planted)), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := verify(); !strings.Contains(r.stdout, "go.mod:1:1: planted (tenantcache)") {
		t.Fatalf("an unchanged module was analyzed again instead of replayed:\n%s", r.stdout)
	}
	if r := verify("--format", "json"); !strings.Contains(r.stdout, `"planted"`) {
		t.Errorf("--format does not change the analysis; the replay should be used:\n%s", r.stdout)
	}
	if r := verify("--no-cache"); r.stdout != first.stdout {
		t.Errorf("--no-cache:\n%s\nwant:\n%s", r.stdout, first.stdout)
	}
	if r := verify("--checks", "tenantcache"); strings.Contains(r.stdout, "planted") {
		t.Errorf("--checks replayed the run of all checks:\n%s", r.stdout)
	}
}

// TestFixMemo: the fixer keeps each checked file by its content and edits
// and uses it on later runs (proved by planting a line in every entry),
// and never uses an entry whose checksum does not match its value.
func TestFixMemo(t *testing.T) {
	t.Parallel()
	dir := writeModule(t)
	cacheRoot := t.TempDir()
	cache := []string{"TENANTLINT_CACHE=" + cacheRoot}
	kvFile := filepath.Join(dir, "kv", "kv.go") // no fix lands in it
	dryRun := func() result {
		t.Helper()
		// Editing kv.go makes each run's inputs new, so no whole-run
		// replay hides what the memo does.
		f, err := os.OpenFile(kvFile, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteString("\n// edited\n"); err != nil {
			t.Fatal(err)
		}
		f.Close()
		r := command(t, dir, cache, fixBin, "--dry-run")
		mustCode(t, r, 0, "tenantfix --dry-run")
		return r
	}
	first := dryRun()
	packs, err := filepath.Glob(filepath.Join(cacheRoot, "rewrite", "*.gob"))
	if err != nil || len(packs) != 1 {
		t.Fatalf("memo files %v (%v), want one", packs, err)
	}
	changed := strings.Count(first.stdout, "diff --git ")
	rewritePack := func(value func(old []byte) []byte, fixSum bool) {
		t.Helper()
		data, err := os.ReadFile(packs[0])
		if err != nil {
			t.Fatal(err)
		}
		var entries map[string][]byte
		if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&entries); err != nil {
			t.Fatal(err)
		}
		if len(entries) != changed {
			t.Fatalf("%d memo entries for a diff of %d files", len(entries), changed)
		}
		for k, e := range entries {
			old, ok := diskcache.Unseal(e)
			if !ok {
				t.Fatalf("memo entry %s is not sealed", k)
			}
			v := value(old)
			if fixSum {
				entries[k] = diskcache.Seal(v)
				continue
			}
			// Keep the old seal's sum over the new value: damaged.
			entries[k] = append(append([]byte(nil), e[:len(e)-len(old)]...), v...)
		}
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(entries); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(packs[0], buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	rewritePack(func([]byte) []byte { return []byte("package planted\n// planted\n") }, true)
	if r := dryRun(); strings.Count(r.stdout, "+// planted") != changed {
		t.Fatalf("the memo was not used for every file:\n%s", r.stdout)
	}
	rewritePack(func(old []byte) []byte { return append(old, "// damaged\n"...) }, false)
	if r := dryRun(); r.stdout != first.stdout {
		t.Errorf("entries whose checksum does not match were used:\n%s\nwant:\n%s", r.stdout, first.stdout)
	}
}

package diskcache

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestTrimCache: entries unused for a week go, used ones stay, files the
// tool did not write stay whatever their age, emptied folders go, and a
// second trim within a day does nothing.
func TestTrimCache(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	old, recent := now.Add(-8*24*time.Hour), now.Add(-6*24*time.Hour)
	const key = "0123abcd-tests=false"
	files := map[string]time.Time{
		key + ".gob":              old,
		key + ".gob.hash":         old,
		key + ".gob.lock":         old,
		"shards/0a1b2c":           old,
		"shards/.cache-1":         old,
		"packages/ab/ab12.json":   old,
		"scans/cd/cd34.json":      old,
		"results/k-findings.json": old,
		"rewrite/ef56":            old,
		".cache-123":              old,
		"other-tests=true.gob":    recent, // kept: used within the week
		"packages/ab/ab99.json":   recent,
		"notes.txt":               old, // not the tool's
		"mine/data.gob":           old,
		"somefile.gob":            old,
		"mine-tests=true.gob.d/x": old,
	}
	for name, mtime := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	trimCache(dir, now)
	want := []string{"mine-tests=true.gob.d/x", "mine/data.gob", "notes.txt", "other-tests=true.gob",
		"packages/ab/ab99.json", "somefile.gob", trimStamp}
	if got := listFiles(t, dir); !slices.Equal(got, want) {
		t.Errorf("after the trim:\n%q\nwant:\n%q", got, want)
	}
	for _, gone := range []string{"scans", "shards", "results", "rewrite"} {
		if _, err := os.Stat(filepath.Join(dir, gone)); err == nil {
			t.Errorf("the emptied folder %s is still there", gone)
		}
	}

	// Within a day nothing is trimmed again, even what has aged since.
	aged := filepath.Join(dir, "packages/ab/ab99.json")
	if err := os.Chtimes(aged, old, old); err != nil {
		t.Fatal(err)
	}
	trimCache(dir, now.Add(23*time.Hour))
	if _, err := os.Stat(aged); err != nil {
		t.Errorf("a second trim within a day removed %s", aged)
	}
	trimCache(dir, now.Add(25*time.Hour))
	if _, err := os.Stat(aged); err == nil {
		t.Errorf("the next day's trim kept %s", aged)
	}
}

// TestReadMarksUsed: reading an entry keeps it from the next trim.
func TestReadMarksUsed(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "results", "k.json")
	if err := WriteFile(path, []byte("data")); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-8 * 24 * time.Hour)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	data, err := ReadFile(path)
	if err != nil || string(data) != "data" {
		t.Fatalf("ReadFile = %q, %v", data, err)
	}
	trimCache(dir, time.Now())
	if _, err := os.Stat(path); err != nil {
		t.Errorf("an entry read just now was trimmed: %v", err)
	}
}

// TestMarkTreeUsed: the files of a folder that a library reads by
// itself (wazero's compiled module under wasm/) are kept by the trim
// once marked, and trimmed when not.
func TestMarkTreeUsed(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-8 * 24 * time.Hour)
	paths := map[string]string{}
	for _, name := range []string{"kept", "gone"} {
		path := filepath.Join(dir, "wasm", name, "wazero-v1-amd64-linux", "entry")
		if err := WriteFile(path, []byte("code")); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, old, old); err != nil {
			t.Fatal(err)
		}
		paths[name] = path
	}
	MarkTreeUsed(filepath.Join(dir, "wasm", "kept"))
	trimCache(dir, time.Now())
	if _, err := os.Stat(paths["kept"]); err != nil {
		t.Errorf("a marked entry was trimmed: %v", err)
	}
	if _, err := os.Stat(paths["gone"]); err == nil {
		t.Errorf("an unmarked entry a week old was kept")
	}
}

func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if !info.IsDir() {
			rel, _ := filepath.Rel(dir, path)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

package driver_test

import (
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"github.com/tenantlint/tenantlint/internal/driver"
	"github.com/tenantlint/tenantlint/internal/testfs"
)

// TestFilesReadOnce: with the per-package result cache on, a package's
// files are read (and hashed) once per run, whether the run analyzes the
// package (a miss: the key's read serves the parse) or replays it (a hit).
func TestFilesReadOnce(t *testing.T) {
	dir := writeChangedModule(t)
	var first []string
	for _, run := range []string{"miss", "hit"} {
		var mu sync.Mutex
		reads := map[string]int{}
		res, err := driver.RunReadFile(driver.Options{Dir: dir}, []string{"./..."}, func(name string) ([]byte, error) {
			mu.Lock()
			reads[name]++
			mu.Unlock()
			return os.ReadFile(name)
		})
		if err != nil {
			t.Fatalf("%s: run: %v", run, err)
		}
		for _, rel := range []string{"app/app.go", "kv/kv.go", "tenant/tenant.go"} {
			if n := reads[filepath.Join(dir, rel)]; n != 1 {
				t.Errorf("%s: %s read %d times, want once", run, rel, n)
			}
		}
		var got []string
		for _, f := range res.Findings {
			got = append(got, f.Message)
		}
		if run == "miss" {
			first = got
			if len(got) != 1 {
				t.Fatalf("findings = %q, want one", got)
			}
		} else if !reflect.DeepEqual(got, first) {
			t.Errorf("replayed findings = %q, want %q", got, first)
		}
	}
}

// writeChangedModule writes changedModule to a new folder, with an empty
// tool cache and no TENANTLINT_CONFIG, and returns the folder.
func writeChangedModule(t *testing.T) string {
	t.Helper()
	t.Setenv("TENANTLINT_CACHE", t.TempDir())
	t.Setenv("TENANTLINT_CONFIG", "")
	t.Setenv("GOFLAGS", "-mod=mod")
	dir := t.TempDir()
	testfs.Write(t, dir, changedModule)
	return dir
}

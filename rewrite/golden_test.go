package rewrite

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	udiff "github.com/aymanbagabas/go-udiff"

	"github.com/tenantlint/tenantlint/internal/driver"
	"github.com/tenantlint/tenantlint/internal/testfs"
	"github.com/tenantlint/tenantlint/report"
)

var update = flag.Bool("update", false, "rewrite the golden files of TestGolden")

// goldenSkip names the folders of testdata that are not golden cases.
var goldenSkip = map[string]bool{
	"fuzz":    true, // the fuzz corpus
	"fuzzmod": true, // the fuzz target's fixture module
}

// TestGolden runs tenantlint's analyzers and Build on each module under
// testdata/<case>/ (copied to a temporary folder) and compares the new
// content of every changed file with <file>.golden next to the original,
// and the plan's counts and manual sites with summary.golden. It checks
// the invariants of every change (see checkChange), that the fixed module
// builds, and that a second run on it has nothing to do.
//
// go test ./rewrite/ -run TestGolden -update rewrites the golden files.
func TestGolden(t *testing.T) {
	t.Setenv("TENANTLINT_CACHE", t.TempDir())
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() || goldenSkip[e.Name()] {
			continue
		}
		if _, err := os.Stat(filepath.Join("testdata", e.Name(), "go.mod")); err != nil {
			continue
		}
		n++
		t.Run(e.Name(), func(t *testing.T) { runGolden(t, filepath.Join("testdata", e.Name())) })
	}
	if n == 0 {
		t.Fatal("no golden cases found")
	}
}

func runGolden(t *testing.T, caseDir string) {
	dir := copyCase(t, caseDir)
	res, err := driver.Run(driver.Options{Dir: dir}, nil)
	if err != nil {
		t.Fatalf("driver.Run: %v", err)
	}
	plan, err := Build(res, dir)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}

	// Every changed file matches its golden, and every golden file has a
	// change.
	changed := map[string]bool{}
	for _, fc := range plan.Files {
		changed[fc.Rel] = true
		for _, msg := range checkChange(fc) {
			t.Error(msg)
		}
		golden := filepath.Join(caseDir, filepath.FromSlash(fc.Rel)+".golden")
		compareGolden(t, golden, fc.New)
	}
	filepath.WalkDir(caseDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(path, ".go.golden") {
			return err
		}
		rel, _ := filepath.Rel(caseDir, strings.TrimSuffix(path, ".golden"))
		if !changed[filepath.ToSlash(rel)] {
			if *update {
				os.Remove(path)
			} else {
				t.Errorf("%s: no change was planned for %s", path, rel)
			}
		}
		return nil
	})
	compareGolden(t, filepath.Join(caseDir, "summary.golden"), []byte(summary(plan, dir)))

	// The result builds.
	for _, fc := range plan.Files {
		if err := os.WriteFile(fc.Path, fc.New, fc.Mode); err != nil {
			t.Fatal(err)
		}
	}
	goBuild(t, dir)

	// A second run has nothing to do and leaves the same manual sites.
	res2, err := driver.Run(driver.Options{Dir: dir}, nil)
	if err != nil {
		t.Fatalf("second driver.Run: %v", err)
	}
	plan2, err := Build(res2, dir)
	if err != nil {
		t.Fatalf("second Build: %v", err)
	}
	for _, fc := range plan2.Files {
		t.Errorf("second run changes %s:\n%s", fc.Rel, udiff.Unified("a/"+fc.Rel, "b/"+fc.Rel, string(fc.Old), string(fc.New)))
	}
	if len(plan2.Manual) != len(plan.Manual) {
		t.Errorf("second run has %d manual sites, the first had %d", len(plan2.Manual), len(plan.Manual))
	}
}

// summary renders what the plan counts and the manual sites, with paths
// relative to the module.
func summary(p *Plan, dir string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "files: %d\nmodels: %d\nkeys: %d\nconflicts: %d\nmanual: %d\n", len(p.Files), p.Fixed["tenantrepo"], p.Fixed["tenantcache"], p.Conflicts, len(p.Manual))
	for _, fc := range p.Files {
		what := "modified"
		if fc.Created {
			what = "created"
		}
		fmt.Fprintf(&b, "%s %s\n", what, fc.Rel)
	}
	for _, f := range p.Manual {
		fmt.Fprintf(&b, "%s:%d: %s: %s\n", report.RelPath(dir, f.File), f.Line, f.Check, f.Message)
	}
	return b.String()
}

func compareGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Errorf("%v (run with -update to create it); got:\n%s", err, got)
		return
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output:\n%s", golden, udiff.Unified(golden, "got", string(want), string(got)))
	}
}

// copyCase copies a case's module, golden files left out, to a temporary
// folder and returns the folder (symlinks resolved, as the go command
// reports paths).
func copyCase(t *testing.T, src string) string {
	t.Helper()
	dst, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := testfs.Copy(src, dst, testfs.SkipGolden); err != nil {
		t.Fatal(err)
	}
	return dst
}

func goBuild(t *testing.T, dir string) {
	t.Helper()
	cmd := exec.Command("go", "build", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("go build ./... on the fixed module: %v\n%s", err, out)
	}
}

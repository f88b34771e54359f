package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/tenantlint/tenantlint/rewrite"
)

// faultBinary builds, once, tenantfix with -tags tenantfix_faults: the
// build whose steps the TENANTFIX_TEST_* variables can kill or fail (see
// faults.go). The release binary, fixBin, ignores them.
var faultBinary = sync.OnceValues(func() (string, error) {
	exe := ""
	if runtime.GOOS == "windows" {
		exe = ".exe"
	}
	bin := filepath.Join(tmpRoot, "faultbin", "tenantfix"+exe)
	out, err := exec.Command("go", "build", "-tags", "tenantfix_faults", "-o", bin, "github.com/tenantlint/tenantlint/cmd/tenantfix").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("building tenantfix with its fault hooks: %v\n%s", err, out)
	}
	return bin, nil
})

func faultBin(t testing.TB) string {
	t.Helper()
	bin, err := faultBinary()
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

// TestReleaseIgnoresFaultHooks: the release binary has no fault
// injection: it does not even hold the variables' names, and a run with
// them set applies every fix.
func TestReleaseIgnoresFaultHooks(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(fixBin)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte("TENANTFIX_TEST_")) {
		t.Error("the release binary holds the fault hooks' variable names")
	}
	_, fixed := reference()
	dir := writeModule(t)
	r := command(t, dir, []string{"TENANTFIX_TEST_FAIL_WRITE=0", "TENANTFIX_TEST_FAIL_AT=3", "TENANTFIX_TEST_KILL_AT=5", "TENANTFIX_TEST_WRITE_DELAY=1h"}, fixBin)
	mustCode(t, r, 0, "the release binary with the fault variables set")
	sameTree(t, fixed, snapshot(t, dir).without(".tenantfix"), "after the run")
}

// TestBackupDirRefused: a --backup-dir whose copies the go tool would read
// as source, or that --restore could not tie to the module, is refused
// before anything is analyzed or written; one under a folder that go
// ignores works.
func TestBackupDirRefused(t *testing.T) {
	t.Parallel()
	outside := t.TempDir()
	for _, c := range []struct{ dir, says string }{
		{"backups", "where the go tool would read its copies as source"},
		{"jobs/bk", "where the go tool would read its copies as source"},
		{filepath.Join(outside, "bk"), "outside the module"},
	} {
		t.Run(c.dir, func(t *testing.T) {
			t.Parallel()
			dir := writeModule(t)
			before := snapshot(t, dir)
			r := tenantfix(t, dir, "--backup-dir", c.dir)
			mustCode(t, r, 2, "--backup-dir "+c.dir)
			oneLine(t, r.stderr, c.dir)
			if !strings.Contains(r.stderr, c.says) {
				t.Errorf("stderr does not say %q:\n%s", c.says, r.stderr)
			}
			sameTree(t, before, snapshot(t, dir), "after the refusal")
		})
	}
	t.Run("_backups/one", func(t *testing.T) {
		t.Parallel()
		dir := writeModule(t)
		orig := snapshot(t, dir)
		mustCode(t, tenantfix(t, dir, "--backup-dir", "_backups/one"), 0, "apply with --backup-dir _backups/one")
		mustCode(t, tenantfix(t, dir, "--verify"), 1, "--verify after apply") // the copies are not linted
		mustCode(t, tenantfix(t, dir, "--restore", "_backups/one"), 0, "--restore")
		sameTree(t, orig, snapshot(t, dir).without("_backups").without(".tenantfix"), "after the restore")
		if b, err := os.ReadFile(filepath.Join(dir, ".tenantfix", ".gitignore")); err != nil || string(b) != "*\n" {
			t.Errorf(".tenantfix/.gitignore: %q, %v", b, err)
		}
	})
}

// TestRestoreForceBeforeFolder: "--restore --force DIR" reads DIR as the
// backup folder, as "--restore DIR --force" does.
func TestRestoreForceBeforeFolder(t *testing.T) {
	t.Parallel()
	dir := writeModule(t)
	orig := snapshot(t, dir)
	mustCode(t, tenantfix(t, dir, "--backup-dir", ".tenantfix/bk"), 0, "apply")
	if err := os.WriteFile(filepath.Join(dir, "jobs", "jobs.go"), []byte("package jobs\n// edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustCode(t, tenantfix(t, dir, "--restore", "--force", ".tenantfix/bk"), 0, "--restore --force DIR")
	sameTree(t, orig, snapshot(t, dir).without(".tenantfix"), "after --restore --force DIR")
	r := tenantfix(t, dir, "--restore", "--force")
	mustCode(t, r, 2, "--restore --force without a folder")
	oneLine(t, r.stderr, "--restore")
}

// TestLockedModule: while another process holds the module's lock (this
// test, deterministically), apply and --restore are refused with one
// line naming the holder, and write nothing.
func TestLockedModule(t *testing.T) {
	t.Parallel()
	dir := writeModule(t)
	mustCode(t, tenantfix(t, dir, "--backup-dir", ".tenantfix/bk"), 0, "apply")
	lock, err := rewrite.LockModule(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release(false)
	holder := "(pid " + strconv.Itoa(os.Getpid()) + ")"
	for _, args := range [][]string{{"--restore", ".tenantfix/bk"}, {"--no-cache", "--backup-dir", ".tenantfix/bk2"}} {
		writeFixtureFile(t, dir, "jobs/jobs.go") // something to fix again
		before := snapshot(t, dir)
		r := tenantfix(t, dir, args...)
		mustCode(t, r, 2, strings.Join(args, " ")+" while the module is locked")
		oneLine(t, r.stderr, holder)
		sameTree(t, before, snapshot(t, dir), "after the refused run")
	}
}

// writeFixtureFile puts one file of the fixture back to its original.
func writeFixtureFile(t testing.TB, dir, name string) {
	t.Helper()
	orig, _ := reference()
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(orig[name].data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestKillDuringApply SIGKILLs the fault build at chosen steps of a real
// run (the exhaustive kill at every step is rewrite's TestKillAtEveryStep,
// in process, where a run costs milliseconds): the first file's rename,
// the last file's rename (which leaves a temporary file), and the
// manifest's rename (then nothing was written). Every file is then its original or its new content;
// --restore brings back the original tree and removes the temporary
// files; and a killed run's temporary files are also removed by the next
// apply, which completes the fix.
func TestKillDuringApply(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL")
	}
	t.Parallel()
	orig, fixed := reference()
	bin := faultBin(t)
	// The steps of a complete run, as the fault build traces them.
	dir := writeModule(t)
	trace := filepath.Join(t.TempDir(), "steps")
	mustCode(t, command(t, dir, []string{"TENANTFIX_TEST_STEPS=" + trace}, bin, "--no-cache"), 0, "a traced run")
	data, err := os.ReadFile(trace)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	var renames []int
	manifest := -1
	for _, l := range lines {
		f := strings.Fields(l)
		n, _ := strconv.Atoi(f[0])
		switch {
		case f[1] == "rename" && f[3] == rewrite.ManifestName:
			manifest = n
		case f[1] == "rename":
			renames = append(renames, n)
		}
	}
	total := len(changed(orig, fixed))
	if len(renames) != total || manifest < 0 {
		t.Fatalf("the trace has %d renames and manifest step %d, want %d renames:\n%s", len(renames), manifest, total, data)
	}
	t.Logf("a run has %d steps: %d file renames after the manifest's (step %d)", len(lines), len(renames), manifest)
	for _, kill := range []int{manifest, renames[0], renames[len(renames)-1]} {
		t.Run(fmt.Sprintf("kill at step %d", kill), func(t *testing.T) {
			t.Parallel()
			for _, then := range []string{"restore", "apply"} {
				dir := writeModule(t)
				backup := filepath.Join(dir, ".tenantfix", "killed")
				r := command(t, dir, []string{"TENANTFIX_TEST_KILL_AT=" + strconv.Itoa(kill)}, bin, "--backup-dir", backup)
				if r.code != -1 {
					t.Fatalf("the run was not killed (exit %d):\n%s", r.code, r.stderr)
				}
				got := snapshot(t, dir).without(".tenantfix")
				temps := 0
				for name, e := range got.files() {
					if strings.HasPrefix(filepath.Base(name), ".tenantfix-") {
						temps++
						continue
					}
					if e.data != orig[name].data && e.data != fixed[name].data {
						t.Errorf("%s is neither its original nor its new content", name)
					}
				}
				if kill == renames[len(renames)-1] && temps == 0 {
					t.Error("the kill before the last rename left no temporary file")
				}
				if _, err := os.Stat(filepath.Join(backup, rewrite.ManifestName)); err != nil {
					if kill != manifest {
						t.Fatalf("no manifest after a kill at step %d: %v", kill, err)
					}
					sameTree(t, orig, got, "killed before the manifest was renamed into place")
				} else if kill == manifest {
					t.Fatal("a manifest exists after a kill before its rename")
				}
				if then == "restore" && kill != manifest {
					mustCode(t, tenantfix(t, dir, "--restore", backup), 0, "--restore after the kill")
					sameTree(t, orig, snapshot(t, dir).without(".tenantfix"), "after --restore")
				} else {
					mustCode(t, tenantfix(t, dir, "--backup-dir", filepath.Join(dir, ".tenantfix", "next")), 0, "apply after the kill")
					sameTree(t, fixed, snapshot(t, dir).without(".tenantfix"), "after the next apply")
				}
			}
		})
	}
}

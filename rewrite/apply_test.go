//go:build unix

package rewrite

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// The transactional apply and restore, in process, on a small module:
// a plan that modifies three files (one of them 0640) and creates one.
// Every test drives the steps through the Hooks seam, so each
// interleaving is exact and needs no sleeping.

var planned = []string{"a.go", "b/b.go", "c/c.go"}

const createdFile = "d/new.go"

// testModule writes the module into base/x/mod (so that ../../victim.txt
// from the module is base/victim.txt) and returns its root.
func testModule(t testing.TB) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), "x", "mod")
	files := map[string]string{
		"go.mod":   "module example.com/m\n\ngo 1.22\n",
		"a.go":     "package m\n\nvar A = 1\n",
		"b/b.go":   "package b\n\nvar B = 1\n",
		"c/c.go":   "package c\n\nvar C = 1\n",
		"d/d.go":   "package d\n",
		"notes.md": "not Go\n",
	}
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(filepath.Join(root, "c", "c.go"), 0o640); err != nil {
		t.Fatal(err)
	}
	return root
}

// planFor is the plan of the module at root: each planned file gets a
// line, and d/new.go is created. It reads the files, as Build does.
func planFor(t testing.TB, root string) *Plan {
	t.Helper()
	p := &Plan{Root: root}
	for _, rel := range planned {
		path := filepath.Join(root, filepath.FromSlash(rel))
		old, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		p.Files = append(p.Files, &FileChange{Path: path, Rel: rel, Old: old, New: append(old[:len(old):len(old)], "// fixed\n"...), Mode: st.Mode().Perm()})
	}
	p.Files = append(p.Files, &FileChange{Path: filepath.Join(root, filepath.FromSlash(createdFile)), Rel: createdFile, New: []byte("package d\n\n// created\n"), Mode: 0o644, Created: true})
	return p
}

// files reads every regular file and symlink below dir, except .tenantfix
// and .git, as "mode content" (symlinks as "-> target").
func files(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() && (d.Name() == StateDir || d.Name() == ".git") {
			return filepath.SkipDir
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(path)
			out[rel] = "-> " + target
			return err
		case info.Mode().IsRegular():
			b, err := os.ReadFile(path)
			out[rel] = fmt.Sprintf("%v %s", info.Mode(), b)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameFiles(t testing.TB, want, got map[string]string, what string) {
	t.Helper()
	var diffs []string
	for k, w := range want {
		if g, ok := got[k]; !ok {
			diffs = append(diffs, "missing "+k)
		} else if g != w {
			diffs = append(diffs, fmt.Sprintf("%s: %q, want %q", k, g, w))
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			diffs = append(diffs, "unexpected "+k)
		}
	}
	if len(diffs) > 0 {
		sort.Strings(diffs)
		t.Fatalf("%s:\n  %s", what, strings.Join(diffs, "\n  "))
	}
}

// fixedFiles is what the module at root holds after its plan is applied.
func fixedFiles(t testing.TB, root string) map[string]string {
	t.Helper()
	want := files(t, root)
	for _, fc := range planFor(t, root).Files {
		mode := fs.FileMode(0o644)
		if !fc.Created {
			mode = fc.Mode
		}
		want[fc.Rel] = fmt.Sprintf("%v %s", mode, fc.New)
	}
	return want
}

func backup(root, name string) string { return filepath.Join(root, StateDir, name) }

// countSteps is the number of steps of a complete apply of the module.
func countSteps(t testing.TB) int {
	t.Helper()
	root := testModule(t)
	n := 0
	if _, _, err := planFor(t, root).Apply(backup(root, "count"), Hooks{Step: func(s Step) error {
		if s.N != n {
			t.Fatalf("step %d numbered %d", n, s.N)
		}
		n++
		return nil
	}}, nil); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestApplyRestore: apply writes exactly the plan, a backup with its
// manifest, and .tenantfix/.gitignore; it releases its lock. Restore puts
// back the original tree.
func TestApplyRestore(t *testing.T) {
	root := testModule(t)
	orig := files(t, root)
	want := fixedFiles(t, root)
	bk := backup(root, "backups/one")
	m, notes, err := planFor(t, root).Apply(bk, Hooks{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Files) != 4 || len(notes) != 0 {
		t.Errorf("manifest of %d files, notes %q", len(m.Files), notes)
	}
	sameFiles(t, want, files(t, root), "after apply")
	if b, err := os.ReadFile(filepath.Join(root, StateDir, ".gitignore")); err != nil || string(b) != "*\n" {
		t.Errorf(".tenantfix/.gitignore: %q, %v; want \"*\\n\"", b, err)
	}
	if _, err := os.Lstat(filepath.Join(root, StateDir, lockName)); err == nil {
		t.Error("the lock file is still there after apply")
	}
	if _, _, err := Restore(bk, false, Hooks{}); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, orig, files(t, root), "after restore")
}

// TestConcurrentEditAtEveryStep appends a line to a planned file (as an
// editor would) at every step of an apply. The run must fail, naming the
// file; the appended line must survive; every other file is its
// original; the backup is kept exactly when the edited file had been
// written, and the error then says that file needs attention.
func TestConcurrentEditAtEveryStep(t *testing.T) {
	n := countSteps(t)
	for step := 0; step < n; step++ {
		for _, edited := range planned {
			root := testModule(t)
			orig := files(t, root)
			path := filepath.Join(root, filepath.FromSlash(edited))
			var atEdit []byte
			bk := backup(root, "bk")
			_, _, err := planFor(t, root).Apply(bk, Hooks{Step: func(s Step) error {
				if s.N == step {
					atEdit, _ = os.ReadFile(path)
					f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
					if err != nil {
						t.Fatal(err)
					}
					f.WriteString("// the user's line\n")
					f.Close()
				}
				return nil
			}}, nil)
			what := fmt.Sprintf("step %d, %s edited", step, edited)
			if err == nil || !strings.Contains(err.Error(), edited+" changed while tenantfix was running") {
				t.Fatalf("%s: err %v, want the concurrent-edit error naming it", what, err)
			}
			got := files(t, root)
			want := map[string]string{}
			for k, v := range orig {
				want[k] = v
			}
			mode := "-rw-r--r--"
			if edited == "c/c.go" {
				mode = "-rw-r-----"
			}
			want[edited] = mode + " " + string(atEdit) + "// the user's line\n"
			sameFiles(t, want, got, what)
			wroteIt := strings.HasSuffix(string(atEdit), "// fixed\n")
			_, statErr := os.Stat(filepath.Join(bk, ManifestName))
			if kept := statErr == nil; kept != wroteIt {
				t.Fatalf("%s: backup kept %v, but the file had been written: %v (%v)", what, kept, wroteIt, err)
			}
			if wroteIt && !strings.Contains(err.Error(), "except "+edited+", which changed") {
				t.Fatalf("%s: the error does not say the file needs attention: %v", what, err)
			}
		}
	}
}

// TestDiskFullAtEveryStep makes each step in turn fail as a full disk
// would, alone and together with the first step of the rollback that
// follows. The run fails; either the tree is the original with no trace
// of the run (no backup, no .tenantfix), or the backup is kept, the error
// says so, and it restores the original.
func TestDiskFullAtEveryStep(t *testing.T) {
	n := countSteps(t)
	kept := 0
	for step := 0; step < n; step++ {
		for _, alsoRollback := range []bool{false, true} {
			root := testModule(t)
			orig := files(t, root)
			bk := backup(root, "bk")
			failed := false
			_, _, err := planFor(t, root).Apply(bk, Hooks{Step: func(s Step) error {
				if s.N == step || alsoRollback && failed && s.Kind == "rollback" {
					failed = true
					return fmt.Errorf("injected: %w", syscall.ENOSPC)
				}
				return nil
			}}, nil)
			what := fmt.Sprintf("step %d fails (and the rollback: %v)", step, alsoRollback)
			if err == nil {
				t.Fatalf("%s, but Apply succeeded", what)
			}
			if !errors.Is(err, syscall.ENOSPC) && !strings.Contains(err.Error(), "no space left") {
				t.Errorf("%s: the error does not name the failure: %v", what, err)
			}
			if strings.Contains(err.Error(), "backup kept") {
				kept++
				if _, _, err := Restore(bk, false, Hooks{}); err != nil {
					t.Fatalf("%s: restore of the kept backup: %v", what, err)
				}
			} else if _, err := os.Lstat(filepath.Join(root, StateDir)); err == nil {
				t.Errorf("%s: .tenantfix remains after a run that left nothing", what)
			}
			sameFiles(t, orig, files(t, root), what)
		}
	}
	t.Logf("%d steps, each failed alone and with the rollback: %d runs kept their backup", n, kept)
	if kept == 0 {
		t.Error("no rollback failed; the test does not probe it")
	}
}

// TestConcurrentRunAtEveryStep starts a second apply and a restore of the
// same module at every step of a first apply: both are refused by the
// module's lock, naming it, and write nothing; the first one ends with
// exactly its planned tree.
func TestConcurrentRunAtEveryStep(t *testing.T) {
	n := countSteps(t)
	for step := 0; step < n; step++ {
		root := testModule(t)
		want := fixedFiles(t, root)
		other := testModule(t) // a backup of another run, to restore
		otherBk := backup(root, "other")
		if _, _, err := planFor(t, other).Apply(filepath.Join(other, StateDir, "bk"), Hooks{}, nil); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(root, StateDir), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(filepath.Join(other, StateDir, "bk"), otherBk); err != nil {
			t.Fatal(err)
		}
		second := planFor(t, root)
		_, _, err := planFor(t, root).Apply(backup(root, "first"), Hooks{Step: func(s Step) error {
			if s.N != step {
				return nil
			}
			_, _, err := second.Apply(backup(root, "second"), Hooks{}, nil)
			if err == nil || !strings.Contains(err.Error(), "another tenantfix run (pid "+strconv.Itoa(os.Getpid())+")") {
				t.Fatalf("step %d: a second apply: %v, want it refused by the lock", step, err)
			}
			if _, _, err := Restore(otherBk, true, Hooks{}); err == nil || !strings.Contains(err.Error(), "another tenantfix run") {
				t.Fatalf("step %d: a restore: %v, want it refused by the lock", step, err)
			}
			if _, err := os.Lstat(backup(root, "second")); err == nil {
				t.Fatalf("step %d: the refused run wrote its backup", step)
			}
			return nil
		}}, nil)
		if err != nil {
			t.Fatalf("step %d: the first run: %v", step, err)
		}
		sameFiles(t, want, files(t, root), fmt.Sprintf("step %d", step))
	}
}

// TestStaleLock: a lock file left by a process that is gone is taken
// over; a held lock refuses the run and names its pid.
func TestStaleLock(t *testing.T) {
	root := testModule(t)
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip("no true command:", err)
	}
	if err := os.MkdirAll(filepath.Join(root, StateDir), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, StateDir, lockName), []byte(strconv.Itoa(dead.Process.Pid)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := planFor(t, root).Apply(backup(root, "bk"), Hooks{}, nil); err != nil {
		t.Fatalf("a stale lock was not taken over: %v", err)
	}

	root = testModule(t)
	orig := files(t, root)
	held, err := LockModule(root)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = planFor(t, root).Apply(backup(root, "bk"), Hooks{}, nil)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("(pid %d)", os.Getpid())) || strings.Contains(err.Error(), "\n") {
		t.Fatalf("apply under a held lock: %v, want one line naming the holder", err)
	}
	sameFiles(t, orig, files(t, root), "after the refused run")
	held.Release(false)
	if _, _, err := planFor(t, root).Apply(backup(root, "bk"), Hooks{}, nil); err != nil {
		t.Fatalf("apply after the lock was released: %v", err)
	}
}

// TestHelperProcess is the child of TestKillAtEveryStep: it applies (or
// restores) the module of REWRITE_TEST_DIR and SIGKILLs itself at step
// REWRITE_TEST_KILL_AT.
func TestHelperProcess(t *testing.T) {
	dir := os.Getenv("REWRITE_TEST_DIR")
	if dir == "" {
		return
	}
	at, _ := strconv.Atoi(os.Getenv("REWRITE_TEST_KILL_AT"))
	hooks := Hooks{Step: func(s Step) error {
		if s.N == at {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {}
		}
		return nil
	}}
	var err error
	if os.Getenv("REWRITE_TEST_MODE") == "restore" {
		_, _, err = Restore(backup(dir, "bk"), false, hooks)
	} else {
		_, _, err = planFor(t, dir).Apply(backup(dir, "bk"), hooks, nil)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	os.Exit(0)
}

// killedAt runs TestHelperProcess on dir, killed at step at; it reports
// whether the kill happened (false: the run ended before that step).
func killedAt(t *testing.T, dir, mode string, at int) bool {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), "REWRITE_TEST_DIR="+dir, "REWRITE_TEST_MODE="+mode, "REWRITE_TEST_KILL_AT="+strconv.Itoa(at))
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
			return true
		}
	}
	if err != nil {
		t.Fatalf("the child at step %d: %v\n%s", at, err, out)
	}
	return false
}

// TestKillAtEveryStep kills a real process with SIGKILL at every step of
// an apply, then of a restore. After each kill of an apply, every file is
// its original or its complete new content; without a manifest nothing
// was written; with one, Restore (which takes over the dead run's lock
// and removes its temporary files) brings back the original tree. After
// each kill of a restore, a second restore finishes the job.
func TestKillAtEveryStep(t *testing.T) {
	n := countSteps(t)
	var before, after, temps int
	for step := 0; ; step++ {
		root := testModule(t)
		orig := files(t, root)
		fixed := fixedFiles(t, root)
		if !killedAt(t, root, "apply", step) {
			if step != n {
				t.Fatalf("the run was not killed at step %d of %d", step, n)
			}
			break
		}
		got := files(t, root)
		stray := false
		for name, data := range got {
			if ok, _ := filepath.Match(tempPattern, filepath.Base(name)); ok {
				stray = true
				delete(got, name)
				continue
			}
			if data != orig[name] && data != fixed[name] {
				t.Fatalf("step %d: %s is neither its original nor its new content: %q", step, name, data)
			}
		}
		if stray {
			temps++
		}
		if _, err := os.Stat(filepath.Join(backup(root, "bk"), ManifestName)); err != nil {
			before++
			sameFiles(t, orig, got, fmt.Sprintf("killed at step %d, before the manifest", step))
			continue
		}
		after++
		if _, _, err := Restore(backup(root, "bk"), false, Hooks{}); err != nil {
			t.Fatalf("step %d: restore after the kill: %v", step, err)
		}
		sameFiles(t, orig, files(t, root), fmt.Sprintf("step %d: after the restore", step))
	}
	// A kill at every step of a restore.
	root := testModule(t)
	if _, _, err := planFor(t, root).Apply(backup(root, "bk"), Hooks{}, nil); err != nil {
		t.Fatal(err)
	}
	restoreSteps := 0
	for step := 0; ; step++ {
		root := testModule(t)
		orig := files(t, root)
		if _, _, err := planFor(t, root).Apply(backup(root, "bk"), Hooks{}, nil); err != nil {
			t.Fatal(err)
		}
		if !killedAt(t, root, "restore", step) {
			restoreSteps = step
			break
		}
		if _, _, err := Restore(backup(root, "bk"), false, Hooks{}); err != nil {
			t.Fatalf("restore step %d: a second restore: %v", step, err)
		}
		sameFiles(t, orig, files(t, root), fmt.Sprintf("restore killed at step %d, then restored again", step))
	}
	t.Logf("apply: %d kill points (%d before the manifest, %d after; %d left temporary files); restore: %d kill points",
		n, before, after, temps, restoreSteps)
	if after == 0 || temps == 0 || restoreSteps == 0 {
		t.Error("the kills did not reach the writes")
	}
}

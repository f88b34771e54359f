//go:build unix

package rewrite

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// appliedModule applies the test plan and returns the module root and its
// backup folder.
func appliedModule(t *testing.T) (string, string) {
	t.Helper()
	root := testModule(t)
	bk := backup(root, "bk")
	if _, _, err := planFor(t, root).Apply(bk, Hooks{}, nil); err != nil {
		t.Fatal(err)
	}
	return root, bk
}

// TestCraftedManifests: --restore checks the whole manifest before it
// touches anything. Each crafted manifest is refused with one line, and
// nothing changes, in the module or next to it (base/victim.txt is
// ../../victim.txt from the module).
func TestCraftedManifests(t *testing.T) {
	const victim = "the victim's data\n"
	cases := []struct {
		name   string
		edit   func(m map[string]any, files []map[string]any, root, bk string)
		reason string
	}{
		{"action Modified", func(m map[string]any, fs []map[string]any, _, _ string) { fs[0]["action"] = "Modified" }, "unknown action"},
		{"empty action", func(m map[string]any, fs []map[string]any, _, _ string) { fs[0]["action"] = "" }, "unknown action"},
		{"version 2", func(m map[string]any, _ []map[string]any, _, _ string) { m["version"] = 2 }, "version 2"},
		{"setuid mode", func(m map[string]any, fs []map[string]any, _, _ string) {
			fs[0]["mode"] = uint32(os.ModeSetuid | 0o755)
		}, "permission bits"},
		{"directory mode", func(m map[string]any, fs []map[string]any, _, _ string) { fs[0]["mode"] = uint32(os.ModeDir | 0o755) }, "permission bits"},
		{"duplicate path", func(m map[string]any, fs []map[string]any, _, _ string) { fs[1]["path"] = fs[0]["path"] }, "listed twice"},
		{"unknown field", func(m map[string]any, _ []map[string]any, _, _ string) { m["extra"] = true }, "not a tenantfix manifest"},
		{"bad checksum", func(m map[string]any, fs []map[string]any, _, _ string) { fs[0]["sha256_new"] = "zz" }, "not a sha256"},
		{"../../victim.txt modified", func(m map[string]any, fs []map[string]any, root, bk string) {
			// A backup file and hashes that match, as an attacker would write them.
			fs[0]["path"] = "../../victim.txt"
			fs[0]["sha256_orig"] = sha([]byte("evil\n"))
			fs[0]["sha256_new"] = sha([]byte(victim))
			os.MkdirAll(filepath.Join(bk, "files", "..", ".."), 0o755)
			os.WriteFile(filepath.Join(bk, "files", "..", "..", "victim.txt"), []byte("evil\n"), 0o644)
		}, "not a clean relative path"},
		{"../../victim.go modified", func(m map[string]any, fs []map[string]any, _, _ string) { fs[0]["path"] = "../../victim.go" }, "not a clean relative path"},
		{"../../victim.txt created", func(m map[string]any, fs []map[string]any, _, _ string) {
			fs[3]["path"] = "../../victim.txt"
			fs[3]["sha256_new"] = sha([]byte(victim))
		}, "not a clean relative path"},
		{"absolute path", func(m map[string]any, fs []map[string]any, root, _ string) {
			fs[3]["path"] = filepath.ToSlash(filepath.Join(filepath.Dir(filepath.Dir(root)), "victim.go"))
		}, "not a clean relative path"},
		{"unclean path", func(m map[string]any, fs []map[string]any, _, _ string) { fs[0]["path"] = "b/../a.go" }, "not a clean relative path"},
		{"not a Go file", func(m map[string]any, fs []map[string]any, _, _ string) { fs[3]["path"] = "notes.md" }, "not a Go file"},
		{"inside .git", func(m map[string]any, fs []map[string]any, _, _ string) { fs[3]["path"] = ".git/x.go" }, "inside .git"},
		{"through a symlink out of the module", func(m map[string]any, fs []map[string]any, root, _ string) {
			base := filepath.Dir(filepath.Dir(root))
			os.WriteFile(filepath.Join(base, "victim.go"), []byte(victim), 0o644)
			os.Symlink(base, filepath.Join(root, "out"))
			fs[3]["path"] = "out/victim.go"
			fs[3]["sha256_new"] = sha([]byte(victim))
		}, "outside the module"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root, bk := appliedModule(t)
			base := filepath.Dir(filepath.Dir(root))
			if err := os.WriteFile(filepath.Join(base, "victim.txt"), []byte(victim), 0o644); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(filepath.Join(bk, ManifestName))
			if err != nil {
				t.Fatal(err)
			}
			var m map[string]any
			if err := json.Unmarshal(data, &m); err != nil {
				t.Fatal(err)
			}
			var fs []map[string]any
			for _, f := range m["files"].([]any) {
				fs = append(fs, f.(map[string]any))
			}
			c.edit(m, fs, root, bk)
			if data, err = json.Marshal(m); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(bk, ManifestName), data, 0o644); err != nil {
				t.Fatal(err)
			}
			before := files(t, base)
			_, _, err = Restore(bk, true, Hooks{})
			if err == nil || !strings.Contains(err.Error(), c.reason) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("restore: %v; want one line saying %q", err, c.reason)
			}
			sameFiles(t, before, files(t, base), "after the refused restore")
		})
	}
}

// TestRestoreCopiedTree: a backup copied along with its module restores
// the copy, whatever root its manifest names.
func TestRestoreCopiedTree(t *testing.T) {
	root, _ := appliedModule(t)
	fixed := files(t, root)
	copyRoot := filepath.Join(t.TempDir(), "copy")
	if out, err := exec.Command("cp", "-a", root, copyRoot).CombinedOutput(); err != nil {
		t.Skip("cp -a:", err, string(out))
	}
	m, _, err := Restore(backup(copyRoot, "bk"), false, Hooks{})
	if err != nil {
		t.Fatal(err)
	}
	if m.Root != root {
		t.Fatalf("the manifest names %s, want the original root %s", m.Root, root)
	}
	sameFiles(t, fixed, files(t, root), "the original tree after restoring the copy")
	orig := testModule(t)
	sameFiles(t, files(t, orig), files(t, copyRoot), "the copy after its restore")
}

// TestRestorePartialFailure: when a step of a restore fails, the error
// names the files restored and those not; a second restore finishes.
func TestRestorePartialFailure(t *testing.T) {
	root, bk := appliedModule(t)
	_, _, err := Restore(bk, false, Hooks{Step: func(s Step) error {
		if s.Kind == "restore" && s.File == 2 {
			return syscall.ENOSPC
		}
		return nil
	}})
	want := "restored: a.go, b/b.go; not restored: c/c.go, d/new.go"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("restore: %v; want it to say %q", err, want)
	}
	if _, _, err := Restore(bk, false, Hooks{}); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, files(t, testModule(t)), files(t, root), "after the second restore")
}

// TestKeepOwnerSetgidHardLinks: a rewritten file keeps its owner, group
// and setgid bit; a note says that its hard link now holds the old
// content.
func TestKeepOwnerSetgidHardLinks(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("changing a file's owner needs root")
	}
	root := testModule(t)
	a := filepath.Join(root, "a.go")
	if err := os.Chown(a, 1234, 5678); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(a, 0o664|os.ModeSetgid); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(a, filepath.Join(root, "a.link")); err != nil {
		t.Fatal(err)
	}
	_, notes, err := planFor(t, root).Apply(backup(root, "bk"), Hooks{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(a)
	if err != nil {
		t.Fatal(err)
	}
	sys := st.Sys().(*syscall.Stat_t)
	if sys.Uid != 1234 || sys.Gid != 5678 || st.Mode() != 0o664|os.ModeSetgid {
		t.Errorf("a.go: owner %d:%d, mode %v; want 1234:5678, %v", sys.Uid, sys.Gid, st.Mode(), 0o664|os.ModeSetgid)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "a.go had 2 hard links") {
		t.Errorf("notes %q, want one on a.go's hard links", notes)
	}
}

// TestSymlinkWrittenThrough: a planned file that is a symlink to a file
// inside the module keeps its link; the target gets the new content, and
// a restore puts the target back. Two planned paths that are one file are
// refused.
func TestSymlinkWrittenThrough(t *testing.T) {
	root := testModule(t)
	b := filepath.Join(root, "b", "b.go")
	target := filepath.Join(root, "_shared", "b.go")
	os.MkdirAll(filepath.Dir(target), 0o755)
	if err := os.Rename(b, target); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../_shared/b.go", b); err != nil {
		t.Fatal(err)
	}
	orig := files(t, root)
	p := planFor(t, root)
	if _, _, err := p.Apply(backup(root, "bk"), Hooks{}, nil); err != nil {
		t.Fatal(err)
	}
	if link, err := os.Readlink(b); err != nil || link != "../_shared/b.go" {
		t.Fatalf("b/b.go is no longer the link: %q, %v", link, err)
	}
	if got, _ := os.ReadFile(target); string(got) != string(p.Files[1].New) {
		t.Errorf("the link's target holds %q, want the new content", got)
	}
	if _, _, err := Restore(backup(root, "bk"), false, Hooks{}); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, orig, files(t, root), "after the restore")

	p = planFor(t, root)
	twice := *p.Files[1]
	twice.Path, twice.Rel = target, "_shared/b.go"
	p.Files = append(p.Files, &twice)
	_, _, err := p.Apply(backup(root, "bk2"), Hooks{}, nil)
	if err == nil || !strings.Contains(err.Error(), "are the same file") {
		t.Fatalf("two paths of one file: %v, want a refusal", err)
	}
	sameFiles(t, orig, files(t, root), "after the refusal")
}

// TestStrayTempsRemoved: the temporary files that a killed run left are
// removed by the next apply, in any folder of the module but nested
// modules.
func TestStrayTempsRemoved(t *testing.T) {
	root := testModule(t)
	stray := []string{"d/.tenantfix-1.tmp", "notes/deep/.tenantfix-2.tmp"}
	nested := "nested/.tenantfix-3.tmp"
	os.MkdirAll(filepath.Join(root, "nested"), 0o755)
	os.WriteFile(filepath.Join(root, "nested", "go.mod"), []byte("module n\n"), 0o644)
	for _, s := range append(stray, nested) {
		p := filepath.Join(root, filepath.FromSlash(s))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("half"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := planFor(t, root).Apply(backup(root, "bk"), Hooks{}, nil); err != nil {
		t.Fatal(err)
	}
	for _, s := range stray {
		if _, err := os.Lstat(filepath.Join(root, filepath.FromSlash(s))); err == nil {
			t.Errorf("%s is still there", s)
		}
	}
	if _, err := os.Lstat(filepath.Join(root, filepath.FromSlash(nested))); err != nil {
		t.Errorf("the nested module's %s was removed", nested)
	}
}

// TestCheckBackupDir: a backup folder must be inside the module, in no
// nested module, and under a folder that go ignores.
func TestCheckBackupDir(t *testing.T) {
	root := testModule(t)
	os.MkdirAll(filepath.Join(root, "nested"), 0o755)
	os.WriteFile(filepath.Join(root, "nested", "go.mod"), []byte("module n\n"), 0o644)
	for dir, want := range map[string]string{
		".tenantfix/backups/x":  "",
		"_bk":                   "",
		"sub/.bk/x":             "",
		"testdata/bk":           "",
		"bk":                    "where the go tool would read its copies",
		"b/bk":                  "where the go tool would read its copies",
		"nested/_bk":            "inside another module",
		"../bk":                 "outside the module",
		".":                     "outside the module",
		filepath.Dir(root):      "outside the module",
		"/tmp/tenantfix-backup": "outside the module",
	} {
		path := dir
		if !filepath.IsAbs(dir) {
			path = filepath.Join(root, dir)
		}
		err := CheckBackupDir(root, path)
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Errorf("%s: %v, want %q", dir, err, want)
		}
	}
}

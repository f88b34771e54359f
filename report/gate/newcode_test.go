package gate

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

// A diff as git diff -U0 -M prints it: a modified file with an added,
// a changed and a deleted-only hunk; a new file; a deleted file; a
// renamed file with a change; a pure rename (no hunks); a binary file;
// quoted and space-containing names (git ends the latter with a tab).
var sampleDiff = strings.ReplaceAll(`diff --git a/internal/store/store.go b/internal/store/store.go
index 1111111..2222222 100644
--- a/internal/store/store.go
+++ b/internal/store/store.go
@@ -3,0 +4,2 @@ import "context"
+// added
+const x = 1
@@ -10 +12 @@ func (s *Store) Load(ctx context.Context, id string) string {
-	return s.c.Get(ctx, "a"+id)
+	return s.c.Get(ctx, "b"+id)
@@ -20,3 +21,0 @@ func (s *Store) Save(ctx context.Context, id, v string) {
-	one
-	two
-	three
diff --git a/new.go b/new.go
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/new.go
@@ -0,0 +1,5 @@
+package x
+
+func F() {}
+
+func G() {}
diff --git a/old.go b/old.go
deleted file mode 100644
index 4444444..0000000
--- a/old.go
+++ /dev/null
@@ -1,3 +0,0 @@
-package x
-
-func H() {}
diff --git a/from.go b/to.go
similarity index 90%
rename from from.go
rename to to.go
index 5555555..6666666 100644
--- a/from.go
+++ b/to.go
@@ -7,2 +7,3 @@ func K() {
-	a()
-	b()
+	a2()
+	b2()
+	c2()
diff --git a/same.go b/moved/same.go
similarity index 100%
rename from same.go
rename to moved/same.go
diff --git a/img.png b/img.png
index 7777777..8888888 100644
Binary files a/img.png and b/img.png differ
diff --git "a/t\303\251st\tx.go" "b/t\303\251st\tx.go"
index 9999999..aaaaaaa 100644
--- "a/t\303\251st\tx.go"
+++ "b/t\303\251st\tx.go"
@@ -1 +1 @@
-package a
+package b
diff --git a/with space.go b/with space.go
index bbbbbbb..ccccccc 100644
--- a/with space.go<TAB>
+++ b/with space.go<TAB>
@@ -2,0 +3 @@
+var v = 1
`, "<TAB>", "\t")

func TestParseDiff(t *testing.T) {
	got, err := ParseDiff(strings.NewReader(sampleDiff))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]LineRange{
		"internal/store/store.go": {{4, 5}, {12, 12}},
		"new.go":                  {{1, 5}},
		"to.go":                   {{7, 9}},
		"tést\tx.go":              {{1, 1}},
		"with space.go":           {{3, 3}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ParseDiff:\n got %v\nwant %v", got, want)
	}
}

func TestParseDiffErrors(t *testing.T) {
	for _, c := range []struct{ diff, want string }{
		{"diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +one @@\n", `line 4: malformed hunk header "@@ -1 +one @@"`},
		{"diff --git a/x b/x\n--- a/x\n+++ x\n", `line 3: file name "x" has no b/ prefix`},
		{"diff --git a/x b/x\n--- a/x\n+++ \"b/x\n", `line 3: bad quoted file name "b/x`},
	} {
		_, err := ParseDiff(strings.NewReader(c.diff))
		if err == nil || err.Error() != c.want {
			t.Errorf("ParseDiff(%q): %v, want %s", c.diff, err, c.want)
		}
	}
}

func TestTouches(t *testing.T) {
	c := &Changes{
		Lines:     map[string][]LineRange{"a.go": {{4, 5}, {12, 12}}},
		Untracked: map[string]bool{"u.go": true},
	}
	for _, tc := range []struct {
		file     string
		from, to int
		want     bool
	}{
		{"a.go", 4, 0, true},    // no end line: the start line alone
		{"a.go", 3, 0, false},   // next to a change
		{"a.go", 6, 11, false},  // between two changes
		{"a.go", 10, 12, true},  // a multi-line finding whose last line changed
		{"a.go", 1, 100, true},  // spanning changes
		{"b.go", 4, 4, false},   // a file the diff does not show
		{"u.go", 999, 0, true},  // untracked: every line
		{"A.go", 4, 4, false},   // paths are case-sensitive
		{"a.go", 13, 13, false}, // after the last change
	} {
		if got := c.Touches(tc.file, tc.from, tc.to); got != tc.want {
			t.Errorf("Touches(%s, %d, %d) = %v, want %v", tc.file, tc.from, tc.to, got, tc.want)
		}
	}
}

// gitRepo makes a repository in a new directory, isolated from the
// user's and the system's git configuration, with files committed.
func gitRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	dir := t.TempDir()
	for name, src := range files {
		testfs.WriteFile(t, filepath.Join(dir, name), src)
	}
	runGit(t, dir, "init", "-q", "-b", "main")
	runGit(t, dir, "add", "-A")
	runGit(t, dir, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "initial")
	return dir
}

func runGit(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func TestChangedSince(t *testing.T) {
	repo := gitRepo(t, map[string]string{
		"README":           "outside the module\n",
		".gitignore":       "*.gen.go\n",
		"mod/go.mod":       "module example.com/m\n",
		"mod/a.go":         "package m\n\nfunc A() {}\n\nfunc B() {}\n",
		"mod/gone.go":      "package m\n",
		"mod/rename/r.go":  "package rename\n\nfunc R() {}\n",
		"mod/staged.go":    "package m\n",
		"other/o.go":       "package other\n",
		"mod/sub/keep.go":  "package sub\n",
		"mod/sub/strip.go": "package sub\n\nvar a = 1\nvar b = 2\n",
	})
	mod := filepath.Join(repo, "mod")
	// Edits since the commit: a line changed, one added, a file deleted,
	// a pure rename, a staged change, lines only deleted, an untracked
	// file, an ignored one, and a change outside the module.
	testfs.WriteFile(t, filepath.Join(mod, "a.go"), "package m\n\nfunc A() { _ = 1 }\n\nfunc B() {}\n\nfunc C() {}\n")
	os.Remove(filepath.Join(mod, "gone.go"))
	runGit(t, mod, "mv", "rename/r.go", "rename/moved.go")
	testfs.WriteFile(t, filepath.Join(mod, "staged.go"), "package m\n\nvar S = 1\n")
	runGit(t, mod, "add", "staged.go")
	testfs.WriteFile(t, filepath.Join(mod, "sub/strip.go"), "package sub\n\nvar a = 1\n")
	testfs.WriteFile(t, filepath.Join(mod, "untracked.go"), "package m\n")
	testfs.WriteFile(t, filepath.Join(mod, "x.gen.go"), "package m\n")
	testfs.WriteFile(t, filepath.Join(repo, "other/o.go"), "package other\n\nvar O = 1\n")

	c, err := ChangedSince(mod, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	wantLines := map[string][]LineRange{
		"a.go":      {{3, 3}, {6, 7}},
		"staged.go": {{2, 3}},
	}
	if !reflect.DeepEqual(c.Lines, wantLines) {
		t.Errorf("changed lines:\n got %v\nwant %v", c.Lines, wantLines)
	}
	if want := map[string]bool{"untracked.go": true}; !reflect.DeepEqual(c.Untracked, want) {
		t.Errorf("untracked: %v, want %v", c.Untracked, want)
	}
}

func TestChangedSinceErrors(t *testing.T) {
	repo := gitRepo(t, map[string]string{"go.mod": "module m\n"})
	notRepo := t.TempDir()
	for _, c := range []struct{ dir, rev, want string }{
		{repo, "no-such-branch", "--new-from-rev no-such-branch: not a commit in this repository (git rev-parse: fatal: Needed a single revision)"},
		{repo, "HEAD~5", "--new-from-rev HEAD~5: not a commit in this repository (git rev-parse: fatal: Needed a single revision)"},
		{repo, "--output=x", `--new-from-rev "--output=x": not a revision`},
		{notRepo, "HEAD", "--new-from-rev: " + notRepo + " is not in a git work tree (git rev-parse: fatal: not a git repository"},
	} {
		_, err := ChangedSince(c.dir, c.rev)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("ChangedSince(%s): %v, want one line starting with %q", c.rev, err, c.want)
		}
	}
}

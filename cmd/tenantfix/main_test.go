// End-to-end, refusal and fault tests of tenantfix. TestMain builds
// tenantfix and tenantlint once; every test writes the module below
// (example.com/fixe2e, no dependencies outside the standard library) into
// a temporary folder and runs the binaries on it, with GOFLAGS=-mod=mod,
// GOWORK=off, GOPROXY=off, HOME, XDG_CACHE_HOME and TENANTLINT_CACHE in
// temporary folders, and the caller's (warm) GOCACHE.
//
// The module marks what tenantfix must do with trailing comments:
//
//	// FIX <check> [xN] [-> file]   a fixable site (N keys; the edit lands in file)
//	// MANUAL <check>: why          a site that --verify must still list
//
// so the expectations follow the module when it is edited.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"go/format"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/tenantlint/tenantlint/internal/registry"
	"github.com/tenantlint/tenantlint/rewrite"
)

// fixture is the multi-package module of the tests, the txtar archive
// testdata/fixe2e.txtar: models in three packages, repositories in a
// fourth, uncovered models (one in a file with no imports, one whose file
// declares the name tenant, one in a generated file), raw keys of its own
// cache API (declared in cache.apis) in handlers with a ctx parameter,
// with an *http.Request, in a closure using the outer ctx, in a []string
// literal and in an Item{Key: ...}, and manual sites: no context, and an
// import cycle.
var fixture = func() string {
	data, err := os.ReadFile("testdata/fixe2e.txtar")
	if err != nil {
		panic(fmt.Errorf("reading the fixture module: %w", err))
	}
	return string(data)
}()

var (
	fixBin, lintBin string   // the binaries under test
	testEnv         []string // the environment of every command run on a module
	tmpRoot         string   // removed when the tests end
)

func TestMain(m *testing.M) { os.Exit(testMain(m)) }

func testMain(m *testing.M) int {
	var err error
	if tmpRoot, err = os.MkdirTemp("", "tenantfix-test-"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer os.RemoveAll(tmpRoot)
	bin := filepath.Join(tmpRoot, "bin")
	build := exec.Command("go", "build", "-o", bin+string(filepath.Separator),
		"github.com/tenantlint/tenantlint/cmd/tenantfix", "github.com/tenantlint/tenantlint/cmd/tenantlint")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building the tools: %v\n%s", err, out)
		return 2
	}
	exe := ""
	if runtime.GOOS == "windows" {
		exe = ".exe"
	}
	fixBin, lintBin = filepath.Join(bin, "tenantfix"+exe), filepath.Join(bin, "tenantlint"+exe)
	gocache, err := exec.Command("go", "env", "GOCACHE").Output()
	if err != nil {
		fmt.Fprintln(os.Stderr, "go env GOCACHE:", err)
		return 2
	}
	if testEnv, err = moduleEnv(tmpRoot, strings.TrimSpace(string(gocache))); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	return m.Run()
}

// moduleEnv is the caller's environment without what could make a run
// depend on the machine (a go.work, a proxy, a user config, the tenantlint
// cache), keeping the warm build cache.
func moduleEnv(root, gocache string) ([]string, error) {
	drop := map[string]bool{}
	for _, k := range []string{"GOFLAGS", "GOWORK", "GOPROXY", "GOTOOLCHAIN", "GOENV", "GOPATH", "GOMODCACHE",
		"GOCACHE", "HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "TENANTLINT_CACHE", "TENANTLINT_CONFIG",
		"TENANTFIX_TEST_WRITE_DELAY", "TENANTFIX_TEST_FAIL_WRITE", "TENANTFIX_TEST_FAIL_AT", "TENANTFIX_TEST_KILL_AT",
		"TENANTFIX_TEST_STEPS", "PWD", "GITHUB_STEP_SUMMARY"} {
		drop[k] = true
	}
	var env []string
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); !drop[k] {
			env = append(env, kv)
		}
	}
	dirs := map[string]string{"HOME": "home", "XDG_CACHE_HOME": "xdg-cache", "XDG_CONFIG_HOME": "xdg-config",
		"TENANTLINT_CACHE": "tenantlint-cache", "GOPATH": "gopath"}
	for k, d := range dirs {
		p := filepath.Join(root, d)
		if err := os.MkdirAll(p, 0o755); err != nil {
			return nil, err
		}
		env = append(env, k+"="+p)
	}
	return append(env, "GOCACHE="+gocache, "GOFLAGS=-mod=mod", "GOWORK=off", "GOPROXY=off",
		"GOTOOLCHAIN=local", "GOENV=off"), nil
}

// writeModule writes the fixture into a new folder and returns it.
// handlers/web.go gets mode 0640, so that modes are seen to be kept.
func writeModule(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "fixe2e")
	writeFixture(t, dir)
	return dir
}

func writeFixture(t testing.TB, dir string) {
	t.Helper()
	for _, f := range txtar.Parse([]byte(fixture)).Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(filepath.Join(dir, "handlers", "web.go"), 0o640); err != nil {
		t.Fatal(err)
	}
}

// result is what a command did.
type result struct {
	stdout, stderr string
	code           int
	took           time.Duration
}

// command runs name in dir with the test environment plus env.
func command(t testing.TB, dir string, env []string, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(append([]string(nil), testEnv...), env...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	r := result{stdout: stdout.String(), stderr: stderr.String(), took: time.Since(start)}
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
		}
		r.code = ee.ExitCode()
	}
	t.Logf("%s %s: exit %d in %v", filepath.Base(name), strings.Join(args, " "), r.code, r.took.Round(time.Millisecond))
	return r
}

func tenantfix(t testing.TB, dir string, args ...string) result {
	t.Helper()
	return command(t, dir, nil, fixBin, args...)
}

// mustCode fails the test when r did not exit with code.
func mustCode(t testing.TB, r result, code int, what string) {
	t.Helper()
	if r.code != code {
		t.Fatalf("%s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", what, r.code, code, r.stdout, r.stderr)
	}
}

// entry is one file, folder or symlink of a tree.
type entry struct {
	data string
	mode fs.FileMode // type and permission bits
	link string
}

// tree maps slash-separated paths relative to a folder to their entries.
type tree map[string]entry

// snapshot reads every file, folder and symlink below dir, except .git.
func snapshot(t testing.TB, dir string) tree {
	t.Helper()
	tr := tree{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return nil
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		e := entry{mode: info.Mode().Type() | info.Mode().Perm()}
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			e.link, err = os.Readlink(path)
		case info.Mode().IsRegular():
			var b []byte
			b, err = os.ReadFile(path)
			e.data = string(b)
		}
		tr[rel] = e
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// without returns the tree without the entries below the top-level
// folder top (such as .tenantfix).
func (tr tree) without(top string) tree {
	out := tree{}
	for k, v := range tr {
		if k != top && !strings.HasPrefix(k, top+"/") {
			out[k] = v
		}
	}
	return out
}

// gitModes returns the tree with the modes that git keeps: 0755 for
// executable files, 0644 for other files.
func (tr tree) gitModes() tree {
	out := tree{}
	for k, v := range tr {
		if v.mode.IsRegular() {
			if v.mode&0o100 != 0 {
				v.mode = 0o755
			} else {
				v.mode = 0o644
			}
		}
		out[k] = v
	}
	return out
}

// files returns the tree's regular files only.
func (tr tree) files() tree {
	out := tree{}
	for k, v := range tr {
		if v.mode.IsRegular() {
			out[k] = v
		}
	}
	return out
}

// changed lists the files whose content differs between two trees.
func changed(before, after tree) []string {
	var out []string
	for k, a := range after {
		if b, ok := before[k]; !ok || b.data != a.data {
			if a.mode.IsRegular() {
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return out
}

// sameTree fails the test, listing the differences, when got is not
// byte for byte and mode for mode the tree want.
func sameTree(t testing.TB, want, got tree, what string) {
	t.Helper()
	var diffs []string
	for k, w := range want {
		g, ok := got[k]
		switch {
		case !ok:
			diffs = append(diffs, "missing "+k)
		case g.mode != w.mode:
			diffs = append(diffs, fmt.Sprintf("%s: mode %v, want %v", k, g.mode, w.mode))
		case g.data != w.data:
			diffs = append(diffs, k+": content differs")
		case g.link != w.link:
			diffs = append(diffs, fmt.Sprintf("%s: link to %s, want %s", k, g.link, w.link))
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			diffs = append(diffs, "unexpected "+k)
		}
	}
	if len(diffs) > 0 {
		sort.Strings(diffs)
		t.Fatalf("%s: the tree differs:\n  %s", what, strings.Join(diffs, "\n  "))
	}
}

// expectations are what the markers of a tree announce.
type expectations struct {
	models, keys int
	files        []string        // files that a full run changes
	repoFiles    []string        // ... with --checks tenantrepo
	cacheFiles   []string        // ... with --checks tenantcache
	manual       map[string]bool // "file:line"
	manualRepo   map[string]bool
}

var markerRE = regexp.MustCompile(`// (FIX|MANUAL) (tenantrepo|tenantcache)\b(.*)$`)

func expect(tr tree) expectations {
	e := expectations{manual: map[string]bool{}, manualRepo: map[string]bool{}}
	files := map[string]map[string]bool{"": {}, "tenantrepo": {}, "tenantcache": {}}
	for name, ent := range tr {
		if !strings.HasSuffix(name, ".go") {
			continue
		}
		for i, line := range strings.Split(ent.data, "\n") {
			m := markerRE.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			kind, check, rest := m[1], m[2], strings.Fields(m[3])
			if kind == "MANUAL" {
				e.manual[fmt.Sprintf("%s:%d", name, i+1)] = true
				if check == "tenantrepo" {
					e.manualRepo[fmt.Sprintf("%s:%d", name, i+1)] = true
				}
				continue
			}
			n, target := 1, name
			for j := 0; j < len(rest); j++ {
				switch {
				case strings.HasPrefix(rest[j], "x"):
					n, _ = strconv.Atoi(rest[j][1:])
				case rest[j] == "->" && j+1 < len(rest):
					target = rest[j+1]
					j++
				}
			}
			if check == "tenantrepo" {
				e.models += n
			} else {
				e.keys += n
			}
			files[""][target], files[check][target] = true, true
		}
	}
	e.files, e.repoFiles, e.cacheFiles = keys(files[""]), keys(files["tenantrepo"]), keys(files["tenantcache"])
	return e
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// summaryRE matches tenantfix's summary line: the files, then one count
// per registered check (registry.FixSummary, in registry order; any check
// added later is matched too), then the manual sites.
var summaryRE = regexp.MustCompile(`tenantfix: (\d+) files (?:to change|changed), (\d+) models to cover, (\d+) keys to wrap(?:, \d+ [a-z ]+)*, (\d+) manual sites`)

// summary parses the counts of tenantfix's summary line.
func summary(t testing.TB, stderr string) (files, models, keys, manual int) {
	t.Helper()
	m := summaryRE.FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("no summary line in stderr:\n%s", stderr)
	}
	n := func(s string) int { i, _ := strconv.Atoi(s); return i }
	return n(m[1]), n(m[2]), n(m[3]), n(m[4])
}

var findingRE = regexp.MustCompile(`^(?:manual: )?([^\s:]+):(\d+):(\d+): .* \((tenantrepo|tenantcache)\)$`)

// sites collects "file:line" of the finding lines of out (tenantlint's
// text format, or tenantfix's "manual: ..." lines); other lines are
// ignored.
func sites(out string) map[string]bool {
	got := map[string]bool{}
	for _, line := range strings.Split(out, "\n") {
		if m := findingRE.FindStringSubmatch(line); m != nil {
			got[m[1]+":"+m[2]] = true
		}
	}
	return got
}

func sameSet(t testing.TB, want, got map[string]bool, what string) {
	t.Helper()
	if w, g := strings.Join(keys(want), " "), strings.Join(keys(got), " "); w != g {
		t.Errorf("%s:\n got: %s\nwant: %s", what, g, w)
	}
}

func sameList(t testing.TB, want, got []string, what string) {
	t.Helper()
	if w, g := strings.Join(want, " "), strings.Join(got, " "); w != g {
		t.Errorf("%s:\n got: %s\nwant: %s", what, g, w)
	}
}

// reference is the fixture before and after one full tenantfix run, made
// once and shared by the tests that compare against it.
var reference = sync.OnceValues(func() (tree, tree) {
	dir := filepath.Join(tmpRoot, "reference", "fixe2e")
	t := &onceT{}
	writeFixture(t, dir)
	orig := snapshot(t, dir)
	cmd := exec.Command(fixBin)
	cmd.Dir, cmd.Env = dir, testEnv
	if out, err := cmd.CombinedOutput(); err != nil {
		panic(fmt.Sprintf("reference run: %v\n%s", err, out))
	}
	return orig, snapshot(t, dir).without(".tenantfix")
})

// onceT lets the shared setup use the helpers outside a test.
type onceT struct{ testing.TB }

func (*onceT) Helper()                   {}
func (*onceT) Fatal(args ...any)         { panic(fmt.Sprint(args...)) }
func (*onceT) Fatalf(f string, a ...any) { panic(fmt.Sprintf(f, a...)) }

// checkDiff checks that diff is a unified diff of exactly the changed
// files, whose every hunk matches before at its "-" position and after at
// its "+" position (git apply and patch tolerate wrong positions; a
// review tool does not).
func checkDiff(t testing.TB, diff string, before, after tree) {
	t.Helper()
	hunkRE := regexp.MustCompile(`^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@`)
	lines := strings.SplitAfter(diff, "\n")
	var files []string
	i := 0
	next := func() string {
		if i >= len(lines) {
			return ""
		}
		i++
		return lines[i-1]
	}
	for i < len(lines) && lines[i] != "" {
		head := next()
		rel, ok := strings.CutPrefix(strings.TrimSuffix(head, "\n"), "diff --git a/")
		if !ok {
			t.Fatalf("diff line %d: %q, want a diff --git header", i, head)
		}
		rel, _, _ = strings.Cut(rel, " b/")
		files = append(files, rel)
		if l := next(); l != "--- a/"+rel+"\n" {
			t.Fatalf("diff of %s: %q, want --- a/%s", rel, l, rel)
		}
		if l := next(); l != "+++ b/"+rel+"\n" {
			t.Fatalf("diff of %s: %q, want +++ b/%s", rel, l, rel)
		}
		oldLines := strings.SplitAfter(before[rel].data, "\n")
		newLines := strings.SplitAfter(after[rel].data, "\n")
		for i < len(lines) && strings.HasPrefix(lines[i], "@@ ") {
			h := next()
			m := hunkRE.FindStringSubmatch(h)
			if m == nil {
				t.Fatalf("diff of %s: bad hunk header %q", rel, h)
			}
			num := func(s string, def int) int {
				if s == "" {
					return def
				}
				n, _ := strconv.Atoi(s)
				return n
			}
			a, b, c, d := num(m[1], 0), num(m[2], 1), num(m[3], 0), num(m[4], 1)
			var o, n []string
			for len(o) < b || len(n) < d {
				l := next()
				if l == "" {
					t.Fatalf("diff of %s: hunk %q is short", rel, strings.TrimSpace(h))
				}
				switch l[0] {
				case ' ':
					o, n = append(o, l[1:]), append(n, l[1:])
				case '-':
					o = append(o, l[1:])
				case '+':
					n = append(n, l[1:])
				default:
					t.Fatalf("diff of %s: unexpected line %q in hunk %q", rel, l, strings.TrimSpace(h))
				}
			}
			at := func(ls []string, start, count int) string {
				if count == 0 || start < 1 || start-1+count > len(ls) {
					return ""
				}
				return strings.Join(ls[start-1:start-1+count], "")
			}
			if got := strings.Join(o, ""); got != at(oldLines, a, b) {
				t.Errorf("diff of %s: hunk %q: its old lines are not lines %d-%d of the original", rel, strings.TrimSpace(h), a, a+b-1)
			}
			if got := strings.Join(n, ""); got != at(newLines, c, d) {
				t.Errorf("diff of %s: hunk %q: its new lines are not lines %d-%d of the fixed file", rel, strings.TrimSpace(h), c, c+d-1)
			}
		}
	}
	sameList(t, changed(before, after), files, "files in the diff")
}

// importSet returns the imports of a Go file as "name path".
func importSet(t testing.TB, name, src string) map[string]bool {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ImportsOnly)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	out := map[string]bool{}
	for _, s := range f.Imports {
		n := ""
		if s.Name != nil {
			n = s.Name.Name
		}
		out[n+" "+s.Path.Value] = true
	}
	return out
}

// comments returns the text of every comment of a Go file, in order.
func comments(t testing.TB, name, src string) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ParseComments)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var out []string
	for _, g := range f.Comments {
		for _, c := range g.List {
			out = append(out, c.Text)
		}
	}
	return out
}

func sha(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// backupDirs lists the backup folders below dir's default backup root.
func backupDirs(t testing.TB, dir string) []string {
	t.Helper()
	ms, _ := filepath.Glob(filepath.Join(dir, ".tenantfix", "backups", "*"))
	return ms
}

// TestEndToEnd runs the whole cycle on one copy: --dry-run, apply, go
// build and go vet, --verify, a second apply, --restore; then a restore
// refused because a fixed file was edited since, and forced.
func TestEndToEnd(t *testing.T) {
	t.Parallel()
	dir := writeModule(t)
	orig := snapshot(t, dir)
	want := expect(orig)
	for name, e := range orig.files() {
		if strings.HasSuffix(name, ".go") {
			if f, err := format.Source([]byte(e.data)); err != nil || string(f) != e.data {
				t.Fatalf("fixture file %s is not gofmt-clean", name)
			}
		}
	}
	_, refFixed := reference()

	// --dry-run writes nothing; its diff applies with git apply and
	// patch -p1 and is exactly the change that apply makes.
	dry := tenantfix(t, dir, "--dry-run")
	mustCode(t, dry, 0, "--dry-run")
	sameTree(t, orig, snapshot(t, dir), "after --dry-run")
	if strings.ContainsAny(dry.stderr, "\r\033") {
		t.Errorf("a progress bar was drawn on a stderr that is not a terminal:\n%q", dry.stderr)
	}
	nFiles, nModels, nKeys, nManual := summary(t, dry.stderr)
	if nFiles != len(want.files) || nModels != want.models || nManual != len(want.manual) {
		t.Errorf("--dry-run summary: %d files, %d models, %d manual; want %d, %d, %d",
			nFiles, nModels, nManual, len(want.files), want.models, len(want.manual))
	}
	if nKeys != want.keys {
		t.Errorf("--dry-run counts %d keys to wrap; the diff wraps %d", nKeys, want.keys)
	}
	sameSet(t, want.manual, sites(dry.stderr), "manual sites listed by --dry-run")
	if !strings.Contains(dry.stderr, "import cycle") || !strings.Contains(dry.stderr, "no context.Context in scope") {
		t.Errorf("--dry-run does not say why the manual sites are manual:\n%s", dry.stderr)
	}
	checkDiff(t, dry.stdout, orig, refFixed)

	gitCopy := filepath.Join(t.TempDir(), "fixe2e")
	writeFixture(t, gitCopy)
	diffFile := filepath.Join(t.TempDir(), "fix.diff")
	if err := os.WriteFile(diffFile, []byte(dry.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("patch"); err == nil {
		r := command(t, gitCopy, nil, "patch", "-p1", "--dry-run", "--batch", "--fuzz=0", "-i", diffFile)
		mustCode(t, r, 0, "patch -p1 --dry-run")
		if strings.Contains(r.stdout, "offset") || strings.Contains(r.stdout, "fuzz") {
			t.Errorf("patch had to move hunks:\n%s", r.stdout)
		}
	} else {
		t.Log("patch is not installed; only git apply is tried")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git is needed for this test")
	}
	mustCode(t, command(t, gitCopy, nil, "git", "init", "-q"), 0, "git init")
	mustCode(t, command(t, gitCopy, nil, "git", "apply", diffFile), 0, "git apply")
	// git keeps no modes but 0644 and 0755.
	sameTree(t, refFixed.gitModes(), snapshot(t, gitCopy).gitModes(), "the fixture with the diff applied by git apply, against a run of tenantfix")

	// apply.
	app := tenantfix(t, dir, "-v")
	mustCode(t, app, 0, "apply")
	after := snapshot(t, dir)
	fixed := after.without(".tenantfix")
	sameTree(t, refFixed, fixed, "after apply, against the reference run")
	sameList(t, want.files, changed(orig, fixed), "files changed by apply")
	checkDiff(t, dry.stdout, orig, fixed)
	for _, f := range want.files {
		if !strings.Contains(app.stderr, "modified "+f) {
			t.Errorf("-v does not list %s:\n%s", f, app.stderr)
		}
	}
	for _, name := range changed(orig, fixed) {
		src := fixed[name].data
		if f, err := format.Source([]byte(src)); err != nil || string(f) != src {
			t.Errorf("%s is not gofmt-clean after apply", name)
		}
		if o, n := comments(t, name, orig[name].data), comments(t, name, src); strings.Join(o, "\x00") != strings.Join(n, "\x00") {
			t.Errorf("%s: the comments changed:\n was %q\n now %q", name, o, n)
		}
	}
	mustCode(t, command(t, dir, nil, "go", "build", "./..."), 0, "go build ./... after apply")
	mustCode(t, command(t, dir, nil, "go", "vet", "./..."), 0, "go vet ./... after apply")

	// The backup: one folder, whose manifest lists exactly the changed
	// files with their hashes and modes, and holds their originals.
	backups := backupDirs(t, dir)
	if len(backups) != 1 {
		t.Fatalf("backup folders: %v, want one", backups)
	}
	backup := backups[0]
	if !strings.Contains(app.stderr, backup) {
		t.Errorf("apply does not say where the backup is (%s):\n%s", backup, app.stderr)
	}
	m, err := rewrite.ReadManifest(backup)
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, mf := range m.Files {
		listed = append(listed, mf.Path)
		o, n := orig[mf.Path], fixed[mf.Path]
		if mf.Action != "modified" || mf.OrigSHA != sha(o.data) || mf.NewSHA != sha(n.data) || mf.Mode != o.mode.Perm() {
			t.Errorf("manifest entry %+v: want modified, sha256 %s -> %s, mode %v", mf, sha(o.data), sha(n.data), o.mode.Perm())
		}
		if b, err := os.ReadFile(filepath.Join(backup, "files", filepath.FromSlash(mf.Path))); err != nil || string(b) != o.data {
			t.Errorf("the backup of %s is not the original (%v)", mf.Path, err)
		}
	}
	sort.Strings(listed)
	sameList(t, changed(orig, fixed), listed, "files in the manifest")
	if fixed["handlers/web.go"].mode.Perm() != 0o640 {
		t.Errorf("handlers/web.go has mode %v after apply, want 0640", fixed["handlers/web.go"].mode)
	}

	// --verify lists exactly the manual sites, at their new lines.
	ver := tenantfix(t, dir, "--verify")
	mustCode(t, ver, 1, "--verify after apply")
	wantAfter := expect(fixed)
	sameSet(t, wantAfter.manual, sites(ver.stdout), "findings listed by --verify")
	for _, s := range []string{
		"tenant-scoped models: 6/7 covered (1 global, 0 suppressed)",
		"cache calls: 9/12 scoped, 0 raw fixable, 3 raw manual, 0 suppressed",
		fmt.Sprintf("tenantfix: %d findings remain", len(want.manual)),
	} {
		if !strings.Contains(ver.stderr, s) {
			t.Errorf("--verify summary lacks %q:\n%s", s, ver.stderr)
		}
	}
	lint := command(t, dir, nil, lintBin, "./...")
	mustCode(t, lint, 1, "tenantlint after apply")
	sameSet(t, wantAfter.manual, sites(lint.stdout), "findings of tenantlint after apply")

	// A second run has nothing to do: no byte changes, no new backup.
	again := tenantfix(t, dir)
	mustCode(t, again, 0, "second apply")
	if f, m, k, _ := summary(t, again.stderr); f != 0 || m != 0 || k != 0 {
		t.Errorf("second apply: %d files, %d models, %d keys; want nothing to do", f, m, k)
	}
	sameTree(t, after, snapshot(t, dir), "after a second apply")
	// With nothing to change, --dry-run prints no diff (stdout stays
	// empty, so `tenantfix --dry-run > fix.diff` writes an empty file) and
	// says so on stderr.
	nothing := tenantfix(t, dir, "--dry-run")
	mustCode(t, nothing, 0, "--dry-run with nothing to change")
	if nothing.stdout != "" || !strings.Contains(nothing.stderr, "tenantfix: 0 files to change, 0 models to cover, 0 keys to wrap") {
		t.Errorf("--dry-run with nothing to change: stdout %q, stderr:\n%s", nothing.stdout, nothing.stderr)
	}

	// --restore puts the original tree back, and removes the temporary
	// file that a run killed between writing it and renaming it over its
	// file would leave (as TestKillDuringApply sometimes sees).
	stray := filepath.Join(dir, "handlers", ".tenantfix-4242.tmp")
	if err := os.WriteFile(stray, []byte("package handlers // half written"), 0o600); err != nil {
		t.Fatal(err)
	}
	res := tenantfix(t, dir, "--restore", backup)
	mustCode(t, res, 0, "--restore")
	sameTree(t, orig, snapshot(t, dir).without(".tenantfix"), "after --restore")

	// A fixed file edited since the fix: --restore refuses and changes
	// nothing, --restore --force puts the original back anyway.
	backup2 := filepath.Join(dir, ".tenantfix", "second")
	mustCode(t, tenantfix(t, dir, "--backup-dir", backup2), 0, "apply again")
	edited := filepath.Join(dir, "jobs", "jobs.go")
	f, err := os.OpenFile(edited, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintln(f, "\n// An edit made after the fix.")
	f.Close()
	before := snapshot(t, dir)
	ref := tenantfix(t, dir, "--restore", backup2)
	mustCode(t, ref, 2, "--restore over an edited file")
	oneLine(t, ref.stderr, "jobs/jobs.go")
	sameTree(t, before, snapshot(t, dir), "after a refused --restore")
	mustCode(t, tenantfix(t, dir, "--restore", backup2, "--force"), 0, "--restore --force")
	sameTree(t, orig, snapshot(t, dir).without(".tenantfix"), "after --restore --force")
}

// oneLine fails the test unless stderr is a single "tenantfix: " line
// that names name.
func oneLine(t testing.TB, stderr, name string) {
	t.Helper()
	s := strings.TrimRight(stderr, "\n")
	if strings.Contains(s, "\n") || !strings.HasPrefix(s, "tenantfix: ") || !strings.Contains(s, name) {
		t.Errorf("want one line \"tenantfix: ...\" naming %s, got:\n%s", name, stderr)
	}
}

// TestImportsKept fails when a fix makes an import disappear: the imports
// of every changed file are a superset of what they were. The fixture
// adds imports to a file with none, to a single import, to a group, and
// under an alias.
func TestImportsKept(t *testing.T) {
	t.Parallel()
	orig, fixed := reference()
	for _, name := range changed(orig, fixed) {
		if lost := droppedImports(t, name, orig[name].data, fixed[name].data); len(lost) > 0 {
			t.Errorf("%s: the fix dropped the imports %v", name, lost)
		}
	}
	// The check itself sees a lost import.
	before := "package p\n\nimport (\n\t\"fmt\"\n\tt \"strings\"\n)\n"
	after := "package p\n\nimport (\n\t\"example.com/fixe2e/tenant\"\n\t\"fmt\"\n)\n"
	if lost := droppedImports(t, "p.go", before, after); strings.Join(lost, ",") != `t "strings"` {
		t.Errorf("droppedImports = %q, want [t \"strings\"]", lost)
	}
}

// droppedImports lists the imports ("name path") of old that new lacks.
func droppedImports(t testing.TB, name, old, new string) []string {
	t.Helper()
	have := importSet(t, name, new)
	var lost []string
	for imp := range importSet(t, name, old) {
		if !have[imp] {
			lost = append(lost, strings.TrimSpace(imp))
		}
	}
	sort.Strings(lost)
	return lost
}

// TestChecksOneAtATime runs one migration at a time: each changes only
// its own sites, and both in turn give what one full run gives.
func TestChecksOneAtATime(t *testing.T) {
	t.Parallel()
	orig, refFixed := reference()
	want := expect(orig)

	t.Run("tenantrepo then tenantcache", func(t *testing.T) {
		t.Parallel()
		dir := writeModule(t)
		r := tenantfix(t, dir, "--checks", "tenantrepo")
		mustCode(t, r, 0, "--checks tenantrepo")
		if f, m, k, _ := summary(t, r.stderr); f != len(want.repoFiles) || m != want.models || k != 0 {
			t.Errorf("--checks tenantrepo: %d files, %d models, %d keys; want %d, %d, 0", f, m, k, len(want.repoFiles), want.models)
		}
		repoOnly := snapshot(t, dir).without(".tenantfix")
		sameList(t, want.repoFiles, changed(orig, repoOnly), "files changed by --checks tenantrepo")
		for _, name := range changed(orig, repoOnly) {
			if repoOnly[name].data != refFixed[name].data {
				t.Errorf("%s: --checks tenantrepo did not make the repository edit of a full run", name)
			}
		}
		ver := tenantfix(t, dir, "--verify", "--checks", "tenantrepo")
		mustCode(t, ver, 1, "--verify --checks tenantrepo")
		sameSet(t, expect(repoOnly).manualRepo, sites(ver.stdout), "tenantrepo findings after --checks tenantrepo")

		mustCode(t, tenantfix(t, dir, "--checks", "tenantcache"), 0, "--checks tenantcache after tenantrepo")
		sameTree(t, refFixed, snapshot(t, dir).without(".tenantfix"), "tenantrepo then tenantcache, against one full run")
	})

	t.Run("tenantcache", func(t *testing.T) {
		t.Parallel()
		dir := writeModule(t)
		r := tenantfix(t, dir, "--checks", "tenantcache")
		mustCode(t, r, 0, "--checks tenantcache")
		if f, m, _, _ := summary(t, r.stderr); f != len(want.cacheFiles) || m != 0 {
			t.Errorf("--checks tenantcache: %d files, %d models; want %d, 0", f, m, len(want.cacheFiles))
		}
		cacheOnly := snapshot(t, dir).without(".tenantfix")
		sameList(t, want.cacheFiles, changed(orig, cacheOnly), "files changed by --checks tenantcache")
		for _, name := range changed(orig, cacheOnly) {
			if cacheOnly[name].data != refFixed[name].data {
				t.Errorf("%s: --checks tenantcache did not make the key edits of a full run", name)
			}
		}
		// The models are still uncovered.
		ver := tenantfix(t, dir, "--verify", "--checks", "tenantrepo")
		mustCode(t, ver, 1, "--verify --checks tenantrepo")
		if got := len(sites(ver.stdout)); got != want.models+len(want.manualRepo) {
			t.Errorf("--verify --checks tenantrepo after --checks tenantcache: %d findings, want %d:\n%s", got, want.models+len(want.manualRepo), ver.stdout)
		}
	})
}

// TestRefusals: each case exits 2 with one line naming the culprit, and
// changes nothing: no file, no backup folder.
func TestRefusals(t *testing.T) {
	t.Parallel()
	outside := t.TempDir()
	extGo := "package jobs\n\nimport (\n\t\"context\"\n\n\t\"example.com/fixe2e/kv\"\n)\n\n" +
		"// Ext is fixable, but its file is outside the module.\nfunc Ext(ctx context.Context, s *kv.Store) {\n\ts.Set(ctx, \"ext\", nil)\n}\n"
	if err := os.WriteFile(filepath.Join(outside, "ext.go"), []byte(extGo), 0o644); err != nil {
		t.Fatal(err)
	}
	write := func(rel, src string) func(t *testing.T, dir string) {
		return func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(rel)), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	cases := []struct {
		name  string
		setup func(t *testing.T, dir string)
		args  []string
		names string // what the error line must name
	}{
		{"file that does not parse", write("jobs/bad.go", "package jobs\n\nfunc broken( {\n"), nil, "jobs/bad.go"},
		{"package with a type error", write("models/orders/bad.go", "package orders\n\nvar n int = \"s\"\n"), nil, "models/orders/bad.go:3:13: cannot use \"s\" (untyped string constant) as int value in variable declaration (in package example.com/fixe2e/models/orders)"},
		{"existing backup folder", func(t *testing.T, dir string) {
			write("keep.txt", "mine\n")(t, dir)
			if err := os.Mkdir(filepath.Join(dir, "bk"), 0o755); err != nil {
				t.Fatal(err)
			}
			write("bk/keep.txt", "mine\n")(t, dir)
		}, []string{"--backup-dir", "bk"}, "bk"},
		{"read-only file", func(t *testing.T, dir string) {
			if err := os.Chmod(filepath.Join(dir, "jobs", "jobs.go"), 0o444); err != nil {
				t.Fatal(err)
			}
		}, nil, "jobs/jobs.go"},
		{"symlink leaving the module", func(t *testing.T, dir string) {
			if runtime.GOOS == "windows" {
				t.Skip("symlinks")
			}
			if err := os.Symlink(filepath.Join(outside, "ext.go"), filepath.Join(dir, "jobs", "ext.go")); err != nil {
				t.Fatal(err)
			}
		}, nil, "jobs/ext.go"},
		{"--dry-run --verify", nil, []string{"--dry-run", "--verify"}, "--verify"},
		{"--verify --restore", nil, []string{"--verify", "--restore", "x"}, "--restore"},
		{"--dry-run --restore", nil, []string{"--dry-run", "--restore", "x"}, "--restore"},
		{"--force without --restore", nil, []string{"--force"}, "--force"},
		{"--backup-dir with --dry-run", nil, []string{"--dry-run", "--backup-dir", "bk"}, "--backup-dir"},
		{"--restore with packages", nil, []string{"--restore", "x", "./..."}, "--restore"},
		{"--restore without a folder", nil, []string{"--restore"}, "restore"},
		{"unknown flag", nil, []string{"--bogus"}, "bogus"},
		{"--format without --verify", nil, []string{"--format", "json"}, "--format only applies to --verify"},
		{"unknown format", nil, []string{"--verify", "--format", "xml"}, `unknown --format "xml"`},
		{"unknown check", nil, []string{"--checks", "tenantrep"}, "tenantrep"},
		{"package outside the module", nil, []string{outside}, filepath.Base(outside)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := writeModule(t)
			if c.setup != nil {
				c.setup(t, dir)
			}
			before, outBefore := snapshot(t, dir), snapshot(t, outside)
			r := tenantfix(t, dir, c.args...)
			mustCode(t, r, 2, c.name)
			oneLine(t, r.stderr, c.names)
			if r.stdout != "" {
				t.Errorf("stdout: %q, want nothing", r.stdout)
			}
			sameTree(t, before, snapshot(t, dir), "after the refusal")
			sameTree(t, outBefore, snapshot(t, outside), "outside the module after the refusal")
		})
	}
}

// TestWriteFailureRollsBack injects a failure at a write (the hook of
// testHooks, in the fault build): every file is back to its original, no
// temporary file and no backup folder remain. A fix that does not type-check (a template
// that passes an int) rolls back the same way.
func TestWriteFailureRollsBack(t *testing.T) {
	t.Parallel()
	orig, _ := reference()
	want := expect(orig)
	for _, at := range []int{1, len(want.files) - 1} {
		t.Run(fmt.Sprintf("write %d fails", at), func(t *testing.T) {
			t.Parallel()
			dir := writeModule(t)
			r := command(t, dir, []string{"TENANTFIX_TEST_FAIL_WRITE=" + strconv.Itoa(at)}, faultBin(t))
			mustCode(t, r, 2, "apply with a failing write")
			if !strings.Contains(r.stderr, "injected write failure") || !strings.Contains(r.stderr, "restored") {
				t.Errorf("stderr does not say what failed and that the files were restored:\n%s", r.stderr)
			}
			sameTree(t, orig, snapshot(t, dir), "after the failed apply")
		})
	}
	t.Run("the fix does not type-check", func(t *testing.T) {
		t.Parallel()
		dir := writeModule(t)
		cfg := strings.Replace(orig[".tenantlint.yaml"].data, `({{printf "%q" .Table}})`, `(42)`, 1)
		if cfg == orig[".tenantlint.yaml"].data {
			t.Fatal("the template of the fixture changed; update this test")
		}
		path := filepath.Join(t.TempDir(), "bad-template.yaml")
		if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
			t.Fatal(err)
		}
		r := tenantfix(t, dir, "--config", path)
		mustCode(t, r, 2, "apply of a fix that does not type-check")
		if !strings.Contains(r.stderr, "does not type-check") || !strings.Contains(r.stderr, "orders.go") {
			t.Errorf("stderr does not name the type errors:\n%s", r.stderr)
		}
		sameTree(t, orig, snapshot(t, dir), "after the rolled back apply")
	})
}

// TestUnifiedDiffHunkStarts checks the hunk positions of the diff on two
// edits that share a hunk followed by a third one: go-udiff gets the
// third hunk's "+start" wrong by the joining lines.
func TestUnifiedDiffHunkStarts(t *testing.T) {
	var old, new strings.Builder
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&old, "line %d\n", i)
		switch i {
		case 5, 9:
			fmt.Fprintf(&new, "line %d changed\n", i)
		case 30:
			fmt.Fprintf(&new, "line %d\nline %d and a half\n", i, i)
		default:
			fmt.Fprintf(&new, "line %d\n", i)
		}
	}
	p := &rewrite.Plan{Files: []*rewrite.FileChange{{Rel: "f.txt", Old: []byte(old.String()), New: []byte(new.String())}}}
	d := p.Diff()
	checkDiff(t, d, tree{"f.txt": {data: old.String(), mode: 0o644}}, tree{"f.txt": {data: new.String(), mode: 0o644}})
	if !strings.Contains(d, "@@ -2,11 +2,11 @@") || !strings.Contains(d, "@@ -28,6 +28,7 @@") {
		t.Errorf("unexpected hunks:\n%s", d)
	}
}

// TestVerifyFormats: --verify --format prints the findings in that format
// on stdout and keeps the summary on stderr.
func TestVerifyFormats(t *testing.T) {
	t.Parallel()
	dir := writeModule(t)
	text := tenantfix(t, dir, "--verify")
	mustCode(t, text, 1, "--verify")
	n := len(strings.Split(strings.TrimSpace(text.stdout), "\n"))

	junit := tenantfix(t, dir, "--verify", "--format", "junit")
	mustCode(t, junit, 1, "--verify --format junit")
	var doc struct {
		Failures int `xml:"failures,attr"`
		Suites   []struct {
			Name string `xml:"name,attr"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal([]byte(junit.stdout), &doc); err != nil {
		t.Fatalf("%v in\n%s", err, junit.stdout)
	}
	// one suite per registered check, with or without findings
	if checks := len(registry.Names()); doc.Failures != n || len(doc.Suites) != checks {
		t.Errorf("junit: %d failures in %d suites, want %d in %d:\n%s", doc.Failures, len(doc.Suites), n, checks, junit.stdout)
	}
	if want := fmt.Sprintf("tenantfix: %d findings remain", n); !strings.Contains(junit.stderr, want) || strings.Contains(junit.stdout, want) {
		t.Errorf("summary not on stderr only:\nstdout:\n%s\nstderr:\n%s", junit.stdout, junit.stderr)
	}

	sarif := tenantfix(t, dir, "--verify", "--format", "sarif", "--checks", "tenantrepo")
	mustCode(t, sarif, 1, "--verify --format sarif")
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID string `json:"ruleId"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(sarif.stdout), &log); err != nil || len(log.Runs) != 1 || len(log.Runs[0].Results) == 0 {
		t.Fatalf("sarif: %v\n%s", err, sarif.stdout)
	}
	for _, r := range log.Runs[0].Results {
		if r.RuleID != "tenantrepo" {
			t.Errorf("--checks tenantrepo: result of %s", r.RuleID)
		}
	}
}

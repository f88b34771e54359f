package main

import (
	gobuildinfo "debug/buildinfo"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/buildinfo"
	"github.com/tenantlint/tenantlint/internal/testfs"
)

// TestVersion: --version prints the module version and the VCS revision
// (and whether the tree was modified) that the go command stamped into
// the binary, and SARIF's tool.driver carries the same version.
func TestVersion(t *testing.T) {
	t.Parallel()
	bi, err := gobuildinfo.ReadFile(tenantlint)
	if err != nil {
		t.Fatal(err)
	}
	want := buildinfo.From(bi)
	r := lint(t, t.TempDir(), "--version")
	got := strings.TrimSuffix(r.stdout, "\n")
	if r.code != 0 || r.stderr != "" || strings.Contains(got, "\n") {
		t.Fatalf("--version: exit %d, stdout %q, stderr %q; want one line, exit 0", r.code, r.stdout, r.stderr)
	}
	if got != want.Line("tenantlint") {
		t.Errorf("--version: %q, want %q", got, want.Line("tenantlint"))
	}
	// What the line must hold, whichever way the binary was built.
	mainVersion := bi.Main.Version
	if mainVersion == "" {
		mainVersion = "(devel)"
	}
	if !strings.HasPrefix(got, "tenantlint "+mainVersion) || !strings.HasSuffix(got, " built with "+bi.GoVersion) {
		t.Errorf("--version %q does not start with the module version %q and end with the toolchain %s", got, mainVersion, bi.GoVersion)
	}
	for _, s := range bi.Settings {
		switch {
		case s.Key == "vcs.revision" && !strings.Contains(got, "revision "+s.Value[:12]):
			t.Errorf("--version %q lacks the revision %s", got, s.Value)
		case s.Key == "vcs.modified" && strings.Contains(got, "modified") != (s.Value == "true"):
			t.Errorf("--version %q, with vcs.modified=%s", got, s.Value)
		}
	}

	dir := writeModule(t, nil)
	r = lint(t, dir, "--format", "sarif", "./...")
	var log struct {
		Runs []struct {
			Tool struct {
				Driver map[string]any `json:"driver"`
			} `json:"tool"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("sarif: %v\n%s", err, r.stdout)
	}
	d := log.Runs[0].Tool.Driver
	if d["version"] != want.String() {
		t.Errorf("tool.driver.version %v, want %q", d["version"], want.String())
	}
	if sv, ok := d["semanticVersion"]; want.Semver() == "" && ok || want.Semver() != "" && sv != want.Semver() {
		t.Errorf("tool.driver.semanticVersion %v, want %q (absent when the version is no semver)", sv, want.Semver())
	}
}

// TestHelp: --help and `tenantlint help` show the commands (init, help)
// before the flags, `tenantlint help init` shows init's usage, and an
// unknown topic is a usage error.
func TestHelp(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	flagHelp := lint(t, dir, "--help")
	cmdHelp := lint(t, dir, "help")
	if flagHelp.code != 0 || cmdHelp.code != 0 {
		t.Fatalf("--help: exit %d; help: exit %d", flagHelp.code, cmdHelp.code)
	}
	if cmdHelp.stdout != flagHelp.stderr || cmdHelp.stderr != "" {
		t.Errorf("`tenantlint help` (stdout) differs from --help (stderr):\n%s\n---\n%s", cmdHelp.stdout, flagHelp.stderr)
	}
	for _, want := range []string{"tenantlint init [--force] [dir]", "tenantlint help [init]", "--version", "--format", "go vet -vettool="} {
		if !strings.Contains(flagHelp.stderr, want) {
			t.Errorf("--help does not mention %q:\n%s", want, flagHelp.stderr)
		}
	}
	if i, j := strings.Index(flagHelp.stderr, "tenantlint init"), strings.Index(flagHelp.stderr, "flags:"); i < 0 || i > j {
		t.Errorf("--help lists the commands after the flags:\n%s", flagHelp.stderr)
	}
	r := lint(t, dir, "help", "init")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "usage: tenantlint init [--force] [dir]") || !strings.Contains(r.stdout, "--force") {
		t.Errorf("help init: exit %d, stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	r = lint(t, dir, "help", "vet")
	if r.code != 2 || r.stdout != "" || len(lines(r.stderr)) != 1 || !strings.Contains(r.stderr, `unknown topic "vet"`) {
		t.Errorf("help vet: exit %d, stdout %q, stderr %q; want one usage error, exit 2", r.code, r.stdout, r.stderr)
	}
}

// TestModuleInRepoSubfolder: with the module one folder down in a git
// work tree, SARIF, GitHub annotations and checkstyle name files from the
// repository's root, as code scanning and pull requests do; text keeps
// paths relative to the current directory; --path-prefix sets the folder
// by hand, and only for those formats.
func TestModuleInRepoSubfolder(t *testing.T) {
	t.Parallel()
	repo := t.TempDir()
	mustRun(t, repo, "git", "init", "-q")
	mod := filepath.Join(repo, "svc")
	for name, src := range e2eFiles {
		testfs.WriteFile(t, filepath.Join(mod, name), src)
	}
	want := lines(lint(t, mod, "./...").stdout) // internal/...:line:col: message (check)
	if len(want) == 0 || !strings.HasPrefix(want[0], "internal/") {
		t.Fatalf("text output:\n%s", strings.Join(want, "\n"))
	}
	withPrefix := func(prefix string) []string {
		out := make([]string, len(want))
		for i, l := range want {
			out[i] = prefix + l
		}
		return out
	}

	r := lint(t, mod, "--format", "sarif", "./...")
	var positions []string // "svc/file:line:col (check)", as sarifFindings writes them
	for _, l := range withPrefix("svc/") {
		m := regexp.MustCompile(`^([^:]+:\d+:\d+): .* \((\w+)\)$`).FindStringSubmatch(l)
		positions = append(positions, m[1]+" ("+m[2]+")")
	}
	diffLines(t, "sarif results", sarifFindings(t, r.stdout), positions)
	var log struct {
		Runs []struct {
			OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil || r.code != 1 {
		t.Fatalf("sarif: exit %d, %v\n%s", r.code, err, r.stderr)
	}
	if base := log.Runs[0].OriginalURIBaseIDs["%SRCROOT%"].URI; !strings.HasSuffix(base, "/"+filepath.Base(repo)+"/") {
		t.Errorf("%%SRCROOT%% is %s, want the repository %s", base, repo)
	}

	annotations := func(r result) []string {
		t.Helper()
		var out []string
		for _, l := range lines(r.stdout) {
			m := regexp.MustCompile(`^::error file=([^,]+),line=(\d+),col=(\d+),(?:endLine=\d+,endColumn=\d+,)?title=(\w+)::(.*)$`).FindStringSubmatch(l)
			if m != nil {
				out = append(out, fmt.Sprintf("%s:%s:%s: %s (%s)", m[1], m[2], m[3], m[5], m[4]))
			}
		}
		return out
	}
	r = lint(t, mod, "--format", "github", "./...")
	diffLines(t, "github annotations", annotations(r), withPrefix("svc/")[:min(len(want), 10)])
	r = lint(t, mod, "--format", "github", "--path-prefix", "apps/api/", "./...")
	diffLines(t, "github annotations with --path-prefix", annotations(r), withPrefix("apps/api/")[:min(len(want), 10)])

	r = lint(t, mod, "--format", "checkstyle", "./...")
	if !strings.Contains(r.stdout, `<file name="svc/internal/`) || strings.Contains(r.stdout, `<file name="internal/`) {
		t.Errorf("checkstyle paths are not repository-relative:\n%s", r.stdout)
	}
	// JSON and text keep paths relative to the current directory.
	r = lint(t, mod, "--format", "json", "./...")
	if !strings.Contains(r.stdout, `"file": "internal/`) || strings.Contains(r.stdout, `"svc/`) {
		t.Errorf("json paths:\n%s", r.stdout)
	}

	// tenantfix --verify writes the same paths.
	fr := runCmd(t, mod, tenantfix(t), "--verify", "--format", "github", "./...")
	diffLines(t, "tenantfix --verify annotations", annotations(fr), withPrefix("svc/")[:min(len(want), 10)])

	for _, args := range [][]string{
		{"--format", "text", "--path-prefix", "svc"},
		{"--format", "sarif", "--path-prefix", "../svc"},
		{"--inventory", "--path-prefix", "svc"},
	} {
		r := lint(t, mod, append(args, "./...")...)
		if r.code != 2 || r.stdout != "" || len(lines(r.stderr)) != 1 || !strings.Contains(r.stderr, "--path-prefix") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want one line about --path-prefix, exit 2", strings.Join(args, " "), r.code, r.stdout, r.stderr)
		}
	}
	if r := runCmd(t, mod, tenantfix(t), "--dry-run", "--path-prefix", "svc"); r.code != 2 || !strings.Contains(r.stderr, "--path-prefix only applies to --verify") {
		t.Errorf("tenantfix --dry-run --path-prefix: exit %d, stderr %q", r.code, r.stderr)
	}
}

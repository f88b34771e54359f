package integration

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

// preCommitHook is the part of a .pre-commit-hooks.yaml entry that
// decides how pre-commit calls the hook.
type preCommitHook struct {
	ID            string   `yaml:"id"`
	Entry         string   `yaml:"entry"`
	Language      string   `yaml:"language"`
	Types         []string `yaml:"types"`
	Args          []string `yaml:"args"`
	PassFilenames *bool    `yaml:"pass_filenames"`
	RequireSerial bool     `yaml:"require_serial"`
}

func preCommitHooks(t *testing.T) map[string]preCommitHook {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var list []preCommitHook
	if err := yaml.Unmarshal(data, &list); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	out := map[string]preCommitHook{}
	for _, h := range list {
		out[h.ID] = h
	}
	return out
}

// argv is the command line pre-commit runs: the entry split as a shell
// would (shlex.split), the hook's args, then the file names that passed
// its types filter.
func (h preCommitHook) argv(t *testing.T, files []string) []string {
	t.Helper()
	if strings.ContainsAny(h.Entry, `"'\$`) {
		t.Fatalf("hook %s: entry %q needs a shell-quoting aware split", h.ID, h.Entry)
	}
	argv := append(strings.Fields(h.Entry), h.Args...)
	for _, f := range files {
		if !slices.Contains(h.Types, "go") || strings.HasSuffix(f, ".go") {
			argv = append(argv, f)
		}
	}
	return argv
}

func TestPreCommitHooksDeclaration(t *testing.T) {
	hooks := preCommitHooks(t)
	for _, id := range []string{"tenantlint", "tenantfix-verify"} {
		h, ok := hooks[id]
		switch {
		case !ok:
			t.Errorf("no hook %s", id)
		case h.Language != "golang":
			t.Errorf("hook %s: language %q, want golang (pre-commit then go installs this repository)", id, h.Language)
		case h.PassFilenames != nil && !*h.PassFilenames:
			t.Errorf("hook %s does not get the staged files", id)
		case !slices.Equal(h.Types, []string{"go"}):
			t.Errorf("hook %s: types %v, want [go]", id, h.Types)
		case !h.RequireSerial:
			t.Errorf("hook %s: without require_serial pre-commit splits the files over parallel runs that each load the shared dependencies", id)
		}
	}
}

// hookCase is one commit: the staged files, as the hook manager passes
// them (paths relative to the repository root, where hooks run).
type hookCase struct {
	name     string
	files    []string
	code     int
	findings []string // prefixes of the finding lines on stdout
	stderr   []string // substrings of stderr
}

func TestPreCommitHooks(t *testing.T) {
	hooks := preCommitHooks(t)
	dir := writeModule(t)
	env := toolEnv(t)
	cases := map[string][]hookCase{
		"tenantlint": {
			{name: "clean package", files: []string{"catalog/catalog.go", "README.md"}, code: 0},
			{name: "only the staged package", files: []string{"billing/billing.go", "README.md", "go.mod"}, code: 1,
				findings: []string{invoiceFinding}},
			{name: "two packages", files: []string{"jobs/jobs.go", "billing/billing.go", "tenant/tenant.go"}, code: 1,
				findings: []string{invoiceFinding, warmFinding}},
			{name: "no Go files", files: []string{"README.md"}, code: 0},
			{name: "no files", code: 0},
		},
		"tenantfix-verify": {
			{name: "clean package", files: []string{"catalog/catalog.go"}, code: 0,
				stderr: []string{"tenant-scoped models: 1/1 covered"}},
			{name: "findings", files: []string{"billing/billing.go", "jobs/jobs.go"}, code: 1,
				findings: []string{invoiceFinding, warmFinding},
				stderr:   []string{"tenant-scoped models: 0/1 covered", "cache calls: 0/1 scoped, 1 raw fixable", "2 findings remain"}},
			{name: "no Go files", files: []string{"README.md"}, code: 0},
		},
	}
	for id, cs := range cases {
		for _, c := range cs {
			t.Run(id+"/"+c.name, func(t *testing.T) {
				argv := hooks[id].argv(t, c.files)
				checkHookRun(t, c, run(t, dir, env, argv...))
			})
		}
	}
}

func checkHookRun(t *testing.T, c hookCase, r result) {
	t.Helper()
	if r.code != c.code {
		t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, c.code, r.stdout, r.stderr)
	}
	if got := findingLines(r.stdout); !hasPrefixes(got, c.findings...) {
		t.Errorf("findings:\n%s\nwant lines starting with %q", strings.Join(got, "\n"), c.findings)
	}
	if c.code == 0 && strings.TrimSpace(r.stdout) != "" {
		t.Errorf("output on a clean run:\n%s", r.stdout)
	}
	for _, s := range c.stderr {
		if !strings.Contains(r.stderr, s) {
			t.Errorf("stderr lacks %q:\n%s", s, r.stderr)
		}
	}
}

// TestPreCommitHooksNestedModule: in a repository whose module lives in
// a subdirectory, the hooks run at the repository root, analyze the
// files' module and print paths relative to the repository root.
func TestPreCommitHooksNestedModule(t *testing.T) {
	hooks := preCommitHooks(t)
	repo := t.TempDir()
	for name, src := range moduleFiles {
		testfs.WriteFile(t, filepath.Join(repo, "svc", name), src)
	}
	env := toolEnv(t)
	for _, id := range []string{"tenantlint", "tenantfix-verify"} {
		argv := hooks[id].argv(t, []string{"svc/billing/billing.go", "svc/README.md"})
		checkHookRun(t, hookCase{code: 1, findings: []string{"svc/" + invoiceFinding}}, run(t, repo, env, argv...))
	}
}

var lefthookBlock = regexp.MustCompile("(?s)```yaml\n(# lefthook.yml\n.*?)```")

// TestLefthookExample runs the README's lefthook.yml commands as
// lefthook does: files filtered by glob, {staged_files} replaced by
// them, the command run by sh; a command with no file left is skipped.
func TestLefthookExample(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := lefthookBlock.FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md has no ```yaml block starting with # lefthook.yml")
	}
	var cfg struct {
		PreCommit struct {
			Commands map[string]struct {
				Glob string `yaml:"glob"`
				Run  string `yaml:"run"`
			} `yaml:"commands"`
		} `yaml:"pre-commit"`
	}
	if err := yaml.Unmarshal(m[1], &cfg); err != nil {
		t.Fatalf("README's lefthook.yml: %v", err)
	}
	want := map[string]hookCase{
		"tenantlint":       {code: 1, findings: []string{invoiceFinding}},
		"tenantfix-verify": {code: 1, findings: []string{invoiceFinding}, stderr: []string{"1 findings remain"}},
	}
	if len(cfg.PreCommit.Commands) != len(want) {
		t.Errorf("lefthook commands %v, want %d", cfg.PreCommit.Commands, len(want))
	}
	dir := writeModule(t)
	env := toolEnv(t)
	staged := []string{"billing/billing.go", "README.md"}
	for name, c := range cfg.PreCommit.Commands {
		var files []string
		for _, f := range staged {
			if ok, err := filepath.Match(c.Glob, filepath.Base(f)); err != nil {
				t.Fatalf("%s: glob %q: %v", name, c.Glob, err)
			} else if ok {
				files = append(files, f)
			}
		}
		cmd := strings.ReplaceAll(c.Run, "{staged_files}", strings.Join(files, " "))
		checkHookRun(t, want[name], run(t, dir, env, "sh", "-c", cmd))
	}
}

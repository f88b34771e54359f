package integration

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

var (
	repoRoot string // this repository's root
	binDir   string // tenantlint and tenantfix, built once
)

func TestMain(m *testing.M) {
	code, err := testMain(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	os.Exit(code)
}

func testMain(m *testing.M) (int, error) {
	wd, err := os.Getwd()
	if err != nil {
		return 0, err
	}
	repoRoot = filepath.Dir(wd)
	dir, err := os.MkdirTemp("", "tenantlint-integration-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	binDir = filepath.Join(dir, "bin")
	build := exec.Command("go", "build", "-o", binDir+string(filepath.Separator), "./cmd/tenantlint", "./cmd/tenantfix")
	build.Dir = repoRoot
	if out, err := build.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("building the tools: %v\n%s", err, out)
	}
	return m.Run(), nil
}

// The scratch module (testdata/hook.txtar): billing.Invoice has no
// repository, jobs.Warm's cache key is not tenant-scoped, catalog is
// clean.
var moduleFiles = testfs.MustReadTxtar("testdata/hook.txtar")

const (
	invoiceFinding = "billing/billing.go:3:6: Invoice is tenant-scoped"
	warmFinding    = "jobs/jobs.go:9:65: tenant.Store.Get key is not tenant-scoped"
)

// writeModule writes the scratch module into a new temporary directory.
func writeModule(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range moduleFiles {
		testfs.WriteFile(t, filepath.Join(dir, name), src)
	}
	return dir
}

// toolEnv is the environment of the commands under test: the built tools
// first on PATH (as pre-commit's and the action's installs put them), no
// network, no workspace, and a private tenantlint cache.
func toolEnv(t *testing.T, extra ...string) []string {
	drop := map[string]bool{"PATH": true, "GOFLAGS": true, "GOPROXY": true, "GOWORK": true,
		"TENANTLINT_CACHE": true, "TENANTLINT_CONFIG": true, "PWD": true}
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if !drop[k] && !strings.HasPrefix(k, "GITHUB_") {
			env = append(env, kv)
		}
	}
	env = append(env, "PATH="+binDir+string(os.PathListSeparator)+os.Getenv("PATH"),
		"GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off", "TENANTLINT_CACHE="+t.TempDir())
	return append(env, extra...)
}

// lookPath finds name on the PATH of env, as the shell of a hook
// manager would, rather than on the test's own PATH.
func lookPath(t *testing.T, env []string, name string) string {
	t.Helper()
	if strings.ContainsRune(name, filepath.Separator) {
		return name
	}
	path := ""
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "PATH="); ok {
			path = v
		}
	}
	for _, d := range filepath.SplitList(path) {
		if st, err := os.Stat(filepath.Join(d, name)); err == nil && st.Mode().IsRegular() && st.Mode()&0o111 != 0 {
			return filepath.Join(d, name)
		}
	}
	t.Fatalf("%s is not on PATH %s", name, path)
	return ""
}

type result struct {
	stdout, stderr string
	code           int
}

// run runs argv in dir with env.
func run(t *testing.T, dir string, env []string, argv ...string) result {
	t.Helper()
	cmd := exec.Command(lookPath(t, env, argv[0]), argv[1:]...)
	cmd.Dir, cmd.Env = dir, env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := result{stdout: stdout.String(), stderr: stderr.String()}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	case err != nil:
		t.Fatalf("%v: %v", argv, err)
	}
	return r
}

var findingLine = regexp.MustCompile(`^\S+\.go:\d+:\d+: `)

// findingLines returns the lines of out that are text-format findings.
func findingLines(out string) []string {
	var got []string
	for _, l := range strings.Split(out, "\n") {
		if findingLine.MatchString(l) {
			got = append(got, l)
		}
	}
	return got
}

// hasPrefixes reports whether lines are, in order, lines starting with
// the given prefixes.
func hasPrefixes(lines []string, prefixes ...string) bool {
	if len(lines) != len(prefixes) {
		return false
	}
	for i, p := range prefixes {
		if !strings.HasPrefix(lines[i], p) {
			return false
		}
	}
	return true
}

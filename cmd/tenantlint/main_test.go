package main

// End-to-end tests: build tenantlint once, write a small multi-package
// module, and run the binary standalone, as `go vet -vettool` and as
// `go fix -fixtool` on it.

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/registry"
	"github.com/tenantlint/tenantlint/internal/testfs"
)

var (
	tenantlint string // the binary under test
	sharedDir  string // GOCACHE and HOME shared by the tests of this file
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
	dir, err := os.MkdirTemp("", "tenantlint-e2e-")
	if err != nil {
		return 0, err
	}
	defer removeAll(dir)
	tenantlint = filepath.Join(dir, "bin", "tenantlint")
	build := exec.Command("go", "build", "-o", tenantlint, ".")
	if out, err := build.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("building tenantlint: %v\n%s", err, out)
	}
	sharedDir = dir
	return m.Run(), nil
}

// removeAll removes dir even when the go command left read-only files.
func removeAll(dir string) {
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			os.Chmod(path, 0o755)
		}
		return nil
	})
	os.RemoveAll(dir)
}

// env is the environment of every command run on a test module: a
// dedicated GOCACHE shared by the tests (isolated from the user's, warm
// after the first run), no network, no workspace, and a temporary HOME
// and tenantlint cache for each test.
func env(t *testing.T) []string {
	if e, ok := envs.Load(t); ok {
		return e.([]string)
	}
	var out []string
	drop := map[string]bool{"GOFLAGS": true, "GOPROXY": true, "GOWORK": true, "GOCACHE": true, "HOME": true,
		"XDG_CACHE_HOME": true, "XDG_CONFIG_HOME": true, "TENANTLINT_CACHE": true, "TENANTLINT_CONFIG": true,
		"GOPATH": true, "GOMODCACHE": true, "GOTOOLCHAIN": true, "GOENV": true, "PWD": true,
		"GITHUB_STEP_SUMMARY": true}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if !drop[k] {
			out = append(out, kv)
		}
	}
	home := t.TempDir()
	out = append(out,
		"GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off", "GOTOOLCHAIN=local", "GOENV=off",
		"GOCACHE="+filepath.Join(sharedDir, "gocache"),
		"HOME="+home, "XDG_CACHE_HOME="+filepath.Join(home, "cache"), "XDG_CONFIG_HOME="+filepath.Join(home, "config"),
		"GOPATH="+filepath.Join(home, "go"),
		"TENANTLINT_CACHE="+filepath.Join(home, "tenantlint"),
	)
	envs.Store(t, out)
	return out
}

var envs sync.Map // *testing.T → []string

// tenantlintCache is the test's TENANTLINT_CACHE (env).
func tenantlintCache(t *testing.T) string {
	t.Helper()
	for _, kv := range env(t) {
		if v, ok := strings.CutPrefix(kv, "TENANTLINT_CACHE="); ok {
			return v
		}
	}
	t.Fatal("no TENANTLINT_CACHE in the test environment")
	return ""
}

type result struct {
	stdout, stderr string
	code           int
}

// runCmd runs a command in dir and returns its output and exit code.
func runCmd(t *testing.T, dir string, name string, args ...string) result {
	t.Helper()
	return runCmdEnv(t, dir, nil, name, args...)
}

// runCmdEnv is runCmd with extra environment variables.
func runCmdEnv(t *testing.T, dir string, extraEnv []string, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(slices.Clone(env(t)), extraEnv...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	t.Logf("%s %s (in %s): %v", filepath.Base(name), strings.Join(args, " "), filepath.Base(dir), time.Since(start).Round(time.Millisecond))
	r := result{stdout: stdout.String(), stderr: stderr.String()}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	case err != nil:
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return r
}

func lint(t *testing.T, dir string, args ...string) result {
	t.Helper()
	return runCmd(t, dir, tenantlint, args...)
}

// The test module (testdata/e2e.txtar). Repositories live in package
// repos, apart from their models; the cache API is user-declared in
// internal/cache; package tenant imports cache, so a call in cache cannot
// be fixed without an import cycle.
var e2eFiles = testfs.MustReadTxtar("testdata/e2e.txtar")

// e2eConfig is the test module's .tenantlint.yaml.
var e2eConfig = e2eFiles[".tenantlint.yaml"]

// wantText is the standalone output on the test module, in order.
var wantText = []string{
	`internal/billing/billing.go:5:6: Payment is tenant-scoped (has field TenantID) but has no tenant-aware repository; declare one at package level, e.g. var PaymentRepo = tenant.NewRepository[Payment]("payments") (tenantrepo)`,
	`internal/cache/cache.go:32:10: cache.Store.Get key is not tenant-scoped; wrap it as tenant.Key(ctx, key) (manual fix: importing example.com/e2e/internal/tenant would make an import cycle: example.com/e2e/internal/tenant imports example.com/e2e/internal/cache) (tenantcache)`,
	`internal/cache/cache.go:33:9: cache.Store.Set key is not tenant-scoped; wrap it as tenant.Key(ctx, key) (manual fix: importing example.com/e2e/internal/tenant would make an import cycle: example.com/e2e/internal/tenant imports example.com/e2e/internal/cache) (tenantcache)`,
	`internal/jobs/jobs.go:12:9: cache.Store.Set key is not tenant-scoped; wrap it as tenant.Key(ctx, key) (tenantcache)`,
	`internal/models/models.go:19:6: Invoice is tenant-scoped (embeds tenant.Model) but has no tenant-aware repository; declare one at package level, e.g. var InvoiceRepo = tenant.NewRepository[Invoice]("invoices") (tenantrepo)`,
	`internal/service/service.go:19:9: cache.Store.Get key is not tenant-scoped; wrap it as tenant.Key(ctx, key) (tenantcache)`,
	`internal/service/service.go:24:9: cache.Store.Del key is not tenant-scoped; wrap it as tenant.Key(ctx, key) (tenantcache)`,
	`internal/service/service.go:36:9: cache.Store.Set key is not tenant-scoped; wrap it as tenant.Key(ctx, key) (manual fix: no context.Context in scope; struct fields and context.Background/TODO carry no tenant, so pass a ctx in) (tenantcache)`,
	`internal/service/service.go:48:2: unused //tenantlint:ignore directive: no tenantcache finding on this line or the next (tenantcache)`,
}

// wantManual are the findings of wantText that carry no fix.
var wantManual = map[string]bool{
	"internal/cache/cache.go:32:10":    true,
	"internal/cache/cache.go:33:9":     true,
	"internal/service/service.go:36:9": true,
	"internal/service/service.go:48:2": true,
	"internal/billing/billing.go:5:6":  false,
	"internal/jobs/jobs.go:12:9":       false,
	"internal/models/models.go:19:6":   false,
	"internal/service/service.go:19:9": false,
	"internal/service/service.go:24:9": false,
}

// writeModule writes files under a new temporary directory, overriding
// e2eFiles with over (an empty value removes a file).
func writeModule(t *testing.T, over map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{}
	for k, v := range e2eFiles {
		files[k] = v
	}
	for k, v := range over {
		files[k] = v
	}
	for name, src := range files {
		if src == "" {
			continue
		}
		testfs.WriteFile(t, filepath.Join(dir, name), src)
	}
	return dir
}

// edit replaces old by new in a file of dir; old must occur once.
func edit(t *testing.T, dir, name, old, new string) {
	t.Helper()
	path := filepath.Join(dir, name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), old); n != 1 {
		t.Fatalf("edit %s: %q occurs %d times", name, old, n)
	}
	testfs.WriteFile(t, path, strings.Replace(string(data), old, new, 1))
}

func lines(s string) []string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// checkSuffix matches the " (check)" that ends a finding, for every
// registered check.
var checkSuffix = regexp.MustCompile(` \((` + strings.Join(registry.Names(), "|") + `)\)$`)

// standalone runs `tenantlint ./...` and returns its findings as
// "file:line:col: message", without the check suffix, sorted.
func standalone(t *testing.T, dir string) []string {
	t.Helper()
	r := lint(t, dir, "./...")
	if r.code > 1 || r.stderr != "" {
		t.Fatalf("tenantlint ./...: exit %d\n%s", r.code, r.stderr)
	}
	var out []string
	for _, l := range lines(r.stdout) {
		if !checkSuffix.MatchString(l) {
			t.Errorf("line without a (check) suffix: %s", l)
		}
		out = append(out, checkSuffix.ReplaceAllString(l, ""))
	}
	slices.Sort(out)
	return out
}

var vetLine = regexp.MustCompile(`^(.+?):(\d+):(\d+): (.*)$`)

// vet runs `go vet -vettool=tenantlint ./...` and returns its findings as
// "file:line:col: message" with paths relative to dir, sorted.
func vet(t *testing.T, dir string) []string {
	t.Helper()
	r := runCmd(t, dir, "go", "vet", "-vettool="+tenantlint, "./...")
	var out []string
	for _, l := range lines(r.stderr) {
		if strings.HasPrefix(l, "# ") {
			continue // package header
		}
		m := vetLine.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("go vet: exit %d; unexpected line %q in\n%s", r.code, l, r.stderr)
		}
		out = append(out, fmt.Sprintf("%s:%s:%s: %s", rel(dir, m[1]), m[2], m[3], m[4]))
	}
	if (len(out) > 0) != (r.code != 0) {
		t.Errorf("go vet: exit %d with %d findings", r.code, len(out))
	}
	slices.Sort(out)
	return out
}

func rel(dir, path string) string {
	if !filepath.IsAbs(path) {
		return filepath.ToSlash(path)
	}
	if r, err := filepath.Rel(dir, path); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return path
}

func diffLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if slices.Equal(got, want) {
		return
	}
	var b strings.Builder
	for _, l := range want {
		if !slices.Contains(got, l) {
			fmt.Fprintf(&b, "\n  missing: %s", l)
		}
	}
	for _, l := range got {
		if !slices.Contains(want, l) {
			fmt.Fprintf(&b, "\n  extra:   %s", l)
		}
	}
	if b.Len() == 0 {
		fmt.Fprintf(&b, "\n  same lines, different order or count:\n  got  %q\n  want %q", got, want)
	}
	t.Errorf("%s:%s", what, b.String())
}

func stripChecks(ls []string) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = checkSuffix.ReplaceAllString(l, "")
	}
	slices.Sort(out)
	return out
}

// TestStandaloneAndVet: (a) the exact standalone text output and exit
// code; (b) go vet -vettool reports the same findings, in text and -json.
func TestStandaloneAndVet(t *testing.T) {
	dir := writeModule(t, nil)

	r := lint(t, dir, "./...")
	if r.code != 1 {
		t.Errorf("exit code %d, want 1; stderr:\n%s", r.code, r.stderr)
	}
	if r.stderr != "" {
		t.Errorf("stderr: %s", r.stderr)
	}
	diffLines(t, "standalone text output", lines(r.stdout), wantText)
	if got := lines(r.stdout); !slices.IsSorted(got) {
		t.Errorf("output is not sorted:\n%s", r.stdout)
	}

	// No arguments means ./...
	if r2 := lint(t, dir); r2.stdout != r.stdout || r2.code != 1 {
		t.Errorf("no arguments: exit %d, output\n%s\nwant the output of ./...", r2.code, r2.stdout)
	}

	want := stripChecks(wantText)
	diffLines(t, "go vet -vettool findings", vet(t, dir), want)

	// go vet -json: the same positions and messages, by check.
	jr := runCmd(t, dir, "go", "vet", "-vettool="+tenantlint, "-json", "./...")
	stream := jr.stdout
	if strings.TrimSpace(stream) == "" {
		stream = jr.stderr
	}
	dec := json.NewDecoder(strings.NewReader(stream))
	var got []string
	for {
		var v map[string]map[string]json.RawMessage
		if err := dec.Decode(&v); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("go vet -json: %v in\n%s", err, stream)
		}
		for pkg, byCheck := range v {
			for check, raw := range byCheck {
				var diags []struct {
					Category string `json:"category"`
					Posn     string `json:"posn"`
					Message  string `json:"message"`
				}
				if err := json.Unmarshal(raw, &diags); err != nil {
					t.Errorf("go vet -json: %s: %s: %s", pkg, check, raw)
					continue
				}
				for _, d := range diags {
					m := vetLine.FindStringSubmatch(d.Posn + ": " + d.Message)
					if m == nil {
						t.Fatalf("go vet -json: bad posn %q", d.Posn)
					}
					got = append(got, fmt.Sprintf("%s:%s:%s: %s (%s)", rel(dir, m[1]), m[2], m[3], m[4], check))
					if d.Category != check {
						t.Errorf("go vet -json: category %q under %s", d.Category, check)
					}
				}
			}
		}
	}
	slices.Sort(got)
	diffLines(t, "go vet -json findings", got, wantText)
}

// TestJSON: (c) the --format json schema.
func TestJSON(t *testing.T) {
	t.Parallel()
	dir := writeModule(t, nil)
	r := lint(t, dir, "--format", "json", "./...")
	if r.code != 1 {
		t.Errorf("exit code %d, want 1; stderr:\n%s", r.code, r.stderr)
	}
	var raw struct {
		Findings []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &raw); err != nil {
		t.Fatalf("%v in\n%s", err, r.stdout)
	}
	keys := []string{"check", "column", "end_column", "end_line", "file", "fix", "line", "message"}
	fixKeys := append(slices.Clone(keys), "suggested_fixes")
	slices.Sort(fixKeys)
	for _, f := range raw.Findings {
		var got []string
		for k := range f {
			got = append(got, k)
		}
		slices.Sort(got)
		if want := keys; f["fix"] == "fixable" && !slices.Equal(got, fixKeys) || f["fix"] != "fixable" && !slices.Equal(got, want) {
			t.Errorf("%s finding has keys %v, want %v (and suggested_fixes when fixable)", f["fix"], got, keys)
		}
	}
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	dec.DisallowUnknownFields()
	type edit struct {
		Filename    string `json:"filename"`
		Start       int    `json:"start"`
		End         int    `json:"end"`
		StartLine   int    `json:"start_line"`
		StartColumn int    `json:"start_column"`
		EndLine     int    `json:"end_line"`
		EndColumn   int    `json:"end_column"`
		New         string `json:"new"`
	}
	var out struct {
		Findings []struct {
			Check          string `json:"check"`
			File           string `json:"file"`
			Line           int    `json:"line"`
			Column         int    `json:"column"`
			EndLine        int    `json:"end_line"`
			EndColumn      int    `json:"end_column"`
			Message        string `json:"message"`
			Fix            string `json:"fix"`
			SuggestedFixes []struct {
				Message string `json:"message"`
				Edits   []edit `json:"edits"`
			} `json:"suggested_fixes"`
		} `json:"findings"`
	}
	if err := dec.Decode(&out); err != nil {
		t.Fatal(err)
	}
	var text []string
	ends := 0
	for _, f := range out.Findings {
		pos := fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column)
		text = append(text, fmt.Sprintf("%s: %s (%s)", pos, f.Message, f.Check))
		manual, ok := wantManual[pos]
		switch {
		case !ok:
		case f.Fix != "fixable" && f.Fix != "manual":
			t.Errorf("%s: fix %q", pos, f.Fix)
		case manual && f.Fix != "manual", !manual && f.Fix != "fixable":
			t.Errorf("%s: fix %q, want manual=%v", pos, f.Fix, manual)
		}
		// The end is the start when the analyzer gave none (an unused
		// directive), as in go vet -json.
		if f.EndLine < f.Line || f.EndLine == f.Line && f.EndColumn < f.Column {
			t.Errorf("%s: end %d:%d before the start", pos, f.EndLine, f.EndColumn)
		}
		if f.EndLine > f.Line || f.EndColumn > f.Column {
			ends++
		}
		// A fixable finding carries its fix as edits whose lines and
		// columns are those of their byte offsets; a manual one none.
		if (f.Fix == "fixable") != (len(f.SuggestedFixes) == 1) {
			t.Errorf("%s: %s with %d suggested fixes", pos, f.Fix, len(f.SuggestedFixes))
			continue
		}
		for _, sf := range f.SuggestedFixes {
			if sf.Message == "" || len(sf.Edits) == 0 {
				t.Errorf("%s: suggested fix %+v", pos, sf)
			}
			for _, e := range sf.Edits {
				src, err := os.ReadFile(filepath.Join(dir, e.Filename))
				if err != nil || e.Start > e.End || e.End > len(src) {
					t.Errorf("%s: edit %+v of a file of %d bytes (%v)", pos, e, len(src), err)
					continue
				}
				lineCol := func(off int) (int, int) {
					before := src[:off]
					return bytes.Count(before, []byte("\n")) + 1, off - (bytes.LastIndexByte(before, '\n') + 1) + 1
				}
				sl, sc := lineCol(e.Start)
				el, ec := lineCol(e.End)
				if e.StartLine != sl || e.StartColumn != sc || e.EndLine != el || e.EndColumn != ec {
					t.Errorf("%s: edit %+v; offsets %d-%d are %d:%d-%d:%d", pos, e, e.Start, e.End, sl, sc, el, ec)
				}
			}
		}
		// The fix of a raw key wraps it with the key function.
		if f.Check == "tenantcache" && f.Fix == "fixable" && !strings.Contains(fmt.Sprint(f.SuggestedFixes), "tenant.Key(ctx, ") {
			t.Errorf("%s: suggested fix %+v does not wrap the key", pos, f.SuggestedFixes)
		}
	}
	diffLines(t, "json findings", text, wantText)
	if ends == 0 {
		t.Error("no finding has an end after its start")
	}

	// A clean run is {"findings": []}, not null.
	clean := writeModule(t, map[string]string{"internal/service/service.go": "", "internal/jobs/jobs.go": "",
		"internal/cache/cache.go": cleanCache, "internal/models/models.go": "", "internal/billing/billing.go": "",
		"internal/repos/repos.go": ""})
	r = lint(t, clean, "--format=json")
	if r.code != 0 || strings.Join(strings.Fields(r.stdout), "") != `{"findings":[]}` {
		t.Errorf("clean module: exit %d, output %q, stderr %s", r.code, r.stdout, r.stderr)
	}
}

// cleanCache is internal/cache without the raw calls.
const cleanCache = `package cache

import "context"

type Store struct{ data map[string]string }

func (s *Store) Get(ctx context.Context, key string) (string, error) { return s.data[key], nil }

func (s *Store) Set(ctx context.Context, key, v string) error { return nil }

func (s *Store) Del(ctx context.Context, keys ...string) error { return nil }
`

// TestExitCodes: (d) and (h).
func TestExitCodes(t *testing.T) {
	t.Parallel()
	t.Run("clean", func(t *testing.T) {
		dir := writeModule(t, map[string]string{"internal/service/service.go": "", "internal/jobs/jobs.go": "",
			"internal/cache/cache.go": cleanCache, "internal/billing/billing.go": "",
			"internal/repos/repos.go": strings.Replace(e2eFiles["internal/repos/repos.go"],
				"Orders *tenant.Repository[models.Order]", "Orders   *tenant.Repository[models.Order]\n\tInvoices tenant.Repository[models.Invoice]", 1)})
		if r := lint(t, dir, "./..."); r.code != 0 || r.stdout != "" || r.stderr != "" {
			t.Errorf("clean module: exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
		}
	})
	oneError := func(t *testing.T, r result, re string) {
		t.Helper()
		if r.code != 2 {
			t.Errorf("exit %d, want 2", r.code)
		}
		if r.stdout != "" {
			t.Errorf("stdout: %s", r.stdout)
		}
		if ls := lines(r.stderr); len(ls) != 1 || !regexp.MustCompile(re).MatchString(ls[0]) {
			t.Errorf("stderr:\n%s\nwant one line matching %s", r.stderr, re)
		}
	}
	t.Run("bad config", func(t *testing.T) {
		dir := writeModule(t, map[string]string{".tenantlint.yaml": strings.Replace(e2eConfig, "gomemcache]", "memcached]", 1)})
		oneError(t, lint(t, dir, "./..."),
			`^tenantlint: .*/\.tenantlint\.yaml:14:23: cache\.presets: unknown preset "memcached" \(known: [a-z, -]+\)$`)
		testfs.WriteFile(t, filepath.Join(dir, ".tenantlint.yaml"), strings.Replace(e2eConfig, "models:\n", "models:\n  marker: [x.y/z.W]\n", 1))
		oneError(t, lint(t, dir, "./..."), `^tenantlint: .*/\.tenantlint\.yaml:3:3: unknown key "marker" in models`)
		testfs.WriteFile(t, filepath.Join(dir, ".tenantlint.yaml"), strings.Replace(e2eConfig, "  scope: module\n",
			"  scope: module\n  methods:\n    - {tenant_param: [orgID], tenant_method: NetworkID}\n", 1))
		oneError(t, lint(t, dir, "./..."), `^tenantlint: .*/\.tenantlint\.yaml:9:7: repository\.methods: an entry has either tenant_param or tenant_method, not both$`)
	})
	t.Run("config that does not match the code", func(t *testing.T) {
		dir := writeModule(t, map[string]string{".tenantlint.yaml": strings.Replace(e2eConfig, "Set: {key: 1}", "Put: {key: 1}", 1)})
		oneError(t, lint(t, dir, "./..."),
			`^tenantlint: .*/\.tenantlint\.yaml:\d+:\d+: cache\.apis: example\.com/e2e/internal/cache\.Store has no method Put$`)
		testfs.WriteFile(t, filepath.Join(dir, ".tenantlint.yaml"), strings.Replace(e2eConfig, "tenant.Key\n", "tenant.FromContext\n", 1))
		oneError(t, lint(t, dir, "./..."),
			`^tenantlint: .*/\.tenantlint\.yaml:12:13: cache\.key_func: example\.com/e2e/internal/tenant\.FromContext has signature func\(ctx context\.Context\) string; it must be`)
		testfs.WriteFile(t, filepath.Join(dir, ".tenantlint.yaml"), strings.Replace(e2eConfig, "fields: [TenantID]",
			"fields: [{name: TenantID, type: example.com/e2e/internal/tenant.ID}]", 1))
		oneError(t, lint(t, dir, "./..."),
			`^tenantlint: .*/\.tenantlint\.yaml:4:35: models\.fields\.type: ID is not a type in package example\.com/e2e/internal/tenant$`)
	})
	t.Run("no config", func(t *testing.T) {
		dir := writeModule(t, map[string]string{".tenantlint.yaml": ""})
		if p, err := config.Find(dir); err == nil {
			t.Skipf("%s above the temporary directory", p)
		}
		r := lint(t, dir, "./...")
		if r.code != 2 || r.stdout != "" {
			t.Errorf("exit %d, stdout %q", r.code, r.stdout)
		}
		if n := strings.Count(r.stderr, "no .tenantlint.yaml found"); n != 1 {
			t.Errorf("the not-found error appears %d times:\n%s", n, r.stderr)
		}
		oneError(t, r, `^tenantlint: no \.tenantlint\.yaml found .*; run `+"`tenantlint init`"+` in the module to write one$`)
		if !strings.Contains(r.stderr, dir) {
			t.Errorf("stderr lacks %q:\n%s", dir, r.stderr)
		}
	})
	t.Run("type error", func(t *testing.T) {
		dir := writeModule(t, map[string]string{"internal/models/bad.go": "package models\n\nvar X int = \"s\"\n"})
		oneError(t, lint(t, dir, "./..."),
			`^tenantlint: internal/models/bad\.go:3:13: cannot use "s" \(untyped string constant\) as int value`)
	})
	t.Run("usage", func(t *testing.T) {
		dir := writeModule(t, nil)
		oneError(t, lint(t, dir, "--format", "xml", "./..."), `^tenantlint: unknown --format "xml"`)
		oneError(t, lint(t, dir, "--checks", "tenantfoo"), `unknown check "tenantfoo"`)
		oneError(t, lint(t, dir, "--no-such-flag"), `^tenantlint: unknown flag: --no-such-flag \(see tenantlint --help\)$`)
		oneError(t, lint(t, dir, "./nowhere/..."), `nowhere`)
	})
	t.Run("vet protocol", func(t *testing.T) {
		dir := writeModule(t, nil)
		r := lint(t, dir, "-flags")
		var flags []struct{ Name string }
		if err := json.Unmarshal([]byte(r.stdout), &flags); err != nil || r.code != 0 {
			t.Fatalf("-flags: exit %d, %v\n%s", r.code, err, r.stdout)
		}
		var names []string
		for _, f := range flags {
			names = append(names, f.Name)
		}
		for _, want := range []string{"V", "json", "tenantrepo.config", "tenantcache.config"} {
			if !slices.Contains(names, want) {
				t.Errorf("-flags lacks %s: %v", want, names)
			}
		}
		version := func() string {
			t.Helper()
			r := lint(t, dir, "-V=full")
			if r.code != 0 || !regexp.MustCompile(`^tenantlint version devel .*buildID=[0-9a-f]{64}\n$`).MatchString(r.stdout) {
				t.Fatalf("-V=full: exit %d, %q %s", r.code, r.stdout, r.stderr)
			}
			return r.stdout
		}
		v1 := version()
		if v2 := version(); v2 != v1 {
			t.Errorf("-V=full changed with nothing edited: %s then %s", v1, v2)
		}
		edit(t, dir, ".tenantlint.yaml", "tests: true", "tests: true # edited")
		if v3 := version(); v3 == v1 {
			t.Errorf("-V=full did not change when .tenantlint.yaml did: %s", v3)
		}
	})
	t.Run("--config", func(t *testing.T) {
		dir := writeModule(t, nil)
		alt := filepath.Join(t.TempDir(), "alt.yaml")
		testfs.WriteFile(t, alt, e2eConfig[:strings.Index(e2eConfig, "  apis:")]+"ignore:\n  packages: [example.com/e2e/internal/billing]\n")
		r := lint(t, dir, "--config", alt)
		var want []string
		for _, l := range wantText {
			if strings.HasSuffix(l, "(tenantrepo)") && !strings.HasPrefix(l, "internal/billing/") {
				want = append(want, l)
			}
		}
		var got []string
		for _, l := range lines(r.stdout) {
			if strings.HasSuffix(l, "(tenantrepo)") {
				got = append(got, l)
			} else if !strings.Contains(l, "unused //tenantlint:ignore directive") {
				t.Errorf("a finding the --config file does not ask for: %s", l)
			}
		}
		if r.code != 1 {
			t.Errorf("exit %d: %s", r.code, r.stderr)
		}
		diffLines(t, "--config", got, want)
	})
	// TENANTLINT_CONFIG names the file for the standalone driver too,
	// not only under go vet: found on ory/kratos (docs/real-world), where
	// the config lives outside the module and the run said no
	// .tenantlint.yaml was found.
	t.Run("TENANTLINT_CONFIG standalone", func(t *testing.T) {
		dir := writeModule(t, nil)
		if err := os.Remove(filepath.Join(dir, ".tenantlint.yaml")); err != nil {
			t.Fatal(err)
		}
		alt := filepath.Join(t.TempDir(), "alt.yaml")
		testfs.WriteFile(t, alt, e2eConfig)
		r := runCmdEnv(t, dir, []string{"TENANTLINT_CONFIG=" + alt}, tenantlint, "./...")
		if r.code != 1 {
			t.Fatalf("want exit 1 with findings, got %d: %s", r.code, r.stderr)
		}
		diffLines(t, "TENANTLINT_CONFIG", lines(r.stdout), wantText)
	})
	t.Run("relative paths", func(t *testing.T) {
		dir := writeModule(t, nil)
		r := lint(t, filepath.Join(dir, "internal", "service"), ".", "../jobs")
		want := []string{
			filepath.Join(dir, "internal", "jobs", "jobs.go") + ":12:9: cache.Store.Set key is not tenant-scoped; wrap it as tenant.Key(ctx, key) (tenantcache)",
		}
		for _, l := range wantText {
			if rest, ok := strings.CutPrefix(l, "internal/service/"); ok {
				want = append(want, rest)
			}
		}
		slices.Sort(want)
		if r.code != 1 {
			t.Errorf("exit %d: %s", r.code, r.stderr)
		}
		diffLines(t, "output from a package directory", lines(r.stdout), want)
	})
}

// TestVetCache: (e) editing .tenantlint.yaml changes the next go vet
// run's findings, and (f) so does adding a repository in another package
// than the model's, though the model's package did not change. After
// every edit, go vet agrees with the standalone run.
func TestVetCache(t *testing.T) {
	t.Parallel()
	dir := writeModule(t, nil)
	step := func(name string, want []string) {
		t.Helper()
		got := vet(t, dir)
		diffLines(t, name+": go vet", got, want)
		diffLines(t, name+": standalone", standalone(t, dir), want)
	}
	base := stripChecks(wantText)
	step("initial", base)

	const country = `internal/models/models.go:25:6: Country is tenant-scoped (has field Code) but has no tenant-aware repository; declare one at package level, e.g. var CountryRepo = tenant.NewRepository[Country]("countries")`
	edit(t, dir, ".tenantlint.yaml", "fields: [TenantID]", "fields: [TenantID, Code]")
	withCountry := append(slices.Clone(base), country)
	slices.Sort(withCountry)
	step("field added to models.fields", withCountry)

	edit(t, dir, ".tenantlint.yaml", "        Del: {key: 1, variadic: true}\n", "")
	var noDel []string
	for _, l := range withCountry {
		if !strings.Contains(l, "cache.Store.Del") {
			noDel = append(noDel, l)
		}
	}
	if len(noDel) != len(withCountry)-1 {
		t.Fatalf("expected one Del finding in %q", withCountry)
	}
	step("method removed from cache.apis", noDel)

	edit(t, dir, "internal/repos/repos.go", "// Stores groups", "// Invoices stores invoices.\nvar Invoices = tenant.NewRepository[models.Invoice](\"invoices\")\n\n// Stores groups")
	var noInvoice []string
	for _, l := range noDel {
		if !strings.Contains(l, "Invoice is tenant-scoped") {
			noInvoice = append(noInvoice, l)
		}
	}
	step("repository added in another package", noInvoice)

	// Checking tests changes how both modes load packages.
	edit(t, dir, ".tenantlint.yaml", "tests: true", "tests: false")
	got := vet(t, dir)
	diffLines(t, "tests checked: standalone", standalone(t, dir), got)
	var added []string
	for _, l := range got {
		if !slices.Contains(noInvoice, l) {
			added = append(added, l)
		}
	}
	if len(added) != 1 || !strings.HasPrefix(added[0], "internal/service/service_test.go:12:2: cache.Store.Get key is not tenant-scoped") || len(got) != len(noInvoice)+1 {
		t.Errorf("tests checked: go vet added %q, want the call in service_test.go", added)
	}
}

// TestFix: (g) go fix -fixtool applies the fixable findings; the module
// still builds, is gofmt-clean, and only the manual findings remain.
func TestFix(t *testing.T) {
	t.Parallel()
	dir := writeModule(t, nil)
	r := runCmd(t, dir, "go", "fix", "-fixtool="+tenantlint, "./...")
	if r.code != 0 {
		t.Fatalf("go fix: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	buildsAndFormatted(t, dir, "go fix")
	for name, want := range map[string][]string{
		"internal/billing/billing.go": {`import "example.com/e2e/internal/tenant"`, `var PaymentRepo = tenant.NewRepository[Payment]("payments")`},
		"internal/models/models.go":   {`var InvoiceRepo = tenant.NewRepository[Invoice]("invoices")`},
		"internal/jobs/jobs.go":       {`"example.com/e2e/internal/tenant"`, `s.Set(ctx, tenant.Key(ctx, "job:"+id), "done")`},
		"internal/service/service.go": {`s.store.Get(ctx, tenant.Key(ctx, "user:"+id))`, `s.store.Del(ctx, tenant.Key(ctx, "user:"+id), tenant.Key(ctx, "orders:"+id))`},
	} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(string(data), w) {
				t.Errorf("%s after go fix lacks %s:\n%s", name, w, data)
			}
		}
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "internal/cache/cache.go")); string(data) != e2eFiles["internal/cache/cache.go"] {
		t.Errorf("go fix changed internal/cache/cache.go, whose findings are manual:\n%s", data)
	}

	// What remains is the manual findings, nothing else (positions in
	// fixed files may have moved).
	var want []string
	for _, l := range wantText {
		pos, msg, _ := strings.Cut(l, ": ")
		if wantManual[pos] {
			file, _, _ := strings.Cut(pos, ":")
			want = append(want, file+": "+msg)
		}
	}
	r = lint(t, dir, "--format", "json")
	var out struct {
		Findings []struct{ File, Message, Check, Fix string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("%v: %s%s", err, r.stdout, r.stderr)
	}
	var got []string
	for _, f := range out.Findings {
		if f.Fix != "manual" {
			t.Errorf("after go fix, a %s finding remains: %s: %s", f.Fix, f.File, f.Message)
		}
		got = append(got, fmt.Sprintf("%s: %s (%s)", f.File, f.Message, f.Check))
	}
	slices.Sort(got)
	slices.Sort(want)
	diffLines(t, "findings after go fix", got, want)
}

// buildsAndFormatted checks that the module in dir builds and is
// gofmt-clean after what (a fixer) changed it.
func buildsAndFormatted(t *testing.T, dir, what string) {
	t.Helper()
	if r := runCmd(t, dir, "go", "build", "./..."); r.code != 0 {
		t.Fatalf("go build after %s: %s", what, r.stderr)
	}
	if r := runCmd(t, dir, "gofmt", "-l", "."); r.code != 0 || r.stdout != "" {
		t.Errorf("gofmt -l after %s: exit %d\n%s%s", what, r.code, r.stdout, r.stderr)
	}
}

// TestResultCache: a standalone run whose inputs did not change replays
// the findings of the previous one (proved by planting a finding in the
// cached result); any edit to a Go file, or --no-cache, analyzes again.
func TestResultCache(t *testing.T) {
	t.Parallel()
	dir := writeModule(t, nil)
	// Files written just now are racy: no result is stored for them.
	if r := lint(t, dir); r.code != 1 {
		t.Fatalf("exit %d", r.code)
	}
	testfs.Backdate(t, dir)
	first := lint(t, dir)
	files := resultFiles(t)
	if len(files) != 1 {
		t.Fatalf("cached results: %v", files)
	}
	plantFinding(t, files[0], dir)

	replay := lint(t, dir)
	if !strings.Contains(replay.stdout, "go.mod:1:1: planted (tenantcache)") || replay.code != first.code {
		t.Fatalf("an unchanged module was analyzed again instead of replayed:\n%s", replay.stdout)
	}
	fresh := lint(t, dir, "--no-cache")
	if fresh.stdout != first.stdout {
		t.Errorf("--no-cache:\n%s\nwant:\n%s", fresh.stdout, first.stdout)
	}
	// A same-size edit: the file is racy (and its time changed), so the
	// module is analyzed again.
	edit(t, dir, "internal/service/service.go", "func (s *Service) Scoped(", "func (s *Service) Scopex(")
	edited := lint(t, dir)
	if strings.Contains(edited.stdout, "planted") || edited.stdout == "" {
		t.Errorf("an edited module replayed stale findings:\n%s", edited.stdout)
	}
}

// TestFormats: every --format on the same findings, run from a
// subdirectory so that wd-relative and module-relative paths differ.
func TestFormats(t *testing.T) {
	t.Parallel()
	dir := writeModule(t, nil)
	sub := filepath.Join(dir, "internal")
	text := lint(t, sub, "./...")
	if text.code != 1 {
		t.Fatalf("text: exit %d\n%s", text.code, text.stderr)
	}
	want := lines(text.stdout) // path:line:col: message (check), relative to sub

	t.Run("sarif", func(t *testing.T) {
		r := lint(t, sub, "--format", "sarif", "./...")
		var log struct {
			Version string `json:"version"`
			Runs    []struct {
				Results []struct {
					RuleID    string `json:"ruleId"`
					Message   struct{ Text string }
					Locations []struct {
						PhysicalLocation struct {
							ArtifactLocation struct {
								URI       string `json:"uri"`
								URIBaseID string `json:"uriBaseId"`
							} `json:"artifactLocation"`
							Region struct{ StartLine, StartColumn int } `json:"region"`
						} `json:"physicalLocation"`
					} `json:"locations"`
					PartialFingerprints map[string]string `json:"partialFingerprints"`
					Fixes               []struct {
						ArtifactChanges []struct {
							ArtifactLocation struct {
								URI string `json:"uri"`
							} `json:"artifactLocation"`
							Replacements []json.RawMessage `json:"replacements"`
						} `json:"artifactChanges"`
					} `json:"fixes"`
					Properties map[string]string `json:"properties"`
				} `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &log); err != nil || r.code != 1 || log.Version != "2.1.0" {
			t.Fatalf("exit %d, %v:\n%s\n%s", r.code, err, r.stdout, r.stderr)
		}
		var got []string
		for _, res := range log.Runs[0].Results {
			loc := res.Locations[0].PhysicalLocation
			if loc.ArtifactLocation.URIBaseID != "%SRCROOT%" || !strings.HasPrefix(loc.ArtifactLocation.URI, "internal/") {
				t.Errorf("artifact %+v is not module-relative", loc.ArtifactLocation)
			}
			if res.PartialFingerprints["primaryLocationLineHash"] == "" {
				t.Errorf("no fingerprint: %+v", res)
			}
			// Fixable findings carry their fix, on module files.
			if fixable := res.Properties["fix"] == "fixable"; fixable != (len(res.Fixes) == 1) ||
				fixable && (len(res.Fixes[0].ArtifactChanges) == 0 || len(res.Fixes[0].ArtifactChanges[0].Replacements) == 0 ||
					!strings.HasPrefix(res.Fixes[0].ArtifactChanges[0].ArtifactLocation.URI, "internal/")) {
				t.Errorf("%s result %+v: fixes %+v", res.Properties["fix"], loc, res.Fixes)
			}
			// The fixture is ASCII, so UTF-16 columns are byte columns.
			got = append(got, fmt.Sprintf("%s:%d:%d: %s (%s)", strings.TrimPrefix(loc.ArtifactLocation.URI, "internal/"),
				loc.Region.StartLine, loc.Region.StartColumn, res.Message.Text, res.RuleID))
		}
		diffLines(t, "sarif results", got, want)
	})

	t.Run("github", func(t *testing.T) {
		summary := filepath.Join(t.TempDir(), "summary.md")
		r := runCmdEnv(t, sub, []string{"GITHUB_STEP_SUMMARY=" + summary}, tenantlint, "--format", "github", "./...")
		if r.code != 1 {
			t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
		out := r.stdout
		var got []string
		ends := 0
		for _, l := range lines(string(out)) {
			if strings.HasPrefix(l, "::notice::") {
				continue
			}
			// End positions survive the result cache (this run replays
			// the text run's findings).
			m := regexp.MustCompile(`^::error file=([^,]+),line=(\d+),col=(\d+),(endLine=\d+,endColumn=\d+,)?title=(\w+)::(.*)$`).FindStringSubmatch(l)
			if m == nil {
				t.Fatalf("bad line %q", l)
			}
			if m[4] != "" {
				ends++
			}
			// Paths are module-relative: the module is in no git work tree.
			if !strings.HasPrefix(m[1], "internal/") {
				t.Errorf("annotation path %s is not module-relative", m[1])
			}
			got = append(got, fmt.Sprintf("%s:%s:%s: %s (%s)", strings.TrimPrefix(m[1], "internal/"), m[2], m[3], m[6], m[5]))
		}
		if ends == 0 {
			t.Errorf("no annotation has an end position:\n%s", out)
		}
		n := min(len(want), 10)
		diffLines(t, "github annotations", got, want[:n])
		if len(want) > 10 && !strings.Contains(string(out), fmt.Sprintf("::notice::tenantlint: %d of %d findings", len(want)-10, len(want))) {
			t.Errorf("no notice for the findings left out:\n%s", out)
		}
		data, err := os.ReadFile(summary)
		if err != nil {
			t.Fatal(err)
		}
		if rows := strings.Count(string(data), "\n| tenant"); rows != len(want) {
			t.Errorf("summary has %d rows, want %d:\n%s", rows, len(want), data)
		}
	})

	t.Run("checkstyle", func(t *testing.T) {
		r := lint(t, sub, "--format", "checkstyle", "./...")
		var doc struct {
			Version string `xml:"version,attr"`
			Files   []struct {
				Name   string `xml:"name,attr"`
				Errors []struct {
					Line    int    `xml:"line,attr"`
					Column  int    `xml:"column,attr"`
					Message string `xml:"message,attr"`
					Source  string `xml:"source,attr"`
				} `xml:"error"`
			} `xml:"file"`
		}
		if err := xml.Unmarshal([]byte(r.stdout), &doc); err != nil || r.code != 1 || doc.Version != "4.3" {
			t.Fatalf("exit %d, %v:\n%s", r.code, err, r.stdout)
		}
		var got []string
		for _, f := range doc.Files {
			if !strings.HasPrefix(f.Name, "internal/") {
				t.Errorf("checkstyle file %s is not module-relative", f.Name)
			}
			for _, e := range f.Errors {
				got = append(got, fmt.Sprintf("%s:%d:%d: %s (%s)", strings.TrimPrefix(f.Name, "internal/"), e.Line, e.Column, e.Message, strings.TrimPrefix(e.Source, "tenantlint.")))
			}
		}
		slices.Sort(got)
		w := slices.Clone(want)
		slices.Sort(w)
		diffLines(t, "checkstyle errors", got, w)
	})

	t.Run("junit", func(t *testing.T) {
		r := lint(t, sub, "--format", "junit", "./...")
		var doc struct {
			Failures int `xml:"failures,attr"`
			Suites   []struct {
				Name  string `xml:"name,attr"`
				Cases []struct {
					Name    string `xml:"name,attr"`
					Failure *struct {
						Message string `xml:"message,attr"`
					} `xml:"failure"`
				} `xml:"testcase"`
			} `xml:"testsuite"`
		}
		if err := xml.Unmarshal([]byte(r.stdout), &doc); err != nil || r.code != 1 {
			t.Fatalf("exit %d, %v:\n%s", r.code, err, r.stdout)
		}
		var got []string
		for _, s := range doc.Suites {
			for _, c := range s.Cases {
				if c.Failure != nil {
					got = append(got, fmt.Sprintf("%s: %s (%s)", c.Name, c.Failure.Message, s.Name))
				}
			}
		}
		slices.Sort(got)
		w := slices.Clone(want)
		slices.Sort(w)
		diffLines(t, "junit failures", got, w)
		if doc.Failures != len(want) {
			t.Errorf("failures=%d, want %d", doc.Failures, len(want))
		}
	})
}

// methodsFiles (testdata/methods.txtar) adds to the test module what
// issue 5's model and repository settings act on: an interface repository with a NetworkID
// method in a package apart from its model, a package-private store
// with an orgID parameter, fields matched by tag, and an excluded
// package of frozen model copies.
var methodsFiles = testfs.MustReadTxtar("testdata/methods.txtar")

// TestMethodsStandaloneAndVet: with models.fields tags, models.exclude
// and repository.methods, go vet (one package at a time, coverage from
// the index) reports exactly what the standalone run does, also after a
// repository in another package stops being one.
func TestMethodsStandaloneAndVet(t *testing.T) {
	t.Parallel()
	cfg := strings.NewReplacer(
		"  fields: [TenantID]\n",
		"  fields:\n    - TenantID\n    - {name: OrgID, tag: 'db:\"org_id'}\n  exclude: [example.com/e2e/internal/migrations/...]\n",
		"  scope: module\n",
		"  scope: module\n  methods:\n    - tenant_param: [orgID]\n    - tenant_method: NetworkID\n",
	).Replace(e2eConfig)
	over := map[string]string{".tenantlint.yaml": cfg}
	for k, v := range methodsFiles {
		over[k] = v
	}
	dir := writeModule(t, over)

	const team = `internal/models/org.go:4:6: Team is tenant-scoped (has field OrgID) but has no tenant-aware repository; declare one at package level, e.g. var TeamRepo = tenant.NewRepository[Team]("teams")`
	var want []string
	for _, l := range stripChecks(wantText) {
		if !strings.Contains(l, "Invoice is tenant-scoped") && !strings.Contains(l, "Payment is tenant-scoped") {
			want = append(want, l)
		}
	}
	if len(want) != len(wantText)-2 {
		t.Fatalf("expected the Invoice and Payment findings in %q", wantText)
	}
	want = append(want, team)
	slices.Sort(want)
	diffLines(t, "standalone", standalone(t, dir), want)
	diffLines(t, "go vet", vet(t, dir), want)

	// Without its NetworkID method Persister is no repository: Invoice
	// is reported again, though package models did not change.
	edit(t, dir, "internal/persist/persist.go", "\tNetworkID(ctx context.Context) string\n", "")
	var invoice string
	for _, l := range stripChecks(wantText) {
		if strings.Contains(l, "Invoice is tenant-scoped") {
			invoice = l
		}
	}
	want = append(want, invoice)
	slices.Sort(want)
	diffLines(t, "after the edit: go vet", vet(t, dir), want)
	diffLines(t, "after the edit: standalone", standalone(t, dir), want)
}

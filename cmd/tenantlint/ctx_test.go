package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/tenantlint/tenantlint/analyzers/tenantctx"
	"github.com/tenantlint/tenantlint/internal/testfs"
)

// ctxFiles (testdata/ctx.txtar) is a module with tenantctx findings.
var ctxFiles = testfs.MustReadTxtar("testdata/ctx.txtar")

// writeCtxModule writes ctxFiles under a new temporary directory, with
// .tenantlint.yaml's old replaced by new when old is not empty.
func writeCtxModule(t *testing.T, old, new string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range ctxFiles {
		if name == ".tenantlint.yaml" && old != "" {
			if strings.Count(src, old) != 1 {
				t.Fatalf("%q does not occur once in .tenantlint.yaml", old)
			}
			src = strings.Replace(src, old, new, 1)
		}
		testfs.WriteFile(t, filepath.Join(dir, name), src)
	}
	return dir
}

// wantCtx is the standalone output on ctxFiles: each kind of sink (a
// ctx.sinks function and method, a repository method, a helper in
// another package that passes its context on), a local derived only
// from Background, a goroutine that sees r.Context(), and a manual fix;
// the suppressed call, the kept contexts and the command's main are
// quiet.
var wantCtx = []string{
	"app/app.go:24:6: Payment is tenant-scoped (has field TenantID) but has no tenant-aware repository; declare a package-level var of type store.Repository[Payment] (tenantrepo)",
	"app/app.go:30:12: context.Background() passed to audit.Log drops the tenant carried by ctx; pass ctx (tenantctx)",
	"app/app.go:31:13: context.TODO() passed to audit.Store.Save drops the tenant carried by ctx; pass ctx (tenantctx)",
	"app/app.go:32:20: context.Background() passed to store.Repository.Get drops the tenant carried by ctx; pass ctx (tenantctx)",
	"app/app.go:33:17: context.Background() passed to helpers.Record (which passes it to audit.Log) drops the tenant carried by ctx; pass ctx (tenantctx)",
	"app/app.go:37:12: c (from context.Background()) passed to audit.Log drops the tenant carried by ctx; derive it from ctx (tenantctx)",
	"app/app.go:49:13: context.Background() passed to audit.Log drops the tenant carried by r.Context(); pass context.WithoutCancel(r.Context()) (tenantctx)",
	"app/app.go:57:13: ctx (from context.Background()) passed to audit.Log drops the tenant carried by ctx; derive it from ctx (manual fix: a declaration of ctx hides the ctx that carries the tenant; rename it) (tenantctx)",
}

// ofCheck returns the lines of want that end in " (check)".
func ofCheck(want []string, check string) []string {
	var out []string
	for _, l := range want {
		if strings.HasSuffix(l, " ("+check+")") {
			out = append(out, l)
		}
	}
	return out
}

// TestTenantCtx: standalone and go vet -vettool report the same tenantctx
// findings (the helper's sink crosses packages through facts in both);
// --checks selects tenantctx alone or leaves it out; SARIF describes
// the tenantctx rule; the inventory counts the sink calls.
func TestTenantCtx(t *testing.T) {
	t.Parallel()
	dir := writeCtxModule(t, "", "")

	r := lint(t, dir, "./...")
	if r.code != 1 || r.stderr != "" {
		t.Errorf("exit %d, want 1; stderr:\n%s", r.code, r.stderr)
	}
	diffLines(t, "standalone", lines(r.stdout), wantCtx)
	diffLines(t, "go vet -vettool", vet(t, dir), stripChecks(wantCtx))

	r = lint(t, dir, "--checks", "tenantctx", "./...")
	if r.code != 1 {
		t.Errorf("--checks tenantctx: exit %d: %s", r.code, r.stderr)
	}
	diffLines(t, "--checks tenantctx", lines(r.stdout), ofCheck(wantCtx, "tenantctx"))
	r = lint(t, dir, "--checks", "tenantrepo,tenantcache", "./...")
	diffLines(t, "--checks tenantrepo,tenantcache", lines(r.stdout), ofCheck(wantCtx, "tenantrepo"))

	r = lint(t, dir, "--format", "sarif", "./...")
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID               string                `json:"id"`
						ShortDescription struct{ Text string } `json:"shortDescription"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("sarif: exit %d, %v\n%s%s", r.code, err, r.stdout, r.stderr)
	}
	var short string
	for _, rule := range log.Runs[0].Tool.Driver.Rules {
		if rule.ID == tenantctx.Name {
			short = rule.ShortDescription.Text
		}
	}
	if short != tenantctx.Rule.Short || short == "" {
		t.Errorf("sarif rule %s: short description %q, want %q", tenantctx.Name, short, tenantctx.Rule.Short)
	}
	var got []string
	for _, f := range sarifFindings(t, r.stdout) {
		if strings.HasSuffix(f, " (tenantctx)") {
			got = append(got, f)
		}
	}
	var want []string
	for _, l := range ofCheck(wantCtx, "tenantctx") {
		pos, _, _ := strings.Cut(l, ": ")
		want = append(want, pos+" (tenantctx)")
	}
	diffLines(t, "sarif tenantctx results", got, want)

	r = lint(t, dir, "--inventory")
	if r.code != 0 || !strings.Contains(r.stdout, "\nTenant contexts at sink calls: 11 (kept 3, dropped fixable 6, dropped manual 1, suppressed 1)\n") ||
		!regexp.MustCompile(`(?m)^example\.com/ctxmod/app +10 +2 +6 +1 +1$`).MatchString(r.stdout) {
		t.Errorf("--inventory: exit %d, tenant contexts not counted as wanted:\n%s%s", r.code, r.stdout, r.stderr)
	}
}

var (
	tenantfixOnce sync.Once
	tenantfixBin  string
	tenantfixErr  error
)

// tenantfix builds the fixer once for the tests that need it.
func tenantfix(t *testing.T) string {
	t.Helper()
	tenantfixOnce.Do(func() {
		bin := filepath.Join(sharedDir, "bin", "tenantfix")
		out, err := exec.Command("go", "build", "-o", bin, "../tenantfix").CombinedOutput()
		if err != nil {
			tenantfixErr = err
			tenantfixBin = string(out)
			return
		}
		tenantfixBin = bin
	})
	if tenantfixErr != nil {
		t.Fatalf("building tenantfix: %v\n%s", tenantfixErr, tenantfixBin)
	}
	return tenantfixBin
}

// TestTenantCtxFix: tenantfix --dry-run shows tenantctx's fixes and
// writes nothing; tenantfix applies them, the module builds and is
// gofmt-clean, and only the manual findings remain.
func TestTenantCtxFix(t *testing.T) {
	t.Parallel()
	dir := writeCtxModule(t, "", "")
	fix := tenantfix(t)
	app := filepath.Join(dir, "app", "app.go")

	r := runCmd(t, dir, fix, "--dry-run", "./...")
	if r.code != 0 {
		t.Fatalf("--dry-run: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{
		"-\taudit.Log(context.Background(), \"handle\")\n", "+\taudit.Log(ctx, \"handle\")\n",
		"+\t_ = s.Save(ctx, id)\n", "+\t_, _ = Orders.Get(ctx, id)\n", "+\thelpers.Record(ctx, id)\n",
		"-\tc, cancel := context.WithTimeout(context.Background(), time.Second)\n+\tc, cancel := context.WithTimeout(ctx, time.Second)\n",
		"+\t\taudit.Log(context.WithoutCancel(r.Context()), \"async\")\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("--dry-run diff lacks %q:\n%s", want, r.stdout)
		}
	}
	if out := r.stdout + r.stderr; !strings.Contains(out, "6 contexts to pass") {
		t.Errorf("--dry-run summary does not count 6 contexts to pass:\n%s", out)
	}
	if data, _ := os.ReadFile(app); string(data) != ctxFiles["app/app.go"] {
		t.Errorf("--dry-run changed app/app.go:\n%s", data)
	}

	r = runCmd(t, dir, fix, "./...")
	if r.code != 0 {
		t.Fatalf("tenantfix: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	buildsAndFormatted(t, dir, "tenantfix")
	data, err := os.ReadFile(app)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\taudit.Log(ctx, \"handle\")\n", "c, cancel := context.WithTimeout(ctx, time.Second)",
		"audit.Log(context.WithoutCancel(r.Context()), \"async\")", "audit.Log(context.Background(), \"platform\")"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("app/app.go after tenantfix lacks %q:\n%s", want, data)
		}
	}
	var manual []string
	for _, l := range wantCtx {
		if strings.Contains(l, "(manual fix:") || strings.HasSuffix(l, "(tenantrepo)") {
			manual = append(manual, l)
		}
	}
	r = lint(t, dir, "./...")
	diffLines(t, "findings after tenantfix", lines(r.stdout), manual)
}

// TestTenantCtxBadSink: a ctx.sinks entry that names no method stops
// the standalone run and tenantfix with exit 2 and one line naming the
// entry's file:line:col, and writes nothing. Under go vet each package
// that sees the sink's package is a separate run of the tool, so each
// reports the same line once and go vet exits 1 (the go command's code
// for a failed tool, as for every configuration error in vet mode).
func TestTenantCtxBadSink(t *testing.T) {
	t.Parallel()
	dir := writeCtxModule(t, "audit.Store.Save", "audit.Store.Nope")
	const msg = `\.tenantlint\.yaml:9:7: ctx\.sinks: example\.com/ctxmod/audit\.Store\.Nope: Store has no method Nope`

	r := lint(t, dir, "./...")
	if ls := lines(r.stderr); r.code != 2 || r.stdout != "" || len(ls) != 1 || !regexp.MustCompile(`^tenantlint: .*/`+msg+`$`).MatchString(ls[0]) {
		t.Errorf("tenantlint: exit %d, stdout %q, stderr:\n%s\nwant exit 2 and one line naming the entry", r.code, r.stdout, r.stderr)
	}

	r = runCmd(t, dir, tenantfix(t), "./...")
	if ls := lines(r.stderr); r.code != 2 || r.stdout != "" || len(ls) != 1 || !regexp.MustCompile(`^tenantfix: .*/`+msg+`; nothing was changed$`).MatchString(ls[0]) {
		t.Errorf("tenantfix: exit %d, stdout %q, stderr:\n%s\nwant exit 2 and one line naming the entry", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, ".tenantfix")); !os.IsNotExist(err) {
		t.Errorf("tenantfix left a backup folder after refusing: %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "app", "app.go")); string(data) != ctxFiles["app/app.go"] {
		t.Errorf("tenantfix changed app/app.go")
	}

	// go vet: the package whose analysis fails on the entry (audit, the
	// first to see it) reports it once and its run exits 1, so that go vet
	// stores nothing and every run fails again; the packages that import
	// it say they were not analyzed, since go vet has no facts of a failed
	// package to give them.
	r = runCmd(t, dir, "go", "vet", "-vettool="+tenantlint, "./...")
	line := regexp.MustCompile(`^tenantlint: .*` + msg + `$`)
	notAnalyzed := regexp.MustCompile(`^tenantlint: example\.com/ctxmod/[a-z/]+ not analyzed: the analysis of [a-z./, ]*example\.com/ctxmod/[a-z/]+, which it imports, failed$`)
	reported := 0
	for _, l := range lines(r.stderr) {
		switch {
		case strings.HasPrefix(l, "# "), notAnalyzed.MatchString(l):
		case line.MatchString(l):
			reported++
		default:
			t.Errorf("go vet: a line that is neither the entry's error nor a package not analyzed: %s", l)
		}
	}
	if r.code == 0 || reported != 1 || !strings.Contains(r.stderr, "# example.com/ctxmod/audit\ntenantlint: ") {
		t.Errorf("go vet: exit %d, stderr:\n%s\nwant a failure naming the entry once, in example.com/ctxmod/audit", r.code, r.stderr)
	}
}

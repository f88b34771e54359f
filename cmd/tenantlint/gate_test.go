package main

// End-to-end tests of the baseline (--write-baseline, --baseline) and of
// --new-from-rev on the test module, committed to a git repository.

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

// gitCommit makes dir a git repository (when it is not one yet) and
// commits everything in it.
func gitCommit(t *testing.T, dir, msg string) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dir, ".git")); err != nil {
		mustRun(t, dir, "git", "init", "-q", "-b", "main")
	}
	mustRun(t, dir, "git", "add", "-A")
	mustRun(t, dir, "git", "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", msg)
}

func mustRun(t *testing.T, dir, name string, args ...string) {
	t.Helper()
	if r := runCmd(t, dir, name, args...); r.code != 0 {
		t.Fatalf("%s %s: exit %d\n%s%s", name, strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
}

// expectRun fails the test unless a tenantlint run printed exactly
// stdout and stderr and exited with code.
func expectRun(t *testing.T, r result, code int, stdout, stderr string) {
	t.Helper()
	if r.code != code || r.stdout != stdout || r.stderr != stderr {
		t.Errorf("exit %d, want %d\nstdout:\n%s\nwant:\n%s\nstderr:\n%s\nwant:\n%s", r.code, code, r.stdout, stdout, r.stderr, stderr)
	}
}

// textOf joins findings as text output.
func textOf(fs ...string) string {
	if len(fs) == 0 {
		return ""
	}
	return strings.Join(fs, "\n") + "\n"
}

// jsonFindings decodes --format json output as text lines.
func jsonFindings(t *testing.T, out string) []string {
	t.Helper()
	var doc struct {
		Findings []struct {
			Check, File, Message string
			Line, Column         int
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("json output: %v\n%s", err, out)
	}
	got := []string{}
	for _, f := range doc.Findings {
		got = append(got, f.File+":"+strconv.Itoa(f.Line)+":"+strconv.Itoa(f.Column)+": "+f.Message+" ("+f.Check+")")
	}
	return got
}

// sarifFindings decodes --format sarif output as "uri:line:col (rule)".
func sarifFindings(t *testing.T, out string) []string {
	t.Helper()
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string } `json:"artifactLocation"`
						Region           struct{ StartLine, StartColumn int }
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("sarif output: %v\n%s", err, out)
	}
	got := []string{}
	for _, r := range log.Runs[0].Results {
		l := r.Locations[0].PhysicalLocation
		got = append(got, l.ArtifactLocation.URI+":"+strconv.Itoa(l.Region.StartLine)+":"+strconv.Itoa(l.Region.StartColumn)+" ("+r.RuleID+")")
	}
	return got
}

// baselineEdits are edits that must not resurrect a baselined finding
// (lines added above, a function moved, a call reformatted as gofmt
// keeps it), one that fixes a finding (Refresh's key) and one that adds
// a second identical raw call to User.
func baselineEdits(t *testing.T, dir string) {
	t.Helper()
	const service = "internal/service/service.go"
	edit(t, dir, service, "// Service serves users.", "// Lines added above every finding.\nconst prefix = \"user:\"\n\n// Service serves users.")
	forget := "// Forget removes a user's entries.\nfunc (s *Service) Forget(ctx context.Context, id string) error {\n\treturn s.store.Del(ctx, tenant.Key(ctx, \"user:\"+id), \"orders:\"+id)\n}\n\n"
	edit(t, dir, service, forget, "")
	testfs.WriteFile(t, filepath.Join(dir, service), testfs.ReadFile(t, filepath.Join(dir, service))+"\n"+strings.TrimSuffix(forget, "\n"))
	edit(t, dir, service, `return s.Set(context.Background(), "warm", "1")`, "return s.Set(\n\t\tcontext.Background(),\n\t\t\"warm\",\n\t\t\"1\",\n\t)")
	edit(t, dir, service, "\treturn s.store.Get(ctx, \"user:\"+id)\n", "\ts.store.Get(ctx, \"user:\"+id)\n\treturn s.store.Get(ctx, \"user:\"+id)\n")
	edit(t, dir, "internal/jobs/jobs.go", `return s.Set(ctx, "job:"+id, "done")`, `return s.Set(ctx, tenant.Key(ctx, "job:"+id), "done")`)
	edit(t, dir, "internal/jobs/jobs.go", "\"example.com/e2e/internal/cache\"\n", "\"example.com/e2e/internal/cache\"\n\t\"example.com/e2e/internal/tenant\"\n")
}

// The second of two identical calls is the new finding.
const newDuplicate = `internal/service/service.go:23:9: cache.Store.Get key is not tenant-scoped; wrap it as tenant.Key(ctx, key) (tenantcache)`

func TestBaseline(t *testing.T) {
	t.Parallel()
	dir := writeModule(t, nil)
	const base = ".tenantlint-baseline.json"

	w := lint(t, dir, "--write-baseline", base)
	expectRun(t, w, 0, "", "tenantlint: wrote 9 findings to baseline .tenantlint-baseline.json\n")
	var file struct {
		Version  int
		Findings []struct{ Check, File, Decl, Fingerprint, Message string }
	}
	if err := json.Unmarshal([]byte(testfs.ReadFile(t, filepath.Join(dir, base))), &file); err != nil {
		t.Fatal(err)
	}
	var entries []string
	for _, e := range file.Findings {
		entries = append(entries, e.File+" "+e.Check+" "+e.Decl)
	}
	diffLines(t, "baseline entries", entries, []string{
		"internal/billing/billing.go tenantrepo type Payment",
		"internal/cache/cache.go tenantcache func (*Store).Touch",
		"internal/cache/cache.go tenantcache func (*Store).Touch",
		"internal/jobs/jobs.go tenantcache func Refresh",
		"internal/models/models.go tenantrepo type Invoice",
		"internal/service/service.go tenantcache func (*Service).Forget",
		"internal/service/service.go tenantcache func (*Service).Ping",
		"internal/service/service.go tenantcache func (*Service).User",
		"internal/service/service.go tenantcache func Warm",
	})
	if file.Version != 1 || file.Findings[0].Message == "" {
		t.Errorf("baseline file: %+v", file)
	}

	expectRun(t, lint(t, dir, "--baseline", base), 0, "",
		"tenantlint: baseline .tenantlint-baseline.json: 9 known findings not reported, 0 recorded findings gone\n")

	baselineEdits(t, dir)
	wantNote := "tenantlint: baseline .tenantlint-baseline.json: 8 known findings not reported, 1 recorded finding gone (--write-baseline .tenantlint-baseline.json drops it)\n"
	expectRun(t, lint(t, dir, "--baseline", base), 1, textOf(newDuplicate), wantNote)

	r := lint(t, dir, "--baseline", base, "--format", "json")
	diffLines(t, "json", jsonFindings(t, r.stdout), []string{newDuplicate})
	expectRun(t, r, 1, r.stdout, wantNote)

	r = lint(t, dir, "--baseline", base, "--format", "sarif")
	diffLines(t, "sarif", sarifFindings(t, r.stdout), []string{"internal/service/service.go:23:9 (tenantcache)"})
	expectRun(t, r, 1, r.stdout, wantNote)

	// From a subdirectory that holds every package: the keys are
	// module-relative, the baseline path and the output relative to the
	// working directory.
	sub := filepath.Join(dir, "internal")
	expectRun(t, lint(t, sub, "--baseline", "../"+base, "./..."), 1,
		textOf(strings.TrimPrefix(newDuplicate, "internal/")),
		"tenantlint: baseline ../.tenantlint-baseline.json: 8 known findings not reported, 1 recorded finding gone (--write-baseline ../.tenantlint-baseline.json drops it)\n")

	// Writing again prunes the fixed finding and records the new one.
	expectRun(t, lint(t, dir, "--write-baseline", base), 0, "",
		"tenantlint: wrote 9 findings to baseline .tenantlint-baseline.json (1 new, 1 gone since it was last written)\n")
	expectRun(t, lint(t, dir, "--baseline", base, "--format", "json"), 0, "{\n  \"findings\": []\n}\n",
		"tenantlint: baseline .tenantlint-baseline.json: 9 known findings not reported, 0 recorded findings gone\n")

	// A run of one check neither counts the other's entries as gone
	// nor drops them.
	expectRun(t, lint(t, dir, "--write-baseline", base, "--checks", "tenantrepo"), 0, "",
		"tenantlint: wrote 2 findings to baseline .tenantlint-baseline.json (0 new, 0 gone since it was last written); kept 7 findings of checks that did not run\n")
	expectRun(t, lint(t, dir, "--baseline", base), 0, "",
		"tenantlint: baseline .tenantlint-baseline.json: 9 known findings not reported, 0 recorded findings gone\n")
}

func TestBaselineErrors(t *testing.T) {
	t.Parallel()
	dir := writeModule(t, nil)
	testfs.WriteFile(t, filepath.Join(dir, "corrupt.json"), "{\"version\": 1,\n\"findings\": [}\n")
	testfs.WriteFile(t, filepath.Join(dir, "future.json"), `{"version": 7, "findings": []}`)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--baseline", "corrupt.json"}, "tenantlint: corrupt.json: not a tenantlint baseline: line 2, column 14: invalid character '}' looking for beginning of value\n"},
		{[]string{"--baseline", "future.json"}, "tenantlint: future.json: baseline version 7 is not supported (this tenantlint reads version 1; regenerate it with --write-baseline)\n"},
		{[]string{"--baseline", "missing.json"}, "tenantlint: reading baseline: open missing.json: no such file or directory\n"},
		{[]string{"--baseline", "corrupt.json", "--write-baseline", "b.json"}, "tenantlint: --write-baseline records every finding; it does not combine with --baseline or --new-from-rev\n"},
		{[]string{"--write-baseline", filepath.Join("no", "such", "dir", "b.json")}, "tenantlint: writing baseline: open no/such/dir/"},
	} {
		r := lint(t, dir, c.args...)
		if r.code != 2 || r.stdout != "" || !strings.HasPrefix(r.stderr, c.want) || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("tenantlint %s: exit %d, stderr %q, want exit 2 and %q", strings.Join(c.args, " "), r.code, r.stderr, c.want)
		}
	}
}

func TestNewFromRev(t *testing.T) {
	t.Parallel()
	dir := writeModule(t, nil)
	gitCommit(t, dir, "initial")
	// A plain run first: the gated runs below replay its cached findings
	// and must still filter them.
	if r := lint(t, dir); r.code != 1 {
		t.Fatalf("plain run: exit %d\n%s", r.code, r.stderr)
	}
	expectRun(t, lint(t, dir, "--new-from-rev", "HEAD"), 0, "",
		"tenantlint: new-from-rev HEAD: 9 findings on lines not changed since then not reported\n")

	// Since HEAD: a changed line with a raw call, an untracked file, and
	// a change that moves findings down without touching them.
	edit(t, dir, "internal/jobs/jobs.go", `return s.Set(ctx, "job:"+id, "done")`, `return s.Set(ctx, "job2:"+id, "done")`)
	edit(t, dir, "internal/service/service.go", "// Service serves users.", "// Added above.\n\n// Service serves users.")
	testfs.WriteFile(t, filepath.Join(dir, "internal/billing/refund.go"), "package billing\n\n// Refund is new.\ntype Refund struct{ TenantID string }\n")
	want := []string{
		`internal/billing/refund.go:4:6: Refund is tenant-scoped (has field TenantID) but has no tenant-aware repository; declare one at package level, e.g. var RefundRepo = tenant.NewRepository[Refund]("refunds") (tenantrepo)`,
		`internal/jobs/jobs.go:12:9: cache.Store.Set key is not tenant-scoped; wrap it as tenant.Key(ctx, key) (tenantcache)`,
	}
	note := "tenantlint: new-from-rev HEAD: 8 findings on lines not changed since then not reported\n"
	expectRun(t, lint(t, dir, "--new-from-rev", "HEAD"), 1, textOf(want...), note)

	r := lint(t, dir, "--new-from-rev", "HEAD", "--format", "json")
	diffLines(t, "json", jsonFindings(t, r.stdout), want)
	expectRun(t, r, 1, r.stdout, note)

	r = lint(t, dir, "--new-from-rev", "HEAD", "--format", "checkstyle")
	for _, s := range []string{`<file name="internal/billing/refund.go">`, `<error line="4" column="6" severity="error"`, `<file name="internal/jobs/jobs.go">`, `<error line="12" column="9" severity="error"`} {
		if !strings.Contains(r.stdout, s) {
			t.Errorf("checkstyle output lacks %s:\n%s", s, r.stdout)
		}
	}
	if n := strings.Count(r.stdout, "<error "); n != 2 || r.code != 1 {
		t.Errorf("checkstyle: exit %d, %d errors, want 1 and 2:\n%s", r.code, n, r.stdout)
	}

	// Combined with a baseline written now, committed: nothing is new
	// until a changed line brings a finding the baseline does not know.
	expectRun(t, lint(t, dir, "--write-baseline", "b.json"), 0, "", "tenantlint: wrote 10 findings to baseline b.json\n")
	gitCommit(t, dir, "baseline")
	edit(t, dir, "internal/jobs/jobs.go", `return s.Set(ctx, "job2:"+id, "done")`, `return s.Set(ctx, "job3:"+id, "done")`)
	edit(t, dir, "internal/billing/billing.go", "\tID       string\n", "\tID       string // edited\n")
	expectRun(t, lint(t, dir, "--baseline", "b.json", "--new-from-rev", "HEAD"), 1, textOf(want[1]),
		"tenantlint: baseline b.json: 9 known findings not reported, 1 recorded finding gone (--write-baseline b.json drops it)\n"+
			"tenantlint: new-from-rev HEAD: 0 findings on lines not changed since then not reported\n")
}

func TestNewFromRevErrors(t *testing.T) {
	t.Parallel()
	repo := writeModule(t, nil)
	gitCommit(t, repo, "initial")
	noGit := writeModule(t, nil)
	for _, c := range []struct {
		dir, rev, want string
	}{
		{repo, "nope", "tenantlint: --new-from-rev nope: not a commit in this repository (git rev-parse: fatal: Needed a single revision)\n"},
		{repo, "--cached", "tenantlint: --new-from-rev \"--cached\": not a revision\n"},
		{noGit, "HEAD", "tenantlint: --new-from-rev: " + noGit + " is not in a git work tree (git rev-parse: fatal: not a git repository"},
	} {
		r := lint(t, c.dir, "--new-from-rev="+c.rev)
		if r.code != 2 || r.stdout != "" || !strings.HasPrefix(r.stderr, c.want) || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("--new-from-rev %s: exit %d, stderr %q, want exit 2 and %q", c.rev, r.code, r.stderr, c.want)
		}
	}
}

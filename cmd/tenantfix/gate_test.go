package main

// tenantfix --verify with a baseline and --new-from-rev: the same gate as
// tenantlint's, on the fixture committed to a git repository.

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	args = append([]string{"-c", "user.name=test", "-c", "user.email=test@example.com"}, args...)
	mustCode(t, command(t, dir, nil, "git", args...), 0, "git "+strings.Join(args, " "))
}

func TestVerifyGate(t *testing.T) {
	t.Parallel()
	dir := writeModule(t)
	git(t, dir, "init", "-q", "-b", "main")
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "initial")

	all := tenantfix(t, dir, "--verify")
	mustCode(t, all, 1, "--verify")
	n := strings.Count(all.stdout, "\n")

	w := tenantfix(t, dir, "--verify", "--write-baseline", "tenantlint-baseline.json")
	mustCode(t, w, 0, "--verify --write-baseline")
	if want := "tenantfix: wrote " + strconv.Itoa(n) + " findings to baseline tenantlint-baseline.json\n"; w.stdout != "" || w.stderr != want {
		t.Errorf("--write-baseline: stdout %q, stderr %q; want nothing and %q", w.stdout, w.stderr, want)
	}

	clean := tenantfix(t, dir, "--verify", "--baseline", "tenantlint-baseline.json")
	mustCode(t, clean, 0, "--verify --baseline")
	if clean.stdout != "" || !strings.Contains(clean.stderr, "tenantfix: baseline tenantlint-baseline.json: "+strconv.Itoa(n)+" known findings not reported, 0 recorded findings gone\n") ||
		!strings.Contains(clean.stderr, "cache calls: ") || strings.Contains(clean.stderr, "remain") {
		t.Errorf("--verify --baseline on the baselined module:\nstdout:\n%s\nstderr:\n%s", clean.stdout, clean.stderr)
	}

	// Lines added above every finding of jobs.go and a new raw call.
	jobs := filepath.Join(dir, "jobs", "jobs.go")
	data, err := os.ReadFile(jobs)
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(data), "// Warm runs from cron", "// Added above.\nvar _ = 1\n\n// Warm runs from cron", 1)
	src = strings.Replace(src, "\ts.Set(ctx, \"refresh\", nil) // FIX tenantcache\n", "\ts.Set(ctx, \"refresh\", nil) // FIX tenantcache\n\ts.Set(ctx, \"fresh\", nil)\n", 1)
	if err := os.WriteFile(jobs, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	const want = "jobs/jobs.go:27:2 tenantcache kv.Store.Set key is not tenant-scoped; wrap it as tenant.Key(ctx, key)"

	for _, gate := range [][]string{
		{"--baseline", "tenantlint-baseline.json"},
		{"--new-from-rev", "HEAD"},
		{"--baseline", "tenantlint-baseline.json", "--new-from-rev", "HEAD"},
	} {
		r := tenantfix(t, dir, append([]string{"--verify", "--format", "json"}, gate...)...)
		mustCode(t, r, 1, "--verify "+strings.Join(gate, " "))
		var doc struct {
			Findings []struct {
				File, Check, Message string
				Line, Column         int
			}
		}
		if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
			t.Fatalf("%v:\n%s", err, r.stdout)
		}
		var got []string
		for _, f := range doc.Findings {
			got = append(got, f.File+":"+strconv.Itoa(f.Line)+":"+strconv.Itoa(f.Column)+" "+f.Check+" "+f.Message)
		}
		if len(got) != 1 || got[0] != want || !strings.Contains(r.stderr, "tenantfix: 1 findings remain\n") {
			t.Errorf("--verify %s: %q, want [%q]\nstderr:\n%s", strings.Join(gate, " "), got, want, r.stderr)
		}
	}

	junit := tenantfix(t, dir, "--verify", "--format", "junit", "--new-from-rev", "HEAD")
	mustCode(t, junit, 1, "--verify --format junit --new-from-rev HEAD")
	var doc struct {
		Failures int `xml:"failures,attr"`
	}
	if err := xml.Unmarshal([]byte(junit.stdout), &doc); err != nil || doc.Failures != 1 {
		t.Errorf("junit: %v, %d failures, want 1:\n%s", err, doc.Failures, junit.stdout)
	}
}

func TestVerifyGateRefusals(t *testing.T) {
	t.Parallel()
	dir := writeModule(t)
	if err := os.WriteFile(filepath.Join(dir, "bad.json"), []byte(`{"version": 0, "findings": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--baseline", "bad.json"}, "tenantfix: --baseline, --write-baseline and --new-from-rev only apply to --verify\n"},
		{[]string{"--dry-run", "--new-from-rev", "HEAD"}, "tenantfix: --baseline, --write-baseline and --new-from-rev only apply to --verify\n"},
		{[]string{"--verify", "--write-baseline", "a.json", "--new-from-rev", "HEAD"}, "tenantfix: --write-baseline records every finding; it does not combine with --baseline or --new-from-rev\n"},
		{[]string{"--verify", "--baseline", "bad.json"}, "tenantfix: bad.json: baseline version 0 is not supported (this tenantlint reads version 1; regenerate it with --write-baseline)\n"},
		{[]string{"--verify", "--new-from-rev", "HEAD"}, "tenantfix: --new-from-rev: " + dir + " is not in a git work tree (git rev-parse: fatal: not a git repository"},
	} {
		r := tenantfix(t, dir, c.args...)
		if r.code != 2 || r.stdout != "" || !strings.HasPrefix(r.stderr, c.want) || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("tenantfix %s: exit %d, stdout %q, stderr %q; want exit 2 and %q", strings.Join(c.args, " "), r.code, r.stdout, r.stderr, c.want)
		}
	}
}

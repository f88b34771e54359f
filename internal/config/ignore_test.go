package config

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestParseIgnoreFindingsErrors: each bad ignore.findings entry is one
// error at its key (or at the entry, for a missing key).
func TestParseIgnoreFindingsErrors(t *testing.T) {
	const file = "/app/.tenantlint.yaml"
	head := "version: 1\nignore:\n  findings:\n"
	for _, tc := range []struct{ name, entry, want string }{
		{"no reason", "    - {check: tenantrepo, path: gen/*.go}\n",
			`4:7: ignore.findings: an entry needs a reason, as a //tenantlint:ignore directive does`},
		{"blank reason", "    - {check: tenantrepo, path: gen/*.go, reason: '  '}\n",
			`4:7: ignore.findings: an entry needs a reason`},
		{"no check", "    - path: gen/*.go\n      reason: generated\n",
			`4:7: ignore.findings: an entry needs a check (one of tenantrepo, tenantcache, tenantctx, tenantsql)`},
		{"unknown check", "    - {check: tenantrepos, path: gen/*.go, reason: generated}\n",
			`4:15: ignore.findings: unknown check "tenantrepos" (known checks: tenantrepo, tenantcache, tenantctx, tenantsql)`},
		{"no path", "    - {check: tenantrepo, reason: generated}\n",
			`4:7: ignore.findings: an entry needs a path, a glob of the files it applies to`},
		{"bad path glob", "    - {check: tenantrepo, path: 'gen/[a.go', reason: generated}\n",
			`4:33: ignore.findings: path "gen/[a.go": syntax error in pattern`},
		{"partial **", "    - {check: tenantrepo, path: 'gen/**.go', reason: generated}\n",
			`4:33: ignore.findings: path "gen/**.go": ** must be a whole path segment`},
		{"absolute path", "    - {check: tenantrepo, path: /app/gen/x.go, reason: generated}\n",
			`4:33: ignore.findings: path "/app/gen/x.go": is absolute; write it relative to the configuration file's directory`},
		{"path leaving the directory", "    - {check: tenantrepo, path: ../gen/x.go, reason: generated}\n",
			`4:33: ignore.findings: path "../gen/x.go": leaves the configuration file's directory`},
		{"bad name glob", "    - {check: tenantrepo, path: gen/x.go, name: '[Order', reason: generated}\n",
			`4:49: ignore.findings: name "[Order": syntax error in pattern`},
		{"bad message regexp", "    - {check: tenantcache, path: gen/x.go, message: 'Get(', reason: generated}\n",
			`4:53: ignore.findings: message "Get(" is not a regular expression: missing closing ): ` + "`Get(`"},
		{"unknown key", "    - {check: tenantrepo, path: gen/x.go, resaon: generated}\n",
			`4:43: unknown key "resaon" in ignore.findings[0] (known keys: check, path, name, message, reason)`},
		{"not a list", "    check: tenantrepo\n",
			`4:5: ignore.findings: expected a list, not a mapping`},
	} {
		_, err := Parse(file, []byte(head+tc.entry))
		if err == nil || !strings.HasPrefix(err.Error(), file+":"+tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error %v\nwant %s:%s", tc.name, err, file, tc.want)
		}
	}
}

func TestIgnoreFindingsMatch(t *testing.T) {
	c, err := Parse("/app/.tenantlint.yaml", []byte(`version: 1
ignore:
  findings:
    - {check: tenantrepo, path: internal/db/*.go, name: '*Row', reason: sqlc}
    - {check: tenantcache, path: '**/*.pb.go', message: '^cache\.Store\.(Get|Set) ', reason: protoc}
    - {check: tenantctx, path: 'gen/**', reason: all of gen}
`))
	if err != nil {
		t.Fatal(err)
	}
	rs := c.Ignore.Findings
	if rs[0].Line != 4 || rs[0].Column != 7 {
		t.Errorf("entry at %d:%d, want 4:7", rs[0].Line, rs[0].Column)
	}
	for _, tc := range []struct {
		rule                  int
		check, rel, name, msg string
		want                  bool
	}{
		{0, "tenantrepo", "internal/db/models.go", "OrderRow", "x", true},
		{0, "tenantcache", "internal/db/models.go", "OrderRow", "x", false}, // another check
		{0, "tenantrepo", "internal/db/models.go", "Order", "x", false},     // name
		{0, "tenantrepo", "internal/db/sub/models.go", "OrderRow", "x", false},
		{1, "tenantcache", "api/v1/user.pb.go", "Get", "cache.Store.Get key is not tenant-scoped", true},
		{1, "tenantcache", "user.pb.go", "Get", "cache.Store.Set key", true}, // ** matches no segment
		{1, "tenantcache", "api/v1/user.pb.go", "Get", "cache.Store.Del key", false},
		{1, "tenantcache", "api/v1/user.go", "Get", "cache.Store.Get key", false},
		{2, "tenantctx", "gen/a/b/c.go", "F", "x", true},
		{2, "tenantctx", "gen", "F", "x", true},
		{2, "tenantctx", "src/gen/c.go", "F", "x", false},
	} {
		if got := rs[tc.rule].Matches(tc.check, tc.rel, tc.name, tc.msg); got != tc.want {
			t.Errorf("entry %d on %s %s %s %q: %v, want %v", tc.rule, tc.check, tc.rel, tc.name, tc.msg, got, tc.want)
		}
	}
	if rel, ok := c.Rel(filepath.FromSlash("/app/internal/db/models.go")); !ok || rel != "internal/db/models.go" {
		t.Errorf("Rel = %q, %v", rel, ok)
	}
	if _, ok := c.Rel(filepath.FromSlash("/other/x.go")); ok {
		t.Error("Rel of a file outside the configuration's directory")
	}
}

// TestREADMEIgnoreFindings: the README's ignore.findings example parses.
func TestREADMEIgnoreFindings(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)### Suppressing findings in generated code.*?```yaml\n(.*?)```").FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md has no ignore.findings example")
	}
	c, err := Parse("README.md", append([]byte("version: 1\n"), m[1]...))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Ignore.Findings) != 2 || !c.Ignore.Findings[1].Matches("tenantcache", "gen/cache/cache.go", "Load", "redis.Client.Get key is not tenant-scoped") {
		t.Errorf("README's entries: %+v", c.Ignore.Findings)
	}
}

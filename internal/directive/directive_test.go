package directive

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

var known = []string{"tenantrepo", "tenantcache"}

func TestParseComment(t *testing.T) {
	for _, tc := range []struct {
		text    string
		isDir   bool
		checks  []string
		reason  string
		problem string // a substring of the problem, "" for none
	}{
		{text: "//tenantlint:ignore tenantrepo legacy table", isDir: true, checks: []string{"tenantrepo"}, reason: "legacy table"},
		{text: "//tenantlint:ignore tenantrepo,tenantcache  two   spaces", isDir: true, checks: []string{"tenantrepo", "tenantcache"}, reason: "two spaces"},
		{text: "//tenantlint:ignore\ttenantcache tab", isDir: true, checks: []string{"tenantcache"}, reason: "tab"},
		{text: "//tenantlint:ignore tenantrepo", isDir: true, checks: []string{"tenantrepo"}, problem: "needs a reason"},
		{text: "//tenantlint:ignore", isDir: true, problem: "malformed directive"},
		{text: "//tenantlint:ignore   ", isDir: true, problem: "malformed directive"},
		{text: "//tenantlint:ignore TenantRepo reason", isDir: true, problem: `unknown check "TenantRepo"`},
		{text: "//tenantlint:ignore tenantrepo,bogus reason", isDir: true, problem: `unknown check "bogus"`},
		{text: "//tenantlint:ignore tenantrepo, tenantcache reason", isDir: true, problem: "empty check name"},
		{text: "//tenantlint:ignored tenantrepo reason"},
		{text: "// tenantlint:ignore tenantrepo reason"},
		{text: "//lint:ignore tenantrepo reason"},
	} {
		d := parseComment(tc.text, known)
		if (d != nil) != tc.isDir {
			t.Errorf("%q: directive = %v, want %v", tc.text, d != nil, tc.isDir)
			continue
		}
		if d == nil {
			continue
		}
		if tc.problem == "" {
			if d.Problem != "" {
				t.Errorf("%q: unexpected problem %q", tc.text, d.Problem)
			}
			if strings.Join(d.Checks, ",") != strings.Join(tc.checks, ",") || d.Reason != tc.reason {
				t.Errorf("%q: got checks %q reason %q, want %q %q", tc.text, d.Checks, d.Reason, tc.checks, tc.reason)
			}
		} else if !strings.Contains(d.Problem, tc.problem) {
			t.Errorf("%q: problem %q, want one containing %q", tc.text, d.Problem, tc.problem)
		}
	}
}

func TestOwner(t *testing.T) {
	for text, want := range map[string]string{
		"//tenantlint:ignore tenantcache,tenantrepo x": "tenantcache",
		"//tenantlint:ignore tenantrepo,bogus x":       "tenantrepo",
		"//tenantlint:ignore bogus,tenantcache x":      "tenantcache",
		"//tenantlint:ignore tenantrepos x":            "tenantrepo",
		"//tenantlint:ignore TenantRepo x":             "tenantrepo",
		"//tenantlint:ignore tenantcach x":             "tenantcache",
		"//tenantlint:ignore TENANTCACHE x":            "tenantcache",
		"//tenantlint:ignore repo x":                   "tenantrepo",
		"//tenantlint:ignore":                          "tenantrepo",
		"//tenantlint:ignore tenantrepo":               "tenantrepo",
		"//tenantlint:ignore tenantcache":              "tenantcache",
	} {
		d := parseComment(text, known)
		if got := d.Owner(known); got != want {
			t.Errorf("%q: owner %q, want %q", text, got, want)
		}
	}
}

const src = `package p

//tenantlint:ignore
type A struct{}

//tenantlint:ignore tenantcach reason
type B struct{}

//tenantlint:ignore tenantrepo reason
type C struct{}

//tenantlint:ignore tenantrepo,tenantcache reason
type D struct{}
`

// TestFindings: each malformed directive is reported by exactly one
// check; unused ones by each check they name that they did not serve.
func TestFindings(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	s := Parse(fset, []*ast.File{f}, known)
	// The finding on C's line is suppressed by the directive above it.
	if !s.Suppresses("tenantrepo", token.Position{Filename: "p.go", Line: 10}) {
		t.Error("C: not suppressed")
	}
	if s.Suppresses("tenantrepo", token.Position{Filename: "p.go", Line: 7}) {
		t.Error("B: suppressed by a directive with an unknown check")
	}
	if s.Suppresses("tenantrepo", token.Position{Filename: "p.go", Line: 4}) {
		t.Error("A: suppressed by a malformed directive")
	}
	lines := func(check string) []int {
		var out []int
		for _, fd := range s.Findings(check, known, func(string) bool { return false }) {
			out = append(out, fset.Position(fd.Pos).Line)
		}
		return out
	}
	if got := lines("tenantrepo"); !equal(got, []int{3, 12}) {
		t.Errorf("tenantrepo findings on lines %v, want [3 12]", got)
	}
	if got := lines("tenantcache"); !equal(got, []int{6, 12}) {
		t.Errorf("tenantcache findings on lines %v, want [6 12]", got)
	}
	// Directives in skipped files are not judged.
	if got := s.Findings("tenantrepo", known, func(string) bool { return true }); len(got) != 0 {
		t.Errorf("findings in a skipped file: %v", got)
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestNilKnownAcceptsAnyName: an analyzer built outside the registry
// (a nogo dependency) cannot tell a misspelt name from another check's,
// so it reports none as unknown.
func TestNilKnownAcceptsAnyName(t *testing.T) {
	if d := parseComment("//tenantlint:ignore othercheck a reason", nil); d == nil || d.Problem != "" {
		t.Errorf("nil known: %+v", d)
	}
	if d := parseComment("//tenantlint:ignore othercheck a reason", []string{"tenantrepo"}); d == nil || d.Problem == "" {
		t.Errorf("known list: %+v, want an unknown-check problem", d)
	}
}

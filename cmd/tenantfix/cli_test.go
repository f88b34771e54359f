package main

import (
	gobuildinfo "debug/buildinfo"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/buildinfo"
)

// TestVersion: --version prints the module version and VCS revision that
// the go command stamped into the binary, on one line, exit 0, whatever
// else the command line holds.
func TestVersion(t *testing.T) {
	t.Parallel()
	bi, err := gobuildinfo.ReadFile(fixBin)
	if err != nil {
		t.Fatal(err)
	}
	want := buildinfo.From(bi).Line("tenantfix") + "\n"
	for _, args := range [][]string{{"--version"}, {"--dry-run", "--version", "./..."}} {
		r := tenantfix(t, t.TempDir(), args...)
		if r.code != 0 || r.stdout != want || r.stderr != "" {
			t.Errorf("tenantfix %s: exit %d, stdout %q, stderr %q; want %q", strings.Join(args, " "), r.code, r.stdout, r.stderr, want)
		}
	}
	if !strings.HasPrefix(want, "tenantfix ") || !strings.Contains(want, " built with go") {
		t.Errorf("version line %q", want)
	}
}

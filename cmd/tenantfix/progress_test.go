package main

import (
	"regexp"
	"strings"
	"testing"
)

// TestVerboseTimings: with -v, --dry-run ends its stderr with the
// phases' durations; stderr (a pipe, not a terminal) never gets the
// progress line's control characters.
func TestVerboseTimings(t *testing.T) {
	dir := t.TempDir()
	writeFixture(t, dir)
	r := tenantfix(t, dir, "--dry-run", "--no-cache", "-v")
	mustCode(t, r, 0, "--dry-run -v")
	timings := regexp.MustCompile(`(?m)^tenantfix: loading \d+\.\d\ds, analyzing \d+\.\d\ds, writing \d+\.\d\ds \(total \d+\.\d\ds\)\n\z`)
	if !timings.MatchString(r.stderr) {
		t.Errorf("stderr with -v does not end with the timings:\n%s", r.stderr)
	}
	if strings.ContainsAny(r.stderr, "\r\033") {
		t.Errorf("stderr, not a terminal, got control characters: %q", r.stderr)
	}
	if q := tenantfix(t, dir, "--dry-run", "--no-cache"); strings.Contains(q.stderr, "loading") {
		t.Errorf("stderr without -v has timings:\n%s", q.stderr)
	}
}

package main

import (
	"regexp"
	"strings"
	"testing"
)

// timingsLine is what -v prints on stderr when the run is done.
var timingsLine = regexp.MustCompile(`(?m)^tenantlint: loading \d+\.\d\ds, analyzing \d+\.\d\ds, writing \d+\.\d\ds \(total \d+\.\d\ds\)$`)

// TestVerboseTimings: -v prints the phases' durations on stderr; without
// it stderr stays empty, and stderr here (a pipe, not a terminal) never
// gets the progress line's control characters. The findings are the same.
func TestVerboseTimings(t *testing.T) {
	dir := writeModule(t, nil)
	plain := lint(t, dir, "--no-cache", "./...")
	verbose := lint(t, dir, "-v", "--no-cache", "./...")
	if plain.code != 1 || verbose.code != 1 {
		t.Fatalf("exit codes %d and %d, want 1\nstderr:\n%s", plain.code, verbose.code, verbose.stderr)
	}
	if plain.stderr != "" {
		t.Errorf("stderr without -v = %q, want nothing", plain.stderr)
	}
	// -v also names the configured presets that match no module of
	// go.mod (this module requires none of the cache libraries), before
	// the timings, which end the run.
	lines := strings.Split(strings.TrimSuffix(verbose.stderr, "\n"), "\n")
	if !timingsLine.MatchString(lines[len(lines)-1]) {
		t.Errorf("stderr with -v = %q, want a last line of timings", verbose.stderr)
	}
	for _, l := range lines[:len(lines)-1] {
		if !strings.HasPrefix(l, "tenantlint: cache preset ") || !strings.Contains(l, "matches no required module") {
			t.Errorf("stderr with -v has %q, want only unmatched presets before the timings", l)
		}
	}
	if strings.ContainsAny(verbose.stderr, "\r\033") {
		t.Errorf("stderr, not a terminal, got control characters: %q", verbose.stderr)
	}
	if verbose.stdout != plain.stdout {
		t.Errorf("-v changed the findings:\n%s\nwant:\n%s", verbose.stdout, plain.stdout)
	}
}

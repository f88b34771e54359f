package main

import (
	"strconv"
	"strings"
	"testing"
)

// initAllocBudget is the most allocations a package of the module may
// make at its initialisation. go vet starts the tool once per package,
// dependencies included (some 400 processes on a module of 200
// packages), so every package-level initialiser runs that many times per
// go vet run: templates, regexps, preset tables and doc.go extraction
// are built on first use or at go generate time instead. The heaviest
// initialisers left are internal/config's (81 allocations: the SQL
// presets) and internal/sqlscope's (56: dropping glog's flags); the
// HTML inventory's template parse was 2007, the preset tables 709, each
// analyzer's doc extraction 300 to 600.
const initAllocBudget = 100

// TestStartupInitIsLight runs tenantlint --version with
// GODEBUG=inittrace=1 and names each package of the module whose
// initialisation allocates more than initAllocBudget.
func TestStartupInitIsLight(t *testing.T) {
	r := runCmdEnv(t, t.TempDir(), []string{"GODEBUG=inittrace=1"}, tenantlint, "--version")
	if r.code != 0 {
		t.Fatalf("tenantlint --version: exit %d\n%s", r.code, r.stderr)
	}
	const module = "github.com/tenantlint/tenantlint/"
	seen := 0
	for _, line := range strings.Split(r.stderr, "\n") {
		// init <package> @<t> ms, <t> ms clock, <n> bytes, <n> allocs
		f := strings.Fields(line)
		if len(f) != 11 || f[0] != "init" || f[10] != "allocs" || !strings.HasPrefix(f[1], module) {
			continue
		}
		seen++
		allocs, err := strconv.Atoi(f[9])
		if err != nil {
			t.Fatalf("unreadable inittrace line %q: %v", line, err)
		}
		if allocs > initAllocBudget {
			t.Errorf("%s allocates %d times at initialisation (budget %d): make its package-level work lazy", f[1], allocs, initAllocBudget)
		}
	}
	if seen < 5 {
		t.Fatalf("inittrace named %d packages of the module; stderr:\n%s", seen, r.stderr)
	}
}

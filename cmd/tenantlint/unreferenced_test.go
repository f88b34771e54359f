package main

import (
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

// unrefFiles (testdata/unreferenced.txtar) is a module with
// models.unreferenced: skip and a model that nothing refers to.
var unrefFiles = testfs.MustReadTxtar("testdata/unreferenced.txtar")

// TestUnreferencedStandaloneAndVet: a model that nothing in the module
// refers to is no finding, in the standalone run and in go vet (one
// package at a time, the references from the module index), and the
// inventory lists it as unreferenced; once another package refers to it
// (package db unchanged), both modes report it; with unreferenced:
// report, both report it too.
func TestUnreferencedStandaloneAndVet(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, src := range unrefFiles {
		testfs.WriteFile(t, filepath.Join(dir, name), src)
	}
	finding := func(line int, name string) string {
		return "db/models.go:" + strconv.Itoa(line) + ":6: " + name + " is tenant-scoped (has field TenantID) but has no tenant-aware repository; declare a package-level var of type tenant.Repository[" + name + "]"
	}
	want := []string{finding(12, "Order"), finding(18, "Line")}
	slices.Sort(want)
	diffLines(t, "standalone", standalone(t, dir), want)
	diffLines(t, "go vet", vet(t, dir), want)

	r := lint(t, dir, "--inventory", "./...")
	if r.code != 0 || !strings.Contains(r.stdout, "Tenant-scoped types: 3 (covered 0, MISSING 2, suppressed 0, global 0, unreferenced 1)\n") ||
		!regexp.MustCompile(`(?m)^example\.com/unref/db +Legacy +db/models\.go:6:6 +has field TenantID +not needed: nothing in the module refers to it$`).MatchString(r.stdout) {
		t.Errorf("inventory: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// A reference from another package: db did not change, yet both
	// modes now report Legacy.
	edit(t, dir, "store/store.go", "func Orders() []db.Order { return nil }\n",
		"func Orders() []db.Order { return nil }\n\nfunc Legacy() { _ = db.Legacy{} }\n")
	want = append(want, finding(6, "Legacy"))
	slices.Sort(want)
	diffLines(t, "after the edit: go vet", vet(t, dir), want)
	diffLines(t, "after the edit: standalone", standalone(t, dir), want)

	// Back to no reference, and unreferenced: report.
	edit(t, dir, "store/store.go", "\nfunc Legacy() { _ = db.Legacy{} }\n", "")
	edit(t, dir, ".tenantlint.yaml", "unreferenced: skip", "unreferenced: report")
	diffLines(t, "report: standalone", standalone(t, dir), want)
	diffLines(t, "report: go vet", vet(t, dir), want)
}

// TestUnreferencedBadValue: a value other than report or skip stops
// tenantlint with one line naming the file, line and column, exit 2.
func TestUnreferencedBadValue(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, src := range unrefFiles {
		if name == ".tenantlint.yaml" {
			src = strings.Replace(src, "unreferenced: skip", "unreferenced: hide", 1)
		}
		testfs.WriteFile(t, filepath.Join(dir, name), src)
	}
	r := lint(t, dir, "./...")
	want := regexp.MustCompile(`^tenantlint: .*/\.tenantlint\.yaml:4:17: models\.unreferenced must be "report" or "skip", not "hide"$`)
	if ls := lines(r.stderr); r.code != 2 || r.stdout != "" || len(ls) != 1 || !want.MatchString(ls[0]) {
		t.Errorf("exit %d, stdout %q, stderr:\n%s", r.code, r.stdout, r.stderr)
	}
}

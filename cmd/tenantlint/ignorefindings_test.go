package main

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// ignoreFindingsConfig adds three ignore.findings entries to the e2e
// module's configuration: one by declaration name, one by message, and
// one that drops nothing in the package its path names.
const ignoreFindingsConfig = `  findings:
    - {check: tenantrepo, path: internal/billing/*.go, name: Payment, reason: billing rows are scoped by the ledger}
    - {check: tenantcache, path: 'internal/service/**', message: 'cache\.Store\.Del ', reason: deletes are idempotent}
    - {check: tenantrepo, path: internal/models/*.go, name: Customer, reason: renamed since}
`

// TestIgnoreFindingsE2E: standalone and go vet -vettool drop the
// findings the entries match, report the entry that matched nothing at
// its line in .tenantlint.yaml, and agree; a bad entry is one line at
// its position and exit status 2.
func TestIgnoreFindingsE2E(t *testing.T) {
	t.Parallel()
	if !strings.HasSuffix(e2eConfig, "ignore:\n  tests: true\n") {
		t.Fatalf("the e2e configuration no longer ends with the ignore section:\n%s", e2eConfig)
	}
	dir := writeModule(t, map[string]string{".tenantlint.yaml": e2eConfig + ignoreFindingsConfig})
	var want []string
	for _, l := range stripChecks(wantText) {
		if !strings.HasPrefix(l, "internal/billing/billing.go:5:6: Payment") && !strings.Contains(l, "cache.Store.Del") {
			want = append(want, l)
		}
	}
	if len(want) != len(wantText)-2 {
		t.Fatalf("expected the Payment and Del findings in %q", wantText)
	}
	want = append(want, ".tenantlint.yaml:26:7: unused ignore.findings entry: no tenantrepo finding in example.com/e2e/internal/models matches it")
	slices.Sort(want)
	diffLines(t, "standalone", standalone(t, dir), want)
	diffLines(t, "go vet -vettool", vet(t, dir), want)

	dir = writeModule(t, map[string]string{".tenantlint.yaml": e2eConfig +
		"  findings:\n    - {check: tenantrepo, path: internal/billing/*.go}\n"})
	r := lint(t, dir, "./...")
	re := regexp.MustCompile(`^tenantlint: .*/\.tenantlint\.yaml:24:7: ignore\.findings: an entry needs a reason, as a //tenantlint:ignore directive does$`)
	if ls := lines(r.stderr); r.code != 2 || r.stdout != "" || len(ls) != 1 || !re.MatchString(ls[0]) {
		t.Errorf("entry without a reason: exit %d, stdout %q, stderr:\n%s\nwant one line matching %s", r.code, r.stdout, r.stderr, re)
	}
}

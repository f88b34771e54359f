package driver

import (
	"github.com/tenantlint/tenantlint/internal/registry"
	"github.com/tenantlint/tenantlint/report"
)

// EmptyResult is a result with nothing found, to Merge runs into.
func EmptyResult() *Result {
	return &Result{Stats: registry.Stats{}}
}

// Merge adds the findings, fixes and counts of another run (of another
// module) to r.
func (r *Result) Merge(o *Result) {
	r.Findings = append(r.Findings, o.Findings...)
	report.Sort(r.Findings)
	r.Fixes = append(r.Fixes, o.Fixes...)
	r.Fixes = SortFixes(r.Fixes)
	for pkg, checks := range o.PackageStats {
		for check, s := range checks {
			r.addStats(pkg, check, s)
		}
	}
}

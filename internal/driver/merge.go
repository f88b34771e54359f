package driver

import (
	"github.com/tenantlint/tenantlint/internal/lint"
	"github.com/tenantlint/tenantlint/report"
)

// EmptyResult is a result with nothing found, to Merge runs into.
func EmptyResult() *Result {
	return &Result{Stats: map[string]*lint.Stats{}}
}

// Merge adds the findings and counts of another run (of another module)
// to r. Only the findings and the counts are merged: the packages and the
// action graph stay those of r.
func (r *Result) Merge(o *Result) {
	r.Findings = append(r.Findings, o.Findings...)
	report.Sort(r.Findings)
	for check, s := range o.Stats {
		r.addStats(check, s)
	}
}

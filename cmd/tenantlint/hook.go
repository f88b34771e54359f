package main

import (
	"github.com/tenantlint/tenantlint/internal/driver"
	"github.com/tenantlint/tenantlint/internal/hookfiles"
	"github.com/tenantlint/tenantlint/report"
)

// findingsFor analyzes the packages that args name: package patterns,
// or with files (the --files mode of git hooks) file names, whose
// packages are analyzed module by module. File names with no Go package
// among them analyze nothing.
func findingsFor(opts driver.Options, args []string, files bool) ([]report.Finding, error) {
	if !files {
		return findings(opts, args)
	}
	var all []report.Finding
	for _, m := range hookfiles.Group(opts.Dir, args) {
		o := opts
		o.Dir = m.Root
		fs, err := findings(o, m.Patterns)
		if err != nil {
			return nil, err
		}
		all = append(all, fs...)
	}
	report.Sort(all)
	return all, nil
}

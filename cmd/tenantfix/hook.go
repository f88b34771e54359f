package main

import (
	"github.com/tenantlint/tenantlint/internal/driver"
	"github.com/tenantlint/tenantlint/internal/hookfiles"
)

// analyze runs the analyzers on the packages that args name: package
// patterns, or with --files (git hooks) file names, whose packages are
// analyzed module by module and their results merged. File names with
// no Go package among them analyze nothing.
func (t *tool) analyze(wd string, args []string) (*driver.Result, error) {
	opts := driver.Options{Config: t.o.config, Checks: t.o.checks, NoCache: t.o.noCache, Progress: t.progress}
	if !t.o.files {
		return driver.Run(opts, args)
	}
	all := driver.EmptyResult()
	for _, m := range hookfiles.Group(wd, args) {
		opts.Dir = m.Root
		res, err := driver.Run(opts, m.Patterns)
		if err != nil {
			return nil, err
		}
		all.Merge(res)
	}
	return all, nil
}

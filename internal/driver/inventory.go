package driver

import (
	"sort"

	"github.com/tenantlint/tenantlint/internal/lint"
)

// PackageStats is what each check counted in one package.
type PackageStats struct {
	Path   string                 // import path
	Checks map[string]*lint.Stats // by check name
}

// ByPackage returns the checks' statistics package by package, in import
// path order, for the inventory. A package whose test variant was
// analyzed too is taken from the variant (as Stats does), so that no file
// counts twice; packages that were not checked (ignored, or with no files
// to check) report zero counts.
func (r *Result) ByPackage() []PackageStats {
	out := make([]PackageStats, 0, len(r.PackageStats))
	for path, checks := range r.PackageStats {
		out = append(out, PackageStats{Path: path, Checks: checks})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

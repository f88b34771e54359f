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
	if r.Graph == nil {
		return nil
	}
	shadowed := shadowedByTestVariant(r.Graph)
	byPath := map[string]*PackageStats{}
	for _, act := range r.Graph.Roots {
		s, ok := act.Result.(*lint.Stats)
		if !ok || act.Err != nil {
			continue
		}
		if shadowed[act.Package.ID] {
			continue // counted from its test variant, "p [p.test]"
		}
		ps := byPath[act.Package.PkgPath]
		if ps == nil {
			ps = &PackageStats{Path: act.Package.PkgPath, Checks: map[string]*lint.Stats{}}
			byPath[act.Package.PkgPath] = ps
		}
		ps.Checks[act.Analyzer.Name] = s
	}
	out := make([]PackageStats, 0, len(byPath))
	for _, ps := range byPath {
		out = append(out, *ps)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

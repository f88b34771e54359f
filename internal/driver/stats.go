package driver

import (
	"github.com/tenantlint/tenantlint/internal/check"
	"github.com/tenantlint/tenantlint/internal/registry"
)

// addStats records one package's statistics of one check, in the totals
// (added up by the check's own type: see check.Stats) and per package.
func (r *Result) addStats(pkg, name string, s check.Stats) {
	r.Stats.Add(name, s)
	if r.PackageStats == nil {
		r.PackageStats = map[string]registry.Stats{}
	}
	byCheck := r.PackageStats[pkg]
	if byCheck == nil {
		byCheck = registry.Stats{}
		r.PackageStats[pkg] = byCheck
	}
	byCheck[name] = s
}

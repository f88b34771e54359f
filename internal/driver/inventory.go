package driver

import (
	"sort"

	"github.com/tenantlint/tenantlint/internal/registry"
	"github.com/tenantlint/tenantlint/report/inventory"
)

// ByPackage returns the checks' statistics package by package, in import
// path order, as the inventory's input. A package whose test variant was
// analyzed too is taken from the variant (as Stats does), so that no file
// counts twice; packages that were not checked (ignored, or with no files
// to check) report zero counts.
func (r *Result) ByPackage() []inventory.Input {
	out := make([]inventory.Input, 0, len(r.PackageStats))
	for path, checks := range r.PackageStats {
		out = append(out, registry.InventoryInput(path, checks))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

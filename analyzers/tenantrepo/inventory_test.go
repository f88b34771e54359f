package tenantrepo_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/tenantlint/tenantlint/analyzers/tenantrepo"
)

// records returns what the analyzer recorded for the inventory about the
// types of pkgPath, as one line per type: name, declaration, reason, and
// the covering repository, the suppression or the global mark.
func records(t *testing.T, results []*analysistest.Result, pkgPath string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, r := range results {
		if r.Action.Package.PkgPath != pkgPath {
			continue
		}
		s, ok := r.Result.(*tenantrepo.Stats)
		if !ok {
			t.Fatalf("%s: result is %T", r.Action.Package.ID, r.Result)
		}
		if len(s.Types) != s.Models {
			t.Errorf("%s: %d records for %d models", pkgPath, len(s.Types), s.Models)
		}
		for _, rec := range s.Types {
			if rec.Package != pkgPath {
				t.Errorf("%s recorded in package %s", rec.Name, rec.Package)
			}
			line := fmt.Sprintf("%s:%d:%d %s", filepath.Base(rec.Pos.Filename), rec.Pos.Line, rec.Pos.Column, rec.Reason)
			switch {
			case rec.Global:
				line += " global"
			case rec.Unreferenced:
				line += " unreferenced"
			case rec.SQLTable != "":
				line += " left to tenantsql: table " + rec.SQLTable
			case rec.Repo != nil:
				line += fmt.Sprintf(" covered by %s in %s at %s:%d:%d", rec.Repo.Type, rec.Repo.Package,
					filepath.Base(rec.Repo.Pos.Filename), rec.Repo.Pos.Line, rec.Repo.Pos.Column)
			case rec.Suppressed:
				line += " suppressed: " + rec.SuppressReason
			default:
				line += " missing"
			}
			out[rec.Name] = line
		}
	}
	return out
}

func checkRecords(t *testing.T, got, want map[string]string) {
	t.Helper()
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: recorded %q, want %q", name, got[name], w)
		}
	}
}

// TestInventoryRecordsCoverage: the covering repository and where it is,
// in another package (through the module index) or in the model's own.
func TestInventoryRecordsCoverage(t *testing.T) {
	got := records(t, run(t, "repo_cover/..."), "repo_cover/models")
	checkRecords(t, got, map[string]string{
		"User":    "models.go:6:6 embeds tenant.Model covered by tenant.Repository in repo_cover/store at store.go:10:5",
		"Invoice": "models.go:14:6 has field TenantID covered by tenant.Repository in repo_cover/store at store.go:20:5",
		"VarType": "models.go:24:6 embeds tenant.Model covered by tenant.Repository in repo_cover/models at models.go:26:5",
		"PtrArg":  "models.go:123:6 embeds tenant.Model missing",
	})
}

// TestInventoryRecordsSuppression: a suppressed type carries its
// directive's reason; a directive that does not apply suppresses nothing;
// a global type is marked global and a covered one covered.
func TestInventoryRecordsSuppression(t *testing.T) {
	got := records(t, run(t, "repo_suppress/..."), "repo_suppress/models")
	checkRecords(t, got, map[string]string{
		"SameLine":      "models.go:6:6 has field TenantID suppressed: legacy table, migrated in Q3",
		"LineAbove":     "models.go:13:6 has field TenantID suppressed: shared by the billing export",
		"SeveralChecks": "models.go:20:6 has field TenantID suppressed: read-only mirror",
		"Grouped":       "models.go:27:2 has field TenantID suppressed: grouped and suppressed",
		"TooFar":        "models.go:37:6 has field TenantID missing",
		"OtherCheck":    "models.go:45:6 has field TenantID missing",
		"Covered":       "models.go:59:6 has field TenantID covered by tenant.Repository in repo_suppress/models at models.go:63:5",
		"Global":        "models.go:69:6 has field TenantID global",
		"NoReason":      "models.go:78:6 has field TenantID missing",
	})
}

// TestInventoryRecordsMethodCoverage: a model covered by
// repository.methods records the covering type and its declaration, in
// another package (through the module index) or in its own.
func TestInventoryRecordsMethodCoverage(t *testing.T) {
	got := records(t, run(t, "repo_methods/..."), "repo_methods/models")
	checkRecords(t, got, map[string]string{
		"ByValue":             "models.go:6:6 has field OrgID covered by store.Store in repo_methods/store at store.go:13:6",
		"ByInterface":         "models.go:32:6 has field OrgID covered by store.Persister in repo_methods/store at store.go:58:6",
		"ByEmbeddedInterface": "models.go:34:6 has field OrgID covered by store.Full in repo_methods/store at store.go:69:6",
		"Local":               "models.go:132:6 has field OrgID covered by models.localStore in repo_methods/models at models.go:134:6",
		"ByMapKey":            "models.go:52:6 has field OrgID missing",
	})
}

// TestInventoryRecordsUnreferenced: under models.unreferenced: skip, a
// model that nothing refers to is recorded as unreferenced; one that is
// referred to is missing, and a covered one covered.
func TestInventoryRecordsUnreferenced(t *testing.T) {
	got := records(t, run(t, "repo_unreferenced/..."), "repo_unreferenced/models")
	checkRecords(t, got, map[string]string{
		"Unused":   "models.go:5:6 has field TenantID unreferenced",
		"TestOnly": "models.go:74:6 has field TenantID unreferenced",
		"Returned": "models.go:15:6 has field TenantID missing",
		"Covered":  "models.go:84:6 has field TenantID covered by tenant.Repository in repo_unreferenced/store at store.go:9:5",
		"Global":   "models.go:89:6 has field TenantID global",
	})
}

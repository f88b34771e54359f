package initcfg

import "testing"

// TestTenantFieldRank pins which field names init takes for a tenant
// field: the spellings of real services, any case, and the prefixed
// forms, but not names that merely contain "id".
func TestTenantFieldRank(t *testing.T) {
	for name, want := range map[string]bool{
		"TenantID":       true,
		"tenantId":       true,
		"OrgID":          true,
		"NID":            true, // Ory Kratos
		"NetworkID":      true, // Ory Keto
		"ParentTenantID": true,
		"OwnerOrgID":     true,
		"ID":             false,
		"UserID":         false,
		"Network":        false,
	} {
		if _, got := tenantFieldRank(name); got != want {
			t.Errorf("tenantFieldRank(%q) looks like a tenant field = %v, want %v", name, got, want)
		}
	}
}

// Package billing has a tenant model and a tenant-filtered store
// (repository.methods: its methods take orgID).
package billing

import (
	"context"

	"cache_tenantdata/uuid"
)

// Invoice is a tenant model: it has the field OrgID.
type Invoice struct {
	ID    uuid.UUID
	OrgID string
	Total int64
}

// Report is no model, but what Store.Report returns is tenant data.
type Report struct{ Lines []string }

// Store looks invoices up by organisation.
type Store struct{}

// Get is a tenant-filtered lookup.
func (s *Store) Get(ctx context.Context, orgID string, id uuid.UUID) (*Invoice, error) {
	return &Invoice{ID: id, OrgID: orgID}, nil
}

// Report is a tenant-filtered lookup too.
func (s *Store) Report(ctx context.Context, orgID string) (Report, error) { return Report{}, nil }

// Latest returns tenant data (a fact that app sees): what Store.Report
// gives, although its own parameter is not a tenant value by name.
func Latest(s *Store, org string) Report {
	r, _ := s.Report(context.Background(), org)
	return r
}

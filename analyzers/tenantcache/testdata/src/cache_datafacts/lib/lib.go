// Package lib declares functions that return tenant data, and some that
// do not.
package lib

import (
	"context"
	"encoding/json"
)

type Invoice struct{ OrgID, ID string }

type Summary struct{ Total int64 }

type Store struct{}

func (Store) Sum(ctx context.Context, orgID string) (Summary, error) { return Summary{}, nil }

func (Store) Count(ctx context.Context) int { return 0 }

func Model(id string) *Invoice { return &Invoice{ID: id} } // want Model:"returns tenant data: \\*lib.Invoice"

func Totals(s Store, org string) Summary { // want Totals:"returns tenant data: lib.Summary from Store.Sum, a tenant-filtered lookup"
	sum, _ := s.Sum(context.Background(), org)
	return sum
}

func Again(s Store) Summary { return Totals(s, "x") } // want Again:"returns tenant data: lib.Summary from Store.Sum, a tenant-filtered lookup"

func Encoded(s Store) []byte { // want Encoded:"returns tenant data: lib.Summary from Store.Sum, a tenant-filtered lookup encoded"
	b, _ := json.Marshal(Totals(s, "y"))
	return b
}

// Count is a method of a repository (Store has a method with orgID):
// what it returns is tenant data (the count of the context's tenant).
func Counted(s Store) int { return s.Count(context.Background()) } // want Counted:"returns tenant data: int from Store.Count, a tenant-filtered lookup"

func Plain(n int64) Summary { return Summary{Total: n} }

func Flag(s Store) bool { return true }

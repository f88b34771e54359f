package tenantsql_test

import (
	"reflect"
	"testing"

	"github.com/tenantlint/tenantlint/analyzers/tenantsql"
)

// The statistics the inventory's tables section reads: each tenant
// table with its queries by where they come from (raw texts, sqlc
// constants, builder chains) and by outcome for that table, and the
// unchecked queries by reason; never an unchecked query counted as
// constrained.
func TestTableStats(t *testing.T) {
	type ts = tenantsql.TableStats
	for _, c := range []struct {
		pattern, pkg string
		tables       map[string]*ts
		unchecked    map[string]int
	}{
		{ // texts that do not resolve or parse name no table
			"sql_forms/...", "sql_forms/app",
			map[string]*ts{
				"invoices": {Column: "tenant_id", Queries: 30, Raw: 30, Constrained: 13, Unconstrained: 15, Suppressed: 2},
				"lines":    {Column: "tenant_id", Queries: 11, Raw: 11, Constrained: 4, Unconstrained: 5, Suppressed: 2},
				"workers":  {Column: "org_id", Queries: 4, Raw: 4, Constrained: 1, Unconstrained: 3},
			},
			map[string]int{tenantsql.UncheckedParse: 1, tenantsql.UncheckedUnresolved: 2},
		},
		{ // WHERE %s: unchecked, under its table
			"sql_opaque/...", "sql_opaque/app",
			map[string]*ts{"invoices": {Column: "tenant_id", Queries: 5, Raw: 5, Constrained: 1, Unconstrained: 3, Unchecked: 1}},
			map[string]int{tenantsql.UncheckedOpaque: 1},
		},
		{ // sqlc's constants; one suppressed in its .sql file, one on no tenant table
			"sql_sqlc/...", "sql_sqlc/db",
			map[string]*ts{"invoices": {Column: "tenant_id", Queries: 4, SQLC: 4, Constrained: 1, Unconstrained: 2, Suppressed: 1}},
			nil,
		},
		{ // builder chains, some not followed
			"sql_squirrel/...", "sql_squirrel/app",
			map[string]*ts{
				"invoices": {Column: "tenant_id", Queries: 19, Chains: 19, Constrained: 10, Unconstrained: 8, Unchecked: 1},
				"lines":    {Column: "tenant_id", Queries: 2, Chains: 2, Constrained: 1, Unconstrained: 1},
			},
			map[string]int{tenantsql.UncheckedChain: 3, tenantsql.UncheckedOpaque: 1},
		},
	} {
		got := stats(t, run(t, c.pattern), c.pkg)
		if !reflect.DeepEqual(got.Tables, c.tables) {
			t.Errorf("%s: tables", c.pkg)
			for name, tb := range got.Tables {
				t.Logf("got %s: %+v", name, *tb)
			}
		}
		if !reflect.DeepEqual(got.UncheckedBy, c.unchecked) {
			t.Errorf("%s: unchecked by reason %v, want %v", c.pkg, got.UncheckedBy, c.unchecked)
		}
		n := 0
		for _, k := range got.UncheckedBy {
			n += k
		}
		if n != got.Unchecked {
			t.Errorf("%s: %d unchecked by reason, %d in all", c.pkg, n, got.Unchecked)
		}
	}
}

// Adding packages up adds their tables and reasons, leaving theirs alone.
func TestTableStatsAdd(t *testing.T) {
	a := &tenantsql.Stats{Unchecked: 1, UncheckedBy: map[string]int{tenantsql.UncheckedParse: 1},
		Tables: map[string]*tenantsql.TableStats{"invoices": {Column: "tenant_id", Queries: 2, Raw: 2, Constrained: 1, Unconstrained: 1}}}
	b := &tenantsql.Stats{Unchecked: 2, UncheckedBy: map[string]int{tenantsql.UncheckedParse: 1, tenantsql.UncheckedOpaque: 1},
		Tables: map[string]*tenantsql.TableStats{
			"invoices": {Column: "tenant_id", Queries: 1, SQLC: 1, Unchecked: 1},
			"lines":    {Column: "tenant_id", Queries: 1, Chains: 1, Suppressed: 1},
		}}
	var sum tenantsql.Stats
	sum.Add(a)
	sum.Add(b)
	want := map[string]*tenantsql.TableStats{
		"invoices": {Column: "tenant_id", Queries: 3, Raw: 2, SQLC: 1, Constrained: 1, Unconstrained: 1, Unchecked: 1},
		"lines":    {Column: "tenant_id", Queries: 1, Chains: 1, Suppressed: 1},
	}
	if !reflect.DeepEqual(sum.Tables, want) {
		t.Errorf("tables %+v", sum.Tables)
	}
	if r := sum.UncheckedBy; len(r) != 2 || r[tenantsql.UncheckedParse] != 2 || r[tenantsql.UncheckedOpaque] != 1 {
		t.Errorf("by reason %v", r)
	}
	if a.Tables["invoices"].Queries != 2 || a.UncheckedBy[tenantsql.UncheckedParse] != 1 {
		t.Errorf("adding changed a package's own counts: %+v %v", a.Tables["invoices"], a.UncheckedBy)
	}
}

package registry

import (
	"maps"
	"slices"

	"github.com/tenantlint/tenantlint/analyzers/tenantcache"
	"github.com/tenantlint/tenantlint/analyzers/tenantctx"
	"github.com/tenantlint/tenantlint/analyzers/tenantrepo"
	"github.com/tenantlint/tenantlint/analyzers/tenantsql"
	"github.com/tenantlint/tenantlint/report/inventory"
)

// What each check contributes to the inventory: its records and counts,
// converted to the inventory's own input types (the report layer does
// not import the analyzers).

func repoInventory(s *tenantrepo.Stats, in *inventory.Input) {
	for _, rec := range s.Types {
		t := inventory.TypeRecord{Package: rec.Package, Name: rec.Name, Pos: rec.Pos, Reason: rec.Reason,
			Global: rec.Global, Unreferenced: rec.Unreferenced, Suppressed: rec.Suppressed, SuppressReason: rec.SuppressReason,
			SQLTable: rec.SQLTable}
		if rec.Repo != nil {
			t.Repo = &inventory.RepoSite{Type: rec.Repo.Type, Package: rec.Repo.Package, Pos: rec.Repo.Pos}
		}
		in.Types = append(in.Types, t)
	}
}

func cacheInventory(s *tenantcache.Stats, in *inventory.Input) {
	in.Cache = inventory.CacheCounts{Total: s.Calls, Scoped: s.Scoped, RawFixable: s.Fixable, RawManual: s.Manual, Suppressed: s.Suppressed,
		Unchecked: s.UncheckedCalls(), NotTenantData: s.NotTenantDataCalls()}
	if len(s.Unchecked) > 0 || len(s.NotTenantData) > 0 {
		in.Cache.ByReason = &inventory.CacheReasons{Unchecked: maps.Clone(s.Unchecked), NotTenantData: maps.Clone(s.NotTenantData)}
	}
}

func ctxInventory(s *tenantctx.Stats, in *inventory.Input) {
	in.Context = inventory.ContextCounts{Total: s.Calls, Kept: s.Scoped, DroppedFixable: s.Fixable, DroppedManual: s.Manual, Suppressed: s.Suppressed}
}

func sqlInventory(s *tenantsql.Stats, in *inventory.Input) {
	in.SQL = inventory.SQLCounts{Total: s.Queries, Constrained: s.Constrained, Unconstrained: s.Unconstrained,
		Suppressed: s.Suppressed, Unchecked: s.Unchecked}
	if len(s.UncheckedBy) > 0 {
		in.SQL.ByReason = &inventory.SQLReasons{Unchecked: maps.Clone(s.UncheckedBy)}
	}
	for _, name := range slices.Sorted(maps.Keys(s.Tables)) {
		t := s.Tables[name]
		in.Tables = append(in.Tables, inventory.TableRecord{Table: name, Column: t.Column, Counts: inventory.TableCounts{
			Total: t.Queries, Raw: t.Raw, SQLC: t.SQLC, Chains: t.Chains,
			Constrained: t.Constrained, Unconstrained: t.Unconstrained, Suppressed: t.Suppressed, Unchecked: t.Unchecked}})
	}
}

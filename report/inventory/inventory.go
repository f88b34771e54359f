// Package inventory is the tenancy inventory that `tenantlint --inventory`
// writes: every tenant-scoped type with why it is scoped and what covers
// it, per package the cache calls, the calls of tenant-aware sinks and
// the SQL queries by outcome, and each tenant table with the queries
// that name it. It is a report for the
// weekly audit, not a gate: it lists what is fine as well as what is not.
package inventory

import (
	"fmt"
	"go/token"
	"io"
	"path/filepath"
	"sort"

	"github.com/tenantlint/tenantlint/report"
)

// SchemaVersion is the version of the JSON form; it changes only when a
// field changes meaning or disappears (new fields may be added).
const SchemaVersion = 1

// Formats are the output formats of the inventory.
var Formats = []string{"text", "json", "html"}

// Type statuses.
const (
	Covered    = "covered"    // a tenant-aware repository covers the type
	Missing    = "missing"    // none does: tenantrepo reports it
	Suppressed = "suppressed" // none does, and a //tenantlint:ignore says why
	Global     = "global"     // marked //tenantlint:global: not checked
	// Unreferenced: nothing in the module refers to the type, and
	// models.unreferenced is skip: not checked.
	Unreferenced = "unreferenced"
	// LeftToSQL: a model sqlc generated for a table, left to tenantsql,
	// whose queries on its table are not all constrained (or none was
	// found); with all of them constrained it is covered.
	LeftToSQL = "tenantsql"
)

// Inventory is the whole report.
type Inventory struct {
	Version  int       `json:"version"`
	Types    []Type    `json:"types"`    // by package, then name
	Packages []Package `json:"packages"` // by import path
	// Tables are the tenant tables that tenantsql's queries name, by
	// package, then table; left out of the JSON form when there are
	// none, so that a run without SQL writes what schema version 1
	// always wrote.
	Tables []Table `json:"tables,omitempty"`
	Totals Counts  `json:"totals"`
}

// Table is one tenant table as the queries of one package name it.
type Table struct {
	Package string `json:"package"`
	Table   string `json:"table"`
	Column  string `json:"column"` // its tenant column
	TableCounts
}

// TableCounts counts the queries that name a tenant table: by where they
// come from (raw + sqlc + builder_chains = total) and by what they do to
// the table (constrained + unconstrained + suppressed + unchecked =
// total). A query that names two tables counts under each.
// Unconstrained: tenantsql reported it on the table; unchecked: its
// condition is not known (WHERE %s), never counted as constrained.
type TableCounts struct {
	Total         int `json:"total"`
	Raw           int `json:"raw"`
	SQLC          int `json:"sqlc"`
	Chains        int `json:"builder_chains"`
	Constrained   int `json:"constrained"`
	Unconstrained int `json:"unconstrained"`
	Suppressed    int `json:"suppressed"`
	Unchecked     int `json:"unchecked"`
}

// Type is one tenant-scoped type.
type Type struct {
	Package    string      `json:"package"`
	Name       string      `json:"name"`
	Position   Position    `json:"position"`
	Reason     string      `json:"reason"` // why it is tenant-scoped
	Status     string      `json:"status"` // covered, missing, suppressed, global or unreferenced
	Repository *Repository `json:"repository"`
	// SuppressionReason is the reason of the //tenantlint:ignore
	// directive, for status suppressed.
	SuppressionReason string `json:"suppression_reason,omitempty"`
	// Table is the table of a model sqlc generated, left to tenantsql,
	// and Queries the queries of the run that name it, all packages
	// together (nil when none does); it is covered when they are all
	// constrained, else its status is tenantsql.
	Table   string       `json:"table,omitempty"`
	Queries *TableCounts `json:"queries,omitempty"`
}

// Position is a place in a source file; File is relative to the directory
// tenantlint ran in when it is below it.
type Position struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

func (p Position) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column) }

// Repository is the instantiation that covers a type.
type Repository struct {
	Type     string   `json:"type"`    // e.g. tenant.Repository
	Package  string   `json:"package"` // the package that holds it
	Position Position `json:"position"`
}

// Package is what one package holds.
type Package struct {
	Package string `json:"package"`
	Counts
}

// Counts are the types by status and the cache calls and sink calls by
// outcome.
type Counts struct {
	Types TypeCounts  `json:"types"`
	Cache CacheCounts `json:"cache_calls"`
	// Context is left out of the JSON form when zero: a run without
	// tenantctx sink calls writes what schema version 1 always wrote.
	Context ContextCounts `json:"tenant_contexts,omitzero"`
	// SQL is left out of the JSON form when zero, as Context is.
	SQL SQLCounts `json:"sql_queries,omitzero"`
}

// SQLCounts counts the queries tenantsql found (raw texts, sqlc
// constants and builder chains): those whose tenant tables are all
// constrained (or that name none), those with a finding, those whose
// findings are all suppressed, and those it cannot judge (unchecked:
// never counted as constrained), with why by reason.
type SQLCounts struct {
	Total         int `json:"total"`
	Constrained   int `json:"constrained"`
	Unconstrained int `json:"unconstrained"`
	Suppressed    int `json:"suppressed"`
	Unchecked     int `json:"unchecked"`
	// ByReason counts the unchecked queries by reason ("does not
	// parse", "not resolvable to text", "opaque condition (WHERE %s)",
	// "formatted fragment does not parse", "builder chain not followed"), as CacheCounts.ByReason does the
	// cache calls; nil when there are none (a pointer keeps SQLCounts
	// comparable).
	ByReason *SQLReasons `json:"by_reason,omitempty"`
}

// SQLReasons counts unchecked queries by reason.
type SQLReasons struct {
	Unchecked map[string]int `json:"unchecked,omitempty"`
}

// TypeCounts counts tenant-scoped types by status.
type TypeCounts struct {
	Total      int `json:"total"`
	Covered    int `json:"covered"`
	Missing    int `json:"missing"`
	Suppressed int `json:"suppressed"`
	Global     int `json:"global"`
	// Unreferenced is left out of the JSON form when zero, as it always
	// is without models.unreferenced: skip.
	Unreferenced int `json:"unreferenced,omitempty"`
	// LeftToSQL is left out of the JSON form when zero, as it is
	// without sqlc's models and tenantsql.
	LeftToSQL int `json:"tenantsql,omitempty"`
}

// CacheCounts counts cache calls: scoped keys, raw keys that tenantfix
// can wrap, raw keys to fix by hand, suppressed findings, keys the check
// cannot judge (unchecked: never counted as scoped) and, with
// cache.report: tenant-data, calls that are not about tenant data. The
// last two are left out of the JSON form when zero, so that a run
// without them writes what schema version 1 always wrote.
type CacheCounts struct {
	Total         int `json:"total"`
	Scoped        int `json:"scoped"`
	RawFixable    int `json:"raw_fixable"`
	RawManual     int `json:"raw_manual"`
	Suppressed    int `json:"suppressed"`
	Unchecked     int `json:"unchecked,omitempty"`
	NotTenantData int `json:"not_tenant_data,omitempty"`
	// ByReason counts the unchecked calls and those not about tenant
	// data by reason; nil when there are none (a pointer keeps
	// CacheCounts comparable).
	ByReason *CacheReasons `json:"by_reason,omitempty"`
}

// CacheReasons counts cache calls by reason: why a key is unchecked
// ("non-string key", "key from a call not followed", "key of a type
// parameter"), and what a call not about tenant data holds ("holds
// bool").
type CacheReasons struct {
	Unchecked     map[string]int `json:"unchecked,omitempty"`
	NotTenantData map[string]int `json:"not_tenant_data,omitempty"`
}

// ContextCounts counts the calls of tenant-aware sinks made where a
// context that carries the tenant is in scope (tenantctx): those given a
// context that keeps the tenant, those given an empty one that tenantfix
// can replace, those to fix by hand, and suppressed findings.
type ContextCounts struct {
	Total          int `json:"total"`
	Kept           int `json:"kept"`
	DroppedFixable int `json:"dropped_fixable"`
	DroppedManual  int `json:"dropped_manual"`
	Suppressed     int `json:"suppressed"`
}

// Input is what the checks found in one package, as the inventory needs
// it; the registry of checks fills it from each check's statistics, so
// that this package depends on neither the analyzers nor the driver.
type Input struct {
	Path  string       // import path
	Types []TypeRecord // the tenant-scoped types (tenantrepo)
	Cache CacheCounts  // the cache calls by outcome (tenantcache)
	// Context counts the sink calls by outcome (tenantctx).
	Context ContextCounts
	// SQL counts the queries by outcome and Tables the tenant tables
	// they name (tenantsql).
	SQL    SQLCounts
	Tables []TableRecord
}

// TableRecord is one tenant table that a package's queries name.
type TableRecord struct {
	Table, Column string
	Counts        TableCounts
}

// TypeRecord is one tenant-scoped type and what the check concluded.
type TypeRecord struct {
	Package string         // import path of the declaring package
	Name    string         // the type's name
	Pos     token.Position // its declaration
	Reason  string         // why it is tenant-scoped
	Global  bool           // marked //tenantlint:global: coverage not looked up
	// Unreferenced is set for a type that nothing in the module refers
	// to, not reported under models.unreferenced: skip.
	Unreferenced bool
	Repo         *RepoSite // the covering repository; nil when none covers it
	// Suppressed is set when a //tenantlint:ignore directive suppressed
	// the missing-repository finding; SuppressReason is its reason.
	Suppressed     bool
	SuppressReason string
	// SQLTable is set for a model sqlc generated that tenantrepo left
	// to tenantsql: its table.
	SQLTable string
}

// RepoSite is the instantiation that covers a type.
type RepoSite struct {
	Type    string         // the repository type as code writes it
	Package string         // the package holding the instantiation
	Pos     token.Position // the instantiation
}

// Build makes the inventory of a run's per-package inputs, with file
// names relative to dir when they are below it. Packages with no
// tenant-scoped type, no cache call and no sink call are left out.
func Build(pkgs []Input, dir string) *Inventory {
	inv := &Inventory{Version: SchemaVersion, Types: []Type{}, Packages: []Package{}}
	queries := tableTotals(pkgs)
	for _, ps := range pkgs {
		pkg := Package{Package: ps.Path}
		for _, rec := range ps.Types {
			t := newType(rec, dir, queries)
			pkg.Types.add(t.Status)
			inv.Types = append(inv.Types, t)
		}
		pkg.Cache = ps.Cache
		pkg.Context = ps.Context
		pkg.SQL = ps.SQL
		for _, t := range ps.Tables {
			inv.Tables = append(inv.Tables, Table{Package: ps.Path, Table: t.Table, Column: t.Column, TableCounts: t.Counts})
		}
		if pkg.Types.Total == 0 && pkg.Cache.Total == 0 && pkg.Context.Total == 0 && pkg.SQL.Total == 0 {
			continue
		}
		inv.Packages = append(inv.Packages, pkg)
		inv.Totals.Types.plus(pkg.Types)
		inv.Totals.Cache.plus(pkg.Cache)
		inv.Totals.Context.plus(pkg.Context)
		inv.Totals.SQL.plus(pkg.SQL)
	}
	sort.SliceStable(inv.Tables, func(i, j int) bool {
		a, b := inv.Tables[i], inv.Tables[j]
		if a.Package != b.Package {
			return a.Package < b.Package
		}
		return a.Table < b.Table
	})
	sort.SliceStable(inv.Types, func(i, j int) bool {
		a, b := inv.Types[i], inv.Types[j]
		if a.Package != b.Package {
			return a.Package < b.Package
		}
		return a.Name < b.Name
	})
	sort.SliceStable(inv.Packages, func(i, j int) bool { return inv.Packages[i].Package < inv.Packages[j].Package })
	return inv
}

// tableTotals adds up the queries that name each tenant table, over all
// packages.
func tableTotals(pkgs []Input) map[string]*TableCounts {
	out := map[string]*TableCounts{}
	for _, ps := range pkgs {
		for _, t := range ps.Tables {
			if out[t.Table] == nil {
				out[t.Table] = &TableCounts{}
			}
			out[t.Table].plus(t.Counts)
		}
	}
	return out
}

func newType(rec TypeRecord, dir string, queries map[string]*TableCounts) Type {
	t := Type{Package: rec.Package, Name: rec.Name, Position: position(rec.Pos, dir), Reason: rec.Reason}
	switch {
	case rec.Global:
		t.Status = Global
	case rec.SQLTable != "":
		t.Table, t.Status = rec.SQLTable, LeftToSQL
		if q := queries[rec.SQLTable]; q != nil {
			c := *q
			t.Queries = &c
			if c.Total > 0 && c.Constrained == c.Total {
				t.Status = Covered
			}
		}
	case rec.Repo != nil:
		t.Status = Covered
		t.Repository = &Repository{Type: rec.Repo.Type, Package: rec.Repo.Package, Position: position(rec.Repo.Pos, dir)}
	case rec.Unreferenced:
		t.Status = Unreferenced
	case rec.Suppressed:
		t.Status, t.SuppressionReason = Suppressed, rec.SuppressReason
	default:
		t.Status = Missing
	}
	return t
}

func position(p token.Position, dir string) Position {
	return Position{File: filepath.ToSlash(report.RelPath(dir, p.Filename)), Line: p.Line, Column: p.Column}
}

func (c *TypeCounts) add(status string) {
	c.Total++
	switch status {
	case Covered:
		c.Covered++
	case Missing:
		c.Missing++
	case Suppressed:
		c.Suppressed++
	case Global:
		c.Global++
	case Unreferenced:
		c.Unreferenced++
	case LeftToSQL:
		c.LeftToSQL++
	}
}

func (c *TypeCounts) plus(o TypeCounts) {
	c.Total += o.Total
	c.Covered += o.Covered
	c.Missing += o.Missing
	c.Suppressed += o.Suppressed
	c.Global += o.Global
	c.Unreferenced += o.Unreferenced
	c.LeftToSQL += o.LeftToSQL
}

func (c *TableCounts) plus(o TableCounts) {
	c.Total += o.Total
	c.Raw += o.Raw
	c.SQLC += o.SQLC
	c.Chains += o.Chains
	c.Constrained += o.Constrained
	c.Unconstrained += o.Unconstrained
	c.Suppressed += o.Suppressed
	c.Unchecked += o.Unchecked
}

func (c *CacheCounts) plus(o CacheCounts) {
	c.Total += o.Total
	c.Scoped += o.Scoped
	c.RawFixable += o.RawFixable
	c.RawManual += o.RawManual
	c.Suppressed += o.Suppressed
	c.Unchecked += o.Unchecked
	c.NotTenantData += o.NotTenantData
	if o.ByReason == nil {
		return
	}
	if c.ByReason == nil {
		c.ByReason = &CacheReasons{} // never the package's own: the totals add into it
	}
	c.ByReason.Unchecked = addCounts(c.ByReason.Unchecked, o.ByReason.Unchecked)
	c.ByReason.NotTenantData = addCounts(c.ByReason.NotTenantData, o.ByReason.NotTenantData)
}

func addCounts(into, from map[string]int) map[string]int {
	for k, n := range from {
		if into == nil {
			into = map[string]int{}
		}
		into[k] += n
	}
	return into
}

func (c *SQLCounts) plus(o SQLCounts) {
	c.Total += o.Total
	c.Constrained += o.Constrained
	c.Unconstrained += o.Unconstrained
	c.Suppressed += o.Suppressed
	c.Unchecked += o.Unchecked
	if o.ByReason == nil {
		return
	}
	if c.ByReason == nil {
		c.ByReason = &SQLReasons{} // never the package's own: the totals add into it
	}
	c.ByReason.Unchecked = addCounts(c.ByReason.Unchecked, o.ByReason.Unchecked)
}

func (c *ContextCounts) plus(o ContextCounts) {
	c.Total += o.Total
	c.Kept += o.Kept
	c.DroppedFixable += o.DroppedFixable
	c.DroppedManual += o.DroppedManual
	c.Suppressed += o.Suppressed
}

// Write writes the inventory in format (text, json or html).
func Write(w io.Writer, inv *Inventory, format string) error {
	switch format {
	case "text":
		return Text(w, inv)
	case "json":
		return JSON(w, inv)
	case "html":
		return HTML(w, inv)
	}
	return fmt.Errorf("unknown inventory format %q (known: text, json, html)", format)
}

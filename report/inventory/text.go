package inventory

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
)

// Text writes the inventory as aligned tables: the tenant-scoped types,
// the cache calls of each package that has any, then, when tenantctx
// found sink calls, the tenant contexts of each package that has any,
// and when tenantsql found queries, the queries of each package that
// has any and the tenant tables they name (each left out otherwise, so
// that a run without them reads as before).
func Text(w io.Writer, inv *Inventory) error {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	t := inv.Totals.Types
	fmt.Fprintf(tw, "Tenant-scoped types: %d (covered %d, MISSING %d, suppressed %d, global %d%s%s)\n",
		t.Total, t.Covered, t.Missing, t.Suppressed, t.Global, unreferencedCount(t), leftToSQLCount(t))
	if len(inv.Types) > 0 {
		fmt.Fprintln(tw, "\nPACKAGE\tTYPE\tPOSITION\tWHY\tREPOSITORY")
		for _, ty := range inv.Types {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", ty.Package, ty.Name, ty.Position, ty.Reason, coverage(ty))
		}
	}
	c := inv.Totals.Cache
	fmt.Fprintf(tw, "\nCache calls: %d (scoped %d, raw fixable %d, raw manual %d, suppressed %d%s)\n",
		c.Total, c.Scoped, c.RawFixable, c.RawManual, c.Suppressed, unjudgedTotals(c))
	if c.Total > 0 {
		fmt.Fprintln(tw, "\nPACKAGE\tCALLS\tSCOPED\tRAW FIXABLE\tRAW MANUAL\tSUPPRESSED"+unjudgedHeader(c))
		for _, p := range inv.Packages {
			if k := p.Cache; k.Total > 0 {
				fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d%s\n", p.Package, k.Total, k.Scoped, k.RawFixable, k.RawManual, k.Suppressed, unjudgedCells(c, k))
			}
		}
		if r := c.ByReason; r != nil {
			writeReasons(tw, "Unchecked cache calls by reason", r.Unchecked)
			writeReasons(tw, "Cache calls not about tenant data, by what they hold", r.NotTenantData)
		}
	}
	if x := inv.Totals.Context; x.Total > 0 {
		fmt.Fprintf(tw, "\nTenant contexts at sink calls: %d (kept %d, dropped fixable %d, dropped manual %d, suppressed %d)\n",
			x.Total, x.Kept, x.DroppedFixable, x.DroppedManual, x.Suppressed)
		fmt.Fprintln(tw, "\nPACKAGE\tCALLS\tKEPT\tDROPPED FIXABLE\tDROPPED MANUAL\tSUPPRESSED")
		for _, p := range inv.Packages {
			if k := p.Context; k.Total > 0 {
				fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\n", p.Package, k.Total, k.Kept, k.DroppedFixable, k.DroppedManual, k.Suppressed)
			}
		}
	}
	if inv.Totals.SQL.Total > 0 {
		writeSQL(tw, inv)
	}
	return tw.Flush()
}

// writeSQL writes the queries of each package by outcome, the unchecked
// ones by reason, and the tenant tables the queries name.
func writeSQL(w io.Writer, inv *Inventory) {
	q := inv.Totals.SQL
	fmt.Fprintf(w, "\nSQL queries: %d (constrained %d, UNCONSTRAINED %d, suppressed %d, unchecked %d)\n",
		q.Total, q.Constrained, q.Unconstrained, q.Suppressed, q.Unchecked)
	fmt.Fprintln(w, "\nPACKAGE\tQUERIES\tCONSTRAINED\tUNCONSTRAINED\tSUPPRESSED\tUNCHECKED")
	for _, p := range inv.Packages {
		if k := p.SQL; k.Total > 0 {
			fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%d\t%d\n", p.Package, k.Total, k.Constrained, k.Unconstrained, k.Suppressed, k.Unchecked)
		}
	}
	if r := q.ByReason; r != nil {
		writeReasons(w, "Unchecked SQL queries by reason", r.Unchecked)
	}
	if len(inv.Tables) == 0 {
		return
	}
	tables, pkgs := map[string]bool{}, map[string]bool{}
	for _, t := range inv.Tables {
		tables[t.Table], pkgs[t.Package] = true, true
	}
	fmt.Fprintf(w, "\nTenant tables: %d, named by the queries of %d packages\n", len(tables), len(pkgs))
	fmt.Fprintln(w, "\nPACKAGE\tTABLE\tCOLUMN\tQUERIES\tRAW\tSQLC\tCHAINS\tCONSTRAINED\tUNCONSTRAINED\tSUPPRESSED\tUNCHECKED")
	for _, t := range inv.Tables {
		fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n", t.Package, t.Table, t.Column,
			t.Total, t.Raw, t.SQLC, t.Chains, t.Constrained, t.Unconstrained, t.Suppressed, t.Unchecked)
	}
}

// coverage says what covers a type, in the words of the text and HTML
// forms: the repository and where it is, or why none is needed.
func coverage(t Type) string {
	if t.Table != "" {
		return sqlCoverage(t)
	}
	switch t.Status {
	case Covered:
		return t.Repository.Type + " at " + t.Repository.Position.String()
	case Suppressed:
		return "MISSING, suppressed: " + t.SuppressionReason
	case Global:
		return "not needed: //tenantlint:global"
	case Unreferenced:
		return "not needed: nothing in the module refers to it"
	}
	return "MISSING"
}

// sqlCoverage says what covers a model sqlc generated, left to
// tenantsql: the queries on its table.
func sqlCoverage(t Type) string {
	q := t.Queries
	if q == nil || q.Total == 0 {
		return "tenantsql: no query names " + t.Table
	}
	if t.Status == Covered {
		return fmt.Sprintf("tenantsql: every query on %s is constrained (%d)", t.Table, q.Total)
	}
	return fmt.Sprintf("tenantsql: of %d queries on %s, %d constrained, %d UNCONSTRAINED, %d suppressed, %d unchecked",
		q.Total, t.Table, q.Constrained, q.Unconstrained, q.Suppressed, q.Unchecked)
}

// leftToSQLCount is the summary's part for sqlc's models left to
// tenantsql and not covered by their queries, left out when there are
// none.
func leftToSQLCount(t TypeCounts) string {
	if t.LeftToSQL == 0 {
		return ""
	}
	return fmt.Sprintf(", left to tenantsql %d", t.LeftToSQL)
}

// unreferencedCount is the summary's unreferenced part, left out when
// there are none so that a run without models.unreferenced: skip reads
// as before.
func unreferencedCount(t TypeCounts) string {
	if t.Unreferenced == 0 {
		return ""
	}
	return fmt.Sprintf(", unreferenced %d", t.Unreferenced)
}

// JSON writes the inventory as one indented JSON document whose "version"
// is SchemaVersion.
func JSON(w io.Writer, inv *Inventory) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // a report for people and jq, not for a web page
	return enc.Encode(inv)
}

// The unchecked calls and those not about tenant data get their columns
// only when a run has some, so that the inventory of a module without
// them reads as before.

// unjudged formats, for each of the two kinds that total has, the kind's
// name and its count in k.
func unjudged(total, k CacheCounts, format func(name string, n int) string) string {
	s := ""
	if total.Unchecked > 0 {
		s += format("unchecked", k.Unchecked)
	}
	if total.NotTenantData > 0 {
		s += format("not tenant data", k.NotTenantData)
	}
	return s
}

func unjudgedTotals(c CacheCounts) string {
	return unjudged(c, c, func(name string, n int) string { return fmt.Sprintf(", %s %d", name, n) })
}

func unjudgedHeader(total CacheCounts) string {
	return unjudged(total, total, func(name string, _ int) string { return "\t" + strings.ToUpper(name) })
}

func unjudgedCells(total, k CacheCounts) string {
	return unjudged(total, k, func(_ string, n int) string { return fmt.Sprintf("\t%d", n) })
}

// writeReasons writes counts by reason, most frequent first, then by
// reason.
func writeReasons(w io.Writer, title string, counts map[string]int) {
	if len(counts) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s:\n", title)
	for _, r := range sortedReasons(counts) {
		fmt.Fprintf(w, "  %d\t%s\n", counts[r], r)
	}
}

// sortedReasons lists the reasons of counts, most frequent first, then
// by reason.
func sortedReasons(counts map[string]int) []string {
	return slices.SortedFunc(maps.Keys(counts), func(a, b string) int {
		return cmp.Or(cmp.Compare(counts[b], counts[a]), strings.Compare(a, b))
	})
}

package inventory

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
)

// Text writes the inventory as aligned tables: the tenant-scoped types,
// the cache calls of each package that has any, then, when tenantctx
// found sink calls, the tenant contexts of each package that has any
// (left out otherwise, so that a run without them reads as before).
func Text(w io.Writer, inv *Inventory) error {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	t := inv.Totals.Types
	fmt.Fprintf(tw, "Tenant-scoped types: %d (covered %d, MISSING %d, suppressed %d, global %d%s)\n",
		t.Total, t.Covered, t.Missing, t.Suppressed, t.Global, unreferencedCount(t))
	if len(inv.Types) > 0 {
		fmt.Fprintln(tw, "\nPACKAGE\tTYPE\tPOSITION\tWHY\tREPOSITORY")
		for _, ty := range inv.Types {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", ty.Package, ty.Name, ty.Position, ty.Reason, coverage(ty))
		}
	}
	c := inv.Totals.Cache
	fmt.Fprintf(tw, "\nCache calls: %d (scoped %d, raw fixable %d, raw manual %d, suppressed %d)\n",
		c.Total, c.Scoped, c.RawFixable, c.RawManual, c.Suppressed)
	if c.Total > 0 {
		fmt.Fprintln(tw, "\nPACKAGE\tCALLS\tSCOPED\tRAW FIXABLE\tRAW MANUAL\tSUPPRESSED")
		for _, p := range inv.Packages {
			if k := p.Cache; k.Total > 0 {
				fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\n", p.Package, k.Total, k.Scoped, k.RawFixable, k.RawManual, k.Suppressed)
			}
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
	return tw.Flush()
}

// coverage says what covers a type, in the words of the text and HTML
// forms: the repository and where it is, or why none is needed.
func coverage(t Type) string {
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

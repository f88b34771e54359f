package sqlscope

import (
	"errors"
	"testing"
)

// A formatted condition ANDed with a tenant predicate cannot undo it:
// the statement is constrained whatever the fragment holds (Keto's
// `WHERE (%s) AND nid = ?`); ANDed with no tenant predicate it may be
// the tenant's, so the reference is not judged (Unknown) rather than
// reported.
func TestCheckUnknownConjunct(t *testing.T) {
	p := new(Parser)
	ph := PlaceholderPrefix + "1"
	for _, tc := range []struct {
		sql     string
		unknown bool
	}{
		{"DELETE FROM invoices WHERE (" + ph + ") AND tenant_id = ?", false},
		{"DELETE FROM invoices WHERE tenant_id = $1 AND " + ph, false},
		{"DELETE FROM invoices WHERE (" + ph + ") AND id = ?", true},
		{"SELECT 1 FROM invoices i JOIN lines l ON l.invoice_id = i.id WHERE (" + ph + ") AND i.tenant_id = $1", true},
	} {
		res, err := Check(p, tc.sql, testTables)
		if err != nil {
			t.Fatalf("%s: %v", tc.sql, err)
		}
		if len(res.Violations) != 0 || res.Unknown != tc.unknown {
			t.Errorf("%s: violations %v, Unknown %v; want none, Unknown %v", tc.sql, res.Violations, res.Unknown, tc.unknown)
		}
	}
}

// A text that does not parse says so, and says when formatted fragments
// (the likely cause) are in it.
func TestCheckUnparsableFormatted(t *testing.T) {
	p := new(Parser)
	_, err := Check(p, "SELECT * FROM invoices t WHERE t.tenant_id = ? AND t.x IS NULL "+PlaceholderPrefix+"1 ORDER BY t.id", testTables)
	if !errors.Is(err, ErrFormatted) {
		t.Errorf("formatted fragment: error %v, want ErrFormatted", err)
	}
	_, err = Check(p, "SELEC * FROM invoices", testTables)
	if err == nil || errors.Is(err, ErrFormatted) {
		t.Errorf("plain parse error: %v, want one without ErrFormatted", err)
	}
}

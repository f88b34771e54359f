package sqlscope

import (
	"strings"
	"testing"
)

// Equality with a column that is itself compared with values constrains
// (one step): SigNoz's tokens joined to organizations whose id is IN a
// list of parameters.
func TestCheckTransitive(t *testing.T) {
	p := new(Parser)
	for _, tc := range []struct{ name, sql, want string }{
		{"through an in list", `SELECT * FROM workers JOIN organizations o ON o.id = workers.org_id WHERE o.id IN ($1, $2)`, ""},
		{"through a parameter, reversed", `SELECT * FROM workers w, organizations o WHERE $1 = o.id AND w.org_id = o.id`, ""},
		{"through any", `SELECT * FROM workers w JOIN organizations o ON w.org_id = o.id WHERE o.id = ANY($1)`, ""},
		{"bound column not compared with a value", `SELECT * FROM workers w JOIN organizations o ON w.org_id = o.id WHERE o.id > $1`, "SELECT from workers has no predicate on workers.org_id"},
		{"bound by a subquery", `SELECT * FROM workers w JOIN organizations o ON w.org_id = o.id WHERE o.id IN (SELECT 1)`, "SELECT from workers has no predicate on workers.org_id"},
		{"an or is no binding", `SELECT * FROM workers w JOIN organizations o ON w.org_id = o.id WHERE o.id = $1 OR o.name = $2`, "SELECT from workers has no predicate on workers.org_id"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Check(p, tc.sql, testTables)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, v := range res.Violations {
				got = append(got, v.What())
			}
			if g := strings.Join(got, "|"); g != tc.want {
				t.Errorf("got %q, want %q", g, tc.want)
			}
		})
	}
}

// A builder's statement: its conditions in parentheses, OR binding
// looser than AND between them, joins with their ON conditions, and the
// conditions added on some paths only left out of the "always" form.
func TestBuiltQuerySQL(t *testing.T) {
	q := &BuiltQuery{
		Stmt:  "SELECT",
		From:  []string{`"users" AS "user"`},
		Joins: []BuiltJoin{{Text: "JOIN invoices AS i", On: []BuiltCond{{Text: `i.user_id = "user".id`}}}},
		Where: []BuiltCond{{Text: "a = ?"}, {Text: "b = ? OR c = ?", Or: true}, {Text: "org_id = ?", Conditional: true}},
	}
	want := `SELECT 1 FROM "users" AS "user" JOIN invoices AS i ON (i.user_id = "user".id) WHERE (a = ?) OR (b = ? OR c = ?) AND (org_id = ?)`
	if got := q.SQL(true); got != want {
		t.Errorf("SQL(true) = %s, want %s", got, want)
	}
	want = `SELECT 1 FROM "users" AS "user" JOIN invoices AS i ON (i.user_id = "user".id) WHERE (a = ?) OR (b = ? OR c = ?)`
	if got := q.SQL(false); got != want {
		t.Errorf("SQL(false) = %s, want %s", got, want)
	}
	u := &BuiltQuery{Stmt: "UPDATE", From: []string{"invoices", "lines"}, Where: []BuiltCond{{Text: "x = ?"}}}
	if got, want := u.SQL(true), "UPDATE invoices SET tenantlint_set = 1 FROM lines WHERE (x = ?)"; got != want {
		t.Errorf("UPDATE: %s, want %s", got, want)
	}
	d := &BuiltQuery{Stmt: "DELETE", From: []string{"invoices"}}
	if got, want := d.SQL(true), "DELETE FROM invoices"; got != want {
		t.Errorf("DELETE: %s, want %s", got, want)
	}
	if got := (&BuiltQuery{Stmt: "SELECT"}).SQL(true); got != "" {
		t.Errorf("no table: %q, want empty", got)
	}
}

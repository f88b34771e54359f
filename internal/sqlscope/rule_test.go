package sqlscope

import (
	"slices"
	"strings"
	"testing"

	"github.com/wasilibs/go-pgquery/parser"
)

var testTables = Tables{"invoices": "tenant_id", "lines": "tenant_id", "workers": "org_id", "billing.accounts": "tenant_id"}

// TestCheck judges one statement per case; want lists the findings' texts
// ("" for none), in order.
func TestCheck(t *testing.T) {
	p := new(Parser)
	runCheckCases(t, p, []checkCase{
		{"where param", "SELECT * FROM invoices WHERE tenant_id = $1 AND id = $2", ""},
		{"missing", "SELECT * FROM invoices WHERE id = $1", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"param on the left, cast", "SELECT * FROM invoices WHERE $1::uuid = tenant_id", ""},
		{"not a tenant table", "SELECT * FROM users WHERE id = $1", ""},
		{"alias", "SELECT * FROM invoices i WHERE i.tenant_id = $1", ""},
		{"other alias's column", "SELECT * FROM invoices i, users u WHERE u.tenant_id = $1", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"table-qualified", "SELECT * FROM invoices WHERE invoices.tenant_id = $1", ""},
		{"any", "SELECT * FROM invoices WHERE tenant_id = ANY($1)", ""},
		{"in params", "SELECT * FROM invoices WHERE tenant_id IN ($1, $2)", ""},
		{"row equality with params", "SELECT * FROM invoices WHERE (tenant_id, id) = ($1::uuid, $2)", ""},
		{"row equality joins tenant columns", "SELECT * FROM invoices i JOIN lines l ON (l.tenant_id, l.invoice_id) = (i.tenant_id, i.id) WHERE i.tenant_id = $1", ""},
		{"row equality, tenant column against another", "SELECT * FROM invoices i JOIN lines l ON (l.tenant_id, l.invoice_id) = (i.id, i.tenant_id) WHERE i.tenant_id = $1", "SELECT from lines has no predicate on lines.tenant_id"},
		{"row equality without the tenant column", "SELECT * FROM invoices WHERE (id, total) = ($1, $2)", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"in subquery is no constraint", "SELECT * FROM invoices WHERE tenant_id IN (SELECT id FROM users)", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"column = column of itself", "SELECT * FROM invoices WHERE tenant_id = tenant_id", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"not equality", "SELECT * FROM invoices WHERE tenant_id <> $1", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"is null", "SELECT * FROM invoices WHERE tenant_id = NULL", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"setting", "SELECT * FROM invoices WHERE tenant_id = current_setting('app.tenant')::uuid", ""},
		{"placeholder", "SELECT * FROM invoices WHERE tenant_id = " + PlaceholderPrefix + "1", ""},
		{"quoted placeholder", "SELECT * FROM invoices WHERE tenant_id = '" + PlaceholderPrefix + "1'", ""},
		{"function of a parameter", "SELECT * FROM invoices WHERE tenant_id = lower($1)", ""},
		{"function of nothing", "SELECT * FROM invoices WHERE tenant_id = now()", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"function of a constant", "SELECT * FROM invoices WHERE tenant_id = md5('x')", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"function of a column", "SELECT * FROM invoices WHERE tenant_id = lower(owner)", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"constant", "SELECT * FROM invoices WHERE tenant_id = 'acme'", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"constant, cast", "SELECT * FROM invoices WHERE tenant_id = '42'::uuid", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"number on the left", "SELECT * FROM invoices WHERE 7 = tenant_id", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"other column", "SELECT * FROM invoices WHERE tenant_id = owner_id", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"always false", "UPDATE invoices SET id = id WHERE 1 = 0", ""},
		{"false", "SELECT * FROM invoices WHERE false", ""},
		{"equal constants are no filter", "SELECT * FROM invoices WHERE 1 = 1", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"true is no filter", "SELECT * FROM invoices WHERE true AND id = $1", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"formatted condition", "UPDATE invoices SET paid = true WHERE " + PlaceholderPrefix + "1", ""},
		{"formatted condition with another", "SELECT * FROM invoices WHERE active AND " + PlaceholderPrefix + "2", ""},
		{"any of a constant array", "SELECT * FROM invoices WHERE tenant_id = ANY(ARRAY['a', 'b'])", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"any of an array of parameters", "SELECT * FROM invoices WHERE tenant_id = ANY(ARRAY[$1, $2])", ""},
		{"in with a constant", "SELECT * FROM invoices WHERE tenant_id IN ($1, 'acme')", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"in constants", "SELECT * FROM invoices WHERE tenant_id IN ('a', 'b')", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"in one parameter", "SELECT * FROM invoices WHERE tenant_id IN ($1)", ""},
		{"or both", "SELECT * FROM invoices WHERE (tenant_id = $1 AND id = $2) OR (tenant_id = $1 AND ref = $3)", ""},
		{"or one", "SELECT * FROM invoices WHERE tenant_id = $1 OR id = $2", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"or one, last", "SELECT * FROM invoices WHERE id = $2 OR tenant_id = $1", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"or of three", "SELECT * FROM invoices WHERE tenant_id = $1 OR id = $2 OR tenant_id = $3", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"not under and", "SELECT * FROM invoices WHERE NOT (tenant_id = $1)", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"join propagated", "SELECT * FROM invoices i JOIN lines l ON l.invoice_id = i.id AND l.tenant_id = i.tenant_id WHERE i.tenant_id = $1", ""},
		{"join propagated through where", "SELECT * FROM invoices i, lines l WHERE l.tenant_id = i.tenant_id AND i.tenant_id = $1", ""},
		{"join on the key only", "SELECT * FROM invoices i JOIN lines l ON l.invoice_id = i.id WHERE i.tenant_id = $1", "SELECT from lines has no predicate on lines.tenant_id"},
		{"join constrained in on", "SELECT * FROM invoices i LEFT JOIN lines l ON l.invoice_id = i.id AND l.tenant_id = $1 WHERE i.tenant_id = $1", ""},
		{"using", "SELECT * FROM invoices JOIN lines USING (tenant_id) WHERE tenant_id = $1", ""},
		{"using, constrained by qualified", "SELECT * FROM invoices i JOIN lines l USING (tenant_id, invoice_id) WHERE i.tenant_id = $1", ""},
		{"natural", "SELECT * FROM invoices i NATURAL JOIN lines l WHERE i.tenant_id = $1", ""},
		{"two unconstrained", "SELECT * FROM invoices i JOIN lines l ON l.tenant_id = i.tenant_id", "SELECT from invoices has no predicate on invoices.tenant_id|SELECT from lines has no predicate on lines.tenant_id"},
		{"self join, one alias", "SELECT * FROM invoices a JOIN invoices b ON b.parent = a.id WHERE a.tenant_id = $1", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"other column name", "SELECT * FROM workers WHERE tenant_id = $1", "SELECT from workers has no predicate on workers.org_id"},
		{"other column name ok", "SELECT * FROM workers w WHERE w.org_id = $1", ""},
		{"schema table", "SELECT * FROM billing.accounts WHERE id = $1", "SELECT from accounts has no predicate on accounts.tenant_id"},
		{"subquery in where", "SELECT * FROM users WHERE id IN (SELECT owner FROM invoices WHERE id = $1)", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"correlated subquery", "SELECT * FROM invoices i WHERE i.tenant_id = $1 AND EXISTS (SELECT 1 FROM lines l WHERE l.invoice_id = i.id AND l.tenant_id = i.tenant_id)", ""},
		{"correlated to unconstrained", "SELECT * FROM users u WHERE EXISTS (SELECT 1 FROM lines l WHERE l.owner = u.id)", "SELECT from lines has no predicate on lines.tenant_id"},
		{"subquery in from", "SELECT * FROM (SELECT * FROM invoices) x WHERE x.tenant_id = $1", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"subquery in select list", "SELECT (SELECT count(*) FROM lines) FROM users", "SELECT from lines has no predicate on lines.tenant_id"},
		{"cte", "WITH recent AS (SELECT * FROM invoices WHERE created > now()) SELECT * FROM recent", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"cte constrained", "WITH recent AS (SELECT * FROM invoices WHERE tenant_id = $1) SELECT * FROM recent", ""},
		{"cte shadows a table", "WITH invoices AS (SELECT 1 AS id) SELECT * FROM invoices", ""},
		{"union", "SELECT id FROM invoices WHERE tenant_id = $1 UNION SELECT id FROM lines", "SELECT from lines has no predicate on lines.tenant_id"},
		{"update", "UPDATE invoices SET paid = true WHERE id = $1", "UPDATE of invoices has no predicate on invoices.tenant_id"},
		{"update ok", "UPDATE invoices SET paid = true WHERE id = $1 AND tenant_id = $2", ""},
		{"update from", "UPDATE invoices i SET total = l.sum FROM lines l WHERE l.invoice_id = i.id AND i.tenant_id = $1", "UPDATE from lines has no predicate on lines.tenant_id"},
		{"delete using unconstrained", "DELETE FROM invoices i USING lines l WHERE l.invoice_id = i.id AND i.tenant_id = $1", "DELETE using lines has no predicate on lines.tenant_id"},
		{"delete", "DELETE FROM workers WHERE id = $1", "DELETE from workers has no predicate on workers.org_id"},
		{"delete using", "DELETE FROM invoices i USING lines l WHERE l.invoice_id = i.id AND l.tenant_id = i.tenant_id AND i.tenant_id = $1", ""},
		{"insert values with column", "INSERT INTO invoices (id, tenant_id) VALUES ($1, $2)", ""},
		{"insert values without column", "INSERT INTO invoices (id, total) VALUES ($1, $2)", "INSERT into invoices does not set invoices.tenant_id"},
		{"insert without column list", "INSERT INTO invoices VALUES ($1, $2)", ""},
		{"insert select", "INSERT INTO invoices (id, tenant_id) SELECT id, tenant_id FROM invoices WHERE id = $1", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"upsert", "INSERT INTO invoices (id, tenant_id, total) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET total = excluded.total", ""},
		{"ddl", "CREATE TABLE invoices (id int)", ""},
		{"two statements", "SELECT 1 FROM invoices WHERE tenant_id = $1; DELETE FROM lines", "DELETE from lines has no predicate on lines.tenant_id"},
		{"question marks", "SELECT * FROM invoices WHERE tenant_id = ? AND id = ?", ""},
		{"named", "UPDATE invoices SET total = :total WHERE id = :id AND tenant_id = :tenant_id", ""},
		{"named, missing", "UPDATE invoices SET total = :total WHERE id = :id", "UPDATE of invoices has no predicate on invoices.tenant_id"},
	})
}

// A text that is not PostgreSQL is an error, never a finding.
func TestCheckUnparsable(t *testing.T) {
	p := new(Parser)
	for _, sql := range []string{"SELEC * FROM invoices", "SELECT * FROM invoices WHERE"} {
		if res, err := Check(p, sql, testTables); err == nil {
			t.Errorf("Check(%q) = %+v, want a parse error", sql, res)
		}
	}
}

func TestPositional(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"a = ? AND b = ?", "a = $1 AND b = $2"},
		{"a = :a AND b::int = :b_2", "a = $1 AND b::int = $2"},
		{"a = '?:x' AND \"q?\" = ? -- ?\n", "a = '?:x' AND \"q?\" = $1 -- ?\n"},
		{"d ?| array['x'] /* :c */ AND e = $$ ? $$", "d ?| array['x'] /* :c */ AND e = $$ ? $$"},
	} {
		got, _ := positional(tc.in)
		if got != tc.want {
			t.Errorf("positional(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// The comments that may be directives belong to the statement they are
// in, with their text as DirectivePrefix starts it (internal/directive
// parses them); text in string literals is not a comment.
func TestDirectives(t *testing.T) {
	p := new(Parser)
	text := "-- tenantlint:ignore tenantsql polls every tenant\nSELECT * FROM invoices; SELECT 'tenantlint:ignore tenantsql no' FROM lines /* tenantlint:ignore tenantsql second */;\n" +
		"DELETE FROM lines -- tenantlint:ignore tenantsql\n; -- tenantlint:ignore tenantctx other\nSELECT 1 -- a comment"
	res, err := Check(p, text, testTables)
	if err != nil {
		t.Fatal(err)
	}
	want := []Directive{
		{0, "-- tenantlint:ignore tenantsql polls every tenant"},
		{1, "-- tenantlint:ignore tenantsql second"},
		{2, "-- tenantlint:ignore tenantsql"},
		{3, "-- tenantlint:ignore tenantctx other"},
	}
	if !slices.Equal(res.Directives, want) {
		t.Errorf("directives %+v, want %+v", res.Directives, want)
	}
	var stmts []int
	for _, v := range res.Violations {
		stmts = append(stmts, v.Statement)
	}
	if !slices.Equal(stmts, []int{0, 1, 2}) {
		t.Errorf("violations in statements %v, want 0, 1, 2", stmts)
	}
}

// A text in which no tenant table's name occurs as a word is never
// parsed (a process with only such texts never starts the parser), and
// has no finding; one that names a tenant table, in any case or with its
// schema, or that holds a directive, is.
func TestCheckParsesOnlyCandidates(t *testing.T) {
	parses := 0
	p := &Parser{toJSON: func(s string) (string, error) { parses++; return parser.ParseToJSON(s) }}
	for _, tc := range []struct {
		sql    string
		tables Tables
		parsed bool
	}{
		{"SELECT * FROM users WHERE id = $1", testTables, false},
		{"SELECT * FROM invoices_archive WHERE id = $1", testTables, false},
		{"SELECT * FROM old_invoices", testTables, false},
		{"SELEC * FROM users", testTables, false}, // not parsed, so not unchecked: it touches no tenant table
		{"SELECT * FROM invoices", nil, false},
		{"SELECT * FROM invoices", Tables{}, false},
		{"SELECT * FROM invoices WHERE id = $1", testTables, true},
		{"SELECT * FROM Invoices", testTables, true},
		{`SELECT * FROM "Invoices"`, Tables{"Invoices": "tenant_id"}, true},
		{"SELECT * FROM x WHERE y = 'a longer word than the lower-case buffer holds, with NO table in it'", testTables, false},
		{"SELECT * FROM billing.accounts", testTables, true},
		{"SELECT * FROM x JOIN workers w ON w.id = x.id", testTables, true},
		{"SELECT 1 -- tenantlint:ignore tenantsql nothing here", testTables, true},
	} {
		before := parses
		res, err := Check(p, tc.sql, tc.tables)
		if parsed := parses > before; parsed != tc.parsed {
			t.Errorf("Check(%q): parsed %v, want %v", tc.sql, parsed, tc.parsed)
		}
		if !tc.parsed && (err != nil || len(res.Violations) > 0 || len(res.Directives) > 0) {
			t.Errorf("Check(%q) without a parse = %+v, %v; want nothing", tc.sql, res, err)
		}
	}
}

// A condition given whole as a formatted value (WHERE %s) may be the
// tenant's: the statement is not judged, and the text says so (Unknown),
// so that it counts as unchecked, never as constrained.
func TestCheckUnknownCondition(t *testing.T) {
	p := new(Parser)
	tables := Tables{"invoices": "tenant_id"}
	for text, want := range map[string]bool{
		"DELETE FROM invoices WHERE " + PlaceholderPrefix + "1":      true,
		"DELETE FROM invoices WHERE tenant_id = $1":                  false,
		"DELETE FROM invoices WHERE id = " + PlaceholderPrefix + "1": false,
	} {
		res, err := Check(p, text, tables)
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		if res.Unknown != want {
			t.Errorf("%s: Unknown = %v, want %v", text, res.Unknown, want)
		}
	}
}

// TestCheckKeys: with key joins on (sql.propagate: keys), equality of a
// key column with a column of a constrained reference constrains, the
// key on either side; off, it does not (off lists the findings then).
func TestCheckKeys(t *testing.T) {
	p := new(Parser)
	const (
		lines    = "SELECT from lines has no predicate on lines.tenant_id"
		invoices = "SELECT from invoices has no predicate on invoices.tenant_id"
	)
	keys := map[string][]string{"workers": {"uuid"}, "billing.accounts": {"number"}}
	for _, tc := range []struct{ name, sql, on, off string }{
		{"line of a constrained invoice", "SELECT * FROM invoices i JOIN lines l ON l.invoice_id = i.id WHERE i.tenant_id = $1", "", lines},
		{"key on the left", "SELECT * FROM invoices i JOIN lines l ON i.id = l.invoice_id WHERE i.tenant_id = $1", "", lines},
		{"invoice of a constrained line", "SELECT * FROM lines l JOIN invoices i ON i.id = l.invoice_id WHERE l.tenant_id = $1", "", invoices},
		{"table-qualified, in where", "SELECT * FROM lines, invoices WHERE invoices.id = lines.invoice_id AND lines.tenant_id = $1", "", invoices},
		{"neither column a key", "SELECT * FROM invoices i JOIN lines l ON l.owner = i.owner WHERE i.tenant_id = $1", lines, lines},
		{"unqualified key", "SELECT * FROM invoices i JOIN lines l ON invoice_id = id WHERE i.tenant_id = $1", lines, lines},
		{"nothing constrained", "SELECT * FROM invoices i JOIN lines l ON l.invoice_id = i.id", invoices + "|" + lines, invoices + "|" + lines},
		{"self join", "SELECT * FROM invoices a JOIN invoices b ON b.parent = a.id WHERE a.tenant_id = $1", "", invoices},
		{"chain", "SELECT * FROM invoices i JOIN lines l ON l.invoice_id = i.id JOIN workers w ON w.uuid = l.worker WHERE i.tenant_id = $1",
			"", lines + "|SELECT from workers has no predicate on workers.org_id"},
		{"sql.keys replaces id", "SELECT * FROM invoices i JOIN workers w ON w.id = i.worker WHERE i.tenant_id = $1",
			"SELECT from workers has no predicate on workers.org_id", "SELECT from workers has no predicate on workers.org_id"},
		{"schema-qualified keys", "SELECT * FROM invoices i JOIN billing.accounts a ON a.number = i.account WHERE i.tenant_id = $1",
			"", "SELECT from accounts has no predicate on accounts.tenant_id"},
		{"or is no join", "SELECT * FROM invoices i JOIN lines l ON l.invoice_id = i.id OR l.id = $2 WHERE i.tenant_id = $1", lines, lines},
		{"correlated subquery", "SELECT * FROM invoices i WHERE i.tenant_id = $1 AND EXISTS (SELECT 1 FROM lines l WHERE l.invoice_id = i.id)", "", lines},
		{"update from", "UPDATE invoices i SET total = l.sum FROM lines l WHERE l.invoice_id = i.id AND i.tenant_id = $1", "", "UPDATE from lines has no predicate on lines.tenant_id"},
		{"in constrained keys", "UPDATE invoices SET paid = true WHERE id IN (SELECT id FROM invoices WHERE tenant_id = $1 AND total = 0 LIMIT 10)", "", "UPDATE of invoices has no predicate on invoices.tenant_id"},
		{"= any constrained keys", "DELETE FROM lines WHERE invoice_id = ANY (SELECT i.id FROM invoices i WHERE i.tenant_id = $1)", "", "DELETE from lines has no predicate on lines.tenant_id"},
		{"in, qualified", "SELECT * FROM lines l, users u WHERE l.invoice_id IN (SELECT id FROM invoices WHERE tenant_id = $1)", "", lines},
		{"in, not keys", "SELECT * FROM lines WHERE owner IN (SELECT owner FROM invoices WHERE tenant_id = $1)", lines, lines},
		{"in, unconstrained subquery", "SELECT * FROM lines WHERE invoice_id IN (SELECT id FROM invoices WHERE paid)", lines + "|" + invoices, lines + "|" + invoices},
		{"in, unqualified with two sources", "SELECT * FROM lines, users WHERE invoice_id IN (SELECT id FROM invoices WHERE tenant_id = $1)", lines, lines},
		{"in, other table's column", "SELECT * FROM lines l WHERE l.invoice_id IN (SELECT l.id FROM invoices WHERE tenant_id = $1)", lines, lines},
		{"in, two tables", "SELECT * FROM lines WHERE invoice_id IN (SELECT i.id FROM invoices i JOIN workers w ON w.org_id = i.tenant_id WHERE i.tenant_id = $1)", lines, lines},
		{"not in", "SELECT * FROM lines WHERE invoice_id NOT IN (SELECT id FROM invoices WHERE tenant_id = $1)", lines, lines},
		{"cte of constrained keys", "WITH found AS (SELECT id FROM invoices WHERE tenant_id = $1 LIMIT 10) UPDATE invoices SET paid = true FROM found WHERE invoices.id = found.id",
			"", "UPDATE of invoices has no predicate on invoices.tenant_id"},
		{"cte, aliased key", "WITH found AS (SELECT i.id AS invoice FROM invoices i WHERE i.tenant_id = $1) SELECT * FROM lines l JOIN found f ON l.invoice_id = f.invoice", "", lines},
		{"cte, not a key", "WITH found AS (SELECT owner FROM invoices WHERE tenant_id = $1) SELECT * FROM lines l JOIN found f ON l.owner = f.owner", lines, lines},
		{"cte unconstrained", "WITH found AS (SELECT id FROM invoices WHERE paid) SELECT * FROM lines l JOIN found f ON l.invoice_id = f.id", invoices + "|" + lines, invoices + "|" + lines},
		{"in constrained keys of a derived table", "UPDATE invoices SET paid = true WHERE id IN (SELECT id FROM (SELECT id FROM invoices c WHERE tenant_id = $1 LIMIT $2) AS s)",
			"", "UPDATE of invoices has no predicate on invoices.tenant_id"},
		{"in, derived table not constrained", "UPDATE invoices SET paid = true WHERE id IN (SELECT id FROM (SELECT id FROM invoices WHERE paid) AS s)",
			"UPDATE of invoices has no predicate on invoices.tenant_id|SELECT from invoices has no predicate on invoices.tenant_id",
			"UPDATE of invoices has no predicate on invoices.tenant_id|SELECT from invoices has no predicate on invoices.tenant_id"},
		{"in, derived table's non-key", "UPDATE invoices SET paid = true WHERE id IN (SELECT owner FROM (SELECT owner FROM invoices WHERE tenant_id = $1) AS s)",
			"UPDATE of invoices has no predicate on invoices.tenant_id", "UPDATE of invoices has no predicate on invoices.tenant_id"},
		{"through a table that is not a tenant table", "SELECT * FROM lines l JOIN links e ON l.id = e.line_id JOIN invoices i ON i.id = e.invoice_id WHERE i.tenant_id = $1", "", lines},
		{"through a link, no key", "SELECT * FROM lines l JOIN links e ON l.owner = e.owner JOIN invoices i ON i.id = e.invoice_id WHERE i.tenant_id = $1", lines, lines},
		{"through a link, nothing constrained", "SELECT * FROM lines l JOIN links e ON l.id = e.line_id WHERE e.kind = $1", lines, lines},
		{"<> any", "SELECT * FROM lines WHERE invoice_id <> ANY (SELECT id FROM invoices WHERE tenant_id = $1)", lines, lines},
		// An IN subquery or CTE judged apart for its keys is not
		// judged again where it is: its judgement there is the same
		// unless a column of it is the statement's around it, or it
		// joins a CTE of keys (apart, it knows neither).
		{"in, correlated", "SELECT * FROM lines l WHERE l.tenant_id = $1 AND l.invoice_id IN (SELECT i.id FROM invoices i WHERE i.tenant_id = l.tenant_id)", "", ""},
		{"in, unconstrained, in a cte", "WITH found AS (SELECT id FROM lines WHERE invoice_id IN (SELECT id FROM invoices WHERE paid)) SELECT * FROM found", lines + "|" + invoices, lines + "|" + invoices},
		{"cte joining a cte of keys", "WITH a AS (SELECT id FROM invoices WHERE tenant_id = $1), b AS (SELECT id FROM invoices WHERE tenant_id = $1 AND owner IN (SELECT l.owner FROM lines l JOIN a ON l.invoice_id = a.id)) SELECT * FROM b", "", lines},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, mode := range []struct {
				o    Options
				want string
			}{{Options{Keys: keys}, tc.on}, {Options{}, tc.off}} {
				res, err := CheckWith(p, tc.sql, testTables, mode.o)
				if err != nil {
					t.Fatalf("Check(%q): %v", tc.sql, err)
				}
				var got, want []string
				for _, v := range res.Violations {
					got = append(got, v.What())
				}
				if mode.want != "" {
					want = strings.Split(mode.want, "|")
				}
				if !slices.Equal(got, want) {
					t.Errorf("keys %v: Check(%q)\n got %q\nwant %q", mode.o.Keys != nil, tc.sql, got, want)
				}
			}
		})
	}
}

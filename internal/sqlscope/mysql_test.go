package sqlscope

import (
	"encoding/json"
	"flag"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// checkCase is one text judged, with the findings' texts it must have
// ("" for none, | between two), in order.
type checkCase struct{ name, sql, want string }

func runCheckCases(t *testing.T, p *Parser, cases []checkCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Check(p, tc.sql, testTables)
			if err != nil {
				t.Fatalf("Check(%q): %v", tc.sql, err)
			}
			var got []string
			for _, v := range res.Violations {
				got = append(got, v.What())
			}
			var want []string
			if tc.want != "" {
				want = strings.Split(tc.want, "|")
			}
			if !slices.Equal(got, want) {
				t.Errorf("Check(%q)\n got %q\nwant %q", tc.sql, got, want)
			}
		})
	}
}

// portableCases are written in the SQL both dialects parse, ? bind
// variables included: the same rule must judge them the same through
// either front end.
var portableCases = []checkCase{
	{"where param", "SELECT * FROM invoices WHERE tenant_id = ? AND id = ?", ""},
	{"missing", "SELECT * FROM invoices WHERE id = ?", "SELECT from invoices has no predicate on invoices.tenant_id"},
	{"param on the left", "SELECT * FROM invoices WHERE ? = tenant_id", ""},
	{"not a tenant table", "SELECT * FROM users WHERE id = ?", ""},
	{"alias", "SELECT * FROM invoices i WHERE i.tenant_id = ?", ""},
	{"alias with as", "SELECT * FROM invoices AS i WHERE i.tenant_id = ?", ""},
	{"other alias's column", "SELECT * FROM invoices i, users u WHERE u.tenant_id = ?", "SELECT from invoices has no predicate on invoices.tenant_id"},
	{"table-qualified", "SELECT * FROM invoices WHERE invoices.tenant_id = ?", ""},
	{"in params", "SELECT * FROM invoices WHERE tenant_id IN (?, ?)", ""},
	{"in one param", "SELECT * FROM invoices WHERE tenant_id IN (?)", ""},
	{"in with a constant", "SELECT * FROM invoices WHERE tenant_id IN (?, 'acme')", "SELECT from invoices has no predicate on invoices.tenant_id"},
	{"not in", "SELECT * FROM invoices WHERE tenant_id NOT IN (?)", "SELECT from invoices has no predicate on invoices.tenant_id"},
	{"row equality", "SELECT * FROM invoices WHERE (tenant_id, id) = (?, ?)", ""},
	{"row equality joins tenant columns", "SELECT * FROM invoices i JOIN lines l ON (l.tenant_id, l.invoice_id) = (i.tenant_id, i.id) WHERE i.tenant_id = ?", ""},
	{"in subquery is no constraint", "SELECT * FROM invoices WHERE tenant_id IN (SELECT id FROM users)", "SELECT from invoices has no predicate on invoices.tenant_id"},
	{"column = itself", "SELECT * FROM invoices WHERE tenant_id = tenant_id", "SELECT from invoices has no predicate on invoices.tenant_id"},
	{"not equality", "SELECT * FROM invoices WHERE tenant_id <> ?", "SELECT from invoices has no predicate on invoices.tenant_id"},
	{"null", "SELECT * FROM invoices WHERE tenant_id = NULL", "SELECT from invoices has no predicate on invoices.tenant_id"},
	{"function of a parameter", "SELECT * FROM invoices WHERE tenant_id = lower(?)", ""},
	{"function of nothing", "SELECT * FROM invoices WHERE tenant_id = now()", "SELECT from invoices has no predicate on invoices.tenant_id"},
	{"function of a column", "SELECT * FROM invoices WHERE tenant_id = lower(owner)", "SELECT from invoices has no predicate on invoices.tenant_id"},
	{"cast parameter", "SELECT * FROM invoices WHERE tenant_id = CAST(? AS CHAR(36))", ""},
	{"constant", "SELECT * FROM invoices WHERE tenant_id = 'acme'", "SELECT from invoices has no predicate on invoices.tenant_id"},
	{"number", "SELECT * FROM invoices WHERE 7 = tenant_id", "SELECT from invoices has no predicate on invoices.tenant_id"},
	{"placeholder", "SELECT * FROM invoices WHERE tenant_id = " + PlaceholderPrefix + "1", ""},
	{"quoted placeholder", "SELECT * FROM invoices WHERE tenant_id = '" + PlaceholderPrefix + "1'", ""},
	{"formatted condition", "UPDATE invoices SET paid = 1 WHERE " + PlaceholderPrefix + "1", ""},
	{"always false", "UPDATE invoices SET id = id WHERE 1 = 0", ""},
	{"equal constants are no filter", "SELECT * FROM invoices WHERE 1 = 1", "SELECT from invoices has no predicate on invoices.tenant_id"},
	{"or both", "SELECT * FROM invoices WHERE (tenant_id = ? AND id = ?) OR (tenant_id = ? AND ref = ?)", ""},
	{"or one", "SELECT * FROM invoices WHERE tenant_id = ? OR id = ?", "SELECT from invoices has no predicate on invoices.tenant_id"},
	{"or of three", "SELECT * FROM invoices WHERE tenant_id = ? OR id = ? OR tenant_id = ?", "SELECT from invoices has no predicate on invoices.tenant_id"},
	{"and chain", "SELECT * FROM invoices WHERE a = 1 AND b = 2 AND tenant_id = ? AND c = 3", ""},
	{"not", "SELECT * FROM invoices WHERE NOT (tenant_id = ?)", "SELECT from invoices has no predicate on invoices.tenant_id"},
	{"join propagated", "SELECT * FROM invoices i JOIN lines l ON l.invoice_id = i.id AND l.tenant_id = i.tenant_id WHERE i.tenant_id = ?", ""},
	{"join propagated through where", "SELECT * FROM invoices i, lines l WHERE l.tenant_id = i.tenant_id AND i.tenant_id = ?", ""},
	{"join on the key only", "SELECT * FROM invoices i JOIN lines l ON l.invoice_id = i.id WHERE i.tenant_id = ?", "SELECT from lines has no predicate on lines.tenant_id"},
	{"left join constrained in on", "SELECT * FROM invoices i LEFT JOIN lines l ON l.invoice_id = i.id AND l.tenant_id = ? WHERE i.tenant_id = ?", ""},
	{"using", "SELECT * FROM invoices JOIN lines USING (tenant_id) WHERE tenant_id = ?", ""},
	{"using, qualified", "SELECT * FROM invoices i JOIN lines l USING (tenant_id, invoice_id) WHERE i.tenant_id = ?", ""},
	{"using another column", "SELECT * FROM invoices i JOIN lines l USING (invoice_id) WHERE i.tenant_id = ?", "SELECT from lines has no predicate on lines.tenant_id"},
	{"natural", "SELECT * FROM invoices i NATURAL JOIN lines l WHERE i.tenant_id = ?", ""},
	{"two unconstrained", "SELECT * FROM invoices i JOIN lines l ON l.tenant_id = i.tenant_id", "SELECT from invoices has no predicate on invoices.tenant_id|SELECT from lines has no predicate on lines.tenant_id"},
	{"self join", "SELECT * FROM invoices a JOIN invoices b ON b.parent = a.id WHERE a.tenant_id = ?", "SELECT from invoices has no predicate on invoices.tenant_id"},
	{"other column name", "SELECT * FROM workers WHERE tenant_id = ?", "SELECT from workers has no predicate on workers.org_id"},
	{"schema table", "SELECT * FROM billing.accounts WHERE id = ?", "SELECT from accounts has no predicate on accounts.tenant_id"},
	{"schema table ok", "SELECT * FROM billing.accounts a WHERE a.tenant_id = ?", ""},
	{"subquery in where", "SELECT * FROM users WHERE id IN (SELECT owner FROM invoices WHERE id = ?)", "SELECT from invoices has no predicate on invoices.tenant_id"},
	{"exists correlated", "SELECT * FROM invoices i WHERE i.tenant_id = ? AND EXISTS (SELECT 1 FROM lines l WHERE l.invoice_id = i.id AND l.tenant_id = i.tenant_id)", ""},
	{"correlated to unconstrained", "SELECT * FROM users u WHERE EXISTS (SELECT 1 FROM lines l WHERE l.owner = u.id)", "SELECT from lines has no predicate on lines.tenant_id"},
	{"scalar subquery compared", "SELECT * FROM users WHERE total > (SELECT max(total) FROM invoices)", "SELECT from invoices has no predicate on invoices.tenant_id"},
	{"subquery in from", "SELECT * FROM (SELECT * FROM invoices) x WHERE x.tenant_id = ?", "SELECT from invoices has no predicate on invoices.tenant_id"},
	{"subquery in select list", "SELECT (SELECT count(*) FROM lines) FROM users", "SELECT from lines has no predicate on lines.tenant_id"},
	{"subquery in a function", "SELECT coalesce((SELECT max(total) FROM lines), 0) FROM users", "SELECT from lines has no predicate on lines.tenant_id"},
	{"subquery in a case", "SELECT CASE WHEN EXISTS (SELECT 1 FROM lines) THEN 1 ELSE 0 END FROM users", "SELECT from lines has no predicate on lines.tenant_id"},
	{"cte", "WITH recent AS (SELECT * FROM invoices WHERE created > now()) SELECT * FROM recent", "SELECT from invoices has no predicate on invoices.tenant_id"},
	{"cte constrained", "WITH recent AS (SELECT * FROM invoices WHERE tenant_id = ?) SELECT * FROM recent", ""},
	{"cte shadows a table", "WITH invoices AS (SELECT 1 AS id) SELECT * FROM invoices", ""},
	{"recursive cte", "WITH RECURSIVE tree AS (SELECT id FROM lines WHERE tenant_id = ? UNION ALL SELECT l.id FROM lines l JOIN tree t ON l.parent = t.id) SELECT * FROM tree", "SELECT from lines has no predicate on lines.tenant_id"},
	{"union", "SELECT id FROM invoices WHERE tenant_id = ? UNION SELECT id FROM lines", "SELECT from lines has no predicate on lines.tenant_id"},
	{"update", "UPDATE invoices SET paid = 1 WHERE id = ?", "UPDATE of invoices has no predicate on invoices.tenant_id"},
	{"update ok", "UPDATE invoices SET paid = 1 WHERE id = ? AND tenant_id = ?", ""},
	{"update with subquery in set", "UPDATE invoices SET total = (SELECT sum(amount) FROM lines WHERE lines.invoice_id = invoices.id) WHERE tenant_id = ?", "SELECT from lines has no predicate on lines.tenant_id"},
	{"delete", "DELETE FROM workers WHERE id = ?", "DELETE from workers has no predicate on workers.org_id"},
	{"delete ok", "DELETE FROM workers WHERE id = ? AND org_id = ?", ""},
	{"insert values with column", "INSERT INTO invoices (id, tenant_id) VALUES (?, ?)", ""},
	{"insert values without column", "INSERT INTO invoices (id, total) VALUES (?, ?)", "INSERT into invoices does not set invoices.tenant_id"},
	{"insert without column list", "INSERT INTO invoices VALUES (?, ?)", ""},
	{"insert select", "INSERT INTO invoices (id, tenant_id) SELECT id, tenant_id FROM invoices WHERE id = ?", "SELECT from invoices has no predicate on invoices.tenant_id"},
	{"insert values subquery", "INSERT INTO users (id, n) VALUES (?, (SELECT count(*) FROM lines))", "SELECT from lines has no predicate on lines.tenant_id"},
	{"two statements", "SELECT 1 FROM invoices WHERE tenant_id = ?; DELETE FROM lines", "DELETE from lines has no predicate on lines.tenant_id"},
	{"ddl", "CREATE TABLE invoices (id int)", ""},
	{"named", "UPDATE invoices SET total = :total WHERE id = :id AND tenant_id = :tenant_id", ""},
	{"named, missing", "UPDATE invoices SET total = :total WHERE id = :id", "UPDATE of invoices has no predicate on invoices.tenant_id"},
}

// TestCheckDialects judges the portable cases through both front ends:
// one table, one rule.
func TestCheckDialects(t *testing.T) {
	p := new(Parser)
	for _, d := range []Dialect{PostgreSQL, MySQL} {
		t.Run(string(d), func(t *testing.T) { runCheckCases(t, p.For(d), portableCases) })
	}
}

// TestCheckMySQL judges MySQL's own forms.
func TestCheckMySQL(t *testing.T) {
	runCheckCases(t, new(Parser).For(MySQL), []checkCase{
		{"backticks", "SELECT * FROM `invoices` WHERE `tenant_id` = ?", ""},
		{"backticks, missing", "SELECT * FROM `invoices` AS `i` WHERE `i`.`id` = ?", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"backticks, qualified", "SELECT * FROM `invoices` `i` WHERE `i`.`tenant_id` = ?", ""},
		{"upper case names", "SELECT * FROM Invoices I WHERE I.Tenant_ID = ?", ""},
		{"database-qualified table", "SELECT * FROM `billing`.`accounts` WHERE id = ?", "SELECT from accounts has no predicate on accounts.tenant_id"},
		{"limit", "SELECT * FROM invoices WHERE tenant_id = ? ORDER BY id LIMIT ?, ?", ""},
		{"limit, missing", "SELECT * FROM invoices ORDER BY id LIMIT 10", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"for update", "SELECT * FROM invoices WHERE id = ? FOR UPDATE", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"dollar parameter", "SELECT * FROM invoices WHERE tenant_id = $1", ""},
		{"dollar column of a table is a column", "SELECT * FROM invoices i WHERE tenant_id = i.$1", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"user variable", "SELECT * FROM invoices WHERE tenant_id = @tenant", ""},
		{"on duplicate key update", "INSERT INTO invoices (id, tenant_id, total) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE total = VALUES(total)", ""},
		{"on duplicate key update without column", "INSERT INTO invoices (id, total) VALUES (?, ?) ON DUPLICATE KEY UPDATE total = total + 1", "INSERT into invoices does not set invoices.tenant_id"},
		{"on duplicate key update, subquery", "INSERT INTO invoices (id, tenant_id) VALUES (?, ?) ON DUPLICATE KEY UPDATE total = (SELECT sum(amount) FROM lines)", ""},
		{"on duplicate key update, row alias", "INSERT INTO invoices (id, tenant_id, total) VALUES (?, ?, ?) AS new ON DUPLICATE KEY UPDATE total = new.total", ""},
		{"insert select on duplicate key update", "INSERT INTO lines (invoice_id, tenant_id) SELECT id, tenant_id FROM invoices WHERE tenant_id = ? ON DUPLICATE KEY UPDATE amount = 0", ""},
		{"insert many rows", "INSERT INTO invoices (id, total) VALUES (?, ?), (?, ?)", "INSERT into invoices does not set invoices.tenant_id"},
		{"insert ignore", "INSERT IGNORE INTO invoices (id) VALUES (?)", "INSERT into invoices does not set invoices.tenant_id"},
		{"insert set", "INSERT INTO invoices SET id = ?, tenant_id = ?", ""},
		{"insert set without column", "INSERT INTO invoices SET id = ?, total = ?", "INSERT into invoices does not set invoices.tenant_id"},
		{"replace", "REPLACE INTO invoices (id, total) VALUES (?, ?)", "INSERT into invoices does not set invoices.tenant_id"},
		{"replace ok", "REPLACE INTO invoices (id, tenant_id) VALUES (?, ?)", ""},
		{"update alias", "UPDATE invoices i SET i.paid = 1 WHERE i.tenant_id = ?", ""},
		{"delete alias", "DELETE i FROM invoices i WHERE i.id = ?", "DELETE from invoices has no predicate on invoices.tenant_id"},
		{"update limit", "UPDATE invoices SET paid = 1 WHERE id = ? ORDER BY id LIMIT 1", "UPDATE of invoices has no predicate on invoices.tenant_id"},
		{"multi-table update", "UPDATE invoices i JOIN lines l ON l.invoice_id = i.id SET i.total = l.amount WHERE i.tenant_id = ?", "UPDATE from lines has no predicate on lines.tenant_id"},
		{"multi-table update ok", "UPDATE invoices i JOIN lines l ON l.invoice_id = i.id AND l.tenant_id = i.tenant_id SET i.total = l.amount WHERE i.tenant_id = ?", ""},
		{"multi-table update, comma", "UPDATE invoices i, lines l SET i.total = l.amount WHERE l.invoice_id = i.id AND l.tenant_id = ?", "UPDATE from invoices has no predicate on invoices.tenant_id"},
		{"multi-table delete", "DELETE i FROM invoices i JOIN lines l ON l.invoice_id = i.id WHERE l.tenant_id = ?", "DELETE using invoices has no predicate on invoices.tenant_id"},
		{"multi-table delete ok", "DELETE i FROM invoices i JOIN lines l USING (tenant_id) WHERE l.tenant_id = ?", ""},
		{"delete using form", "DELETE FROM i USING invoices i JOIN lines l ON l.invoice_id = i.id WHERE i.tenant_id = ?", "DELETE using lines has no predicate on lines.tenant_id"},
		{"delete limit", "DELETE FROM invoices WHERE created < ? LIMIT 100", "DELETE from invoices has no predicate on invoices.tenant_id"},
		{"straight join", "SELECT * FROM invoices i STRAIGHT_JOIN lines l ON l.tenant_id = i.tenant_id WHERE i.tenant_id = ?", ""},
		{"parenthesised joins", "SELECT * FROM (invoices i, lines l) WHERE i.tenant_id = ? AND l.tenant_id = i.tenant_id", ""},
		{"hash comment", "SELECT * FROM invoices # all of them\nWHERE id = ?", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"trailing semicolon and comment", "SELECT * FROM invoices WHERE id = ?; -- the end", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"versioned comment", "SELECT /*+ MAX_EXECUTION_TIME(1000) */ * FROM invoices WHERE tenant_id = ?", ""},
		{"json operator", "SELECT data->>'$.name' FROM invoices WHERE tenant_id = ?", ""},
		{"window function", "SELECT id, row_number() OVER (PARTITION BY owner ORDER BY id) FROM invoices WHERE tenant_id = ?", ""},
		{"semicolon in a string", "SELECT * FROM invoices WHERE note = 'a;b' AND tenant_id = ?; SELECT * FROM lines", "SELECT from lines has no predicate on lines.tenant_id"},
	})
}

// A text vitess rejects is an error, never a finding: PostgreSQL's own
// forms among them.
func TestCheckMySQLUnparsable(t *testing.T) {
	p := new(Parser).For(MySQL)
	for _, sql := range []string{
		"SELEC * FROM invoices",
		"SELECT * FROM invoices WHERE",
		"SELECT * FROM invoices WHERE tenant_id = ANY($1)",
		"SELECT 1 FROM invoices WHERE tenant_id = ?; SELEC 2",
	} {
		if res, err := Check(p, sql, testTables); err == nil {
			t.Errorf("Check(%q) = %+v, want a parse error", sql, res)
		}
	}
}

// The translated trees hold only what encoding/json gives PostgreSQL's
// (so both front ends' trees are alike to the rule), and a statement's
// location is where its text is, as libpg_query's.
func TestMySQLTreeShape(t *testing.T) {
	text := "SELECT * FROM invoices WHERE tenant_id = ? AND id IN (SELECT 1);\n-- tenantlint:ignore tenantsql why\nDELETE FROM lines WHERE 1 = 0"
	stmts, err := new(Parser).For(MySQL).Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	if len(stmts) != 2 {
		t.Fatalf("%d statements, want 2", len(stmts))
	}
	for _, s := range stmts {
		data, err := json.Marshal(s.Node)
		if err != nil {
			t.Fatal(err)
		}
		var back any
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(back, s.Node) {
			t.Errorf("the tree changes through JSON:\n%#v\n%#v", s.Node, back)
		}
	}
	if got := text[stmts[0].Loc : stmts[0].Loc+stmts[0].Len]; !strings.HasPrefix(got, "SELECT") || !strings.HasSuffix(got, "(SELECT 1)") {
		t.Errorf("first statement %q", got)
	}
	if stmts[1].Loc != strings.Index(text, ";")+1 || stmts[1].Len != 0 {
		t.Errorf("second statement at %d+%d", stmts[1].Loc, stmts[1].Len)
	}
	res, err := Check(new(Parser).For(MySQL), text, testTables)
	if err != nil {
		t.Fatal(err)
	}
	if want := []Directive{{1, "-- tenantlint:ignore tenantsql why"}}; !slices.Equal(res.Directives, want) {
		t.Errorf("directives %+v, want %+v", res.Directives, want)
	}
}

// A dialect's view shares its parser's memo, keyed by dialect: the same
// text is parsed once per dialect, and PostgreSQL's tree is never
// returned for MySQL.
func TestParserForDialect(t *testing.T) {
	p := new(Parser)
	text := "SELECT * FROM `invoices` WHERE tenant_id = ?"
	if _, err := p.For(MySQL).Parse(text); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Parse(text); err == nil {
		t.Errorf("PostgreSQL parsed MySQL's backticks: the memo is not keyed by dialect")
	}
	if p.For(MySQL).For(PostgreSQL) != p || p.For("") != p {
		t.Errorf("For(PostgreSQL) is not the parser itself")
	}
	if len(p.memo) != 2 {
		t.Errorf("%d memo entries, want one per dialect", len(p.memo))
	}

	// The cache folder holds PostgreSQL's trees only: a MySQL parse
	// neither reads nor writes it, so an entry of one dialect is never
	// taken for the other's.
	dir := t.TempDir()
	c := &Parser{Dir: func() string { return dir }, toJSON: func(string) (string, error) {
		t.Fatal("MySQL's parse called libpg_query")
		return "", nil
	}, version: "test"}
	if _, err := c.For(MySQL).Parse(text); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a MySQL parse wrote %d cache entries", len(entries))
	}
}

// glog's flags, which vitess's parser brings, are not on the standard
// command line: the go/analysis drivers define -v there themselves.
func TestNoGlogFlags(t *testing.T) {
	for name := range glogFlags {
		if f := flag.Lookup(name); f != nil {
			t.Errorf("-%s is registered (%s)", name, f.Usage)
		}
	}
	if flag.Lookup("test.run") == nil {
		t.Errorf("the test's own flags are gone")
	}
}

// BenchmarkParseMySQL is the cost of one MySQL parse, vitess's and the
// translation (the memo is bypassed: every iteration parses). MySQL has
// no start-up beyond its packages' initialisation.
func BenchmarkParseMySQL(b *testing.B) {
	text := "SELECT i.id, i.total FROM `invoices` i JOIN `lines` l ON l.invoice_id = i.id AND l.tenant_id = i.tenant_id WHERE i.tenant_id = ? AND i.id IN (?, ?)"
	for b.Loop() {
		if _, err := parseMySQL(text); err != nil {
			b.Fatal(err)
		}
	}
}

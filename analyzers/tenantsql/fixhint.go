package tenantsql

import (
	"fmt"
	"strings"

	"github.com/tenantlint/tenantlint/internal/sqlscope"
)

// The fix of a tenantsql finding is manual (issue 13: "manual by
// default, with the exact predicate to add in the message"): the message
// ends with the predicate, qualified as the statement names the table,
// and, when a tenant value is in scope, the value to bind to it.

// textFix is the manual fix of a violation in a query text: the
// predicate with the text's next parameter ($N after the highest one,
// or ? where the text writes ? or :name bind variables), or the column
// an INSERT leaves out.
func textFix(v sqlscope.Violation, res sqlscope.Result, p *sqlscope.Parser, text, tenant string) string {
	if v.Insert {
		return insertFix(v, p, tenant)
	}
	param := "?"
	if p.Dialect() != sqlscope.MySQL && dollarParams(text) {
		param = fmt.Sprintf("$%d", res.Params+1)
	}
	fix := fmt.Sprintf("add %s = %s to its WHERE", column(v, p), param)
	if tenant != "" {
		fix += ", bound to " + tenant
	}
	return " (manual fix: " + fix + ")"
}

// chainFix is the manual fix of a violation in a builder chain: a Where
// step with the predicate.
func chainFix(v sqlscope.Violation, p *sqlscope.Parser, tenant string) string {
	if v.Insert {
		return insertFix(v, p, tenant)
	}
	if tenant == "" {
		tenant = "the tenant"
	}
	return fmt.Sprintf(" (manual fix: add .Where(%q, %s))", column(v, p)+" = ?", tenant)
}

func insertFix(v sqlscope.Violation, p *sqlscope.Parser, tenant string) string {
	fix := " (manual fix: insert the column " + ident(v.Column, p)
	if tenant != "" {
		return fix + " with " + tenant + ")"
	}
	return fix + " with the tenant)"
}

// column is the tenant column qualified as the statement names the
// table (its alias, else the table), quoted where the name needs it.
func column(v sqlscope.Violation, p *sqlscope.Parser) string {
	ref := v.Ref
	if ref == "" {
		ref = v.Table
	}
	return ident(ref, p) + "." + ident(v.Column, p)
}

// ident writes a name as the dialect reads it: as is when it is a
// lower-case identifier, quoted otherwise ("tenantId", "Workflow").
func ident(name string, p *sqlscope.Parser) string {
	for i, r := range name {
		if !(r == '_' || r >= 'a' && r <= 'z' || i > 0 && r >= '0' && r <= '9') {
			return p.QuoteIdent(name)
		}
	}
	return name
}

// dollarParams reports whether the predicate to add to text is written
// with PostgreSQL's $N: the text writes $N parameters, or writes no ?
// bind variable (a text without parameters, sqlc's "-- name: X :one"
// included).
func dollarParams(text string) bool {
	for i := 0; i+1 < len(text); i++ {
		if text[i] == '$' && text[i+1] >= '0' && text[i+1] <= '9' {
			return true
		}
	}
	return !strings.Contains(text, "?")
}

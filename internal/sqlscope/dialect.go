package sqlscope

import "strings"

// Dialect is the SQL grammar a query text is parsed with. Every dialect
// is a front end of the one rule: its parser's tree is given to Check in
// the shape of libpg_query's (see mysql.go), so what is constrained is
// decided by the same code whatever the grammar.
type Dialect string

// The dialects, as sql.dialect names them.
const (
	PostgreSQL Dialect = "postgres"
	MySQL      Dialect = "mysql"
)

// For returns a parser of p's that parses texts of dialect d: it shares
// p's memo of parsed texts (keyed by dialect too) and p's cache folder.
// p itself parses PostgreSQL.
func (p *Parser) For(d Dialect) *Parser {
	if p.base != nil {
		p = p.base
	}
	if d == "" || d == PostgreSQL {
		return p
	}
	return &Parser{base: p, dialect: d}
}

// Dialect is the grammar p parses.
func (p *Parser) Dialect() Dialect { return p.dialect }

// QuoteIdent quotes a name as an identifier of p's dialect, each part of
// a schema-qualified one: "public"."users" for PostgreSQL, `app`.`users`
// for MySQL, where double quotes make a string.
func (p *Parser) QuoteIdent(name string) string {
	if p.dialect != MySQL {
		return QuoteIdent(name)
	}
	parts := strings.Split(name, ".")
	for i, s := range parts {
		parts[i] = "`" + strings.ReplaceAll(s, "`", "``") + "`"
	}
	return strings.Join(parts, ".")
}

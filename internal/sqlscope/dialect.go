package sqlscope

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

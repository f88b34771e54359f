package sqlscope

import "strings"

// Directive is a comment in a query's text that suppresses tenantsql's
// findings on the statement it is in: -- tenantlint:ignore tenantsql
// <reason> (or the same in /* */). Directives naming other checks are
// not tenantsql's and are left out.
type Directive struct {
	Statement int
	Reason    string // empty: the directive is malformed
}

// directives finds the directives in the comments of text and the
// statement each is in (a comment before the first statement, or after
// the last, belongs to the nearest).
func directives(text string, stmts []Stmt) []Directive {
	var out []Directive
	for _, c := range comments(text) {
		rest, ok := strings.CutPrefix(strings.TrimSpace(c.body), "tenantlint:ignore")
		if !ok {
			continue
		}
		fields := strings.Fields(rest)
		if len(fields) == 0 || fields[0] != "tenantsql" {
			continue
		}
		out = append(out, Directive{Statement: statementAt(stmts, c.off), Reason: strings.Join(fields[1:], " ")})
	}
	return out
}

func statementAt(stmts []Stmt, off int) int {
	for i, s := range stmts {
		if off < s.Loc {
			return max(i-1, 0)
		}
		if s.Len == 0 || off < s.Loc+s.Len {
			return i
		}
	}
	return max(len(stmts)-1, 0)
}

type comment struct {
	off  int
	body string // without -- or /* */
}

// comments lists the comments of text, lexically: string literals,
// quoted identifiers and dollar-quoted strings hold none.
func comments(text string) []comment {
	var out []comment
	for i := 0; i < len(text); i++ {
		switch ch := text[i]; {
		case ch == '\'' || ch == '"':
			i = closing(text, i+1, ch) - 1
		case strings.HasPrefix(text[i:], "--"), strings.HasPrefix(text[i:], "/*"), strings.HasPrefix(text[i:], "$$"):
			end := skipQuoted(text, i)
			if text[i] != '$' {
				body := strings.TrimSuffix(text[i+2:end], "*/")
				out = append(out, comment{off: i, body: body})
			}
			i = end - 1
		}
	}
	return out
}

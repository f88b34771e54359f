package sqlscope

import "strings"

// DirectivePrefix starts a suppression comment inside SQL, as
// //tenantlint:ignore starts one in Go: -- tenantlint:ignore tenantsql
// <reason> (or the same in /* */).
const DirectivePrefix = "-- tenantlint:ignore"

// Directive is a comment in a query's text that may be a suppression
// directive, and the statement it is in. Its text is parsed by
// internal/directive (directive.ParseText with DirectivePrefix), as Go
// comments are, so that both follow the same rules.
type Directive struct {
	Statement int
	// Text is the comment as DirectivePrefix starts it, whether it was
	// written with -- or /* */: "-- tenantlint:ignore tenantsql reason".
	Text string
}

// directives finds the comments of text that start with
// tenantlint:ignore and the statement each is in (a comment before the
// first statement, or after the last, belongs to the nearest).
func directives(text string, stmts []Stmt) []Directive {
	var out []Directive
	for _, c := range comments(text) {
		body := strings.TrimSpace(c.body)
		if strings.HasPrefix(body, "tenantlint:ignore") {
			out = append(out, Directive{Statement: statementAt(stmts, c.off), Text: "-- " + body})
		}
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

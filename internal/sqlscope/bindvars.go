package sqlscope

import (
	"strconv"
	"strings"
)

// positional rewrites the bind variables PostgreSQL's grammar does not
// have, ? (sqlx before Rebind, database/sql drivers of other databases)
// and :name (sqlx's named queries), as $1, $2, ... It scans the text
// lexically: string literals, quoted identifiers, dollar-quoted strings
// and comments are copied as they are, :: casts and the jsonb operators
// ?|, ?& are kept. It returns false when there is nothing to rewrite.
func positional(text string) (string, bool) {
	var b strings.Builder
	n, changed := 0, false
	next := func() string { n++; return "$" + strconv.Itoa(n) }
	for i := 0; i < len(text); i++ {
		ch := text[i]
		switch {
		case ch == '\'' || ch == '"':
			j := closing(text, i+1, ch)
			b.WriteString(text[i:j])
			i = j - 1
		case strings.HasPrefix(text[i:], "--"), strings.HasPrefix(text[i:], "/*"), strings.HasPrefix(text[i:], "$$"):
			end := skipQuoted(text, i)
			b.WriteString(text[i:end])
			i = end - 1
		case ch == '?' && (i+1 >= len(text) || text[i+1] != '|' && text[i+1] != '&'):
			b.WriteString(next())
			changed = true
		case ch == ':' && i+1 < len(text) && text[i+1] == ':':
			b.WriteString("::")
			i++
		case ch == ':' && i+1 < len(text) && isNameStart(text[i+1]):
			j := i + 1
			for j < len(text) && (isNameStart(text[j]) || text[j] >= '0' && text[j] <= '9' || text[j] == '.') {
				j++
			}
			b.WriteString(next())
			changed = true
			i = j - 1
		default:
			b.WriteByte(ch)
		}
	}
	return b.String(), changed
}

// skipQuoted returns the index just past the comment or dollar-quoted
// string that starts at i (--, /* or $$), or the end of text.
func skipQuoted(text string, i int) int {
	closer := map[string]string{"--": "\n", "/*": "*/", "$$": "$$"}[text[i:i+2]]
	j := strings.Index(text[i+2:], closer)
	if j < 0 {
		return len(text)
	}
	if closer == "\n" {
		return i + 2 + j // the newline is copied as text
	}
	return i + 2 + j + len(closer)
}

// closing returns the index just past the quote that closes a literal
// opened before from (” and "" inside are escaped quotes).
func closing(text string, from int, quote byte) int {
	for j := from; j < len(text); j++ {
		if text[j] == quote {
			if j+1 < len(text) && text[j+1] == quote {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(text)
}

func isNameStart(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

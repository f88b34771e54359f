package sqlscope

import "strings"

// mayTouch reports whether text may reference a tenant table of tables:
// whether one of its words is a table's name (without its schema), as
// written or folded to lower case as the parser folds unquoted names, or
// it holds a tenantlint:ignore comment, whose statement must be known to
// judge it. Every text that references a tenant table passes, so a text
// that does not pass has no finding and need not be parsed: the scan
// looks each word up once, whatever the number of tables, for far less
// than a parse (about 0.3 ms), and a process none of whose texts pass
// never starts the parser (about 2.4 s of CPU).
func mayTouch(text string, tables Tables) bool {
	if len(tables) == 0 {
		return false
	}
	if strings.Contains(text, "tenantlint:ignore") {
		return true
	}
	var names map[string]bool // the names of schema.name tables, when there are any
	for t := range tables {
		if i := strings.LastIndexByte(t, '.'); i >= 0 {
			if names == nil {
				names = map[string]bool{}
			}
			names[t[i+1:]] = true
		}
	}
	buf := make([]byte, 0, 64)
	for i := 0; i < len(text); {
		if !isIdentByte(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && isIdentByte(text[j]) {
			j++
		}
		word := text[i:j]
		i = j
		if _, ok := tables[word]; ok || names[word] {
			return true
		}
		// Folded to lower case in buf: a map index of string(bytes)
		// does not allocate.
		lower := buf[:0]
		for k := 0; k < len(word); k++ {
			c := word[k]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			lower = append(lower, c)
		}
		if _, ok := tables[string(lower)]; ok || names[string(lower)] {
			return true
		}
	}
	return false
}

// isIdentByte reports whether c may be part of an unquoted SQL
// identifier (bytes of multi-byte characters included).
func isIdentByte(c byte) bool {
	return isNameStart(c) || c >= '0' && c <= '9' || c == '$' || c >= 0x80
}

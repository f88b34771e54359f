package rewrite

import (
	"go/scanner"
	"go/token"
	"strings"

	udiff "github.com/aymanbagabas/go-udiff"
)

// splitWrap turns an edit that replaces an expression by a text holding
// the same tokens in the middle, fn(ctx, expr), into two insertions: the
// text before them at the expression's start and the text after them at
// its end. The expression keeps its bytes, and edits inside it (a key
// wrapped in a closure inside another key, say) merge with the two
// insertions instead of conflicting with the replacement, which would
// leave the inner key for a second run. In a gofmt-clean file the result
// is the same, since Build formats it afterwards; in one that is not,
// the expression keeps its spacing, like every byte outside the edits.
// Other edits are returned unchanged.
func splitWrap(e udiff.Edit, old []byte) []udiff.Edit {
	if e.Start >= e.End || e.End > len(old) {
		return []udiff.Edit{e}
	}
	oldText := string(old[e.Start:e.End])
	if strings.HasPrefix(oldText, "import") {
		return []udiff.Edit{e}
	}
	want := scanTokens(oldText)
	if len(want) == 0 {
		return []udiff.Edit{e}
	}
	have := scanTokens(e.New)
	// The last window of have that equals want: the wrapped expression is
	// the call's last argument.
	for i := len(have) - len(want); i >= 0; i-- {
		match := true
		for j := range want {
			if have[i+j].tok != want[j].tok || have[i+j].lit != want[j].lit {
				match = false
				break
			}
		}
		if !match {
			continue
		}
		prefix := e.New[:have[i].off]
		suffix := e.New[have[i+len(want)-1].end:]
		if prefix == "" && suffix == "" {
			return []udiff.Edit{e} // a reformatting, not a wrap
		}
		return []udiff.Edit{
			{Start: e.Start, End: e.Start, New: prefix},
			{Start: e.End, End: e.End, New: suffix},
		}
	}
	return []udiff.Edit{e}
}

type scanned struct {
	tok      token.Token
	lit      string
	off, end int
}

// scanTokens scans src, comments included and the semicolons the scanner
// inserts left out. It returns nil if src has a scanning error.
func scanTokens(src string) []scanned {
	var s scanner.Scanner
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	bad := false
	s.Init(file, []byte(src), func(token.Position, string) { bad = true }, scanner.ScanComments)
	var out []scanned
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.SEMICOLON && lit == "\n" {
			continue
		}
		off := file.Offset(pos)
		end := off + len(lit)
		if !tok.IsLiteral() && tok != token.COMMENT {
			end = off + len(tok.String())
			lit = ""
		}
		out = append(out, scanned{tok, lit, off, end})
	}
	if bad {
		return nil
	}
	return out
}

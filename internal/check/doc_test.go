package check

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"testing"
)

const testDoc = `// Package p does things.
//
// # Analyzer p
//
// p: report things
//
// More about
// the things.
//
// # Rule p
//
// Short: A thing
//
// Full: The thing is
// reported.
//
// Help: Fix it.
package p
`

func TestExtractDoc(t *testing.T) {
	doc, err := ExtractDoc(testDoc, "Analyzer p")
	if want := "p: report things\n\nMore about\nthe things."; err != nil || doc != want {
		t.Errorf("ExtractDoc = %q, %v; want %q", doc, err, want)
	}
	if s := Summary(doc, "p"); s != "report things" {
		t.Errorf("Summary = %q", s)
	}
	r, err := ExtractRule(testDoc, "p")
	if want := (Rule{Short: "A thing", Full: "The thing is reported.", Help: "Fix it."}); err != nil || r != want {
		t.Errorf("ExtractRule = %+v, %v; want %+v", r, err, want)
	}
	if _, err := ExtractDoc(testDoc, "Analyzer q"); err == nil {
		t.Error("a missing section was extracted")
	}
	if _, err := ExtractRule("// Package p.\n//\n// # Rule p\n//\n// Short: only\npackage p\n", "p"); err == nil {
		t.Error("a rule without Full and Help was extracted")
	}
}

// TestLeadingLineComments holds the parser-free reading of a doc.go to
// go/parser's: on every analyzer's doc.go and on the shapes it must
// leave to the parser.
func TestLeadingLineComments(t *testing.T) {
	docs, err := filepath.Glob("../../analyzers/*/doc.go")
	if err != nil || len(docs) == 0 {
		t.Fatalf("no analyzer doc.go: %v", err)
	}
	cases := map[string]string{
		"test doc":                      testDoc,
		"directive and trailing blanks": "// Package p.\n//go:generate x\n//   \n//\tTabbed  \n//\n//\n// After.\npackage p\n",
		"no space after the slashes":    "//Package p.\n//x\npackage  p  \n",
	}
	for _, d := range docs {
		b, err := os.ReadFile(d)
		if err != nil {
			t.Fatal(err)
		}
		cases[d] = string(b)
	}
	for name, content := range cases {
		g, ok := leadingLineComments(content)
		if !ok {
			t.Errorf("%s: not read without the parser", name)
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), "doc.go", content, parser.ParseComments|parser.PackageClauseOnly)
		if err != nil || f.Doc == nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got, want := g.Text(), f.Doc.Text(); got != want {
			t.Errorf("%s: text %q, go/parser's %q", name, got, want)
		}
	}
	for name, content := range map[string]string{
		"blank line before the clause": "// Package p.\n\npackage p\n",
		"block comment":                "/* Package p. */\npackage p\n",
		"carriage return":              "// Package p.\r\npackage p\r\n",
		"invalid UTF-8":                "// Package \xff.\npackage p\n",
		"NUL":                          "// Package \x00.\npackage p\n",
		"keyword as name":              "// Package p.\npackage func\n",
		"clause with a comment":        "// Package p.\npackage p // x\n",
		"no clause":                    "// Package p.\n",
		"no comment":                   "package p\n",
	} {
		if _, ok := leadingLineComments(content); ok {
			t.Errorf("%s: read without the parser", name)
		}
	}
}

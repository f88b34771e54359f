package check

import "testing"

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

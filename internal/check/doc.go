package check

import (
	"fmt"
	"go/parser"
	"go/token"
	"strings"
)

// ExtractDoc returns the section "# <heading>" of the package doc
// comment of a doc.go file's content: its lines up to the next heading,
// with the comment markers removed and surrounding blank lines trimmed.
// It is what x/tools' analysisinternal.MustExtractDoc does for its
// passes, so that the documentation is written once, in doc.go, and
// go doc, --help, the SARIF rules and the README say the same.
func ExtractDoc(content, heading string) (string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", content, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return "", fmt.Errorf("parsing doc.go: %w", err)
	}
	if f.Doc == nil {
		return "", fmt.Errorf("doc.go has no package doc comment")
	}
	want := "# " + heading
	var out []string
	in := false
	for _, line := range strings.Split(f.Doc.Text(), "\n") {
		if strings.HasPrefix(line, "# ") {
			if in {
				break
			}
			in = line == want
			continue
		}
		if in {
			out = append(out, line)
		}
	}
	if !in {
		return "", fmt.Errorf("doc.go has no %q section", want)
	}
	return strings.TrimSpace(strings.Join(out, "\n")), nil
}

// MustExtractDoc is ExtractDoc for the embedded doc.go of an analyzer
// package: a missing section is a programming error.
func MustExtractDoc(content, heading string) string {
	doc, err := ExtractDoc(content, heading)
	if err != nil {
		panic(err)
	}
	return doc
}

// paragraphs splits a doc section into paragraphs, each paragraph's lines
// joined with single spaces.
func paragraphs(section string) []string {
	var out []string
	for _, p := range strings.Split(section, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, strings.Join(strings.Fields(p), " "))
		}
	}
	return out
}

// Rule is what the report formats say about a check (SARIF's rule
// metadata), taken from the "# Rule <name>" section of its doc.go: the
// paragraphs that start "Short: ", "Full: " and "Help: ".
type Rule struct {
	Short, Full, Help string
}

// ExtractRule reads a check's rule texts from its doc.go.
func ExtractRule(content, name string) (Rule, error) {
	section, err := ExtractDoc(content, "Rule "+name)
	if err != nil {
		return Rule{}, err
	}
	var r Rule
	fields := map[string]*string{"Short: ": &r.Short, "Full: ": &r.Full, "Help: ": &r.Help}
	for _, p := range paragraphs(section) {
		for label, dst := range fields {
			if text, ok := strings.CutPrefix(p, label); ok {
				*dst = text
			}
		}
	}
	if r.Short == "" || r.Full == "" || r.Help == "" {
		return Rule{}, fmt.Errorf("doc.go: section # Rule %s needs the paragraphs Short:, Full: and Help:", name)
	}
	return r, nil
}

// MustExtractRule is ExtractRule for an analyzer's embedded doc.go.
func MustExtractRule(content, name string) Rule {
	r, err := ExtractRule(content, name)
	if err != nil {
		panic(err)
	}
	return r
}

// Summary is the one-line summary of an analyzer's doc ("name: summary",
// x/tools' convention for the first line of the # Analyzer section),
// without the name.
func Summary(doc, name string) string {
	first, _, _ := strings.Cut(doc, "\n")
	s, _ := strings.CutPrefix(first, name+": ")
	return s
}

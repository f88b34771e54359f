package rewrite

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/scanner"
	"go/token"
	"sort"
	"strconv"
	"strings"

	udiff "github.com/aymanbagabas/go-udiff"
)

// checkChange checks what every change must satisfy, whatever the fix:
//
//   - the new content parses;
//   - a file that was gofmt-clean is gofmt-clean, one that was not is
//     exactly the old content with the edits applied (nothing else was
//     reformatted), and still goes through gofmt;
//   - every import of the old file is still there, under the same name;
//   - every token of the old file, comments included, is still there, in
//     the same order (edits only insert or wrap);
//   - an edit that replaces text replaces exactly an expression or an
//     import declaration;
//   - every line that no edit touches is still there, in order: byte for
//     byte when the file was not gofmt-clean, up to the spacing that gofmt
//     realigns when it was.
//
// It returns a description of each violation.
func checkChange(fc *FileChange) []string {
	var errs []string
	fail := func(format string, args ...any) {
		errs = append(errs, fc.Rel+": "+fmt.Sprintf(format, args...))
	}
	newFile, err := parser.ParseFile(token.NewFileSet(), fc.Path, fc.New, parser.ParseComments)
	if err != nil {
		fail("the new content does not parse: %v", err)
		return errs
	}
	if fc.Created {
		if !isGofmtClean(fc.New) {
			fail("a created file is not gofmt-clean")
		}
		return errs
	}
	raw, err := udiff.ApplyBytes(fc.Old, fc.edits)
	if err != nil {
		fail("the edits do not apply: %v", err)
		return errs
	}
	clean := isGofmtClean(fc.Old)
	switch {
	case clean && !isGofmtClean(fc.New):
		fail("the old content was gofmt-clean, the new one is not:\n%s", gofmtDiff(fc.New))
	case !clean && !bytes.Equal(raw, fc.New):
		fail("the old content was not gofmt-clean and was reformatted beyond the edits")
	}
	if _, err := format.Source(fc.New); err != nil {
		fail("gofmt fails on the new content: %v", err)
	}
	fset := token.NewFileSet()
	oldFile, err := parser.ParseFile(fset, fc.Path, fc.Old, parser.ParseComments)
	if err != nil {
		fail("the old content does not parse: %v", err)
		return errs
	}
	have := map[string]bool{}
	for _, spec := range newFile.Imports {
		have[importKey(spec)] = true
	}
	for _, spec := range oldFile.Imports {
		if !have[importKey(spec)] {
			fail("the import %s disappeared", importKey(spec))
		}
	}
	if msg := isSubsequence(tokens(fc.Old), tokens(fc.New)); msg != "" {
		fail("a token of the old content is missing from the new one: %s", msg)
	}
	errs = append(errs, checkReplacements(fc, fset, oldFile)...)
	errs = append(errs, checkUntouchedLines(fc, fset, oldFile, !clean)...)
	return errs
}

func importKey(spec *ast.ImportSpec) string {
	name := ""
	if spec.Name != nil {
		name = spec.Name.Name + " "
	}
	return name + spec.Path.Value
}

type tok struct {
	tok token.Token
	lit string
}

// tokens scans src into its tokens, comments included, semicolons and
// commas left out: the scanner inserts semicolons at line ends, gofmt
// turns explicit ones into line breaks when a one-line function literal
// grows too long to stay on one line, and it drops the trailing comma of
// a one-line argument list (a wrapped key is formatted). A lost one that
// mattered would make the output fail to parse.
func tokens(src []byte) []tok {
	var s scanner.Scanner
	fset := token.NewFileSet()
	s.Init(fset.AddFile("", -1, len(src)), src, nil, scanner.ScanComments)
	var out []tok
	for {
		_, t, lit := s.Scan()
		if t == token.EOF {
			return out
		}
		if t == token.SEMICOLON || t == token.COMMA {
			continue
		}
		if t == token.COMMENT {
			lit = strings.TrimRight(lit, "\n")
		}
		if !t.IsLiteral() && t != token.COMMENT {
			lit = ""
		}
		out = append(out, tok{t, lit})
	}
}

// isSubsequence returns "" when sub is a subsequence of seq, else the
// first token of sub that is missing.
func isSubsequence(sub, seq []tok) string {
	j := 0
	for i, t := range sub {
		for j < len(seq) && seq[j] != t {
			j++
		}
		if j == len(seq) {
			return fmt.Sprintf("token #%d %s %q", i, t.tok, t.lit)
		}
		j++
	}
	return ""
}

// checkReplacements checks that every edit that removes text removes
// exactly an expression (a key being wrapped) or an import declaration
// (a single import becoming a group).
func checkReplacements(fc *FileChange, fset *token.FileSet, f *ast.File) []string {
	tf := fset.File(f.FileStart)
	spans := map[[2]int]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case ast.Expr:
			spans[[2]int{tf.Offset(n.Pos()), tf.Offset(n.End())}] = true
		case *ast.GenDecl:
			if n.Tok == token.IMPORT {
				spans[[2]int{tf.Offset(n.Pos()), tf.Offset(n.End())}] = true
			}
		}
		return true
	})
	var errs []string
	for _, e := range fc.edits {
		if e.Start == e.End {
			continue
		}
		if !spans[[2]int{e.Start, e.End}] {
			errs = append(errs, fmt.Sprintf("%s: an edit replaces %q, which is neither an expression nor an import declaration", fc.Rel, fc.Old[e.Start:e.End]))
		}
	}
	return errs
}

// checkUntouchedLines checks that the lines of the old content that no
// edit touches, and that are outside the import declarations when an
// edit touches those, are still in the new content, in order.
func checkUntouchedLines(fc *FileChange, fset *token.FileSet, f *ast.File, exact bool) []string {
	tf := fset.File(f.FileStart)
	touched := map[int]bool{}
	touch := func(start, end int) {
		for l := tf.Line(tf.Pos(start)); l <= tf.Line(tf.Pos(end)); l++ {
			touched[l] = true
		}
	}
	importsEdited := false
	for _, e := range fc.edits {
		touch(e.Start, e.End)
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if ok && gd.Tok == token.IMPORT && tf.Offset(gd.Pos()) <= e.Start && e.End <= tf.Offset(gd.End()) {
				importsEdited = true
			}
		}
	}
	if importsEdited {
		for _, d := range f.Decls {
			if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
				touch(tf.Offset(gd.Pos()), tf.Offset(gd.End()))
			}
		}
	}
	norm := func(s string) string {
		if exact {
			return s
		}
		return strings.Join(strings.Fields(s), " ")
	}
	oldLines := strings.SplitAfter(string(fc.Old), "\n")
	newLines := strings.SplitAfter(string(fc.New), "\n")
	j := 0
	var errs []string
	for i, line := range oldLines {
		if touched[i+1] {
			continue
		}
		want := norm(line)
		for j < len(newLines) && norm(newLines[j]) != want {
			j++
		}
		if j == len(newLines) {
			errs = append(errs, fmt.Sprintf("%s:%d: the untouched line %q is missing or moved in the new content", fc.Rel, i+1, line))
			return errs
		}
		j++
	}
	return errs
}

func gofmtDiff(src []byte) string {
	out, err := format.Source(src)
	if err != nil {
		return err.Error()
	}
	return udiff.Unified("new", "gofmt", string(src), string(out))
}

// importSpecs lists a file's imports, "name path" or "path", sorted.
func importSpecs(src []byte) []string {
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.ImportsOnly)
	if err != nil {
		return nil
	}
	var out []string
	for _, spec := range f.Imports {
		p, _ := strconv.Unquote(spec.Path.Value)
		if spec.Name != nil {
			p = spec.Name.Name + " " + p
		}
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// diffOf renders a change as a unified diff.
func diffOf(fc *FileChange) string {
	return udiff.Unified("a/"+fc.Rel, "b/"+fc.Rel, string(fc.Old), string(fc.New))
}

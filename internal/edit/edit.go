// Package edit computes the text edits of the fixes: adding an import
// under a name that collides with nothing, wrapping a key expression, and
// inserting a declaration. Edits touch only the bytes they mean to change,
// so a gofmt-clean file stays gofmt-clean and nothing else moves.
package edit

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/scanner"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// File bundles what the edits of one file need.
type File struct {
	Fset *token.FileSet
	AST  *ast.File
	Info *types.Info
	Pkg  *types.Package
	Src  []byte // the file's bytes

	// Declared, when set, returns the names declared at package level
	// by the package's files that Pkg does not hold (its _test.go files
	// when tests are not analyzed, files of other build configurations):
	// an import named so would clash with them when those files are
	// compiled. It is called at most once.
	Declared func() []string

	// taken holds the names ImportName must not give an import, computed
	// on first use: a File serves every finding of its file, so choosing
	// a name costs one walk of the file, not one per finding.
	taken map[string]bool
}

// Tok returns the token.File of the file.
func (f *File) Tok() *token.File { return f.Fset.File(f.AST.FileStart) }

// Text returns the source text of a node.
func (f *File) Text(n ast.Node) string {
	tf := f.Tok()
	return string(f.Src[tf.Offset(n.Pos()):tf.Offset(n.End())])
}

// ImportName returns the name under which the file can refer to the
// package at path, and the edits that add the import when the file lacks
// it. want is the package's own name. A name that is already declared in
// the file or the package is never reused: then want2, want3, ... is used.
func (f *File) ImportName(path, want string) (string, []analysis.TextEdit) {
	for _, spec := range f.AST.Imports {
		p, _ := strconv.Unquote(spec.Path.Value)
		if p != path {
			continue
		}
		switch {
		case spec.Name == nil:
			return want, nil
		case spec.Name.Name != "_" && spec.Name.Name != ".":
			return spec.Name.Name, nil
		}
	}
	name := want
	for i := 2; f.nameTaken(name); i++ {
		name = want + strconv.Itoa(i)
	}
	specText := strconv.Quote(path)
	if name != want {
		specText = name + " " + specText
	}
	return name, f.addImport(path, specText)
}

// nameTaken reports whether name is declared anywhere in the file or at
// package level (in any file of the package), so that using it as a
// package name could be shadowed or clash.
func (f *File) nameTaken(name string) bool {
	if f.taken == nil {
		f.taken = f.takenNames()
	}
	return f.taken[name]
}

// takenNames collects what nameTaken looks up: the package's names, the
// file's import names, and every name the file declares, in one walk.
func (f *File) takenNames() map[string]bool {
	taken := map[string]bool{}
	for _, name := range f.Pkg.Scope().Names() {
		taken[name] = true
	}
	if f.Declared != nil {
		for _, name := range f.Declared() {
			taken[name] = true
		}
	}
	for _, spec := range f.AST.Imports {
		if spec.Name != nil {
			taken[spec.Name.Name] = true
			continue
		}
		p, _ := strconv.Unquote(spec.Path.Value)
		if imported := f.importedName(p); imported != "" {
			taken[imported] = true
		}
	}
	ast.Inspect(f.AST, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && f.Info.Defs[id] != nil {
			taken[id.Name] = true
		}
		return true
	})
	return taken
}

func (f *File) importedName(path string) string {
	for _, p := range f.Pkg.Imports() {
		if p.Path() == path {
			return p.Name()
		}
	}
	return ""
}

// addImport inserts an import spec where gofmt would keep it: in sorted
// position inside the best-matching group of the last parenthesized
// import declaration, or as a new declaration.
func (f *File) addImport(path, specText string) []analysis.TextEdit {
	tf := f.Tok()
	var decls []*ast.GenDecl
	for _, d := range f.AST.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			break
		}
		if !isCgoImport(gd) {
			decls = append(decls, gd)
		}
	}
	for i := len(decls) - 1; i >= 0; i-- {
		if decls[i].Lparen.IsValid() && len(decls[i].Specs) > 0 {
			return f.insertInGroup(decls[i], path, specText)
		}
	}
	if len(decls) == 1 && len(decls[0].Specs) == 1 && !f.hasComments(decls[0]) {
		gd := decls[0]
		old := gd.Specs[0].(*ast.ImportSpec)
		oldText := f.Text(old)
		oldPath, _ := strconv.Unquote(old.Path.Value)
		lines := []string{oldText, specText}
		if path < oldPath {
			lines[0], lines[1] = lines[1], lines[0]
		}
		return []analysis.TextEdit{{Pos: gd.Pos(), End: gd.End(),
			NewText: []byte("import (\n\t" + lines[0] + "\n\t" + lines[1] + "\n)")}}
	}
	// After the last import declaration (cgo's included), or after the
	// package clause.
	var after ast.Node = f.AST.Name
	for _, d := range f.AST.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			break
		}
		after = gd
	}
	at := lineEnd(tf, f.Src, after.End())
	sep := "\n"
	if after == f.AST.Name {
		sep = "\n\n"
	}
	return []analysis.TextEdit{{Pos: at, End: at, NewText: []byte(sep + "import " + specText)}}
}

func isCgoImport(gd *ast.GenDecl) bool {
	for _, s := range gd.Specs {
		if s.(*ast.ImportSpec).Path.Value == `"C"` {
			return true
		}
	}
	return false
}

func (f *File) hasComments(n ast.Node) bool {
	for _, cg := range f.AST.Comments {
		if cg.Pos() >= n.Pos() && cg.End() <= n.End() {
			return true
		}
		// A trailing comment on the last line of the node.
		tf := f.Tok()
		if cg.Pos() >= n.End() && tf.Line(cg.Pos()) == tf.Line(n.End()) {
			return true
		}
	}
	return false
}

// insertInGroup inserts the spec in sorted position inside the group (a
// run of specs without blank lines) that best matches path.
func (f *File) insertInGroup(gd *ast.GenDecl, path, specText string) []analysis.TextEdit {
	tf := f.Tok()
	groups := [][]*ast.ImportSpec{}
	prevLine := -1
	for _, s := range gd.Specs {
		is := s.(*ast.ImportSpec)
		start := is.Pos()
		if is.Doc != nil {
			start = is.Doc.Pos()
		}
		if prevLine < 0 || tf.Line(start) > prevLine+1 {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], is)
		prevLine = tf.Line(is.End())
	}
	group := groups[bestGroup(groups, path)]
	for _, is := range group {
		p, _ := strconv.Unquote(is.Path.Value)
		if p > path {
			start := is.Pos()
			if is.Doc != nil {
				start = is.Doc.Pos()
			}
			if tf.Line(start) == tf.Line(gd.Lparen) {
				// "import (" shares the spec's line: insert inline.
				return []analysis.TextEdit{{Pos: start, End: start, NewText: []byte(specText + "; ")}}
			}
			at := tf.LineStart(tf.Line(start))
			return []analysis.TextEdit{{Pos: at, End: at, NewText: []byte(indentOf(tf, f.Src, is.Pos()) + specText + "\n")}}
		}
	}
	last := group[len(group)-1]
	if tf.Line(last.End()) == tf.Line(gd.Rparen) {
		// The closing parenthesis shares the spec's line: insert inline.
		return []analysis.TextEdit{{Pos: last.End(), End: last.End(), NewText: []byte("; " + specText)}}
	}
	at := lineEnd(tf, f.Src, last.End())
	return []analysis.TextEdit{{Pos: at, End: at, NewText: []byte("\n" + indentOf(tf, f.Src, last.Pos()) + specText)}}
}

// bestGroup picks the group whose paths share the longest prefix with
// path, keeping standard-library paths with the standard library.
func bestGroup(groups [][]*ast.ImportSpec, path string) int {
	best, bestScore := len(groups)-1, -1
	for i, g := range groups {
		score := 0
		for _, is := range g {
			p, _ := strconv.Unquote(is.Path.Value)
			if isStd(p) != isStd(path) {
				continue
			}
			score = max(score, 1+commonPrefix(p, path))
		}
		if score > bestScore || (score == bestScore && score > 0) {
			best, bestScore = i, score
		}
	}
	return best
}

func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func indentOf(tf *token.File, src []byte, pos token.Pos) string {
	start := tf.Offset(tf.LineStart(tf.Line(pos)))
	end := start
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return string(src[start:end])
}

// lineEnd returns where to insert text that goes after the node ending
// at pos: the newline ending pos's line, after comments that end on that
// line; or, when something that goes past that line follows on it (a
// multi-line block comment or raw string, or code after a ';'), pos or
// the end of the ';'.
func lineEnd(tf *token.File, src []byte, pos token.Pos) token.Pos {
	off := tf.Offset(pos)
	rest := src[off:]
	nl := bytes.IndexByte(rest, '\n')
	if nl < 0 {
		nl = len(rest)
	}
	var s scanner.Scanner
	file := token.NewFileSet().AddFile("", -1, len(rest))
	s.Init(file, rest, func(token.Position, string) {}, scanner.ScanComments)
	at := pos
	for first := true; ; first = false {
		p, tok, lit := s.Scan()
		o := file.Offset(p)
		switch {
		case tok == token.EOF || o >= nl:
			return tf.Pos(off + nl)
		case first && tok == token.SEMICOLON && lit == ";":
			at = tf.Pos(off + o + 1)
		case tok != token.COMMENT || strings.Contains(lit, "\n"):
			return at
		}
	}
}

// WrapCall returns the edits that turn expression e into fn(ctx, e),
// formatted as gofmt would print it in its new place, keeping every byte
// of e but white space (comments included); see Wrap.
func (f *File) WrapCall(e ast.Expr, fn, ctx string) []analysis.TextEdit {
	return f.Wrap(e, fn+"("+ctx+", ", ")")
}

// WrapConvCall is WrapCall for a key of a defined string type T (named
// conv in this file): it turns e into T(fn(ctx, string(e))), or into
// T(fn(ctx, e)) when e is an untyped constant (untyped is true).
func (f *File) WrapConvCall(e ast.Expr, fn, ctx, conv string, untyped bool) []analysis.TextEdit {
	if untyped {
		return f.Wrap(e, conv+"("+fn+"("+ctx+", ", "))")
	}
	return f.Wrap(e, conv+"("+fn+"("+ctx+", string(", ")))")
}

// Wrap returns the edits that put before and after around e, formatted
// as WrapCall says. An expression over several lines or with comments is
// formatted at the indentation of its first line, as gofmt prints it once
// it is an argument of the new call (a+b inside a call loses its spaces);
// when that changes more than white space, only before and after are
// inserted.
//
// When formatting changes nothing inside e, the edits only insert before
// and after, so that they compose with the edits of other fixes inside e
// (a cache call in the key of another).
func (f *File) Wrap(e ast.Expr, before, after string) []analysis.TextEdit {
	tf := f.Tok()
	src := f.Text(e)
	var text string
	var ok bool
	if tf.Line(e.Pos()) == tf.Line(e.End()) && !f.hasInnerComments(e) {
		text, ok = formatExpr(before + src + after)
	} else {
		text, ok = formatIndented(before+src+after, indentOf(tf, f.Src, e.Pos()))
	}
	if ok && text != before+src+after {
		return []analysis.TextEdit{{Pos: e.Pos(), End: e.End(), NewText: []byte(text)}}
	}
	return []analysis.TextEdit{
		{Pos: e.Pos(), End: e.Pos(), NewText: []byte(before)},
		{Pos: e.End(), End: e.End(), NewText: []byte(after)},
	}
}

// formatIndented formats an expression that may span lines and hold
// comments, as the argument of a call in a statement indented by indent.
// It fails unless the result differs from expr in white space only.
func formatIndented(expr, indent string) (string, bool) {
	if strings.Trim(indent, "\t") != "" {
		return "", false // gofmt indents with tabs; the file is not gofmt-clean
	}
	// Nest blocks so that gofmt indents the statement by indent.
	head, tail := "package p\n\nvar _ = f(x, ", ")\n"
	if n := len(indent); n > 0 {
		head, tail = "package p\n\nfunc _() {\n", "}\n"
		for i := 1; i < n; i++ {
			head += strings.Repeat("\t", i) + "{\n"
			tail = strings.Repeat("\t", i) + "}\n" + tail
		}
		head += indent + "_ = f(x, "
		tail = ")\n" + tail
	}
	out, err := format.Source([]byte(head + expr + tail))
	if err != nil || !bytes.HasPrefix(out, []byte(head)) || !bytes.HasSuffix(out, []byte(tail)) {
		return "", false
	}
	s := string(out[len(head) : len(out)-len(tail)])
	if stripSpace(s) != stripSpace(expr) {
		return "", false
	}
	return s, true
}

func stripSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, s)
}

func (f *File) hasInnerComments(n ast.Node) bool {
	for _, cg := range f.AST.Comments {
		if cg.Pos() >= n.Pos() && cg.End() <= n.End() {
			return true
		}
	}
	return false
}

// formatExpr formats a one-line expression as gofmt would inside an
// argument list.
func formatExpr(expr string) (string, bool) {
	const head = "package p\n\nvar _ = f(x, "
	out, err := format.Source([]byte(head + expr + ")\n"))
	if err != nil {
		return "", false
	}
	s := strings.TrimSuffix(strings.TrimPrefix(string(out), head), ")\n")
	if strings.Contains(s, "\n") {
		return "", false
	}
	return s, true
}

// InsertAfterDecl returns the edit that places text on its own, after the
// declaration decl (and any comment trailing it), separated by a blank
// line.
// When code follows (on the next line, or on the same line after a ';'
// or a multi-line comment), a line break is kept before it too, as gofmt
// wants between declarations of different kinds.
func (f *File) InsertAfterDecl(decl ast.Node, text string) analysis.TextEdit {
	at := lineEnd(f.Tok(), f.Src, decl.End())
	newText := "\n\n" + strings.TrimRight(text, "\n")
	if off := f.Tok().Offset(at); off < len(f.Src) {
		// What follows the insertion up to the end of its line: the
		// rest of this line when code goes on after the declaration,
		// else the next line.
		next := f.Src[off:]
		if next[0] == '\n' {
			next = next[1:]
		}
		if i := bytes.IndexByte(next, '\n'); i >= 0 {
			next = next[:i]
		}
		if len(bytes.TrimSpace(next)) > 0 {
			newText += "\n"
		}
	}
	return analysis.TextEdit{Pos: at, End: at, NewText: []byte(newText)}
}

// AppendDecl returns the edit that appends text at the end of the file.
func (f *File) AppendDecl(text string) analysis.TextEdit {
	at := f.Tok().Pos(len(bytes.TrimRight(f.Src, "\n")))
	return analysis.TextEdit{Pos: at, End: at, NewText: []byte("\n\n" + strings.TrimRight(text, "\n"))}
}

// SortEdits orders edits by position, for deterministic output.
func SortEdits(edits []analysis.TextEdit) {
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Pos < edits[j].Pos })
}

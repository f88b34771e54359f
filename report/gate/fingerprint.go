// Package gate lets a team adopt tenantlint on code that already has
// findings: a baseline file records the findings it accepts (keyed by
// fingerprints that survive edits elsewhere in the file), and
// --new-from-rev keeps only findings on lines changed since a git
// revision. Both filter the findings of a run before any format prints
// them.
package gate

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tenantlint/tenantlint/report"
)

// Key is what identifies a finding across edits that do not touch it.
// Lines and columns are deliberately absent: adding lines above a
// finding, moving its function within the file or reformatting it with
// gofmt leaves its Key unchanged.
type Key struct {
	Check string // the check that reported it
	File  string // module-relative, slash-separated (absolute when outside the module)
	Decl  string // the enclosing top-level declaration: "func (*Store).Save", "type Invoice", "" for none
	Code  string // the flagged source's tokens, without whitespace and comments
	// Occurrence numbers findings with the same Check, File, Decl and
	// Code from 1 in source order, so that a second identical call in the
	// same function is a new finding.
	Occurrence int
}

// Fingerprint is the stable hash of k stored in baseline files: 32 hex
// digits.
func (k Key) Fingerprint() string {
	h := sha256.New()
	fmt.Fprintf(h, "tenantlint fingerprint v1\x00%s\x00%s\x00%s\x00%s\x00%d", k.Check, k.File, k.Decl, k.Code, k.Occurrence)
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// Keys returns the key of each finding, in the order of fs. Finding files
// are absolute (as the driver returns them) or relative to the current
// directory; root is the module root that Key.File is relative to. A file
// that cannot be read or parsed still gets a key, from the finding's
// message instead of its code.
func Keys(fs []report.Finding, root string) []Key {
	keys := make([]Key, len(fs))
	srcs := map[string]*source{}
	for i, f := range fs {
		path := absPath(f.File)
		src, ok := srcs[path]
		if !ok {
			src = loadSource(path)
			srcs[path] = src
		}
		keys[i] = Key{Check: f.Check, File: moduleRel(root, path)}
		keys[i].Decl, keys[i].Code = src.locate(f)
	}
	numberOccurrences(fs, keys)
	return keys
}

// numberOccurrences sets Occurrence on keys that are otherwise equal, in
// the source order of their findings.
func numberOccurrences(fs []report.Finding, keys []Key) {
	order := make([]int, len(fs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		fa, fb := fs[order[a]], fs[order[b]]
		if fa.Line != fb.Line {
			return fa.Line < fb.Line
		}
		return fa.Column < fb.Column
	})
	seen := map[Key]int{}
	for _, i := range order {
		seen[keys[i]]++
		keys[i].Occurrence = seen[keys[i]]
	}
}

func absPath(file string) string {
	if a, err := filepath.Abs(file); err == nil {
		return a
	}
	return file
}

// moduleRel returns path relative to root in slash form, or path itself
// (in slash form) when it is not below root.
func moduleRel(root, path string) string {
	return filepath.ToSlash(report.RelPath(root, path))
}

// source is one parsed file: its bytes, top-level declarations and
// tokens. A nil *source stands for a file that could not be read or
// parsed.
type source struct {
	file   *token.File
	src    []byte
	decls  []declRange
	tokens []tok
}

type declRange struct {
	start, end int // byte offsets, doc comment included
	name       string
}

type tok struct {
	start, end int // byte offsets
	text       string
	comment    bool
}

func loadSource(path string) *source {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, data, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil
	}
	s := &source{file: fset.File(f.FileStart), src: data}
	s.decls = declRanges(s.file, f)
	s.tokens = scanTokens(data)
	return s
}

// locate returns the enclosing declaration and normalized code of f.
func (s *source) locate(f report.Finding) (decl, code string) {
	if s == nil {
		return "", f.Message
	}
	start, ok := s.offset(f.Line, f.Column)
	if !ok {
		return "", f.Message
	}
	end, ok := s.offset(f.EndLine, f.EndColumn)
	if !ok || end <= start {
		end = start + 1 // no end: the token that starts at the position
	}
	for _, d := range s.decls {
		if d.start <= start && start < d.end {
			decl = d.name
			break
		}
	}
	return decl, s.normalize(start, end)
}

// offset converts a 1-based line and byte column to a byte offset.
func (s *source) offset(line, col int) (int, bool) {
	if line < 1 || line > s.file.LineCount() || col < 1 {
		return 0, false
	}
	off := s.file.Offset(s.file.LineStart(line)) + col - 1
	if off > len(s.src) {
		return 0, false
	}
	return off, true
}

// normalize joins the tokens that overlap [start, end) without the
// whitespace, comments and automatic semicolons between them, and without
// a trailing comma before a closing bracket, so that gofmt's line
// breaking does not change the result. A range that holds only comments
// (a directive finding) is the comments' text with runs of spaces
// collapsed.
func (s *source) normalize(start, end int) string {
	var code, comments []string
	i := sort.Search(len(s.tokens), func(i int) bool { return s.tokens[i].end > start })
	for ; i < len(s.tokens) && s.tokens[i].start < end; i++ {
		t := s.tokens[i]
		switch {
		case t.comment:
			comments = append(comments, strings.Join(strings.Fields(t.text), " "))
		case t.text == ",":
			if i+1 < len(s.tokens) && isCloser(s.tokens[i+1].text) {
				continue
			}
			code = append(code, t.text)
		default:
			code = append(code, t.text)
		}
	}
	if len(code) == 0 {
		return strings.Join(comments, " ")
	}
	return strings.Join(code, " ")
}

func isCloser(s string) bool { return s == ")" || s == "]" || s == "}" }

// scanTokens returns the tokens of src with their offsets. Semicolons are
// left out: gofmt may turn an explicit one into a line break.
func scanTokens(src []byte) []tok {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var sc scanner.Scanner
	sc.Init(file, src, nil, scanner.ScanComments)
	var out []tok
	for {
		pos, t, lit := sc.Scan()
		if t == token.EOF {
			return out
		}
		if t == token.SEMICOLON {
			continue
		}
		text := lit
		if text == "" {
			text = t.String()
		}
		start := file.Offset(pos)
		out = append(out, tok{start: start, end: start + len(text), text: text, comment: t == token.COMMENT})
	}
}

// declRanges lists the top-level declarations of f with their names: one
// per function and one per spec of a var, const or type declaration.
func declRanges(file *token.File, f *ast.File) []declRange {
	var out []declRange
	add := func(doc *ast.CommentGroup, from, to token.Pos, name string) {
		if doc != nil && doc.Pos() < from {
			from = doc.Pos()
		}
		out = append(out, declRange{file.Offset(from), file.Offset(to), name})
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			add(d.Doc, d.Pos(), d.End(), funcName(d))
		case *ast.GenDecl:
			if d.Tok == token.IMPORT {
				continue
			}
			// A spec's range is searched first; the rest of the group
			// (its parentheses and doc) names the group's first spec.
			for _, spec := range d.Specs {
				add(specDoc(spec), spec.Pos(), spec.End(), d.Tok.String()+" "+specName(spec))
			}
			if len(d.Specs) > 0 {
				add(d.Doc, d.Pos(), d.End(), d.Tok.String()+" "+specName(d.Specs[0]))
			}
		}
	}
	return out
}

func specDoc(spec ast.Spec) *ast.CommentGroup {
	switch s := spec.(type) {
	case *ast.TypeSpec:
		return s.Doc
	case *ast.ValueSpec:
		return s.Doc
	}
	return nil
}

func specName(spec ast.Spec) string {
	switch s := spec.(type) {
	case *ast.TypeSpec:
		return s.Name.Name
	case *ast.ValueSpec:
		names := make([]string, len(s.Names))
		for i, n := range s.Names {
			names[i] = n.Name
		}
		return strings.Join(names, ", ")
	}
	return ""
}

// funcName names a function "func F" and a method "func (T).M" or
// "func (*T).M", without the receiver's name and type parameters.
func funcName(d *ast.FuncDecl) string {
	if d.Recv == nil || len(d.Recv.List) == 0 {
		return "func " + d.Name.Name
	}
	recv := d.Recv.List[0].Type
	star := ""
	if s, ok := recv.(*ast.StarExpr); ok {
		star, recv = "*", s.X
	}
	switch r := recv.(type) {
	case *ast.IndexExpr:
		recv = r.X
	case *ast.IndexListExpr:
		recv = r.X
	}
	return "func (" + star + types.ExprString(recv) + ")." + d.Name.Name
}

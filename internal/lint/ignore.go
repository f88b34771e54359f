package lint

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/gotypes"
)

// ignoreFindings applies the configuration's ignore.findings entries of
// one check to one package, and tells which of them dropped nothing.
//
// Like a //tenantlint:ignore directive, which is judged in its own file,
// an entry is judged package by package, the unit that every driver
// sees (go vet, nogo and golangci-lint analyze one package at a time):
// in each package with a checked file that the entry's path matches, the
// entry is reported as unused when it dropped none of that package's
// findings of its check. Packages whose files it does not match do not
// judge it, and an entry whose path matches no file anywhere is never
// reported.
type ignoreFindings struct {
	cfg     *config.Config
	entries []*config.FindingRule
	used    []bool
	reasons map[token.Pos]string // the reason of the entry that dropped the finding at a position
}

func newIgnoreFindings(cfg *config.Config, check string) *ignoreFindings {
	ig := &ignoreFindings{cfg: cfg, reasons: map[token.Pos]string{}}
	for i := range cfg.Ignore.Findings {
		if r := &cfg.Ignore.Findings[i]; r.Check.Value == check {
			ig.entries = append(ig.entries, r)
		}
	}
	ig.used = make([]bool, len(ig.entries))
	return ig
}

// drops reports whether an entry drops check's finding d, and marks it
// used.
func (ig *ignoreFindings) drops(p *Pass, d analysis.Diagnostic) bool {
	i := ig.match(p, d)
	if i < 0 {
		return false
	}
	ig.used[i] = true
	ig.reasons[d.Pos] = ig.entries[i].Reason.Value
	return true
}

// match returns the index of the first entry that drops d, or -1.
func (ig *ignoreFindings) match(p *Pass, d analysis.Diagnostic) int {
	if len(ig.entries) == 0 {
		return -1
	}
	rel, ok := ig.cfg.Rel(p.Fset.Position(d.Pos).Filename)
	if !ok {
		return -1
	}
	name := declName(p.TypesInfo, p.Pass.Files, d.Pos)
	for i, r := range ig.entries {
		if r.Matches(p.Check, rel, name, d.Message) {
			return i
		}
	}
	return -1
}

// unused reports, at their place in the configuration file, the entries
// that apply to a checked file of the package and dropped nothing.
func (ig *ignoreFindings) unused(p *Pass) {
	for i, r := range ig.entries {
		if ig.used[i] || !ig.applies(p, r) {
			continue
		}
		p.ReportConfig(r.Line, r.Column, fmt.Sprintf("unused ignore.findings entry: no %s finding in %s matches it", p.Check, p.Pkg.Path()))
	}
}

// ReportConfig reports msg at line and column (1-based) of the
// configuration file: about an entry of it, such as one that suppressed
// nothing. The file joins the pass's file set on first use.
func (p *Pass) ReportConfig(line, col int, msg string) {
	if p.configFile == nil {
		cfg := p.Rules.Config
		src := cfg.Source()
		p.configFile = p.Fset.AddFile(cfg.Path, -1, len(src))
		p.configFile.SetLinesForContent(src)
	}
	p.Pass.Report(analysis.Diagnostic{Pos: position(p.configFile, line, col), Category: p.Check, Message: msg})
}

// applies reports whether r's path matches a checked file of the package.
func (ig *ignoreFindings) applies(p *Pass, r *config.FindingRule) bool {
	for file := range p.checked {
		if rel, ok := ig.cfg.Rel(file); ok && r.MatchesFile(p.Check, rel) {
			return true
		}
	}
	return false
}

// position is the position of line and column (1-based, in bytes) in tf.
func position(tf *token.File, line, col int) token.Pos {
	if line < 1 || line > tf.LineCount() {
		return tf.Pos(0)
	}
	start := tf.LineStart(line)
	if off := tf.Offset(start) + col - 1; col > 0 && off < tf.Size() {
		return tf.Pos(off)
	}
	return start
}

// declName is the name of the top-level declaration of files that holds
// pos: a type, a function, a method as Type.Method, the first name of a
// var or const; "" outside any.
func declName(info *types.Info, files []*ast.File, pos token.Pos) string {
	for _, f := range files {
		if pos < f.FileStart || pos > f.FileEnd {
			continue
		}
		for _, decl := range f.Decls {
			if pos < decl.Pos() || pos >= decl.End() {
				continue
			}
			switch decl := decl.(type) {
			case *ast.FuncDecl:
				if t := receiverType(info, decl); t != "" {
					return t + "." + decl.Name.Name
				}
				return decl.Name.Name
			case *ast.GenDecl:
				for _, spec := range decl.Specs {
					if len(decl.Specs) > 1 && (pos < spec.Pos() || pos >= spec.End()) {
						continue
					}
					switch spec := spec.(type) {
					case *ast.TypeSpec:
						return spec.Name.Name
					case *ast.ValueSpec:
						return spec.Names[0].Name
					}
				}
			}
			return ""
		}
	}
	return ""
}

// receiverType is the name of the type of a method's receiver (T for T,
// *T and T[P]), or "" for a function.
func receiverType(info *types.Info, decl *ast.FuncDecl) string {
	fn, ok := info.Defs[decl.Name].(*types.Func)
	if !ok || fn.Signature().Recv() == nil {
		return ""
	}
	if n, ok := gotypes.Deref(fn.Signature().Recv().Type()).(*types.Named); ok {
		return n.Obj().Name()
	}
	return ""
}

// Package rewrite applies the analyzers' suggested fixes to files: it
// merges them into new file contents in memory, renders a unified diff,
// and writes the files transactionally with a backup and a manifest, so
// that a run is all or nothing and can be restored byte for byte.
//
// Fixes are text edits computed by the analyzers on the original bytes,
// so every byte outside the edited expressions, the inserted declarations
// and the import block stays as it was: comments and formatting included.
package rewrite

import (
	"bytes"
	"fmt"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"

	udiff "github.com/aymanbagabas/go-udiff"
	"golang.org/x/tools/go/analysis"

	"github.com/tenantlint/tenantlint/internal/driver"
	"github.com/tenantlint/tenantlint/internal/lint"
	"github.com/tenantlint/tenantlint/report"
)

// FileChange is the new content of one file.
type FileChange struct {
	Path    string // absolute
	Rel     string // relative to the module root, slash-separated
	Old     []byte // nil for a created file
	New     []byte
	Mode    os.FileMode
	Created bool
}

// Plan is every change of a run, computed before anything is written.
type Plan struct {
	Root      string
	Files     []*FileChange
	Models    int              // models that get a repository
	Keys      int              // keys that get wrapped
	Manual    []report.Finding // findings left for a person
	Conflicts int              // fixes skipped because they overlapped others
}

// fix is one suggested fix with the check that made it.
type fix struct {
	check string
	fset  *token.FileSet
	sf    analysis.SuggestedFix
	pos   token.Position
}

// Build merges the first suggested fix of every finding into new file
// contents. Fixes that overlap an earlier one are skipped and counted;
// identical edits (the same import added twice) coalesce.
func Build(res *driver.Result, root string) (*Plan, error) {
	p := &Plan{Root: root}
	for _, f := range res.Findings {
		if f.Fix == report.Manual {
			p.Manual = append(p.Manual, f)
		}
	}
	fixes := collectFixes(res)
	edits := map[string][]udiff.Edit{}
	olds := map[string][]byte{}
	for _, fx := range fixes {
		perFile, err := fileEdits(fx, olds)
		if err != nil {
			return nil, err
		}
		merged, ok := mergeAll(edits, perFile)
		if !ok {
			p.Conflicts++
			continue
		}
		for name, e := range merged {
			edits[name] = e
		}
		p.count(fx)
	}
	for name, es := range edits {
		fc, err := newChange(root, name, olds[name], es)
		if err != nil {
			return nil, err
		}
		p.Files = append(p.Files, fc)
	}
	sort.Slice(p.Files, func(i, j int) bool { return p.Files[i].Rel < p.Files[j].Rel })
	return p, nil
}

func (p *Plan) count(fx fix) {
	switch fx.check {
	case "tenantrepo":
		p.Models++
	case "tenantcache":
		p.Keys += lint.WrappedKeys(fx.sf)
	}
}

// collectFixes gathers each diagnostic's first fix once (a file seen in a
// package and its test variant yields the same diagnostic twice), in a
// deterministic order.
func collectFixes(res *driver.Result) []fix {
	var out []fix
	seen := map[string]bool{}
	for _, act := range res.Graph.Roots {
		for _, d := range act.Diagnostics {
			if len(d.SuggestedFixes) == 0 {
				continue
			}
			pos := act.Package.Fset.Position(d.Pos)
			key := fmt.Sprintf("%s|%s|%s", act.Analyzer.Name, pos, d.Message)
			if seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, fix{check: act.Analyzer.Name, fset: act.Package.Fset, sf: d.SuggestedFixes[0], pos: pos})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].pos, out[j].pos
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		if a.Offset != b.Offset {
			return a.Offset < b.Offset
		}
		return out[i].check < out[j].check
	})
	return out
}

// fileEdits converts a fix's edits to byte offsets per file, reading
// each file once and checking that it still has the size it was parsed
// with.
func fileEdits(fx fix, olds map[string][]byte) (map[string][]udiff.Edit, error) {
	out := map[string][]udiff.Edit{}
	for _, e := range fx.sf.TextEdits {
		tf := fx.fset.File(e.Pos)
		if tf == nil {
			return nil, fmt.Errorf("internal error: a fix edits a position outside any file")
		}
		name := tf.Name()
		if _, ok := olds[name]; !ok {
			data, err := os.ReadFile(name)
			if err != nil {
				return nil, fmt.Errorf("reading %s: %w", name, err)
			}
			if len(data) != tf.Size() {
				return nil, fmt.Errorf("%s changed while it was being analyzed; run again", name)
			}
			olds[name] = data
		}
		end := e.End
		if !end.IsValid() {
			end = e.Pos
		}
		out[name] = append(out[name], udiff.Edit{Start: tf.Offset(e.Pos), End: tf.Offset(end), New: string(e.NewText)})
	}
	for _, es := range out {
		udiff.SortEdits(es)
	}
	return out, nil
}

// mergeAll merges one fix's edits into the accumulated ones, for every
// file it touches, or reports a conflict.
func mergeAll(acc, add map[string][]udiff.Edit) (map[string][]udiff.Edit, bool) {
	out := map[string][]udiff.Edit{}
	for name, es := range add {
		prev := acc[name]
		if len(prev) == 0 {
			out[name] = es
			continue
		}
		merged, ok := udiff.Merge(prev, es)
		if !ok {
			return nil, false
		}
		out[name] = merged
	}
	return out, true
}

// newChange applies the edits and checks the result: it must parse, and
// a file that was gofmt-clean must stay so.
func newChange(root, name string, old []byte, edits []udiff.Edit) (*FileChange, error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	out, err := udiff.ApplyBytes(old, edits)
	if err != nil {
		return nil, fmt.Errorf("%s: applying fixes: %w", name, err)
	}
	if _, err := parser.ParseFile(token.NewFileSet(), name, out, parser.ParseComments); err != nil {
		return nil, fmt.Errorf("%s: the fixed file does not parse (a bug in tenantfix; nothing was written): %v", name, err)
	}
	if isGofmtClean(old) {
		if formatted, err := format.Source(out); err == nil {
			out = formatted
		}
	}
	rel, err := filepath.Rel(root, name)
	if err != nil || strings.HasPrefix(rel, "..") {
		return nil, fmt.Errorf("%s is outside the module %s; refusing to edit it", name, root)
	}
	return &FileChange{Path: name, Rel: filepath.ToSlash(rel), Old: old, New: out, Mode: st.Mode().Perm()}, nil
}

func isGofmtClean(src []byte) bool {
	formatted, err := format.Source(src)
	return err == nil && bytes.Equal(formatted, src)
}

// Diff renders the plan as one unified diff with a/ and b/ prefixes,
// paths relative to the module root, as git apply and patch -p1 take it.
func (p *Plan) Diff() string {
	var b strings.Builder
	for _, fc := range p.Files {
		from := "a/" + fc.Rel
		if fc.Created {
			from = "/dev/null"
		}
		d := udiff.Unified(from, "b/"+fc.Rel, string(fc.Old), string(fc.New))
		if d == "" {
			continue
		}
		fmt.Fprintf(&b, "diff --git a/%s b/%s\n", fc.Rel, fc.Rel)
		if fc.Created {
			fmt.Fprintf(&b, "new file mode 100%o\n", fc.Mode)
		}
		b.WriteString(d)
	}
	return b.String()
}

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
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	udiff "github.com/aymanbagabas/go-udiff"
	"golang.org/x/tools/go/analysis/checker"

	"github.com/tenantlint/tenantlint/internal/driver"
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

	edits []udiff.Edit // the merged edits, on Old, before any formatting
	real  string       // Path with symlinks resolved, set by Check: where Apply writes
}

// Plan is every change of a run, computed before anything is written.
type Plan struct {
	Root  string
	Files []*FileChange
	// Fixed counts, by check, what its applied fixes change (models
	// that get a repository, keys that get wrapped): see driver.Fix.Units.
	Fixed     map[string]int
	Manual    []report.Finding // findings left for a person
	Conflicts int              // fixes skipped because they overlapped others
}

// Build merges the first suggested fix of every finding into new file
// contents. Fixes that overlap an earlier one are skipped and counted;
// identical edits (the same import added twice) coalesce, wraps nest (a
// key inside another key's expression: see splitWrap), and fixes that
// each turn a file's single import into a group get one group with all
// their imports (see mergeImportDecls), so that one run does what a
// second run would otherwise still find to do.
func Build(res *driver.Result, root string) (*Plan, error) {
	return BuildWith(res, root, nil)
}

// BuildWith is Build with the fixed files remembered in memo (may be nil).
func BuildWith(res *driver.Result, root string, memo Memo) (*Plan, error) {
	p, err := fromFixes(res.Fixes, root, memo)
	if err != nil {
		return nil, err
	}
	for _, f := range res.Findings {
		if f.Fix == report.Manual {
			p.Manual = append(p.Manual, f)
		}
	}
	if err := p.addCreated(res.PackageStats); err != nil {
		return nil, err
	}
	return p, nil
}

// FromGraph builds the plan of the fixes suggested by the root actions of
// an analysis graph (see FromFixes). It is what Build does for drivers
// other than the standalone one, such as the fuzz test's in-process type
// checker.
func FromGraph(g *checker.Graph, root string) (*Plan, error) {
	fixes, err := driver.FixesFromGraph(g)
	if err != nil {
		return nil, err
	}
	return FromFixes(fixes, root)
}

// FromFixes builds the plan of the driver's fixes (sorted, each once: see
// driver.SortFixes), without the manual findings and the new files (Build
// adds them from the driver's result: see addCreated).
func FromFixes(fixes []driver.Fix, root string) (*Plan, error) {
	return fromFixes(fixes, root, nil)
}

func fromFixes(fixes []driver.Fix, root string, memo Memo) (*Plan, error) {
	p := &Plan{Root: root}
	edits := map[string][]udiff.Edit{}
	olds := map[string][]byte{}
	sums := map[string]string{} // hex SHA-256 of olds, for the edits that name one
	for _, fx := range fixes {
		perFile, err := fileEdits(fx, olds, sums)
		if err != nil {
			return nil, err
		}
		merged, ok := mergeAll(edits, perFile, olds)
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
		fc, err := newChange(root, name, olds[name], es, memo)
		if err != nil {
			return nil, err
		}
		p.Files = append(p.Files, fc)
	}
	sort.Slice(p.Files, func(i, j int) bool { return p.Files[i].Rel < p.Files[j].Rel })
	return p, nil
}

func (p *Plan) count(fx driver.Fix) {
	p.add(fx.Check, max(fx.Units, 1))
}

func (p *Plan) add(check string, n int) {
	if p.Fixed == nil {
		p.Fixed = map[string]int{}
	}
	p.Fixed[check] += n
}

// fileEdits converts a fix's edits to udiff edits per file, reading each
// file once and checking that it still has the size (and, when the driver
// recorded it, the content) it was analyzed with. A wrap written as a replacement becomes two insertions (see
// splitWrap).
func fileEdits(fx driver.Fix, olds map[string][]byte, sums map[string]string) (map[string][]udiff.Edit, error) {
	out := map[string][]udiff.Edit{}
	for _, e := range fx.Edits {
		name := e.File
		if _, ok := olds[name]; !ok {
			data, err := os.ReadFile(name)
			if err != nil {
				return nil, fmt.Errorf("reading %s: %w", name, err)
			}
			olds[name] = data
			sums[name] = sha(data)
		}
		if len(olds[name]) != e.Size || e.Start < 0 || e.Start > e.End || e.End > e.Size || (e.Sum != "" && e.Sum != sums[name]) {
			return nil, fmt.Errorf("%s changed while it was being analyzed; run again", name)
		}
		ue := udiff.Edit{Start: e.Start, End: e.End, New: e.New}
		out[name] = append(out[name], splitWrap(ue, olds[name])...)
	}
	for _, es := range out {
		udiff.SortEdits(es)
	}
	return out, nil
}

// mergeAll merges one fix's edits into the accumulated ones, for every
// file it touches, or reports a conflict.
func mergeAll(acc, add map[string][]udiff.Edit, olds map[string][]byte) (map[string][]udiff.Edit, bool) {
	out := map[string][]udiff.Edit{}
	for name, es := range add {
		prev := acc[name]
		if len(prev) == 0 {
			out[name] = es
			continue
		}
		prev, es = mergeImportDecls(prev, es, olds[name])
		merged, ok := udiff.Merge(prev, es)
		if !ok {
			return nil, false
		}
		out[name] = merged
	}
	return out, true
}

// mergeImportDecls resolves the conflict that two correct fixes of one
// file have when each turns the file's single import declaration into a
// group holding its own new import: the edit in add is dropped and the
// one in prev replaces the declaration with one group holding the specs
// of both, sorted by path as the edits write them. Other edits are
// returned unchanged.
func mergeImportDecls(prev, add []udiff.Edit, old []byte) ([]udiff.Edit, []udiff.Edit) {
	var keep []udiff.Edit
	copied := false
	for _, a := range add {
		merged := false
		for i, p := range prev {
			if a.Start == a.End || p.Start != a.Start || p.End != a.End || p.New == a.New {
				continue
			}
			if !isImportDecl(string(old[a.Start:a.End])) {
				continue
			}
			text, ok := unionImportGroups(p.New, a.New)
			if !ok {
				continue
			}
			if !copied {
				prev = append([]udiff.Edit(nil), prev...)
				copied = true
			}
			prev[i].New = text
			merged = true
			break
		}
		if !merged {
			keep = append(keep, a)
		}
	}
	return prev, keep
}

// isImportDecl reports whether text is exactly one import declaration.
func isImportDecl(text string) bool {
	_, ok := importGroupSpecs(text, false)
	return ok
}

// importGroupSpecs parses text as one import declaration without
// comments and returns the source text of each spec with its path; with
// group set, the declaration must be parenthesized.
func importGroupSpecs(text string, group bool) ([][2]string, bool) {
	const head = "package p\n\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", head+text, parser.ParseComments)
	if err != nil || len(f.Decls) != 1 || len(f.Comments) > 0 {
		return nil, false
	}
	gd, ok := f.Decls[0].(*ast.GenDecl)
	if !ok || gd.Tok != token.IMPORT || (group && !gd.Lparen.IsValid()) {
		return nil, false
	}
	if fset.Position(gd.End()).Offset != len(head)+len(text) {
		return nil, false
	}
	src := head + text
	var out [][2]string
	for _, s := range gd.Specs {
		is := s.(*ast.ImportSpec)
		path, err := strconv.Unquote(is.Path.Value)
		if err != nil {
			return nil, false
		}
		out = append(out, [2]string{src[fset.Position(is.Pos()).Offset:fset.Position(is.End()).Offset], path})
	}
	return out, true
}

// unionImportGroups merges two parenthesized import declarations into one
// group, each spec once, sorted by path.
func unionImportGroups(x, y string) (string, bool) {
	xs, ok1 := importGroupSpecs(x, true)
	ys, ok2 := importGroupSpecs(y, true)
	if !ok1 || !ok2 {
		return "", false
	}
	seen := map[string]bool{}
	var specs [][2]string
	for _, s := range append(xs, ys...) {
		if !seen[s[0]] {
			seen[s[0]] = true
			specs = append(specs, s)
		}
	}
	sort.SliceStable(specs, func(i, j int) bool { return specs[i][1] < specs[j][1] })
	var b strings.Builder
	b.WriteString("import (")
	for _, s := range specs {
		b.WriteString("\n\t" + s[0])
	}
	b.WriteString("\n)")
	return b.String(), true
}

// newChange applies the edits and checks the result (see checkedSource),
// or takes the result from memo when the same edits were applied to the
// same content before.
func newChange(root, name string, old []byte, edits []udiff.Edit, memo Memo) (*FileChange, error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if usesCRLF(old) {
		edits = crlfEdits(edits)
	}
	applied, err := udiff.ApplyBytes(old, edits)
	if err != nil {
		return nil, fmt.Errorf("%s: applying fixes: %w", name, err)
	}
	out, ok, key := []byte(nil), false, ""
	if memo != nil {
		key = memoKey(name, old, edits)
		out, ok = memo.Load(key)
		if ok && len(out) == 0 {
			out = applied
		}
	}
	if !ok {
		if out, err = checkedSource(name, old, applied); err != nil {
			return nil, err
		}
		if memo != nil {
			memo.Store(key, memoValue(out, applied))
		}
	}
	rel, err := filepath.Rel(root, name)
	if err != nil || strings.HasPrefix(rel, "..") {
		return nil, fmt.Errorf("%s is outside the module %s; refusing to edit it", name, root)
	}
	return &FileChange{Path: name, Rel: filepath.ToSlash(rel), Old: old, New: out, Mode: st.Mode().Perm(), edits: edits}, nil
}

// usesCRLF reports whether a file's lines end with CRLF (its first one
// does): the lines that fixes insert must end the same way.
func usesCRLF(src []byte) bool {
	i := bytes.IndexByte(src, '\n')
	return i > 0 && src[i-1] == '\r'
}

// crlfEdits returns the edits with every line break of their new text
// written as CRLF.
func crlfEdits(edits []udiff.Edit) []udiff.Edit {
	out := make([]udiff.Edit, len(edits))
	for i, e := range edits {
		e.New = strings.ReplaceAll(strings.ReplaceAll(e.New, "\r\n", "\n"), "\n", "\r\n")
		out[i] = e
	}
	return out
}

// checkedSource checks old with the edits applied: it must parse, and a
// file that was gofmt-clean must stay so.
func checkedSource(name string, old, applied []byte) ([]byte, error) {
	if _, err := parser.ParseFile(token.NewFileSet(), name, applied, parser.ParseComments); err != nil {
		return nil, fmt.Errorf("%s: the fixed file does not parse (a bug in tenantfix; nothing was written): %v", name, err)
	}
	if isGofmtClean(old) {
		if formatted, err := format.Source(applied); err == nil {
			return formatted, nil
		}
	}
	return applied, nil
}

func isGofmtClean(src []byte) bool {
	formatted, err := format.Source(src)
	return err == nil && bytes.Equal(formatted, src)
}

// Diff renders the plan as one unified diff with a/ and b/ prefixes,
// paths relative to the module root, as git apply and patch -p1 take it.
// Hunk positions are recomputed (see fixHunkStarts): go-udiff v0.4.1, like
// x/tools' internal/diff that it forks, does not count the unchanged
// lines that join two edits into one hunk, so later hunks of a file get a
// "+start" too small; git apply tolerates it, patch applies "with offset".
func (p *Plan) Diff() string {
	var b strings.Builder
	for _, fc := range p.Files {
		from := "a/" + fc.Rel
		if fc.Created {
			from = "/dev/null"
		}
		old, new := string(fc.Old), string(fc.New)
		u, err := udiff.ToUnifiedDiff(from, "b/"+fc.Rel, old, udiff.Lines(old, new), udiff.DefaultContextLines)
		if err != nil || len(u.Hunks) == 0 {
			continue // the edits come from udiff itself: err cannot happen
		}
		fixHunkStarts(u.Hunks)
		fmt.Fprintf(&b, "diff --git a/%s b/%s\n", fc.Rel, fc.Rel)
		if fc.Created {
			fmt.Fprintf(&b, "new file mode 100%o\n", fc.Mode)
		}
		b.WriteString(u.String())
	}
	return b.String()
}

func fixHunkStarts(hunks []*udiff.Hunk) {
	offset := 0 // new line number minus old line number so far
	for _, h := range hunks {
		from, to := 0, 0
		for _, l := range h.Lines {
			switch l.Kind {
			case udiff.Delete:
				from++
			case udiff.Insert:
				to++
			default:
				from++
				to++
			}
		}
		// The first line the hunk covers, in the old file; a hunk with no
		// old lines is placed after line FromLine-1 (udiff writes such a
		// hunk, at the start of an empty file, as -0,0).
		first := h.FromLine
		switch {
		case to > 0:
			h.ToLine = first + offset
		case first+offset <= 1:
			h.ToLine = 1 // printed as +0,0, as udiff and GNU diff do
		default:
			h.ToLine = first + offset - 1
		}
		offset += to - from
	}
}

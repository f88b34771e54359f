// Package report defines the findings that the tools print and the
// formats they print them in.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	pathpkg "path"
	"path/filepath"
	"sort"
	"strings"
)

// Finding is one reported problem. Its JSON form is what the result
// caches keep; --format json prints its own (see JSON).
type Finding struct {
	Check     string `json:"check"`
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line,omitempty"`
	EndColumn int    `json:"end_column,omitempty"`
	Message   string `json:"message"`
	Fix       string `json:"fix"` // "fixable" or "manual"
	// Kind tells a check's kinds of findings apart, for the checks that
	// have them (tenantsql: "in-scope" or "unconstrained"); "" for others.
	Kind string `json:"kind,omitempty"`
	// SuggestedFixes holds the fix that tenantfix would apply (the
	// analyzer's first suggested fix), for a fixable finding whose
	// driver attached it; it is empty for a manual one.
	SuggestedFixes []SuggestedFix `json:"suggested_fixes,omitempty"`
}

// SuggestedFix is a set of edits to apply together, as go vet -json
// prints an analysis.SuggestedFix.
type SuggestedFix struct {
	Message string `json:"message"`
	Edits   []Edit `json:"edits"`
}

// Edit replaces the bytes [Start, End) of File with New. Start and End
// are 0-based byte offsets, as in go vet -json; the lines and columns
// are 1-based, columns in bytes, as in Finding.
type Edit struct {
	File        string `json:"filename"`
	Start       int    `json:"start"`
	End         int    `json:"end"`
	StartLine   int    `json:"start_line"`
	StartColumn int    `json:"start_column"`
	EndLine     int    `json:"end_line"`
	EndColumn   int    `json:"end_column"`
	New         string `json:"new"`
}

// Fix values.
const (
	Fixable = "fixable"
	Manual  = "manual"
)

// Sort orders findings by file, line, column, check and message.
func Sort(fs []Finding) {
	sort.Slice(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		switch {
		case a.File != b.File:
			return a.File < b.File
		case a.Line != b.Line:
			return a.Line < b.Line
		case a.Column != b.Column:
			return a.Column < b.Column
		case a.Check != b.Check:
			return a.Check < b.Check
		}
		return a.Message < b.Message
	})
}

// Relative rewrites each file name, the findings' and their edits',
// relative to dir when it is below dir.
func Relative(fs []Finding, dir string) {
	for i := range fs {
		fs[i].File = RelPath(dir, fs[i].File)
		if len(fs[i].SuggestedFixes) == 0 {
			continue
		}
		// New slices: others may share the old ones (a cached result).
		sfs := make([]SuggestedFix, len(fs[i].SuggestedFixes))
		for j, sf := range fs[i].SuggestedFixes {
			edits := make([]Edit, len(sf.Edits))
			for k, e := range sf.Edits {
				e.File = RelPath(dir, e.File)
				edits[k] = e
			}
			sfs[j] = SuggestedFix{Message: sf.Message, Edits: edits}
		}
		fs[i].SuggestedFixes = sfs
	}
}

// RelPath returns path relative to dir when it is below dir, else path.
func RelPath(dir, path string) string {
	rel, err := filepath.Rel(dir, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return path
	}
	return rel
}

// Text writes one line per finding: path:line:col: message (check).
func Text(w io.Writer, fs []Finding) error {
	for _, f := range fs {
		if _, err := fmt.Fprintf(w, "%s:%d:%d: %s (%s)\n", f.File, f.Line, f.Column, f.Message, f.Check); err != nil {
			return err
		}
	}
	return nil
}

// JSON writes {"findings": [...]}: each finding's start and end (the end
// is the start when the analyzer gave none, as go vet -json does), its
// kind when its check has kinds (Finding.Kind), and
// for a fixable one its suggested fix as go vet -json spells it
// (suggested_fixes: message, edits of filename, start, end, new), each
// edit with its lines and columns too.
func JSON(w io.Writer, fs []Finding) error {
	if fs == nil {
		fs = []Finding{}
	}
	type jsonFinding struct {
		Check          string         `json:"check"`
		File           string         `json:"file"`
		Line           int            `json:"line"`
		Column         int            `json:"column"`
		EndLine        int            `json:"end_line"`
		EndColumn      int            `json:"end_column"`
		Message        string         `json:"message"`
		Fix            string         `json:"fix"`
		Kind           string         `json:"kind,omitempty"`
		SuggestedFixes []SuggestedFix `json:"suggested_fixes,omitempty"`
	}
	out := make([]jsonFinding, len(fs))
	for i, f := range fs {
		endLine, endCol := f.EndLine, f.EndColumn
		if endLine == 0 {
			endLine, endCol = f.Line, f.Column
		}
		out[i] = jsonFinding{f.Check, f.File, f.Line, f.Column, endLine, endCol, f.Message, f.Fix, f.Kind, f.SuggestedFixes}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Findings []jsonFinding `json:"findings"`
	}{out})
}

// Formats lists the names accepted by --format.
var Formats = []string{"text", "json", "sarif", "github", "checkstyle", "junit"}

// Options says how Write prints findings.
type Options struct {
	// Format is one of Formats; "" means text.
	Format string
	// Dir is the directory that relative Finding.File names are relative
	// to (the working directory). "" means the process's.
	Dir string
	// Root is the directory that the formats read against a repository
	// (sarif, github, checkstyle: see RepoFormats) make paths relative
	// to: the repository's root (RepoRoot), or the module root. "" means
	// Dir. The other formats keep paths as the findings have them.
	Root string
	// PathPrefix, when not "", is put in front of those paths: where Root
	// is in the repository, as --path-prefix gives it (slash-separated,
	// clean, relative).
	PathPrefix string
	// ToolVersion goes into SARIF's tool.driver.version when not "".
	ToolVersion string
	// ToolSemanticVersion goes into tool.driver.semanticVersion when not
	// "": the version in Semantic Versioning 2.0 form, without a leading v.
	ToolSemanticVersion string
	// Checks are the checks that ran (default: those of Rules): junit
	// reports a passing test case for each of them that found nothing.
	Checks []string
	// Rules are every check the tool has (the registry's), in the order
	// SARIF lists them. The report layer takes them as data so that it
	// depends on no analyzer.
	Rules []Rule
}

// Write writes findings in the format that o names.
func Write(w io.Writer, fs []Finding, o Options) error {
	switch o.Format {
	case "text", "":
		return Text(w, fs)
	case "json":
		return JSON(w, fs)
	case "sarif":
		return SARIF(w, fs, o)
	case "github":
		return GitHub(w, o.repoFindings(fs), os.Getenv("GITHUB_STEP_SUMMARY"))
	case "checkstyle":
		return Checkstyle(w, o.repoFindings(fs))
	case "junit":
		checks := o.Checks
		if len(checks) == 0 {
			checks = IDs(o.Rules)
		}
		return JUnit(w, fs, checks)
	}
	return fmt.Errorf("unknown format %q (known: %s)", o.Format, strings.Join(Formats, ", "))
}

// abs returns the absolute name of f.File, resolving a relative name
// against dir.
func abs(dir, file string) string {
	if filepath.IsAbs(file) {
		return file
	}
	if dir == "" {
		if a, err := filepath.Abs(file); err == nil {
			return a
		}
		return file
	}
	return filepath.Join(dir, file)
}

// RepoFormats are the formats whose paths are relative to the
// repository's root (Options.Root, Options.PathPrefix): code scanning,
// pull-request annotations and review tools place them on the
// repository's files.
var RepoFormats = []string{"sarif", "github", "checkstyle"}

// repoRoot is o.Root with its default applied.
func (o Options) repoRoot() string {
	if o.Root == "" {
		return abs(o.Dir, ".")
	}
	return o.Root
}

// repoPath returns file (relative to o.Dir unless absolute) as a slash
// path relative to the repository's root, with o.PathPrefix in front;
// ok is false when file is outside o.Root, and path is then absolute.
func (o Options) repoPath(file string) (path string, ok bool) {
	a := abs(o.Dir, file)
	rel := RelPath(o.repoRoot(), a)
	if filepath.IsAbs(rel) {
		return a, false
	}
	return pathpkg.Join(o.PathPrefix, filepath.ToSlash(rel)), true
}

// repoFindings is fs with repository paths; a file outside the root
// keeps the name it has.
func (o Options) repoFindings(fs []Finding) []Finding {
	out := make([]Finding, len(fs))
	for i, f := range fs {
		out[i] = f
		if p, ok := o.repoPath(f.File); ok {
			out[i].File = p
		}
	}
	return out
}

// Package report defines the findings that the tools print and the
// formats they print them in.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Finding is one reported problem.
type Finding struct {
	Check     string `json:"check"`
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line,omitempty"`   // kept by the result cache; not in --format json
	EndColumn int    `json:"end_column,omitempty"` // likewise
	Message   string `json:"message"`
	Fix       string `json:"fix"` // "fixable" or "manual"
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

// Relative rewrites each file name relative to dir when it is below dir.
func Relative(fs []Finding, dir string) {
	for i := range fs {
		fs[i].File = RelPath(dir, fs[i].File)
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

// JSON writes {"findings": [...]}.
func JSON(w io.Writer, fs []Finding) error {
	if fs == nil {
		fs = []Finding{}
	}
	type jsonFinding struct {
		Check   string `json:"check"`
		File    string `json:"file"`
		Line    int    `json:"line"`
		Column  int    `json:"column"`
		Message string `json:"message"`
		Fix     string `json:"fix"`
	}
	out := make([]jsonFinding, len(fs))
	for i, f := range fs {
		out[i] = jsonFinding{f.Check, f.File, f.Line, f.Column, f.Message, f.Fix}
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
	// Root is the module root: SARIF artifact URIs are relative to it.
	// "" means Dir.
	Root string
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
		return GitHub(w, fs, os.Getenv("GITHUB_STEP_SUMMARY"))
	case "checkstyle":
		return Checkstyle(w, fs)
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

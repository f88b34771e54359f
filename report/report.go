// Package report defines the findings that the tools print and the
// formats they print them in.
package report

import (
	"encoding/json"
	"fmt"
	"io"
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
	EndLine   int    `json:"-"`
	EndColumn int    `json:"-"`
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
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Findings []Finding `json:"findings"`
	}{fs})
}

// Formats lists the names accepted by --format.
var Formats = []string{"text", "json"}

// Write writes findings in the named format.
func Write(w io.Writer, format string, fs []Finding) error {
	switch format {
	case "text", "":
		return Text(w, fs)
	case "json":
		return JSON(w, fs)
	}
	return fmt.Errorf("unknown format %q (known: %s)", format, strings.Join(Formats, ", "))
}

package gate

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/tenantlint/tenantlint/report"
)

// BaselineVersion is the version of the baseline file format this package
// reads and writes.
const BaselineVersion = 1

// Baseline is the content of a baseline file: the findings a team has
// accepted. Files hold them sorted, one key per line, with module-relative
// paths, so that a rewrite shows up as a small diff in review.
type Baseline struct {
	Version  int     `json:"version"`
	Comment  string  `json:"comment,omitempty"`
	Findings []Entry `json:"findings"`
}

// Entry is one accepted finding. Only Fingerprint decides whether a
// finding matches; Check and File also scope what a run can tell is gone.
// Decl and Message are there for the humans who read the file.
type Entry struct {
	Check       string `json:"check"`
	File        string `json:"file"`
	Decl        string `json:"decl,omitempty"`
	Fingerprint string `json:"fingerprint"`
	Message     string `json:"message"`
}

const baselineComment = "tenantlint baseline: findings accepted when this file was written. " +
	"Regenerate it with --write-baseline; entries whose code is gone are dropped then."

// NewBaseline returns the baseline of findings whose keys are keys.
func NewBaseline(fs []report.Finding, keys []Key) *Baseline {
	b := &Baseline{Version: BaselineVersion, Comment: baselineComment, Findings: make([]Entry, len(fs))}
	for i, f := range fs {
		b.Findings[i] = Entry{Check: f.Check, File: keys[i].File, Decl: keys[i].Decl,
			Fingerprint: keys[i].Fingerprint(), Message: f.Message}
	}
	b.sort()
	return b
}

func (b *Baseline) sort() {
	sort.Slice(b.Findings, func(i, j int) bool {
		x, y := b.Findings[i], b.Findings[j]
		switch {
		case x.File != y.File:
			return x.File < y.File
		case x.Check != y.Check:
			return x.Check < y.Check
		case x.Decl != y.Decl:
			return x.Decl < y.Decl
		}
		return x.Fingerprint < y.Fingerprint
	})
}

// ReadBaseline reads and checks a baseline file. Errors are one line that
// names path.
func ReadBaseline(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading baseline: %w", err)
	}
	b, err := parseBaseline(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return b, nil
}

func parseBaseline(data []byte) (*Baseline, error) {
	var raw struct {
		Version  *int     `json:"version"`
		Findings *[]Entry `json:"findings"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("not a tenantlint baseline: %s", jsonError(data, err))
	}
	switch {
	case raw.Version == nil:
		return nil, errors.New(`not a tenantlint baseline: no "version"`)
	case *raw.Version != BaselineVersion:
		return nil, fmt.Errorf("baseline version %d is not supported (this tenantlint reads version %d; regenerate it with --write-baseline)", *raw.Version, BaselineVersion)
	case raw.Findings == nil:
		return nil, errors.New(`not a tenantlint baseline: no "findings"`)
	}
	b := &Baseline{Version: *raw.Version, Findings: *raw.Findings}
	for i, e := range b.Findings {
		if !isFingerprint(e.Fingerprint) {
			return nil, fmt.Errorf("finding %d: fingerprint %q is not 32 lowercase hex digits", i+1, e.Fingerprint)
		}
		if e.Check == "" {
			return nil, fmt.Errorf("finding %d: no check", i+1)
		}
	}
	return b, nil
}

// jsonError describes a JSON decoding error with the line and column of a
// syntax error.
func jsonError(data []byte, err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line := 1 + bytes.Count(data[:se.Offset], []byte("\n"))
		col := int(se.Offset) - bytes.LastIndexByte(data[:se.Offset], '\n') - 1
		return fmt.Sprintf("line %d, column %d: %v", line, col, err)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field == "" {
			return "not a JSON object"
		}
		return fmt.Sprintf("%q should be %s, not a JSON %s", te.Field, te.Type, te.Value)
	}
	return err.Error()
}

func isFingerprint(s string) bool {
	b, err := hex.DecodeString(s)
	return err == nil && len(b) == 16 && s == strings.ToLower(s)
}

// Write writes b to path, sorted, with one entry field per line, through
// a temporary file and a rename so that an interrupted write leaves the
// old file.
func (b *Baseline) Write(path string) error {
	b.sort()
	if b.Findings == nil {
		b.Findings = []Entry{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(b); err != nil {
		return fmt.Errorf("writing baseline %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("writing baseline: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return fmt.Errorf("writing baseline %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("writing baseline %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing baseline %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing baseline: %w", err)
	}
	return nil
}

// Match tells which findings a baseline accepts and which of its entries
// no finding matched any more.
type Match struct {
	Known []bool  // Known[i]: the i-th finding is in the baseline
	Gone  []Entry // entries that no finding matched, among the checks that ran
}

// Match matches the findings whose keys are keys against b. Entries of
// checks that did not run (not in checks) are never counted as gone.
func (b *Baseline) Match(keys []Key, checks []string) Match {
	fps := make(map[string]bool, len(keys))
	m := Match{Known: make([]bool, len(keys))}
	inBaseline := make(map[string]bool, len(b.Findings))
	for _, e := range b.Findings {
		inBaseline[e.Fingerprint] = true
	}
	for i, k := range keys {
		fp := k.Fingerprint()
		fps[fp] = true
		m.Known[i] = inBaseline[fp]
	}
	for _, e := range b.Findings {
		if !fps[e.Fingerprint] && slices.Contains(checks, e.Check) {
			m.Gone = append(m.Gone, e)
		}
	}
	return m
}

// Keep returns the entries of b whose check is not among checks: a
// rewrite of the baseline by a run of some checks keeps the others'.
func (b *Baseline) Keep(checks []string) []Entry {
	var out []Entry
	for _, e := range b.Findings {
		if !slices.Contains(checks, e.Check) {
			out = append(out, e)
		}
	}
	return out
}

package driver

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"sort"
	"strings"

	"github.com/tenantlint/tenantlint/report"
)

// WithFixes returns findings with each fixable finding's suggested fix
// (its entry in fixes, see Result.Fixes) attached as plain edits, for the
// formats that print fixes (json, sarif): the report layer knows nothing
// of the driver. The lines and columns of the edits are computed from
// the files, which are read once each; a fix whose file no longer holds
// what was analyzed is left off, as tenantfix would refuse it.
func WithFixes(findings []report.Finding, fixes []Fix) []report.Finding {
	type at struct {
		check, file string
		line, col   int
	}
	byPos := map[at][]Fix{}
	for _, fx := range fixes {
		k := at{fx.Check, fx.Pos.Filename, fx.Pos.Line, fx.Pos.Column}
		byPos[k] = append(byPos[k], fx)
	}
	files := map[string]*fileLines{}
	out := make([]report.Finding, len(findings))
	for i, f := range findings {
		out[i] = f
		for _, fx := range byPos[at{f.Check, f.File, f.Line, f.Column}] {
			// A finding's message may say where a //line directive maps
			// it (see toFinding); the fix keeps the diagnostic's own.
			if f.Message != fx.Message && !strings.HasPrefix(f.Message, fx.Message+" (") {
				continue
			}
			if sf, ok := suggestedFix(fx, files); ok {
				out[i].SuggestedFixes = []report.SuggestedFix{sf}
			}
			break
		}
	}
	return out
}

func suggestedFix(fx Fix, files map[string]*fileLines) (report.SuggestedFix, bool) {
	sf := report.SuggestedFix{Message: fx.FixMessage, Edits: make([]report.Edit, 0, len(fx.Edits))}
	for _, e := range fx.Edits {
		fl, ok := files[e.File]
		if !ok {
			fl = readLines(e.File)
			files[e.File] = fl
		}
		if fl == nil || fl.size != e.Size || (e.Sum != "" && fl.sum != e.Sum) || e.Start > e.End || e.End > fl.size {
			return report.SuggestedFix{}, false
		}
		sl, sc := fl.position(e.Start)
		el, ec := fl.position(e.End)
		sf.Edits = append(sf.Edits, report.Edit{File: e.File, Start: e.Start, End: e.End,
			StartLine: sl, StartColumn: sc, EndLine: el, EndColumn: ec, New: e.New})
	}
	return sf, true
}

// fileLines is a file's size, hash and line starts.
type fileLines struct {
	size   int
	sum    string
	starts []int // byte offset of each line's first byte
}

func readLines(path string) *fileLines {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	h := sha256.Sum256(data)
	fl := &fileLines{size: len(data), sum: hex.EncodeToString(h[:]), starts: []int{0}}
	for i, b := range data {
		if b == '\n' {
			fl.starts = append(fl.starts, i+1)
		}
	}
	return fl
}

// position is the 1-based line and byte column of offset, as go/token
// counts them.
func (fl *fileLines) position(offset int) (line, col int) {
	i := sort.Search(len(fl.starts), func(i int) bool { return fl.starts[i] > offset }) - 1
	return i + 1, offset - fl.starts[i] + 1
}

package driver

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/token"
	"os"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"

	checkpkg "github.com/tenantlint/tenantlint/internal/check"
)

// Fix is the first suggested fix of one diagnostic, as text edits on the
// bytes the analysis saw: what tenantfix needs once the syntax and types
// it came from are gone.
type Fix struct {
	Check      string         // the analyzer
	Pos        token.Position // the diagnostic's position
	Message    string         // the diagnostic's message
	FixMessage string         // the suggested fix's message
	// Units is how many things the fix changes (keys it wraps, models it
	// covers), for tenantfix's summary: see check.UnitsOf.
	Units int
	Edits []TextEdit
}

// TextEdit replaces bytes [Start, End) of File with New.
type TextEdit struct {
	File string // absolute
	Size int    // the file's size when it was analyzed
	// Sum is the hex SHA-256 of the content the edit was computed on,
	// when the driver knows it (the streaming driver: the bytes it
	// parsed), so that a same-size change is seen too.
	Sum        string `json:",omitempty"`
	Start, End int
	New        string
}

// FixOf converts a diagnostic's first suggested fix, if it has one;
// result is the analyzer's result on the package (see check.UnitsOf).
func FixOf(fset *token.FileSet, check string, d analysis.Diagnostic, result any) (Fix, bool, error) {
	if len(d.SuggestedFixes) == 0 {
		return Fix{}, false, nil
	}
	sf := d.SuggestedFixes[0]
	pos, _ := position(fset, d.Pos)
	fx := Fix{Check: check, Pos: pos, Message: d.Message, FixMessage: sf.Message,
		Units: checkpkg.UnitsOf(result, fset.Position(d.Pos))}
	for _, e := range sf.TextEdits {
		tf := fset.File(e.Pos)
		if tf == nil {
			return Fix{}, false, fmt.Errorf("internal error: a fix of %s edits a position outside any file", check)
		}
		end := e.End
		if !end.IsValid() {
			end = e.Pos
		}
		fx.Edits = append(fx.Edits, TextEdit{File: tf.Name(), Size: tf.Size(),
			Start: tf.Offset(e.Pos), End: tf.Offset(end), New: string(e.NewText)})
	}
	return fx, true, nil
}

// FixesFromGraph lists the fixes of an analysis graph's root actions, each
// diagnostic's once, sorted (see SortFixes).
func FixesFromGraph(g *checker.Graph) ([]Fix, error) {
	var out []Fix
	for _, act := range g.Roots {
		for _, d := range act.Diagnostics {
			fx, ok, err := FixOf(act.Package.Fset, act.Analyzer.Name, d, act.Result)
			if err != nil {
				return nil, err
			}
			if ok {
				out = append(out, fx)
			}
		}
	}
	fillSums(out)
	return SortFixes(out), nil
}

// fillSums names the content of each edited file in its edits (Sum) for
// the go/packages driver, which does not keep the bytes it parsed: the
// files are read once, now, so a change from here to the plan is still
// seen whatever its size (before, EditFile's size check sees it).
func fillSums(fixes []Fix) {
	sums := map[string]string{}
	for i := range fixes {
		for j := range fixes[i].Edits {
			e := &fixes[i].Edits[j]
			sum, ok := sums[e.File]
			if !ok {
				if data, err := os.ReadFile(e.File); err == nil && len(data) == e.Size {
					h := sha256.Sum256(data)
					sum = hex.EncodeToString(h[:])
				}
				sums[e.File] = sum
			}
			e.Sum = sum
		}
	}
}

// SortFixes drops repeated fixes (a file seen in a package and its test
// variant yields the same diagnostic twice) and orders the rest by file,
// offset and check, so that merging them is deterministic.
func SortFixes(fixes []Fix) []Fix {
	seen := map[string]bool{}
	out := fixes[:0]
	for _, fx := range fixes {
		key := fmt.Sprintf("%s|%s|%s", fx.Check, fx.Pos, fx.Message)
		if !seen[key] {
			seen[key] = true
			out = append(out, fx)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Pos, out[j].Pos
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		if a.Offset != b.Offset {
			return a.Offset < b.Offset
		}
		return out[i].Check < out[j].Check
	})
	return out
}

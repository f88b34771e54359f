// Package fixtest applies the suggested fixes of analysistest results,
// for the analyzers' golden tests.
package fixtest

import (
	"bytes"
	"fmt"
	"os"
	"sort"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
)

type edit struct {
	start, end int
	text, msg  string
}

// Apply applies every suggested fix of results to the files they edit and
// returns the new content of each edited file. Identical edits (the same
// import added by two fixes, a file seen in a package and in its test
// variant) apply once, as go fix does; edits at one offset apply in the
// order of their fix's message; overlapping edits are a test error.
func Apply(t testing.TB, results []*analysistest.Result) map[string][]byte {
	t.Helper()
	byFile := map[string][]edit{}
	seen := map[string]bool{}
	for _, r := range results {
		if r.Pass == nil {
			continue
		}
		for _, d := range r.Diagnostics {
			for _, fix := range d.SuggestedFixes {
				for _, e := range fix.TextEdits {
					tf := r.Pass.Fset.File(e.Pos)
					ed := edit{tf.Offset(e.Pos), tf.Offset(e.End), string(e.NewText), fix.Message}
					key := fmt.Sprintf("%s:%d:%d:%q", tf.Name(), ed.start, ed.end, ed.text)
					if !seen[key] {
						seen[key] = true
						byFile[tf.Name()] = append(byFile[tf.Name()], ed)
					}
				}
			}
		}
	}
	out := map[string][]byte{}
	for name, edits := range byFile {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = applyEdits(t, name, src, edits)
	}
	return out
}

func applyEdits(t testing.TB, name string, src []byte, edits []edit) []byte {
	t.Helper()
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].start != edits[j].start {
			return edits[i].start < edits[j].start
		}
		if edits[i].end != edits[j].end {
			return edits[i].end < edits[j].end
		}
		return edits[i].msg < edits[j].msg
	})
	var buf bytes.Buffer
	at := 0
	for _, e := range edits {
		if e.start < at {
			t.Errorf("%s: overlapping edits at offset %d", name, e.start)
			continue
		}
		buf.Write(src[at:e.start])
		buf.WriteString(e.text)
		at = e.end
	}
	buf.Write(src[at:])
	return buf.Bytes()
}

package sqlscope

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/wasilibs/go-pgquery/parser"
)

// A second process (a fresh Parser) finds the trees and the errors of
// the texts an earlier one parsed in the cache folder, and never calls
// libpg_query for them.
func TestParseCache(t *testing.T) {
	dir := t.TempDir()
	calls := 0
	counting := func(s string) (string, error) { calls++; return parser.ParseToJSON(s) }
	texts := []string{"SELECT * FROM invoices WHERE tenant_id = $1", "SELEC nothing"}

	first := &Parser{Dir: func() string { return dir }, toJSON: counting, version: "test"}
	var want []parsed
	for _, text := range texts {
		stmts, err := first.Parse(text)
		want = append(want, parsed{stmts, err})
	}
	if calls != 2 || want[0].err != nil || want[1].err == nil {
		t.Fatalf("first process: %d parses, results %+v; want 2, a tree and an error", calls, want)
	}
	entries, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if len(entries) != 2 {
		t.Fatalf("%d cache entries, want 2", len(entries))
	}

	second := &Parser{Dir: func() string { return dir }, toJSON: counting, version: "test"}
	for i, text := range texts {
		stmts, err := second.Parse(text)
		if !reflect.DeepEqual(stmts, want[i].stmts) || (err == nil) != (want[i].err == nil) || err != nil && err.Error() != want[i].err.Error() {
			t.Errorf("cached %q: %v, %v; want %v, %v", text, stmts, err, want[i].stmts, want[i].err)
		}
	}
	if calls != 2 {
		t.Errorf("the second process parsed %d times, want none", calls-2)
	}

	// Without a parser version (no build information) nothing is
	// cached, and a parser of another version does not read the entries.
	other := t.TempDir()
	for _, v := range []string{"", "other"} {
		p := &Parser{Dir: func() string { return other }, toJSON: counting, version: v}
		if _, err := p.Parse(texts[0]); err != nil {
			t.Fatal(err)
		}
	}
	if calls != 4 {
		t.Errorf("%d parses, want 4: the entries of another version are not used", calls)
	}
	files, _ := os.ReadDir(other)
	if parserVersion == "" && len(files) != 1 {
		t.Errorf("%d folders written, want the other version's only", len(files))
	}
}

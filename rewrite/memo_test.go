package rewrite_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/driver"
	"github.com/tenantlint/tenantlint/rewrite"
)

// mapMemo is an in-memory rewrite.Memo that counts its hits.
type mapMemo struct {
	m    map[string][]byte
	hits int
}

func (m *mapMemo) Load(key string) ([]byte, bool) {
	b, ok := m.m[key]
	if ok {
		m.hits++
	}
	return b, ok
}

func (m *mapMemo) Store(key string, fixed []byte) { m.m[key] = fixed }

const memoSrc = "package p\n\nfunc f(ctx any, s interface{ Get(any, string) }) {\n\ts.Get(ctx, \"a\")\n\ts.Get(ctx, \"b\")\n}\n"

// wrapFixes wraps the key literal "a" (and "b" when both) as K(ctx, ...)
// in file.
func wrapFixes(file string, src string, keys ...string) []driver.Fix {
	var fixes []driver.Fix
	for _, k := range keys {
		i := strings.Index(src, `"`+k+`"`)
		fixes = append(fixes, driver.Fix{Check: "tenantcache", FixMessage: "wrap the key with K", Edits: []driver.TextEdit{
			{File: file, Size: len(src), Start: i, End: i, New: "K(ctx, "},
			{File: file, Size: len(src), Start: i + 3, End: i + 3, New: ")"},
		}})
	}
	return fixes
}

// TestMemo: a second plan of the same fixes on the same content takes
// every file from the memo and equals the first; a changed file or
// changed edits are checked again. A memo's answer is used as is, so the
// plan shows what the memo holds.
func TestMemo(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{}
	var fixes []driver.Fix
	for _, name := range []string{"a.go", "b.go"} {
		path := filepath.Join(root, name)
		if err := os.WriteFile(path, []byte(memoSrc), 0o644); err != nil {
			t.Fatal(err)
		}
		files[name] = path
		fixes = append(fixes, wrapFixes(path, memoSrc, "a")...)
	}
	build := func(memo rewrite.Memo, fixes []driver.Fix) *rewrite.Plan {
		t.Helper()
		p, err := rewrite.BuildWith(&driver.Result{Fixes: fixes}, root, memo)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	plain := build(nil, fixes)
	memo := &mapMemo{m: map[string][]byte{}}
	first := build(memo, fixes)
	if memo.hits != 0 || len(memo.m) != 2 {
		t.Fatalf("first plan: %d hits, %d stored; want 0 and 2", memo.hits, len(memo.m))
	}
	for k, v := range memo.m {
		if len(v) != 0 {
			t.Errorf("entry %s holds %q; a file that is its edits applied as they are needs no content", k, v)
		}
	}
	second := build(memo, fixes)
	if memo.hits != 2 {
		t.Errorf("second plan: %d hits, want 2", memo.hits)
	}
	if plain.Diff() != first.Diff() || first.Diff() != second.Diff() || !strings.Contains(first.Diff(), `K(ctx, "a")`) {
		t.Errorf("plans differ or wrap nothing:\n%s\n---\n%s\n---\n%s", plain.Diff(), first.Diff(), second.Diff())
	}

	// Other edits of b.go (both keys) miss; a.go's entry is still used.
	memo.hits = 0
	more := append(wrapFixes(files["a.go"], memoSrc, "a"), wrapFixes(files["b.go"], memoSrc, "a", "b")...)
	third := build(memo, more)
	if memo.hits != 1 || !strings.Contains(third.Diff(), `K(ctx, "b")`) {
		t.Errorf("changed edits: %d hits, want 1; diff:\n%s", memo.hits, third.Diff())
	}

	// The memo's answer is taken as is.
	for k := range memo.m {
		memo.m[k] = []byte("package p\n// from the memo\n")
	}
	got := build(memo, fixes)
	if !reflect.DeepEqual(got.Files[0].New, []byte("package p\n// from the memo\n")) {
		t.Errorf("the memo's content was not used: %q", got.Files[0].New)
	}
}

// TestMemoFormatted: a file that gofmt changed after the edits is kept
// whole, and a hit gives the formatted file again.
func TestMemoFormatted(t *testing.T) {
	root := t.TempDir()
	src := "package p\n\nvar (\n\ta  = 1 // x\n\tbb = 2 // y\n)\n"
	path := filepath.Join(root, "a.go")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	i := strings.Index(src, "bb")
	fixes := []driver.Fix{{Check: "tenantrepo", Edits: []driver.TextEdit{{File: path, Size: len(src), Start: i, End: i, New: "longer"}}}}
	memo := &mapMemo{m: map[string][]byte{}}
	var diffs []string
	for range 2 {
		p, err := rewrite.BuildWith(&driver.Result{Fixes: fixes}, root, memo)
		if err != nil {
			t.Fatal(err)
		}
		diffs = append(diffs, p.Diff())
	}
	want := "\ta        = 1 // x\n\tlongerbb = 2 // y\n"
	if memo.hits != 1 || diffs[0] != diffs[1] || !strings.Contains(diffs[0], "+"+strings.Split(want, "\n")[0]) {
		t.Errorf("hits %d; diffs:\n%s\n---\n%s", memo.hits, diffs[0], diffs[1])
	}
	for _, v := range memo.m {
		if !strings.Contains(string(v), want) {
			t.Errorf("entry %q, want the formatted file", v)
		}
	}
}

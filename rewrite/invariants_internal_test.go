package rewrite

import (
	"strings"
	"testing"

	udiff "github.com/aymanbagabas/go-udiff"
)

// TestCheckChangeDetects makes sure that the invariants the golden and
// fuzz tests rely on catch what they are meant to: a lost import, a lost
// comment, reformatting beyond the edits, a replacement of something
// other than an expression, and a moved line.
func TestCheckChangeDetects(t *testing.T) {
	const old = `package app

import (
	"context"
	"fmt"
)

// F does things.
func F(ctx context.Context, s interface{ Get(context.Context, string) }) {
	s.Get(ctx, "k") // the key
	fmt.Println("done")
}
`
	wrap := func(src string) []udiff.Edit {
		i := strings.Index(src, `"k"`)
		return []udiff.Edit{
			{Start: i, End: i, New: "tenant.Key(ctx, "},
			{Start: i + 3, End: i + 3, New: ")"},
		}
	}
	apply := func(src string, edits []udiff.Edit) string {
		out, err := udiff.Apply(src, edits)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	good := apply(old, wrap(old))
	notClean := strings.Replace(old, "func F(", "func  F(", 1)
	if msgs := checkChange(&FileChange{Rel: "f.go", Old: []byte(old), New: []byte(good), edits: wrap(old)}); len(msgs) > 0 {
		t.Fatalf("a correct change is rejected: %v", msgs)
	}
	tests := []struct {
		name, new, want string
		old             string
	}{
		{"import dropped", strings.Replace(good, "\t\"fmt\"\n", "", 1), `the import "fmt" disappeared`, old},
		{"comment dropped", strings.Replace(good, " // the key", "", 1), "COMMENT", old},
		{"line moved", strings.Replace(good, "// F does things.\n", "", 1) + "\n// F does things.\n", "untouched line", old},
		{"reformatted", strings.Replace(apply(notClean, wrap(notClean)), "\tfmt.Println", "    fmt.Println", 1), "reformatted beyond the edits", notClean},
	}
	for _, tt := range tests {
		fc := &FileChange{Rel: "f.go", Old: []byte(tt.old), New: []byte(tt.new), edits: wrap(tt.old)}
		msgs := checkChange(fc)
		if !strings.Contains(strings.Join(msgs, "\n"), tt.want) {
			t.Errorf("%s: got %q, want a message containing %q", tt.name, msgs, tt.want)
		}
	}
	// A replacement of something that is not an expression.
	i := strings.Index(old, "s.Get(")
	bad := []udiff.Edit{{Start: i, End: i + 6, New: "s.Get("}}
	fc := &FileChange{Rel: "f.go", Old: []byte(old), New: []byte(old), edits: bad}
	if msgs := checkChange(fc); !strings.Contains(strings.Join(msgs, "\n"), "neither an expression") {
		t.Errorf("a replacement of part of a call: got %q", msgs)
	}
}

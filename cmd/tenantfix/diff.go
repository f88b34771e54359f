package main

import (
	"fmt"
	"strings"

	udiff "github.com/aymanbagabas/go-udiff"

	"github.com/tenantlint/tenantlint/rewrite"
)

// unifiedDiff renders the plan as one unified diff with a/ and b/
// prefixes, paths relative to the module root, as git apply and patch -p1
// take it. It is rewrite.Plan.Diff with correct hunk positions: go-udiff
// v0.4.1 (like x/tools' internal/diff that it forks) does not count the
// unchanged lines that join two edits into one hunk, so every later hunk
// of the file gets a "+start" too small by that many lines. git apply
// tolerates it; patch applies it "with offset", and tools that trust the
// header (review tools, patch --fuzz=0 on a file with repeated lines)
// misplace the hunk.
func unifiedDiff(p *rewrite.Plan) string {
	var b strings.Builder
	for _, fc := range p.Files {
		from := "a/" + fc.Rel
		if fc.Created {
			from = "/dev/null"
		}
		old, new := string(fc.Old), string(fc.New)
		u, err := udiff.ToUnifiedDiff(from, "b/"+fc.Rel, old, udiff.Lines(old, new), udiff.DefaultContextLines)
		if err != nil || len(u.Hunks) == 0 {
			continue // the edits come from udiff itself: err cannot happen
		}
		fixHunkStarts(u.Hunks)
		fmt.Fprintf(&b, "diff --git a/%s b/%s\n", fc.Rel, fc.Rel)
		if fc.Created {
			fmt.Fprintf(&b, "new file mode 100%o\n", fc.Mode)
		}
		b.WriteString(u.String())
	}
	return b.String()
}

// fixHunkStarts sets each hunk's new-file start from its old-file start
// and the lines that the hunks before it added or removed.
func fixHunkStarts(hunks []*udiff.Hunk) {
	offset := 0 // new line number minus old line number so far
	for _, h := range hunks {
		from, to := 0, 0
		for _, l := range h.Lines {
			switch l.Kind {
			case udiff.Delete:
				from++
			case udiff.Insert:
				to++
			default:
				from++
				to++
			}
		}
		// The first line the hunk covers, in the old file; a hunk with no
		// old lines is placed after line FromLine-1 (udiff writes such a
		// hunk, at the start of an empty file, as -0,0).
		first := h.FromLine
		switch {
		case to > 0:
			h.ToLine = first + offset
		case first+offset <= 1:
			h.ToLine = 1 // printed as +0,0, as udiff and GNU diff do
		default:
			h.ToLine = first + offset - 1
		}
		offset += to - from
	}
}

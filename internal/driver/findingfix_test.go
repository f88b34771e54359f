package driver

import (
	"crypto/sha256"
	"encoding/hex"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/tenantlint/tenantlint/report"
)

// TestWithFixes: each fixable finding gets its own fix, matched by check,
// position and message (a //line note added to the message still
// matches), with the lines and columns of the edits' offsets; a fix whose
// file changed since the analysis is left off; the input stays as it was.
func TestWithFixes(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.go")
	src := "package a\n\nvar k = \"ü:\" + id\n"
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(src))
	at := token.Position{Filename: file, Line: 3, Column: 9}
	fixes := []Fix{
		{Check: "tenantcache", Pos: at, Message: "raw key", FixMessage: "wrap the key", Edits: []TextEdit{
			{File: file, Size: len(src), Sum: hex.EncodeToString(sum[:]), Start: 19, End: 19, New: "tenant.Key(ctx, "},
			{File: file, Size: len(src), Start: 29, End: 30, New: ")\n"},
		}},
		{Check: "tenantrepo", Pos: at, Message: "no repository", FixMessage: "declare one", Edits: []TextEdit{
			{File: file, Size: len(src) + 1, Start: 0, End: 0, New: "x"}, // the file changed since
		}},
	}
	findings := []report.Finding{
		{Check: "tenantcache", File: file, Line: 3, Column: 9, Message: "raw key (a //line directive maps it to x.tmpl:1:1)", Fix: report.Fixable},
		{Check: "tenantcache", File: file, Line: 3, Column: 9, Message: "another finding here", Fix: report.Manual},
		{Check: "tenantrepo", File: file, Line: 3, Column: 9, Message: "no repository", Fix: report.Fixable},
	}
	in := append([]report.Finding(nil), findings...)
	out := WithFixes(findings, fixes)
	want := []report.SuggestedFix{{Message: "wrap the key", Edits: []report.Edit{
		{File: file, Start: 19, End: 19, StartLine: 3, StartColumn: 9, EndLine: 3, EndColumn: 9, New: "tenant.Key(ctx, "},
		{File: file, Start: 29, End: 30, StartLine: 3, StartColumn: 19, EndLine: 4, EndColumn: 1, New: ")\n"},
	}}}
	if !reflect.DeepEqual(out[0].SuggestedFixes, want) {
		t.Errorf("fix of the first finding:\n%+v\nwant\n%+v", out[0].SuggestedFixes, want)
	}
	if out[1].SuggestedFixes != nil || out[2].SuggestedFixes != nil {
		t.Errorf("fixes attached to a finding with another message or to a changed file: %+v, %+v", out[1].SuggestedFixes, out[2].SuggestedFixes)
	}
	if !reflect.DeepEqual(findings, in) {
		t.Error("WithFixes changed its input")
	}
}

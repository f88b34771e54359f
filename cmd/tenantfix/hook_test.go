package main

import (
	"bytes"
	"testing"
)

// TestFilesNeedsVerify: --files (the git hook mode) only checks; fixing
// or restoring from a hook's file list is refused before anything runs.
func TestFilesNeedsVerify(t *testing.T) {
	for _, args := range [][]string{{"--files", "a.go"}, {"--dry-run", "--files", "a.go"}} {
		var stdout, stderr bytes.Buffer
		code := run(args, &stdout, &stderr)
		if code != 2 || stderr.String() != "tenantfix: --files only applies to --verify\n" || stdout.Len() != 0 {
			t.Errorf("%v: exit %d, stderr %q, stdout %q", args, code, stderr.String(), stdout.String())
		}
	}
}

package rewrite

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	udiff "github.com/aymanbagabas/go-udiff"
)

// Memo remembers what each file became, by its name, content and edits.
// Checking a fixed file (parse, gofmt) costs more than analyzing it, and
// after a one-file edit most files get the same edits as in the run
// before: with a memo, a run re-checks only the files whose content or
// edits changed. Load must return exactly what Store was given. The
// value is empty when the file is its edits applied as they are (gofmt
// changed nothing), which is most files: the memo stays small.
type Memo interface {
	Load(key string) ([]byte, bool)
	Store(key string, value []byte)
}

// memoValue is what the memo keeps for a checked file: nothing when it is
// the edits applied as they are.
func memoValue(checked, applied []byte) []byte {
	if bytes.Equal(checked, applied) {
		return []byte{}
	}
	return checked
}

// memoKey names a file's name, content and edits.
func memoKey(name string, old []byte, edits []udiff.Edit) string {
	h := sha256.New()
	fmt.Fprintf(h, "rewrite v1\x00%s\x00%d\x00", name, len(old))
	h.Write(old)
	for _, e := range edits {
		fmt.Fprintf(h, "\x00%d %d %d\x00%s", e.Start, e.End, len(e.New), e.New)
	}
	return hex.EncodeToString(h.Sum(nil))
}

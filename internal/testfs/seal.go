package testfs

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
)

// Reseal returns a whole-run cache entry (the tool's results folder) whose
// data a test changed, with the SHA-256 that precedes the data
// recomputed: the cache ignores an entry whose data does not match it (a
// damaged one), and the tests that plant data see that an entry is
// replayed.
func Reseal(t testing.TB, entry string) string {
	t.Helper()
	const n = 2 * sha256.Size
	if len(entry) < n+1 || entry[n] != '\n' {
		t.Fatalf("not a sealed cache entry: %.80q", entry)
	}
	sum := sha256.Sum256([]byte(entry[n+1:]))
	return hex.EncodeToString(sum[:]) + "\n" + entry[n+1:]
}

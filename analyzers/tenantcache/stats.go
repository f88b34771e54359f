package tenantcache

import (
	_ "embed"
	"fmt"
	"go/token"

	"github.com/tenantlint/tenantlint/internal/check"
)

// Name is the check's name: its analyzer's, its findings' and its
// //tenantlint:ignore directives'.
const Name = "tenantcache"

//go:embed doc.go
var docFile string

// Doc is the analyzer's documentation, from doc.go.
var Doc = check.MustExtractDoc(docFile, "Analyzer "+Name)

// Rule is what the report formats say about the check, from doc.go.
var Rule = check.MustExtractRule(docFile, Name)

// Stats counts the cache calls of a package by outcome; it is the
// analyzer's result.
type Stats struct {
	check.CallCounts

	// Wrapped is how many keys the fix of each fixable finding wraps, by
	// the finding's position ("file:line:col"); a package's own, not
	// added up.
	Wrapped map[string]int `json:",omitempty"`
}

func (s *Stats) wrapped(pos token.Position, n int) {
	if s.Wrapped == nil {
		s.Wrapped = map[string]int{}
	}
	s.Wrapped[pos.String()] = n
}

// FixUnits is how many keys the fix of the finding at pos wraps: what
// tenantfix's summary counts.
func (s *Stats) FixUnits(pos token.Position) int { return s.Wrapped[pos.String()] }

// Add adds another package's counts.
func (s *Stats) Add(other check.Stats) {
	s.CallCounts.Plus(other.(*Stats).CallCounts)
}

// Summary is tenantfix --verify's line about the cache calls.
func (s *Stats) Summary() string {
	return fmt.Sprintf("cache calls: %d/%d scoped, %d raw fixable, %d raw manual, %d suppressed",
		s.Scoped, s.Calls, s.Fixable, s.Manual, s.Suppressed)
}

// wrapFixMessage is the message of a fix that wraps n keys with fn.
func wrapFixMessage(n int, fn string) string {
	if n == 1 {
		return "wrap the key with " + fn
	}
	return fmt.Sprintf("wrap %d keys with %s", n, fn)
}

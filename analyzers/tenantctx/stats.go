package tenantctx

import (
	"fmt"

	"github.com/tenantlint/tenantlint/internal/check"
)

// Name is the check's name: its analyzer's, its findings' and its
// //tenantlint:ignore directives'.
const Name = "tenantctx"

// Doc and Rule, doc.go's sections, are in doc_gen.go, written by
// internal/cmd/docgen rather than extracted at initialisation by every
// process.
//
//go:generate go run ../../internal/cmd/docgen

// Stats counts the calls of tenant-aware sinks in a package by the
// context they are given; it is the analyzer's result.
type Stats struct {
	// Calls are the sink calls made where a tenant context is in scope;
	// Scoped those given a context that is not known to be empty.
	check.CallCounts
}

// Add adds another package's counts.
func (s *Stats) Add(other check.Stats) {
	s.CallCounts.Plus(other.(*Stats).CallCounts)
}

// Summary is tenantfix --verify's line about the sink calls.
func (s *Stats) Summary() string {
	return fmt.Sprintf("tenant contexts: %d/%d sink calls keep it, %d dropped fixable, %d dropped manual, %d suppressed",
		s.Scoped, s.Calls, s.Fixable, s.Manual, s.Suppressed)
}

package tenantcache

import (
	"fmt"
	"go/token"
	"maps"
	"slices"
	"strings"

	"github.com/tenantlint/tenantlint/internal/check"
)

// Name is the check's name: its analyzer's, its findings' and its
// //tenantlint:ignore directives'.
const Name = "tenantcache"

// Doc and Rule, doc.go's sections, are in doc_gen.go, written by
// internal/cmd/docgen rather than extracted at initialisation by every
// process.
//
//go:generate go run ../../internal/cmd/docgen

// Stats counts the cache calls of a package by outcome; it is the
// analyzer's result.
type Stats struct {
	check.CallCounts

	// Wrapped is how many keys the fix of each fixable finding wraps, by
	// the finding's position ("file:line:col"); a package's own, not
	// added up.
	Wrapped map[string]int `json:",omitempty"`

	// Unchecked counts the calls whose key the check cannot judge (a
	// non-string key under the strict rule, a key from a call it does
	// not follow), by reason: never counted as scoped.
	Unchecked map[string]int `json:",omitempty"`
	// NotTenantData counts the calls that are not about tenant data
	// (cache.report: tenant-data), by reason ("holds bool").
	NotTenantData map[string]int `json:",omitempty"`
}

func (s *Stats) unchecked(reason string) { s.Unchecked = addTo(s.Unchecked, reason, 1) }

func (s *Stats) notTenantData(reason string) { s.NotTenantData = addTo(s.NotTenantData, reason, 1) }

func addTo(m map[string]int, k string, n int) map[string]int {
	if m == nil {
		m = map[string]int{}
	}
	m[k] += n
	return m
}

// UncheckedCalls is how many calls are unchecked, whatever the reason.
func (s *Stats) UncheckedCalls() int { return sum(s.Unchecked) }

// NotTenantDataCalls is how many calls are not about tenant data.
func (s *Stats) NotTenantDataCalls() int { return sum(s.NotTenantData) }

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
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
	o := other.(*Stats)
	s.CallCounts.Plus(o.CallCounts)
	for k, n := range o.Unchecked {
		s.Unchecked = addTo(s.Unchecked, k, n)
	}
	for k, n := range o.NotTenantData {
		s.NotTenantData = addTo(s.NotTenantData, k, n)
	}
}

// Summary is tenantfix --verify's line about the cache calls. The
// unchecked calls and those not about tenant data are told only when
// there are some, with their count by reason, so that the line of a
// module without them reads as before.
func (s *Stats) Summary() string {
	line := fmt.Sprintf("cache calls: %d/%d scoped, %d raw fixable, %d raw manual, %d suppressed",
		s.Scoped, s.Calls, s.Fixable, s.Manual, s.Suppressed)
	if n := s.UncheckedCalls(); n > 0 {
		line += fmt.Sprintf(", %d unchecked (%s)", n, byReason(s.Unchecked))
	}
	if n := s.NotTenantDataCalls(); n > 0 {
		line += fmt.Sprintf(", %d not tenant data (%s)", n, byReason(s.NotTenantData))
	}
	return line
}

// byReason writes counts as "reason: n; reason: n", by reason.
func byReason(m map[string]int) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%s: %d", k, m[k]))
	}
	return strings.Join(parts, "; ")
}

// wrapFixMessage is the message of a fix that wraps n keys with fn.
func wrapFixMessage(n int, fn string) string {
	if n == 1 {
		return "wrap the key with " + fn
	}
	return fmt.Sprintf("wrap %d keys with %s", n, fn)
}

package tenantsql

import (
	_ "embed"
	"fmt"
	"go/token"

	"github.com/tenantlint/tenantlint/internal/check"
)

// Name is the check's name: its analyzer's, its findings' and its
// //tenantlint:ignore directives'.
const Name = "tenantsql"

//go:embed doc.go
var docFile string

// Doc is the analyzer's documentation, from doc.go.
var Doc = check.MustExtractDoc(docFile, "Analyzer "+Name)

// Rule is what the report formats say about the check, from doc.go.
var Rule = check.MustExtractRule(docFile, Name)

// The kinds of a finding (Stats.Kinds).
const (
	// KindInScope: a tenant value is in scope where the query runs and
	// the query does not use it; the strongest signal.
	KindInScope = "in-scope"
	// KindUnconstrained: the query has no tenant predicate.
	KindUnconstrained = "unconstrained"
)

// Stats counts the query calls of a package by outcome; it is the
// analyzer's result.
type Stats struct {
	// Queries are the calls of query APIs; each is one of the others.
	Queries int
	// Constrained: every tenant table the text touches is constrained
	// (or it touches none).
	Constrained int
	// Unconstrained: at least one finding was reported; Suppressed: the
	// query had findings, all of them suppressed.
	Unconstrained, Suppressed int
	// Unchecked: the text does not resolve, or does not parse.
	Unchecked int

	// Chains are the query builder chains among the Queries, and how
	// many of them were constrained, unconstrained and unchecked.
	Chains, ChainsConstrained, ChainsUnconstrained, ChainsUnchecked int

	// Kinds is each reported finding's kind (KindInScope,
	// KindUnconstrained) by its position, "file:line:col"; a package's
	// own, not added up.
	Kinds map[string]string `json:",omitempty"`
}

func (s *Stats) kind(pos token.Position, kind string) {
	if s.Kinds == nil {
		s.Kinds = map[string]string{}
	}
	s.Kinds[pos.String()] = kind
}

// FindingKind implements check.FindingKinds: the kind of the finding
// reported at pos.
func (s *Stats) FindingKind(pos token.Position) string { return s.Kinds[pos.String()] }

// Add adds another package's counts.
func (s *Stats) Add(other check.Stats) {
	o := other.(*Stats)
	s.Queries += o.Queries
	s.Constrained += o.Constrained
	s.Unconstrained += o.Unconstrained
	s.Suppressed += o.Suppressed
	s.Unchecked += o.Unchecked
	s.Chains += o.Chains
	s.ChainsConstrained += o.ChainsConstrained
	s.ChainsUnconstrained += o.ChainsUnconstrained
	s.ChainsUnchecked += o.ChainsUnchecked
}

// Summary is tenantfix --verify's line about the queries.
func (s *Stats) Summary() string {
	out := fmt.Sprintf("sql queries: %d/%d constrained, %d unconstrained, %d suppressed, %d unchecked",
		s.Constrained, s.Queries, s.Unconstrained, s.Suppressed, s.Unchecked)
	if s.Chains > 0 {
		out += fmt.Sprintf(" (of which builder chains: %d/%d constrained, %d unconstrained, %d unchecked)",
			s.ChainsConstrained, s.Chains, s.ChainsUnconstrained, s.ChainsUnchecked)
	}
	return out
}

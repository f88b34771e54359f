package tenantsql

import (
	"fmt"
	"go/token"

	"github.com/tenantlint/tenantlint/internal/check"
)

// Name is the check's name: its analyzer's, its findings' and its
// //tenantlint:ignore directives'.
const Name = "tenantsql"

// Doc and Rule, doc.go's sections, are in doc_gen.go, written by
// internal/cmd/docgen rather than extracted at initialisation by every
// process.
//
//go:generate go run ../../internal/cmd/docgen

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

	// UncheckedBy counts the Unchecked queries by reason (one of the
	// Unchecked* constants): never counted as constrained.
	UncheckedBy map[string]int `json:",omitempty"`
	// Tables counts, for each tenant table the queries name, the queries
	// that name it by where they come from and by outcome for that
	// table, for the inventory. A query that does not resolve or does
	// not parse names no known table: it is counted in UncheckedBy only.
	Tables map[string]*TableStats `json:",omitempty"`

	// Kinds is each reported finding's kind (KindInScope,
	// KindUnconstrained) by its position, "file:line:col"; a package's
	// own, not added up.
	Kinds map[string]string `json:",omitempty"`
}

// Why a query is unchecked (Stats.UncheckedBy).
const (
	UncheckedUnresolved = "not resolvable to text"
	UncheckedParse      = "does not parse"
	UncheckedOpaque     = "opaque condition (WHERE %s)"
	// UncheckedFormatted: a formatted fragment (%s of an opaque value)
	// where the grammar wants a clause, so the text does not parse.
	UncheckedFormatted = "formatted fragment does not parse"
	UncheckedChain     = "builder chain not followed"
)

// Where a query comes from (TableStats).
const (
	SourceRaw   = "raw"   // a text given to a query API
	SourceSQLC  = "sqlc"  // one of sqlc's query constants
	SourceChain = "chain" // a query builder chain
)

// TableStats counts the queries that name one tenant table: by where
// they come from (Raw + SQLC + Chains = Queries) and by what they do to
// the table (Constrained + Unconstrained + Suppressed + Unchecked =
// Queries). Unconstrained: a finding on the table was reported;
// Suppressed: its findings on the table were all suppressed; Unchecked:
// its condition is not known (WHERE %s), never counted as constrained.
type TableStats struct {
	Column                                            string
	Queries, Raw, SQLC, Chains                        int
	Constrained, Unconstrained, Suppressed, Unchecked int
}

func (t *TableStats) add(o *TableStats) {
	if t.Column == "" {
		t.Column = o.Column
	}
	t.Queries += o.Queries
	t.Raw += o.Raw
	t.SQLC += o.SQLC
	t.Chains += o.Chains
	t.Constrained += o.Constrained
	t.Unconstrained += o.Unconstrained
	t.Suppressed += o.Suppressed
	t.Unchecked += o.Unchecked
}

// unchecked counts an unchecked query, with why.
func (s *Stats) unchecked(reason string) {
	s.Unchecked++
	if s.UncheckedBy == nil {
		s.UncheckedBy = map[string]int{}
	}
	s.UncheckedBy[reason]++
}

// Outcomes of a query for one table (table).
const (
	outConstrained = iota
	outUnconstrained
	outSuppressed
	outUnchecked
)

// table counts a query from source that names table (whose tenant
// column is col) with its outcome for that table.
func (s *Stats) table(table, col, source string, outcome int) {
	if s.Tables == nil {
		s.Tables = map[string]*TableStats{}
	}
	t := s.Tables[table]
	if t == nil {
		t = &TableStats{Column: col}
		s.Tables[table] = t
	}
	t.Queries++
	switch source {
	case SourceSQLC:
		t.SQLC++
	case SourceChain:
		t.Chains++
	default:
		t.Raw++
	}
	switch outcome {
	case outConstrained:
		t.Constrained++
	case outUnconstrained:
		t.Unconstrained++
	case outSuppressed:
		t.Suppressed++
	default:
		t.Unchecked++
	}
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
	for r, n := range o.UncheckedBy {
		if s.UncheckedBy == nil {
			s.UncheckedBy = map[string]int{}
		}
		s.UncheckedBy[r] += n
	}
	for name, t := range o.Tables {
		if s.Tables == nil {
			s.Tables = map[string]*TableStats{}
		}
		if s.Tables[name] == nil {
			s.Tables[name] = &TableStats{}
		}
		s.Tables[name].add(t)
	}
}

// Summary is tenantfix --verify's line about the queries. Unchecked
// queries are never counted as constrained (the inventory says why they
// are unchecked).
func (s *Stats) Summary() string {
	out := fmt.Sprintf("sql queries: %d/%d constrained, %d unconstrained, %d suppressed, %d unchecked",
		s.Constrained, s.Queries, s.Unconstrained, s.Suppressed, s.Unchecked)
	if s.Chains > 0 {
		out += fmt.Sprintf(" (of which builder chains: %d/%d constrained, %d unconstrained, %d unchecked)",
			s.ChainsConstrained, s.Chains, s.ChainsUnconstrained, s.ChainsUnchecked)
	}
	return out
}

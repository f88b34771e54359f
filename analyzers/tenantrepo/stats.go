package tenantrepo

import (
	"fmt"
	"go/token"

	"github.com/tenantlint/tenantlint/internal/check"
)

// Name is the check's name: its analyzer's, its findings' and its
// //tenantlint:ignore directives'.
const Name = "tenantrepo"

// Doc and Rule, doc.go's sections, are in doc_gen.go, written by
// internal/cmd/docgen rather than extracted at initialisation by every
// process.
//
//go:generate go run ../../internal/cmd/docgen

// Stats counts the tenant-scoped types of a package and records them for
// the inventory; it is the analyzer's result.
type Stats struct {
	Models, Covered, Global, SuppressedModels int
	// Unreferenced counts the models that nothing in the module refers
	// to, not reported under models.unreferenced: skip.
	Unreferenced int
	// LeftToSQL counts the models sqlc generated for a table, left to
	// tenantsql when it runs (its findings are about their queries).
	LeftToSQL int `json:",omitempty"`

	// Creates lists declarations that need a new file: models whose
	// package has only generated files (which are never edited).
	Creates []check.NewDecl

	// Types lists the tenant-scoped types the check saw, for the
	// inventory (tenantlint --inventory).
	Types []TypeRecord
}

// Add adds another package's counts and records.
func (s *Stats) Add(other check.Stats) {
	o := other.(*Stats)
	s.Models += o.Models
	s.Covered += o.Covered
	s.Global += o.Global
	s.SuppressedModels += o.SuppressedModels
	s.Unreferenced += o.Unreferenced
	s.LeftToSQL += o.LeftToSQL
	s.Creates = append(s.Creates, o.Creates...)
	s.Types = append(s.Types, o.Types...)
}

// Summary is tenantfix --verify's line about the models. Unreferenced
// models need no repository, and sqlc's models are left to tenantsql:
// they are counted apart, and only when there are some, so that the line
// reads as before without them.
func (s *Stats) Summary() string {
	apart := ""
	if s.Unreferenced > 0 {
		apart = fmt.Sprintf(", %d unreferenced", s.Unreferenced)
	}
	if s.LeftToSQL > 0 {
		apart += fmt.Sprintf(", %d sqlc models left to tenantsql", s.LeftToSQL)
	}
	return fmt.Sprintf("tenant-scoped models: %d/%d covered (%d global, %d suppressed%s)",
		s.Covered, s.Models-s.Global-s.Unreferenced-s.LeftToSQL, s.Global, s.SuppressedModels, apart)
}

// NewFiles are the declarations that need a new file (see Creates).
func (s *Stats) NewFiles() []check.NewDecl { return s.Creates }

// TypeRecord is one tenant-scoped type and what the check concluded.
type TypeRecord struct {
	Package string         // import path of the declaring package
	Name    string         // the type's name
	Pos     token.Position // its declaration
	Reason  string         // why it is tenant-scoped, e.g. "has field TenantID"
	// Global is set for //tenantlint:global types, whose coverage is not
	// looked up (the rule does not apply to them).
	Global bool
	// Unreferenced is set for a model that nothing in the module refers
	// to, not reported under models.unreferenced: skip.
	Unreferenced bool
	Repo         *RepoSite // the covering repository; nil when none covers it
	// SQLTable is set for a model sqlc generated, left to tenantsql: its
	// table, whose queries cover it when they are all constrained.
	SQLTable string `json:",omitempty"`
	// Suppressed is set when a //tenantlint:ignore directive suppressed
	// the missing-repository finding; SuppressReason is its reason.
	Suppressed     bool
	SuppressReason string
}

// RepoSite is a package-level instantiation Repository[M] that covers M.
type RepoSite struct {
	Type    string         // the repository type as code writes it, e.g. tenant.Repository
	Package string         // import path of the package holding the instantiation
	Pos     token.Position // the instantiation
}

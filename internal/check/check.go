// Package check holds the types that the analyzers, the registry of checks
// and the drivers share: a check's statistics (each check has its own
// type), what a fix contributes to tenantfix's summary, and the
// extraction of an analyzer's documentation from its doc.go. It imports
// nothing of the project, so that analyzers, drivers and the registry
// can all depend on it.
package check

import (
	"go/token"
)

// Stats is what one check counted in one package. Each check has its own
// type (a pointer to a struct), which is the result of its analyzer.
type Stats interface {
	// Add adds another package's statistics of the same check into the
	// receiver, for the run's totals.
	Add(other Stats)
	// Summary is the line tenantfix --verify prints about the run's
	// totals, or "" for none.
	Summary() string
}

// FixUnits is implemented by the statistics of a check whose single
// suggested fix may change several things (tenantcache wraps several
// keys in one call): the number the fixer's summary counts for the fix
// of the diagnostic at pos. Without it every fix counts one. Positions,
// not token.Pos, key it: the statistics are compared and cached across
// file sets.
type FixUnits interface {
	FixUnits(pos token.Position) int
}

// UnitsOf is how many things the fix of the diagnostic at pos changes,
// given its check's result (see FixUnits).
func UnitsOf(result any, pos token.Position) int {
	if fu, ok := result.(FixUnits); ok {
		if n := fu.FixUnits(pos); n > 0 {
			return n
		}
	}
	return 1
}

// FindingKinds is implemented by the statistics of a check whose
// findings are of several kinds (tenantsql's in-scope and unconstrained):
// the kind of its finding at pos, "" for none. The JSON and SARIF
// outputs carry it. Positions key it, as FixUnits.
type FindingKinds interface {
	FindingKind(pos token.Position) string
}

// KindOf is the kind of the finding at pos, given its check's result
// (see FindingKinds); "" when the check has no kinds.
func KindOf(result any, pos token.Position) string {
	if fk, ok := result.(FindingKinds); ok {
		return fk.FindingKind(pos)
	}
	return ""
}

// FileCreator is implemented by the statistics of a check that asks the
// fixer for declarations in new files (tenantrepo, for packages made
// only of generated files, which are never edited).
type FileCreator interface {
	NewFiles() []NewDecl
}

// NewDecl is a declaration for a new file of a package.
type NewDecl struct {
	Dir, Package, File     string // the file is Dir/File, in package Package
	ImportPath, ImportName string // the import it needs, if any
	Decl                   string
	Pos                    token.Position // the finding it fixes
}

// CallCounts counts the calls a check judges by outcome; the checks that
// judge calls (tenantcache's cache calls, tenantctx's sink calls) embed
// it in their Stats, so their JSON in the result caches stays flat.
type CallCounts struct {
	Calls, Scoped, Fixable, Manual, Suppressed int
}

// Plus adds another package's counts.
func (c *CallCounts) Plus(o CallCounts) {
	c.Calls += o.Calls
	c.Scoped += o.Scoped
	c.Fixable += o.Fixable
	c.Manual += o.Manual
	c.Suppressed += o.Suppressed
}

package tenantsql

import (
	"golang.org/x/tools/go/analysis"

	"github.com/tenantlint/tenantlint/internal/lint"
	"github.com/tenantlint/tenantlint/internal/sqlscope"
)

// NewTables exposes the tables analyzer to the tests of its facts.
func NewTables(env *lint.Env) *analysis.Analyzer {
	return newTables(env, &sqlcCache{parser: &sqlscope.Parser{}})
}

// NewCounting is New, with the number of configurations it compiled so
// far.
func NewCounting(env *lint.Env) (*analysis.Analyzer, func() int) {
	a, c := newAnalyzer(env)
	return a, func() int {
		c.mu.Lock()
		defer c.mu.Unlock()
		return c.compiles
	}
}

// NewModels exposes the models analyzer to the tests of its facts.
var NewModels = newModels

// NewChains exposes the chains analyzer (with the models analyzer it
// requires) to the tests of its facts.
func NewChains(env *lint.Env) *analysis.Analyzer { return newChains(env, newModels(env)) }

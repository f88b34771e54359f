package tenantsql

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/lint"
)

// globals applies the sql.global entries to one package's queries: a
// query an entry matches runs across tenants on purpose, and its
// findings are not reported.
//
// Like ignore.findings, an entry is judged package by package, the unit
// every driver sees, so that go vet, nogo, golangci-lint and the
// standalone run give the same lines: in each package where it matches
// a query, it is reported as unused when none of those queries had a
// finding. An entry that matches no query of a package is not judged
// there, and one that matches no query anywhere is never reported.
type globals struct {
	cfg     *config.Config
	matched []bool // the entry matched a query of the package
	used    []bool // ... that had a finding
}

func newGlobals(cfg *config.Config) *globals {
	n := len(cfg.SQL.Global)
	return &globals{cfg: cfg, matched: make([]bool, n), used: make([]bool, n)}
}

// match returns the index of the first entry that matches a query by
// one of its names (query.names) or files (query.files), and marks it
// matched; -1 for none.
func (g *globals) match(q query) int {
	if g == nil {
		return -1
	}
	i := globalEntry(g.cfg, q)
	if i >= 0 {
		g.matched[i] = true
	}
	return i
}

// globalEntry is the index of the first sql.global entry of cfg that
// matches q, or -1.
func globalEntry(cfg *config.Config, q query) int {
	for i, e := range cfg.SQL.Global {
		if e.Query.Value != "" && slices.Contains(q.names, e.Query.Value) {
			return i
		}
		if e.Files.Value == "" {
			continue
		}
		for _, f := range q.files {
			if rel, ok := cfg.Rel(f); ok && e.MatchesFile(rel) {
				return i
			}
		}
	}
	return -1
}

// unused reports, at their place in the configuration file, the entries
// that matched queries of the package none of which had a finding.
func (g *globals) unused(p *lint.Pass) {
	if g == nil {
		return
	}
	for i, e := range g.cfg.SQL.Global {
		if g.matched[i] && !g.used[i] {
			p.ReportConfig(e.Line, e.Column, fmt.Sprintf("unused sql.global entry: the queries it matches in %s have no %s finding", p.Pkg.Path(), Name))
		}
	}
}

// constName is the name of the constant that e, a query argument,
// names (pollJobs, queries.PollJobs); "" for any other expression.
func constName(info *types.Info, e ast.Expr) string {
	var id *ast.Ident
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		id = e
	case *ast.SelectorExpr:
		id = e.Sel
	}
	if id == nil {
		return ""
	}
	if c, ok := info.Uses[id].(*types.Const); ok {
		return c.Name()
	}
	return ""
}

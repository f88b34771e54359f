// Package registry is the one list of tenantlint's checks. Every other
// list derives from it: the analyzers the drivers run (standalone, go vet
// mode, the golangci-lint plugin), the names --checks and
// //tenantlint:ignore accept, the help text of --checks, the SARIF rules
// and the set of checks the baseline gate and junit judge, tenantfix's
// summaries and the inventory's input.
//
// A check is an analyzer package (its Name, Doc, Rule, New and Stats
// type, see analyzers/tenantrepo/stats.go) plus one line in All.
//
// Imports flow one way: internal/check (shared types) ← internal/lint ←
// analyzers ← registry ← drivers and commands. The report layer does not
// import the registry: it receives the rules and the check names as data.
package registry

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/tenantlint/tenantlint/analyzers/tenantcache"
	"github.com/tenantlint/tenantlint/analyzers/tenantctx"
	"github.com/tenantlint/tenantlint/analyzers/tenantrepo"
	"github.com/tenantlint/tenantlint/analyzers/tenantsql"
	"github.com/tenantlint/tenantlint/internal/check"
	"github.com/tenantlint/tenantlint/internal/lint"
	"github.com/tenantlint/tenantlint/report"
	"github.com/tenantlint/tenantlint/report/inventory"
)

// Check is what the tool knows about one check.
type Check struct {
	Name string
	// Doc is the analyzer's documentation, the "# Analyzer <name>"
	// section of its doc.go; its first line is "<name>: <summary>".
	Doc string
	// Rule is what the report formats say about it (doc.go's "# Rule").
	Rule check.Rule
	// New builds its analyzer on a shared environment.
	New func(*lint.Env) *analysis.Analyzer
	// NewStats returns empty statistics of the check's own type, to add
	// packages up and to decode them from the result caches.
	NewStats func() check.Stats
	// Fixes is what tenantfix's summary calls the things the check's
	// fixes change ("models to cover"); each fix counts
	// check.UnitsOf of them.
	Fixes string
	// Inventory adds one package's statistics of the check to the
	// inventory's input.
	Inventory func(check.Stats, *inventory.Input)
}

// All lists the checks in report order (a copy: callers may change it).
func All() []Check { return slices.Clone(all()) }

// all is the list, built once: Lookup runs for every package and check
// of a run, and for every cached package it decodes. Adding a check is
// one line here.
var all = sync.OnceValue(func() []Check {
	return []Check{
		of[tenantrepo.Stats](tenantrepo.Name, tenantrepo.Doc, tenantrepo.Rule, tenantrepo.New, "models to cover", repoInventory),
		of[tenantcache.Stats](tenantcache.Name, tenantcache.Doc, tenantcache.Rule, tenantcache.New, "keys to wrap", cacheInventory),
		of[tenantctx.Stats](tenantctx.Name, tenantctx.Doc, tenantctx.Rule, tenantctx.New, "contexts to pass", ctxInventory),
		of[tenantsql.Stats](tenantsql.Name, tenantsql.Doc, tenantsql.Rule, tenantsql.New, "queries to constrain", sqlInventory),
	}
})

// of makes a registry entry of a check whose statistics are a *S.
func of[S any, PS interface {
	*S
	check.Stats
}](name, doc string, rule check.Rule, newAnalyzer func(*lint.Env) *analysis.Analyzer, fixes string, inv func(PS, *inventory.Input)) Check {
	c := Check{
		Name: name, Doc: doc, Rule: rule, New: newAnalyzer, Fixes: fixes,
		NewStats: func() check.Stats { return PS(new(S)) },
	}
	if inv != nil { // nil is a missing contribution: TestEveryCheckIsComplete says so
		c.Inventory = func(s check.Stats, in *inventory.Input) { inv(s.(PS), in) }
	}
	return c
}

// Names are the checks' names, in report order.
func Names() []string {
	var out []string
	for _, c := range all() {
		out = append(out, c.Name)
	}
	return out
}

// Lookup returns the check named name.
func Lookup(name string) (Check, bool) {
	for _, c := range all() {
		if c.Name == name {
			return c, true
		}
	}
	return Check{}, false
}

// Summary is a check's one-line summary, from its doc.
func (c Check) Summary() string { return check.Summary(c.Doc, c.Name) }

// ChecksHelp is the help text of a --checks flag: what the flag selects,
// the default, and the names.
func ChecksHelp(what, dflt string) string {
	return what + " (default " + dflt + "): " + strings.Join(Names(), ", ")
}

// NewEnv returns an analysis environment that knows every check's name
// (lint.NewEnv takes them from directive.Known, which a test keeps equal
// to Names), so that //tenantlint:ignore directives naming an unknown
// one are reported.
func NewEnv() *lint.Env { return lint.NewEnv() }

// NewSourceEnv is NewEnv with the module-wide facts indexed in memory
// from the module's sources (lint.NewSourceEnv): for analysistest, where
// the analyzers must not run the go command.
func NewSourceEnv() *lint.Env { return lint.NewSourceEnv() }

// Analyzers returns the analyzers named by checks (all when empty),
// sharing env, which learns every check's name.
func Analyzers(env *lint.Env, checks []string) ([]*analysis.Analyzer, error) {
	env.Checks = Names()
	if len(checks) == 0 {
		checks = env.Checks
	}
	env.Running = slices.Clone(checks)
	var out []*analysis.Analyzer
	for _, name := range checks {
		c, ok := Lookup(name)
		if !ok {
			return nil, fmt.Errorf("unknown check %q (known: %s)", name, strings.Join(Names(), ", "))
		}
		out = append(out, c.New(env))
	}
	return out, nil
}

// Rules are the checks' rules for the report formats, in report order.
func Rules() []report.Rule {
	var out []report.Rule
	for _, c := range all() {
		out = append(out, report.Rule{ID: c.Name, Short: c.Rule.Short, Full: c.Rule.Full, Help: c.Rule.Help})
	}
	return out
}

// Stats holds statistics by check name. Its JSON form (the result
// caches') is each check's own type, decoded through the registry.
type Stats map[string]check.Stats

// UnmarshalJSON decodes each check's statistics into its own type.
func (m *Stats) UnmarshalJSON(data []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	if raw == nil {
		*m = nil
		return nil
	}
	out := Stats{}
	for name, r := range raw {
		c, ok := Lookup(name)
		if !ok {
			return fmt.Errorf("statistics of unknown check %q", name)
		}
		s := c.NewStats()
		if err := json.Unmarshal(r, s); err != nil {
			return fmt.Errorf("statistics of %s: %w", name, err)
		}
		out[name] = s
	}
	*m = out
	return nil
}

// Add adds a package's statistics of the check named name into m.
func (m Stats) Add(name string, s check.Stats) {
	t := m[name]
	if t == nil {
		c, ok := Lookup(name)
		if !ok {
			return
		}
		t = c.NewStats()
		m[name] = t
	}
	t.Add(s)
}

// Summaries are tenantfix --verify's lines about the totals, in report
// order, for the checks that ran.
func (m Stats) Summaries() []string {
	var out []string
	for _, c := range all() {
		if s := m[c.Name]; s != nil {
			if line := s.Summary(); line != "" {
				out = append(out, line)
			}
		}
	}
	return out
}

// FixSummary is the part of tenantfix's summary line that counts what
// the fixes change, by check (as counted in Plan.Fixed): every check,
// in report order, e.g. "3 models to cover, 5 keys to wrap".
func FixSummary(fixed map[string]int) string {
	var parts []string
	for _, c := range all() {
		parts = append(parts, fmt.Sprintf("%d %s", fixed[c.Name], c.Fixes))
	}
	return strings.Join(parts, ", ")
}

// InventoryInput is the inventory's input for one package from its
// statistics by check.
func InventoryInput(path string, byCheck map[string]check.Stats) inventory.Input {
	in := inventory.Input{Path: path}
	for _, c := range all() {
		if s := byCheck[c.Name]; s != nil {
			c.Inventory(s, &in)
		}
	}
	return in
}

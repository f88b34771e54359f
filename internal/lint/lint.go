// Package lint holds what both analyzers do around their rule: find the
// configuration that applies to a package, decide which files are
// checked, apply //tenantlint:ignore directives and report unused ones,
// and reach the module index.
package lint

import (
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/tenantlint/tenantlint/internal/check"
	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/directive"
	"github.com/tenantlint/tenantlint/internal/index"
	"github.com/tenantlint/tenantlint/internal/modfacts"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// Env is shared by the analyzers of one process: the configuration
// loader and what provides the facts about the rest of the module.
type Env struct {
	Loader *config.Loader
	// Index is the module index, built with the go command, that the
	// standalone driver, go vet mode, nogo and the golangci-lint plugin
	// use. Without it (NewSourceEnv, for analysistest) the facts come
	// from an index of the module's sources built in memory. Either way
	// an analyzer asks for them through modfacts, and only a driver's
	// index runs the go command.
	Index *index.Provider
	// Hermetic (the -hermetic flag, for nogo) confines a run to the
	// package's own sources and the configuration it is given: no module
	// walk, no go list, no search for the configuration (hermetic.go).
	Hermetic bool
	// FactsOnly is set for go vet's facts-only runs on dependencies
	// (vet.cfg's VetxOnly): unitchecker runs every analyzer that requires
	// one with facts there and drops its diagnostics, so the checks skip
	// their work and only the fact analyzers run.
	FactsOnly bool
	// ProcessPerPackage is set by go vet mode, which analyses each
	// package in a process of its own: a cost that a process pays once
	// (the SQL parser's start-up) is then paid once per package, and
	// tenantsql plans it with the module's count of packages that run
	// SQL (modfacts.Facts.SQLPackageCount).
	ProcessPerPackage bool
	// Checks are the names of every check the tool has, which
	// //tenantlint:ignore directives may name: directive.Known(), also in
	// an analyzer built outside the registry (a package-level Analyzer,
	// which nogo links). Nil accepts any name.
	Checks []string
	// Running are the checks that run on this Env, as
	// registry.Analyzers selected them; nil when that is not known (an
	// analyzer built outside the registry, as nogo links each one).
	// tenantrepo leaves sqlc's models to tenantsql only when it knows
	// tenantsql runs (Pass.Runs).
	Running []string

	// The configurations given by the analyzers' -config and -config-yaml
	// flags (flags.go): each check's own, and the last one given to any
	// analyzer of this Env, for the checks given none.
	own    map[string]*given
	inline *config.Config

	mu     sync.Mutex
	rules  map[*config.Config]*rules.Rules
	roots  map[rootKey]string   // RootFor's answers
	source index.SourceProvider // when Index is nil
}

// NewEnv returns an environment that finds configuration files by
// walking up from each package and gets module-wide facts from the
// module index.
func NewEnv() *Env {
	e := NewSourceEnv()
	e.Index = &index.Provider{}
	return e
}

// NewSourceEnv is NewEnv with the module-wide facts taken from the
// module's sources, indexed in memory, instead of the module index: the
// analyzers then never run the go command (analysistest).
func NewSourceEnv() *Env {
	return &Env{Loader: &config.Loader{Override: os.Getenv("TENANTLINT_CONFIG")}, Checks: directive.Known()}
}

// modules returns what provides the facts about the rest of the module.
func (e *Env) modules() modfacts.Provider {
	switch {
	case e.Hermetic:
		return modfacts.None{} // nothing beyond the package itself
	case e.Index != nil:
		return e.Index
	}
	return &e.source
}

// NewAnalyzer builds the analyzer of one check: the shared set-up (the
// configuration, the files to check, the directives) runs first, run
// runs only on packages that are checked, and malformed or unused
// directives are reported after it. Its result is the check's own
// statistics, a *S.
func NewAnalyzer[S any, PS interface {
	*S
	check.Stats
}](e *Env, name, doc string, run func(*Pass, PS) error) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:       name,
		Doc:        doc,
		URL:        "https://github.com/tenantlint/tenantlint#" + name,
		ResultType: reflect.TypeFor[PS](),
		Run: func(pass *analysis.Pass) (any, error) {
			stats := PS(new(S))
			if e.FactsOnly {
				return stats, nil
			}
			p, err := e.Start(pass, name)
			if p == nil {
				return stats, err
			}
			defer p.Finish()
			if err := run(p, stats); err != nil {
				return nil, err
			}
			if p.changed != nil {
				return nil, p.changed
			}
			return stats, nil
		},
	}
	e.configFlags(&a.Flags, name)
	e.hermeticFlag(&a.Flags)
	return a
}

func (e *Env) compiled(c *config.Config) *rules.Rules {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.rules == nil {
		e.rules = map[*config.Config]*rules.Rules{}
	}
	r, ok := e.rules[c]
	if !ok {
		r = rules.Compile(c)
		e.rules[c] = r
	}
	return r
}

// Pass is one analyzer's run on one package.
type Pass struct {
	*analysis.Pass
	Check string
	Rules *rules.Rules
	Dir   string      // the package's directory
	Files []*ast.File // the files that are checked
	Root  string      // the module root

	env        *Env
	visible    map[string]*types.Package // see visiblePkgs
	directives *directive.Set
	ignores    *ignoreFindings // ignore.findings
	checked    map[string]bool
	edits      map[*ast.File]editEntry // see EditFile
	declared   []string                // see PackageDeclares; nil until computed
	changed    error                   // a file changed during the analysis: the run fails
	configFile *token.File             // the configuration file in Fset (ReportConfig)
}

// Runs reports whether the check named check is known to run in this
// process (Env.Running); false when that is not known.
func (p *Pass) Runs(check string) bool { return slices.Contains(p.env.Running, check) }

// Start prepares a pass. It returns nil when the package is not checked
// (an ignored package, or one with no files to check).
func (e *Env) Start(pass *analysis.Pass, check string) (*Pass, error) {
	dir := packageDir(pass)
	if dir == "" {
		return nil, nil
	}
	cfg, err := e.configFor(check, dir)
	if err != nil {
		return nil, err
	}
	compiled := e.compiled(cfg)
	if compiled.IgnoresPackage(pass.Pkg.Path()) {
		return nil, nil
	}
	if err := compiled.Validate(rules.Direct(pass.Pkg)); err != nil {
		return nil, err
	}
	p := &Pass{Pass: pass, Check: check, Rules: compiled, Dir: dir, env: e,
		checked: map[string]bool{}, edits: map[*ast.File]editEntry{}}
	for _, f := range pass.Files {
		name := pass.Fset.Position(f.Package).Filename
		if strings.HasPrefix(filepath.Base(name), "_cgo_") {
			continue
		}
		if cfg.TestsIgnored() && strings.HasSuffix(name, "_test.go") {
			continue
		}
		p.Files = append(p.Files, f)
		p.checked[name] = true
	}
	if len(p.Files) == 0 {
		return nil, nil
	}
	p.Root = e.moduleRoot(dir, pass.Pkg.Path(), cfg)
	p.directives = directive.Parse(pass.Fset, p.Files, e.Checks)
	p.ignores = newIgnoreFindings(cfg, check)
	return p, nil
}

// packageDir is the directory of the package's source files, as written
// (cgo's generated files point back to their sources by line directives).
func packageDir(pass *analysis.Pass) string {
	for _, f := range pass.Files {
		name := pass.Fset.Position(f.Package).Filename
		// go test's synthesized main package lives in the build cache
		// and has no source of the user's to check.
		if strings.HasSuffix(name, ".go") && !strings.HasPrefix(filepath.Base(name), "_cgo_") {
			return filepath.Dir(name)
		}
	}
	return ""
}

// Report reports a finding unless a directive or an ignore.findings
// entry suppresses it. It returns whether the finding was reported.
func (p *Pass) Report(d analysis.Diagnostic) bool {
	if p.MarkSuppressed(d) {
		return false
	}
	d.Category = p.Check
	p.Pass.Report(d)
	return true
}

// Suppresses reports whether Report would drop d, with the reason of
// the directive or ignore.findings entry that would, without counting it
// as used: for a check that decides one finding by another's fate.
func (p *Pass) Suppresses(d analysis.Diagnostic) (string, bool) {
	if dir := p.directives.Suppressor(p.Check, p.Fset.Position(d.Pos)); dir != nil {
		return dir.Reason, true
	}
	if i := p.ignores.match(p, d); i >= 0 {
		return p.ignores.entries[i].Reason.Value, true
	}
	return "", false
}

// MarkSuppressed reports whether a directive or an ignore.findings entry
// suppresses the finding d, marking it used, without reporting d: for a
// check that leaves a finding out for another reason (tenantsql's
// sql.report) and must not have its suppression reported as unused.
func (p *Pass) MarkSuppressed(d analysis.Diagnostic) bool {
	return p.directives.Suppresses(p.Check, p.Fset.Position(d.Pos)) || p.ignores.drops(p, d)
}

// Finish reports malformed directives, and directives and
// ignore.findings entries that suppressed nothing.
func (p *Pass) Finish() {
	skip := func(file string) bool { return !p.checked[file] }
	for _, f := range p.directives.Findings(p.Check, p.env.Checks, skip) {
		p.Pass.Report(analysis.Diagnostic{Pos: f.Pos, Message: f.Message, Category: p.Check})
	}
	p.ignores.unused(p)
}

// Module returns the facts about the rest of the module that this
// package's analysis may use, from what the driver provides.
func (p *Pass) Module() (modfacts.Facts, error) {
	return p.env.modules().Facts(p.Root, !p.Rules.Config.TestsIgnored(), p.Pkg.Path())
}

// visiblePkgs are the packages this one sees (rules.Visible), found
// when a fix first needs them: most packages have none.
func (p *Pass) visiblePkgs() map[string]*types.Package {
	if p.visible == nil {
		p.visible = rules.Visible(p.Pkg)
	}
	return p.visible
}

// PackageName returns the name of the package at path as seen from this
// pass: from its imports, the module index, or by convention.
func (p *Pass) PackageName(path string) string {
	if path == p.Pkg.Path() {
		return p.Pkg.Name()
	}
	if q, ok := p.visiblePkgs()[path]; ok {
		return q.Name()
	}
	if ix, err := p.Module(); err == nil {
		if name := ix.PackageName(path); name != "" {
			return name
		}
	}
	return rules.PackageNameGuess(path)
}

// ImportCycle reports whether importing path from this package would
// create an import cycle, and names the chain when it does.
func (p *Pass) ImportCycle(path string) (string, bool) {
	if path == p.Pkg.Path() {
		return "", false
	}
	if _, ok := p.visiblePkgs()[path]; ok {
		return "", false // already imported, directly or not
	}
	if strings.HasSuffix(p.Pkg.Name(), "_test") {
		return "", false // an external test package is imported by nothing
	}
	ix, err := p.Module()
	if err != nil || !ix.Reaches(path, p.Pkg.Path()) {
		return "", false
	}
	return path + " imports " + p.Pkg.Path(), true
}

// Position returns the position of pos.
func (p *Pass) Position(pos token.Pos) token.Position { return p.Fset.Position(pos) }

// SuppressionReason returns the reason of the directive or the
// ignore.findings entry that suppresses this check's finding at pos, or
// "" when none does.
func (p *Pass) SuppressionReason(pos token.Pos) string {
	if d := p.directives.Suppressor(p.Check, p.Fset.Position(pos)); d != nil {
		return d.Reason
	}
	return p.ignores.reasons[pos]
}

// Package lint holds what both analyzers do around their rule: find the
// configuration that applies to a package, decide which files are
// checked, apply //tenantlint:ignore directives and report unused ones,
// and reach the module index.
package lint

import (
	"flag"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/directive"
	"github.com/tenantlint/tenantlint/internal/index"
	"github.com/tenantlint/tenantlint/internal/tenancy"
)

// Checks lists the check names, in report order.
var Checks = []string{config.CheckRepo, config.CheckCache}

// Env is shared by the analyzers of one process: the configuration
// loader and the module index provider.
type Env struct {
	Loader *config.Loader
	Index  *index.Provider
	// Hermetic (the -hermetic flag, for nogo) confines a run to the
	// package's own sources and the configuration it is given: no module
	// walk, no go list, no search for the configuration (hermetic.go).
	Hermetic bool
	// FactsOnly is set for go vet's facts-only runs on dependencies
	// (vet.cfg's VetxOnly): unitchecker runs every analyzer that requires
	// one with facts there and drops its diagnostics, so the checks skip
	// their work and only the fact analyzers run.
	FactsOnly bool
	inline    *config.Config // from -config-yaml

	mu    sync.Mutex
	rules map[*config.Config]*tenancy.Rules
}

// NewEnv returns an environment that finds configuration files by
// walking up from each package.
func NewEnv() *Env {
	return &Env{Loader: &config.Loader{Override: os.Getenv("TENANTLINT_CONFIG")}, Index: &index.Provider{}}
}

// ConfigFlag registers -config on an analyzer's flag set: the path of the
// configuration file, for drivers with no module tree to search (nogo).
func (e *Env) ConfigFlag(fs *flag.FlagSet) {
	fs.Func("config", "path of the .tenantlint.yaml to use instead of searching up from each package", func(s string) error {
		e.Loader.Override = s
		return nil
	})
}

// NewAnalyzer builds the analyzer of one check: the shared set-up (the
// configuration, the files to check, the directives) runs first, check
// runs only on packages that are checked, and malformed or unused
// directives are reported after it. Its result is the check's *Stats.
func (e *Env) NewAnalyzer(name, doc string, check func(*Pass, *Stats) error) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:       name,
		Doc:        doc,
		URL:        "https://github.com/tenantlint/tenantlint#" + name,
		ResultType: reflect.TypeOf((*Stats)(nil)),
		Run: func(pass *analysis.Pass) (any, error) {
			stats := new(Stats)
			if e.FactsOnly {
				return stats, nil
			}
			p, err := e.Start(pass, name)
			if p == nil {
				return stats, err
			}
			defer p.Finish()
			if err := check(p, stats); err != nil {
				return nil, err
			}
			if p.changed != nil {
				return nil, p.changed
			}
			return stats, nil
		},
	}
	e.ConfigFlag(&a.Flags)
	e.hermeticFlags(&a.Flags)
	return a
}

func (e *Env) compiled(c *config.Config) *tenancy.Rules {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.rules == nil {
		e.rules = map[*config.Config]*tenancy.Rules{}
	}
	r, ok := e.rules[c]
	if !ok {
		r = tenancy.Compile(c)
		e.rules[c] = r
	}
	return r
}

// Pass is one analyzer's run on one package.
type Pass struct {
	*analysis.Pass
	Check string
	Rules *tenancy.Rules
	Dir   string      // the package's directory
	Files []*ast.File // the files that are checked
	Root  string      // the module root

	env        *Env
	visible    map[string]*types.Package
	directives *directive.Set
	checked    map[string]bool
	edits      map[*ast.File]editEntry // see EditFile
	declared   []string                // see PackageDeclares; nil until computed
	changed    error                   // a file changed during the analysis: the run fails
}

// Start prepares a pass. It returns nil when the package is not checked
// (an ignored package, or one with no files to check).
func (e *Env) Start(pass *analysis.Pass, check string) (*Pass, error) {
	dir := packageDir(pass)
	if dir == "" {
		return nil, nil
	}
	cfg, err := e.configFor(dir)
	if err != nil {
		return nil, err
	}
	rules := e.compiled(cfg)
	if rules.IgnoresPackage(pass.Pkg.Path()) {
		return nil, nil
	}
	visible := tenancy.Visible(pass.Pkg)
	if err := rules.Validate(tenancy.Direct(pass.Pkg)); err != nil {
		return nil, err
	}
	p := &Pass{Pass: pass, Check: check, Rules: rules, Dir: dir, env: e, visible: visible,
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
	p.directives = directive.Parse(pass.Fset, p.Files, Checks)
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

// Report reports a finding unless a directive suppresses it. It returns
// whether the finding was reported.
func (p *Pass) Report(d analysis.Diagnostic) bool {
	if p.directives.Suppresses(p.Check, p.Fset.Position(d.Pos)) {
		return false
	}
	d.Category = p.Check
	p.Pass.Report(d)
	return true
}

// Finish reports malformed directives and those that suppressed nothing.
func (p *Pass) Finish() {
	skip := func(file string) bool { return !p.checked[file] }
	for _, f := range p.directives.Findings(p.Check, Checks, skip) {
		p.Pass.Report(analysis.Diagnostic{Pos: f.Pos, Message: f.Message, Category: p.Check})
	}
}

// Index returns the module index as this package's analysis needs it,
// building it on first use.
func (p *Pass) Index() (*index.Index, error) {
	if p.env.Hermetic {
		return &index.Index{}, nil // nothing beyond the package itself
	}
	return p.env.Index.ForPackage(p.Root, !p.Rules.Config.TestsIgnored(), p.Pkg.Path())
}

// PackageName returns the name of the package at path as seen from this
// pass: from its imports, the module index, or by convention.
func (p *Pass) PackageName(path string) string {
	if path == p.Pkg.Path() {
		return p.Pkg.Name()
	}
	if q, ok := p.visible[path]; ok {
		return q.Name()
	}
	if ix, err := p.Index(); err == nil {
		if name := ix.PackageName(path); name != "" {
			return name
		}
	}
	return tenancy.PackageNameGuess(path)
}

// ImportCycle reports whether importing path from this package would
// create an import cycle, and names the chain when it does.
func (p *Pass) ImportCycle(path string) (string, bool) {
	if path == p.Pkg.Path() {
		return "", false
	}
	if _, ok := p.visible[path]; ok {
		return "", false // already imported, directly or not
	}
	if strings.HasSuffix(p.Pkg.Name(), "_test") {
		return "", false // an external test package is imported by nothing
	}
	ix, err := p.Index()
	if err != nil || !ix.Reaches(path, p.Pkg.Path()) {
		return "", false
	}
	return path + " imports " + p.Pkg.Path(), true
}

// Position returns the position of pos.
func (p *Pass) Position(pos token.Pos) token.Position { return p.Fset.Position(pos) }

// Stats counts what a check saw in a package; tenantfix --verify and the
// inventory add them up.
type Stats struct {
	Models, Covered, Global                    int
	Calls, Scoped, Fixable, Manual, Suppressed int
	SuppressedModels                           int

	// Creates lists declarations that need a new file: models whose
	// package has only generated files (which are never edited).
	Creates []NewDecl

	// Types lists the tenant-scoped types tenantrepo saw, for the
	// inventory (tenantlint --inventory).
	Types []TypeRecord
}

// TypeRecord is one tenant-scoped type and what tenantrepo concluded.
type TypeRecord struct {
	Package string         // import path of the declaring package
	Name    string         // the type's name
	Pos     token.Position // its declaration
	Reason  string         // why it is tenant-scoped, e.g. "has field TenantID"
	// Global is set for //tenantlint:global types, whose coverage is not
	// looked up (the rule does not apply to them).
	Global bool
	Repo   *RepoSite // the covering repository; nil when none covers it
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

// SuppressionReason returns the reason of the directive that suppresses
// this check's finding at pos, or "" when none does.
func (p *Pass) SuppressionReason(pos token.Pos) string {
	if d := p.directives.Suppressor(p.Check, p.Fset.Position(pos)); d != nil {
		return d.Reason
	}
	return ""
}

// NewDecl is a repository declaration for a new file of a package.
type NewDecl struct {
	Dir, Package, File     string // the file is Dir/File, in package Package
	ImportPath, ImportName string // the import it needs, if any
	Decl                   string
	Pos                    token.Position // the model's finding
}

// WrapFixMessage is the message of a tenantcache fix that wraps n keys
// with fn; WrappedKeys reads the count back for the fixer's summary.
func WrapFixMessage(n int, fn string) string {
	if n == 1 {
		return "wrap the key with " + fn
	}
	return fmt.Sprintf("wrap %d keys with %s", n, fn)
}

// WrappedKeys returns how many keys a tenantcache fix wraps.
func WrappedKeys(fixMessage string) int {
	var n int
	if _, err := fmt.Sscanf(fixMessage, "wrap %d keys", &n); err == nil {
		return n
	}
	return 1
}

// Package driver is the standalone analysis driver shared by tenantlint
// and tenantfix. In a module it streams (see stream.go): it lists the
// packages with go list, analyzes one package at a time from source
// against its dependencies' export data, keeps only findings, statistics,
// fixes and facts, and caches each package's result (pkgcache.go). Test
// variants are analyzed only when the configuration checks tests. Outside
// a module, and to report load errors, it uses go/packages and the
// go/analysis checker, holding every package at once.
package driver

import (
	"errors"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/tenantlint/tenantlint/internal/check"
	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/golist"
	"github.com/tenantlint/tenantlint/internal/index"
	"github.com/tenantlint/tenantlint/internal/lint"
	"github.com/tenantlint/tenantlint/internal/registry"
	"github.com/tenantlint/tenantlint/report"
)

// Options control a run.
type Options struct {
	Dir    string   // working directory; "" means the current one
	Config string   // --config; "" means search up from each package
	Checks []string // analyzers to run; nil means all
	// NoCache analyzes every package, ignoring and not writing the
	// per-package result cache.
	NoCache bool
	// Legacy selects the go/packages driver, which holds every package
	// at once (the streaming driver falls back to it to report load
	// errors); for comparisons.
	Legacy bool
	// Progress, when set, hears how the run advances (the commands draw
	// it on a terminal: internal/progress).
	Progress Progress

	// seams are the streaming driver's test seams (see streamer).
	seams seams
}

// seams let tests watch or disturb the streaming driver; zero in
// production.
type seams struct {
	// afterParse is called with a unit's files once they are parsed.
	afterParse func(files []string)
	// readFile, when set, reads a unit's files instead of os.ReadFile.
	readFile func(string) ([]byte, error)
	// buildIndex, when set, builds the module indexes that the run asks
	// of the environment (see index.Provider.Build).
	buildIndex func(root string, tests bool) (*index.Index, error)
}

// Progress hears how a run advances. Its methods may be called from
// several goroutines.
type Progress interface {
	// Phase says that the run entered a phase: "loading" (listing the
	// packages, building the module index), then "analyzing".
	Phase(name string)
	// Packages says how many of the total packages to analyze (those
	// analyzed for their dependencies' facts included) are done.
	Packages(done, total int)
}

// noProgress is the Progress of a run that nobody watches.
type noProgress struct{}

func (noProgress) Phase(string)      {}
func (noProgress) Packages(int, int) {}

// Result is what a run found.
type Result struct {
	Findings []report.Finding // sorted, deduplicated, file names absolute
	Fixes    []Fix            // each fixable finding's first fix, sorted (see SortFixes)
	// Stats sums each check's statistics over the packages, by check.
	Stats registry.Stats
	// PackageStats keeps them by package path, then check. A package
	// analyzed with its tests counts once, from its test variant.
	PackageStats map[string]registry.Stats

	analyzed []string // streaming driver: the packages not replayed from the cache
}

// Error is a load, configuration or analysis error: exit code 2.
type Error struct{ Msgs []string }

func (e *Error) Error() string { return strings.Join(e.Msgs, "\n") }

// Run loads the packages matching patterns and analyzes them.
func Run(opts Options, patterns []string) (*Result, error) {
	return run(opts, patterns, nil)
}

// run is Run with extra analyzers (tests of the pass runner).
func run(opts Options, patterns []string, extra []*analysis.Analyzer) (*Result, error) {
	dir := opts.Dir
	if dir == "" {
		var err error
		if dir, err = os.Getwd(); err != nil {
			return nil, err
		}
	}
	progress := opts.Progress
	if progress == nil {
		progress = noProgress{}
	}
	progress.Phase("loading")
	env := registry.NewEnv()
	if opts.Config != "" {
		// --config wins; without it, TENANTLINT_CONFIG (read by
		// lint.NewEnv) still names the file.
		env.Loader.Override = opts.Config
	}
	env.Index.Build = opts.seams.buildIndex
	analyzers, err := registry.Analyzers(env, opts.Checks)
	if err != nil {
		return nil, err
	}
	analyzers = append(analyzers, extra...)
	tests, err := wantTests(env, dir)
	if err != nil {
		return nil, &Error{Msgs: []string{err.Error()}}
	}
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	if root := golist.ModuleRoot(dir, ""); root != "" && !opts.Legacy {
		var cache *pkgCache
		if !opts.NoCache {
			cache = newPkgCache(analyzerNames(analyzers), tests)
		}
		res, err := streamRun(env, analyzers, dir, root, tests, patterns, cache, progress, opts.seams)
		if !errors.Is(err, errFallback) {
			return res, err
		}
	}
	return runLegacy(env, analyzers, dir, tests, patterns, progress)
}

func analyzerNames(as []*analysis.Analyzer) []string {
	var out []string
	for _, a := range closure(as) {
		out = append(out, a.Name)
	}
	return out
}

// runLegacy loads every package with go/packages and analyzes them with
// the checker: all syntax and types are held at once.
func runLegacy(env *lint.Env, analyzers []*analysis.Analyzer, dir string, tests bool, patterns []string, progress Progress) (*Result, error) {
	pkgs, err := load(dir, tests, patterns)
	if err != nil {
		return nil, err
	}
	seedIndex(env, pkgs, tests)
	// The checker analyzes every package at once: no count to give.
	progress.Phase("analyzing")
	graph, err := checker.Analyze(analyzers, pkgs, nil)
	if err != nil {
		return nil, err
	}
	res := &Result{Stats: registry.Stats{}}
	if err := res.collect(graph); err != nil {
		return nil, err
	}
	if res.Fixes, err = FixesFromGraph(graph); err != nil {
		return nil, err
	}
	return res, nil
}

// wantTests loads test variants only when the configuration that applies
// here checks tests: compiling every test variant is what makes naive
// drivers slow.
func wantTests(env *lint.Env, dir string) (bool, error) {
	cfg, err := env.Loader.ForDir(dir)
	if err != nil {
		if config.IsNotFound(err) {
			return false, nil // packages below may have their own file
		}
		return false, err
	}
	return !cfg.TestsIgnored(), nil
}

const loadMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedTypes | packages.NeedTypesSizes |
	packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule

func load(dir string, tests bool, patterns []string) ([]*packages.Package, error) {
	cfg := &packages.Config{Mode: loadMode, Dir: dir, Tests: tests}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, &Error{Msgs: []string{"loading packages: " + err.Error()}}
	}
	var msgs []string
	seen := map[string]bool{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		typed := false // the package has errors with positions
		for _, e := range p.Errors {
			typed = typed || e.Kind == packages.TypeError || e.Kind == packages.ParseError
		}
		for _, e := range p.Errors {
			if typed && e.Kind == packages.ListError && strings.HasPrefix(e.Msg, "# ") {
				continue // the compiler's report of the errors listed with positions
			}
			if m := loadError(dir, p.PkgPath, e); !seen[m] {
				seen[m] = true
				msgs = append(msgs, m)
			}
		}
	})
	if len(msgs) > 0 {
		return nil, &Error{Msgs: msgs}
	}
	// The generated test main packages (ID "p.test") have their source in
	// the build cache, outside any module; go vet does not analyze them
	// either.
	pkgs = slices.DeleteFunc(pkgs, func(p *packages.Package) bool {
		return tests && p.Name == "main" && strings.HasSuffix(p.ID, ".test")
	})
	if len(pkgs) == 0 {
		return nil, &Error{Msgs: []string{fmt.Sprintf("no packages match %s", strings.Join(patterns, " "))}}
	}
	return pkgs, nil
}

// loadError formats a load error as "file:line:col: message", the file
// relative to dir when it is below it, or as the message alone when it
// has no position.
func loadError(dir, pkg string, e packages.Error) string {
	if e.Pos == "" || e.Pos == "-" {
		return e.Msg
	}
	where := ""
	if e.Kind == packages.TypeError && pkg != "" {
		where = " (in package " + pkg + ")"
	}
	return report.RelPath(dir, e.Pos) + ": " + e.Msg + where
}

// seedIndex gives the environment an index built from the loaded
// packages for each module that they cover entirely, so that the index
// costs no second load in the common `tenantlint ./...` case.
func seedIndex(env *lint.Env, pkgs []*packages.Package, tests bool) {
	byRoot := map[string][]*packages.Package{}
	dirs := map[string]bool{}
	for _, p := range pkgs {
		if p.Module == nil || p.Module.Dir == "" {
			continue
		}
		byRoot[p.Module.Dir] = append(byRoot[p.Module.Dir], p)
		for _, f := range p.GoFiles {
			if !strings.HasSuffix(f, "_test.go") {
				dirs[filepath.Dir(f)] = true
			}
		}
	}
	for root, ps := range byRoot {
		tree, err := index.Walk(root)
		if err != nil || !tree.Covers(dirs) {
			continue
		}
		env.Index.Seed(index.FromPackages(root, tests, ps))
	}
}

func (r *Result) collect(g *checker.Graph) error {
	var errs []string
	seenErr := map[string]bool{}
	var notFound []*config.NotFoundError
	type key struct {
		check, msg string
		pos        token.Position
	}
	seen := map[key]bool{}
	shadowed := shadowedByTestVariant(g)
	for _, act := range g.Roots {
		name := act.Analyzer.Name
		if act.Err != nil {
			msg := act.Err.Error()
			var nf *config.NotFoundError
			if errors.As(act.Err, &nf) {
				notFound = append(notFound, nf)
				continue
			}
			if !seenErr[msg] {
				seenErr[msg] = true
				errs = append(errs, msg)
			}
			continue
		}
		if s, ok := act.Result.(check.Stats); ok && !shadowed[act.Package.ID] {
			r.addStats(act.Package.PkgPath, name, s)
		}
		for _, d := range act.Diagnostics {
			pos := act.Package.Fset.Position(d.Pos)
			k := key{name, d.Message, pos}
			if seen[k] {
				continue // a file seen in a package and its test variant
			}
			seen[k] = true
			r.Findings = append(r.Findings, toFinding(act.Package.Fset, name, d, act.Result))
		}
	}
	if err := runError(errs, notFound); err != nil {
		return err
	}
	report.Sort(r.Findings)
	return nil
}

// runError is the error of a run from its analyses' messages and the
// configured names that resolved nowhere, or nil.
func runError(errs []string, notFound []*config.NotFoundError) error {
	if len(notFound) > 0 {
		errs = append(errs, config.MergeNotFound(notFound).Error())
	}
	if len(errs) == 0 {
		return nil
	}
	sort.Strings(errs)
	return &Error{Msgs: errs}
}

// toFinding makes d, a diagnostic of checkName whose analysis returned
// result, a finding.
func toFinding(fset *token.FileSet, checkName string, d analysis.Diagnostic, result any) report.Finding {
	pos, mapped := position(fset, d.Pos)
	kind := check.KindOf(result, fset.Position(d.Pos)) // as the check saw it: before GeneratedSource
	if src, ok := check.GeneratedSource(d); ok {
		// Generated code: the finding is where it was written (a sqlc
		// query's .sql line), which this driver, unlike go vet's, can
		// report.
		pos, mapped = fset.Position(src), ""
	}
	f := report.Finding{Check: checkName, File: pos.Filename, Line: pos.Line, Column: pos.Column,
		Message: d.Message, Fix: report.Manual, Kind: kind}
	if mapped != "" {
		f.Message += " (a //line directive maps it to " + mapped + ")"
	}
	if d.End.IsValid() {
		end, _ := position(fset, d.End)
		if end.Filename == pos.Filename {
			f.EndLine, f.EndColumn = end.Line, end.Column
		}
	}
	if len(d.SuggestedFixes) > 0 {
		f.Fix = report.Fixable
	}
	return f
}

// position is where a finding is reported: in the file that holds it.
// A //line directive may map it to a file that is not there (a template
// on the generator's machine), so the physical position is reported and
// the mapped one returned as text to mention, when they differ. cgo's
// translations are the exception: their physical file is in the build
// cache (go list -compiled names it without a .go suffix) and their
// directives map back to the user's source, which is reported.
func position(fset *token.FileSet, p token.Pos) (pos token.Position, mapped string) {
	adjusted := fset.Position(p)
	physical := fset.PositionFor(p, false)
	if !strings.HasSuffix(physical.Filename, ".go") ||
		(physical.Filename == adjusted.Filename && physical.Line == adjusted.Line && physical.Column == adjusted.Column) {
		return adjusted, ""
	}
	return physical, adjusted.String()
}

// shadowedByTestVariant lists the packages whose test variant ("p [p.test]",
// which holds all of p's files and its tests) was analyzed too: their
// counts are taken from the variant, so that no file counts twice.
func shadowedByTestVariant(g *checker.Graph) map[string]bool {
	out := map[string]bool{}
	for _, act := range g.Roots {
		if id := act.Package.ID; strings.HasSuffix(id, ".test]") && !strings.HasSuffix(act.Package.PkgPath, "_test") {
			out[act.Package.PkgPath] = true
		}
	}
	return out
}

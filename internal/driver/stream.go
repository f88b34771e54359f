package driver

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/tenantlint/tenantlint/internal/check"
	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/golist"
	"github.com/tenantlint/tenantlint/internal/index"
	"github.com/tenantlint/tenantlint/internal/lint"
	"github.com/tenantlint/tenantlint/internal/registry"
	"github.com/tenantlint/tenantlint/report"
)

// The streaming driver analyzes one package at a time, each parsed and
// type-checked from source against its dependencies' export data (as go
// vet does), and keeps only what the run reports: findings, statistics,
// fixes as text edits, and facts encoded for the packages that import it.
// Memory is then bounded by the packages in flight, not by the module.

// errFallback asks Run to use the go/packages driver, whose error reports
// (list, parse and type errors) are the contract: the streaming driver
// handles the packages that load cleanly.
var errFallback = errors.New("the streaming driver cannot load these packages")

// unit is one package to analyze.
type unit struct {
	p       *golist.Listed
	report  bool // false: analyzed only for the facts its importers need
	deps    []*unit
	users   []*unit
	waiting int
	factsID string
	facts   []EncodedFact
	// srcs and sums are the unit's files as read once, by the result
	// cache's key or by the analysis, whichever reads first, and their
	// SHA-256: the key names the bytes the analysis parses.
	srcs map[string][]byte
	sums map[string][sha256.Size]byte
	out  *unitResult
	err  error // errFallback, or an internal error
}

// read returns the content of the unit's file name and its SHA-256,
// reading and hashing it on first use only.
func (u *unit) read(readFile func(string) ([]byte, error), name string) ([]byte, [sha256.Size]byte, error) {
	if src, ok := u.srcs[name]; ok {
		return src, u.sums[name], nil
	}
	src, err := readFile(name)
	if err != nil {
		return nil, [sha256.Size]byte{}, err
	}
	if u.srcs == nil {
		u.srcs, u.sums = map[string][]byte{}, map[string][sha256.Size]byte{}
	}
	sum := sha256.Sum256(src)
	u.srcs[name], u.sums[name] = src, sum
	return src, sum, nil
}

// unitResult is what a package's analysis leaves; it is also what the
// per-package result cache stores.
type unitResult struct {
	Findings []report.Finding        `json:"findings"`
	Fixes    []Fix                   `json:"fixes"`
	Stats    registry.Stats          `json:"stats"` // by check
	Facts    []EncodedFact           `json:"facts"`
	Errs     []string                `json:"-"`
	NotFound []*config.NotFoundError `json:"-"`
}

// streamRun analyzes the packages matching patterns in dir, in the module
// at root.
func streamRun(env *lint.Env, analyzers []*analysis.Analyzer, dir, root string, tests bool, patterns []string, cache *pkgCache, progress Progress, seams seams) (*Result, error) {
	listed, err := golist.List(dir, tests, patterns...)
	if err != nil {
		return nil, errFallback
	}
	units, err := planUnits(listed, tests, usesFacts(closure(analyzers)))
	if err != nil {
		return nil, err
	}
	seedFromList(env, root, tests, listed, units)
	byID := map[string]*golist.Listed{}
	for _, p := range listed {
		byID[p.ImportPath] = p
	}
	registerFacts(closure(analyzers))
	s := &streamer{env: env, analyzers: analyzers, all: closure(analyzers), byID: byID, root: root, cache: cache, afterParse: seams.afterParse, readFile: seams.readFile}
	if s.readFile == nil {
		s.readFile = os.ReadFile
	}
	for _, a := range s.all {
		if len(a.FactTypes) > 0 {
			s.factsOnly = append(s.factsOnly, a)
		}
	}
	s.factsOnly = closure(s.factsOnly)
	progress.Phase("analyzing")
	s.run(units, progress)
	res := &Result{Stats: registry.Stats{}, analyzed: s.analyzed}
	if err := res.collectUnits(units); err != nil {
		return nil, err
	}
	return res, nil
}

// planUnits picks the packages to analyze and orders them: the packages
// named (a package's test variant instead of the package when tests are
// checked: it holds all of the package's files, as go vet does), and,
// when an analyzer uses facts, the non-standard dependencies (for their
// facts only, as go vet does too).
func planUnits(listed []*golist.Listed, tests, facts bool) ([]*unit, error) {
	for _, p := range listed {
		if p.Error != nil || len(p.DepsErrors) > 0 {
			return nil, errFallback
		}
	}
	hasVariant := map[string]bool{}
	for _, p := range listed {
		if p.ForTest != "" && p.PkgPath() == p.ForTest {
			hasVariant[p.ForTest] = true
		}
	}
	var units []*unit
	byID := map[string]*unit{}
	for _, p := range listed {
		if p.IsTestMain() || p.Standard {
			continue
		}
		named := !p.DepOnly && !(tests && p.ForTest == "" && hasVariant[p.ImportPath])
		if !named && !facts {
			continue
		}
		u := &unit{p: p, report: named}
		units = append(units, u)
		byID[p.ImportPath] = u
	}
	if !slices.ContainsFunc(units, func(u *unit) bool { return u.report }) {
		return nil, errFallback // the go/packages driver words "no packages match"
	}
	if !facts {
		return units, nil
	}
	// Facts flow from a package to its importers: each waits for the
	// units it imports (go list's IDs form a DAG, test variants included).
	for _, u := range units {
		for _, id := range u.p.Imports {
			if d := byID[id]; d != nil {
				u.deps = append(u.deps, d)
				d.users = append(d.users, u)
			}
		}
		u.waiting = len(u.deps)
	}
	return units, nil
}

// seedFromList gives the environment the module index built from the
// listing already made, when it covers the whole module (the usual
// ./... from the root), reusing the on-disk index when nothing changed.
func seedFromList(env *lint.Env, root string, tests bool, listed []*golist.Listed, units []*unit) {
	dirs := map[string]bool{}
	for _, u := range units {
		if u.report {
			dirs[u.p.Dir] = true
		}
	}
	tree, err := index.Walk(root)
	if err != nil || !tree.Covers(dirs) {
		return
	}
	ix, err := index.CachedWith(tree, tests, func() (*index.Index, error) {
		return index.FromList(root, tests, listed), nil
	})
	if err == nil {
		env.Index.Seed(ix)
	}
}

// closure returns the analyzers and everything they require, each once,
// required ones first.
func closure(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	var out []*analysis.Analyzer
	seen := map[*analysis.Analyzer]bool{}
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, r := range a.Requires {
			visit(r)
		}
		out = append(out, a)
	}
	for _, a := range analyzers {
		visit(a)
	}
	return out
}

type streamer struct {
	env       *lint.Env
	analyzers []*analysis.Analyzer
	all       []*analysis.Analyzer // analyzers and what they require
	factsOnly []*analysis.Analyzer // those of all that export facts, with what they require
	byID      map[string]*golist.Listed
	root      string
	cache     *pkgCache
	// afterParse, when set, is called with a unit's files once they are
	// parsed (a test seam: a file edited then must not change the fixes).
	afterParse func(files []string)
	// readFile reads a unit's files: os.ReadFile but in tests, which
	// count the reads.
	readFile func(string) ([]byte, error)

	mu       sync.Mutex
	analyzed []string // IDs of the units analyzed, not replayed (tests)
}

// run analyzes the units on GOMAXPROCS workers, each unit once the
// units it depends on are done.
func (s *streamer) run(units []*unit, progress Progress) {
	if len(units) == 0 {
		return
	}
	progress.Packages(0, len(units))
	ready := make(chan *unit, len(units))
	for _, u := range units {
		if u.waiting == 0 {
			ready <- u
		}
	}
	var (
		mu        sync.Mutex
		remaining = len(units)
		wg        sync.WaitGroup
	)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			importers := golist.NewImporters(s.byID)
			for u := range ready {
				s.analyzeCached(u, importers.For(u.p))
				mu.Lock()
				for _, v := range u.users {
					if v.waiting--; v.waiting == 0 {
						ready <- v
					}
				}
				remaining--
				// Under the lock so that counts reach the reporter in order;
				// it draws at most every redraw interval, so this is cheap.
				progress.Packages(len(units)-remaining, len(units))
				if remaining == 0 {
					close(ready)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
}

// analyzeCached replays a unit's cached result or analyzes it.
func (s *streamer) analyzeCached(u *unit, imp *golist.ExportImporter) {
	// The files read for the key serve the analysis, then go.
	defer func() { u.srcs, u.sums = nil, nil }()
	key := ""
	if s.cache != nil {
		key = s.cache.key(s, u)
		if out, ok := s.cache.load(key); ok {
			s.finish(u, out)
			return
		}
	}
	s.mu.Lock()
	s.analyzed = append(s.analyzed, u.p.ImportPath)
	s.mu.Unlock()
	out, err := s.analyze(u, imp)
	if err != nil {
		u.err = err
		return
	}
	s.finish(u, out)
	// The analysis parsed the bytes the key named (unit.read), so the
	// result is stored under the key of the content it was computed from.
	if s.cache != nil && key != "" && len(out.Errs) == 0 && len(out.NotFound) == 0 {
		s.cache.store(key, out)
	}
}

func (s *streamer) finish(u *unit, out *unitResult) {
	u.out = out
	u.facts = out.Facts
	deps := make([]string, len(u.deps))
	for i, d := range u.deps {
		deps[i] = d.factsID
	}
	u.factsID = factsID(out.Facts, deps)
}

// parseMode is go/packages': tenantrepo relies on object resolution.
const parseMode = parser.AllErrors | parser.ParseComments

// analyze parses and type-checks one package and runs the analyzers.
func (s *streamer) analyze(u *unit, imp *golist.ExportImporter) (*unitResult, error) {
	fset := imp.Fset
	p := u.p
	var files []*ast.File
	// The bytes parsed are the bytes the analyzers read (pass.ReadFile)
	// and the fixes' edits name (TextEdit.Sum): a file that changes on
	// disk meanwhile cannot give edits computed on a mix of two versions.
	// They stay in u.srcs (and their sums in u.sums) until the unit is done.
	for _, name := range p.Files() {
		src, _, err := u.read(s.readFile, name)
		if err != nil {
			return nil, errFallback
		}
		f, err := parser.ParseFile(fset, name, src, parseMode)
		if err != nil {
			return nil, errFallback
		}
		files = append(files, f)
	}
	if s.afterParse != nil {
		s.afterParse(p.Files())
	}
	info := golist.NewInfo()
	var typeErrs []error
	conf := golist.TypesConfig(p, imp.For(p), func(err error) { typeErrs = append(typeErrs, err) })
	pkg, _ := conf.Check(p.PkgPath(), fset, files, info)
	if len(typeErrs) > 0 {
		if u.report {
			return nil, errFallback
		}
		return &unitResult{}, nil // a dependency's facts are best effort
	}
	return s.runAnalyzers(u, fset, files, pkg, info)
}

// runAnalyzers runs the analyzers (required ones first) on a package: all
// of them on a package to report, only those that export facts on one
// analyzed for its facts alone (as go vet's facts-only runs do).
func (s *streamer) runAnalyzers(u *unit, fset *token.FileSet, files []*ast.File, pkg *types.Package, info *types.Info) (*unitResult, error) {
	p := u.p
	store := newFactStore(pkg, s.all, s.depFacts(u))
	allowed := map[string]bool{}
	for _, f := range append(append(p.Files(), abs(p.Dir, p.GoFiles)...), abs(p.Dir, p.IgnoredGoFiles)...) {
		allowed[f] = true
	}
	readFile := func(name string) ([]byte, error) {
		if !allowed[name] {
			return nil, fmt.Errorf("ReadFile(%q) is not a file of package %s", name, p.ImportPath)
		}
		if src, ok := u.srcs[name]; ok {
			return src, nil
		}
		return os.ReadFile(name)
	}
	// u.sums holds exactly the files parsed (analyze read them all).
	sumOf := func(name string) string {
		if sum, ok := u.sums[name]; ok {
			return hex.EncodeToString(sum[:])
		}
		return ""
	}
	var module *analysis.Module
	if p.Module != nil {
		module = &analysis.Module{Path: p.Module.Path, GoVersion: p.Module.GoVersion}
	}
	out := &unitResult{Stats: registry.Stats{}}
	roots := map[*analysis.Analyzer]bool{}
	for _, a := range s.analyzers {
		roots[a] = true
	}
	results := map[*analysis.Analyzer]any{}
	failed := map[*analysis.Analyzer]error{}
	run := s.all
	if !u.report {
		run = s.factsOnly
	}
	for _, a := range run {
		var diags []analysis.Diagnostic
		pass := &analysis.Pass{
			Analyzer: a, Fset: fset, Files: files, Pkg: pkg, TypesInfo: info, TypesSizes: golist.Sizes(),
			IgnoredFiles: abs(p.Dir, p.IgnoredGoFiles), Module: module, ReadFile: readFile,
			ResultOf: map[*analysis.Analyzer]any{},
			Report:   func(d analysis.Diagnostic) { diags = append(diags, d) },
		}
		store.bind(pass)
		var err error
		for _, r := range a.Requires {
			if ferr := failed[r]; ferr != nil {
				err = fmt.Errorf("failed prerequisite %s: %w", r.Name, ferr)
				break
			}
			pass.ResultOf[r] = results[r]
		}
		var result any
		if err == nil {
			result, err = a.Run(pass)
		}
		if err != nil {
			failed[a] = err
			if roots[a] && u.report {
				out.addErr(err)
			}
			continue
		}
		results[a] = result
		if !roots[a] || !u.report {
			continue
		}
		if st, ok := result.(check.Stats); ok {
			out.Stats[a.Name] = st
		}
		for _, d := range diags {
			out.Findings = append(out.Findings, toFinding(fset, a.Name, d, result))
			fx, ok, err := FixOf(fset, a.Name, d, result)
			if err != nil {
				return nil, err
			}
			if ok {
				for i := range fx.Edits {
					fx.Edits[i].Sum = sumOf(fx.Edits[i].File)
				}
				out.Fixes = append(out.Fixes, fx)
			}
		}
	}
	if len(store.errs) > 0 {
		return nil, store.errs[0]
	}
	facts, err := store.encode()
	if err != nil {
		return nil, err
	}
	out.Facts = facts
	return out, nil
}

func (out *unitResult) addErr(err error) {
	var nf *config.NotFoundError
	if errors.As(err, &nf) {
		out.NotFound = append(out.NotFound, nf)
		return
	}
	out.Errs = append(out.Errs, err.Error())
}

// depFacts returns the encoded facts of u's dependencies by package path
// as u sees them (a test variant sees the other variants of its test).
func (s *streamer) depFacts(u *unit) func(string) []EncodedFact {
	byPath := map[string]*unit{}
	var walk func(v *unit)
	walk = func(v *unit) {
		for _, d := range v.deps {
			if _, ok := byPath[d.p.PkgPath()]; !ok {
				byPath[d.p.PkgPath()] = d
				walk(d)
			}
		}
	}
	walk(u)
	return func(path string) []EncodedFact {
		if d := byPath[path]; d != nil {
			return d.facts
		}
		return nil
	}
}

func abs(dir string, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		if !filepath.IsAbs(n) {
			n = filepath.Join(dir, n)
		}
		out[i] = n
	}
	return out
}

// collectUnits gathers the units' results in listing order: findings
// sorted and deduplicated, statistics summed by check and kept per
// package, fixes, and the errors of all units together.
func (r *Result) collectUnits(units []*unit) error {
	var errs []string
	seenErr := map[string]bool{}
	var notFound []*config.NotFoundError
	seen := map[string]bool{}
	for _, u := range units {
		if u.err != nil {
			return u.err
		}
		if !u.report {
			continue
		}
		notFound = append(notFound, u.out.NotFound...)
		for _, e := range u.out.Errs {
			if !seenErr[e] {
				seenErr[e] = true
				errs = append(errs, e)
			}
		}
		for _, c := range slices.Sorted(maps.Keys(u.out.Stats)) {
			r.addStats(u.p.PkgPath(), c, u.out.Stats[c])
		}
		for _, f := range u.out.Findings {
			k := fmt.Sprintf("%s|%s|%s:%d:%d", f.Check, f.Message, f.File, f.Line, f.Column)
			if !seen[k] {
				seen[k] = true
				r.Findings = append(r.Findings, f)
			}
		}
		r.Fixes = append(r.Fixes, u.out.Fixes...)
	}
	if err := runError(errs, notFound); err != nil {
		return err
	}
	report.Sort(r.Findings)
	r.Fixes = SortFixes(r.Fixes)
	return nil
}

package index

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tenantlint/tenantlint/internal/diskcache"
	"github.com/tenantlint/tenantlint/internal/golist"
	"github.com/tenantlint/tenantlint/internal/models"
)

// FromList indexes the packages of a `go list -deps -export -compiled`
// listing (see golist.List): the packages named on the command line,
// with their test variants when tests is set.
func FromList(root string, tests bool, pkgs []*golist.Listed) *Index {
	return fromList(root, tests, pkgs, false)
}

// fromList is FromList; exportOnly makes it read every import from
// export data, as a build with cached scans does (see sourceOrder).
func fromList(root string, tests bool, pkgs []*golist.Listed, exportOnly bool) *Index {
	byPath := map[string]*golist.Listed{}
	var roots []*golist.Listed
	for _, p := range pkgs {
		byPath[p.ImportPath] = p
		if !p.DepOnly && !p.IsTestMain() {
			roots = append(roots, p)
		}
	}
	ix := &Index{Root: root, Tests: tests, Sites: map[string][]Site{}, Imports: map[string][]string{}, Names: map[string]string{}}
	pack := readScanPack(root, tests)
	keys := make([]string, len(roots))
	srcs := make([][][]byte, len(roots))
	all := make([]int, len(roots))
	for i := range roots {
		all[i] = i
	}
	parallel(all, func() func(int) {
		return func(i int) { keys[i], srcs[i] = scanKey(root, roots[i], byPath) }
	})
	results := make([]scanned, len(roots))
	var todo []int
	for i, key := range keys {
		if out, ok := pack[key]; ok && key != "" {
			results[i], srcs[i] = out, nil
			continue
		}
		todo = append(todo, i)
	}
	if order, ok := sourceOrder(roots, byPath, !exportOnly && len(todo) == len(roots)); ok {
		scanSources(root, roots, byPath, order, srcs, results)
	} else {
		parallel(todo, func() func(int) {
			importers := golist.NewImporters(byPath)
			return func(i int) {
				results[i] = scanPackage(root, roots[i], importers.For(roots[i]), srcs[i])
				srcs[i] = nil
			}
		})
	}
	storeScans(root, tests, pack, keys, results)
	seen := map[string]bool{}
	for i, p := range roots {
		var direct []string
		for _, q := range p.Imports {
			if q != "C" {
				direct = append(direct, golist.PkgPathOf(q))
			}
		}
		ix.addScan(p.PkgPath(), p.Name, direct, results[i], seen)
	}
	ix.finish()
	return ix
}

// addScan adds what one package (or one variant of it) holds: its direct
// imports, its name, its sites (each once, by model, generic and
// position, across variants) and the types its methods describe.
func (ix *Index) addScan(path, name string, direct []string, s scanned, seen map[string]bool) {
	ix.Imports[path] = union(ix.Imports[path], direct)
	ix.Names[path] = name
	for _, site := range s.Sites {
		model := site.Model
		key := model + "|" + site.Generic + "|" + site.Pos
		if !seen[key] {
			seen[key] = true
			ix.Sites[model] = append(ix.Sites[model], site.Site)
		}
	}
	for _, r := range s.Repos {
		ix.addRepo(r.MethodRepo, path, r.Position)
	}
	ix.addTypeRefs(s.Types, s.Refs)
}

// storeScans writes this build's scans as the module's pack unless the
// pack already holds exactly them.
func storeScans(root string, tests bool, old scanPack, keys []string, results []scanned) {
	pack := scanPack{}
	same := true
	for i, key := range keys {
		if key != "" {
			pack[key] = results[i]
			_, had := old[key]
			same = same && had
		}
	}
	if same && len(pack) == len(old) {
		return
	}
	_ = writeGob(scanPackFile(root, tests), pack)
}

type scannedSite struct {
	Site
	Model string
}

// scanPack holds the scans of one build of a module's index by key (see
// scanKey: the package's identity, its files' contents and its imports'
// export data, named by content in the build cache), so that after an
// edit only the packages whose files or imports changed are scanned
// again. One file per module and tests mode, rewritten by each build:
// one file write instead of one per package (at 800 packages, writing
// each scan to its own file cost 0.8 s of the index's 11 s).
type scanPack map[string]scanned

func scanPackFile(root string, tests bool) string {
	sum := sha256.Sum256([]byte(memoKey(root, tests)))
	return filepath.Join(diskcache.Dir(), "scans", hex.EncodeToString(sum[:12])+".gob")
}

func readScanPack(root string, tests bool) scanPack {
	var pack scanPack
	if readGob(scanPackFile(root, tests), &pack) != nil {
		return nil
	}
	return pack
}

// scanKey returns the key of a package's scan and its files' contents,
// which a scan then parses without reading them again.
func scanKey(root string, p *golist.Listed, byPath map[string]*golist.Listed) (string, [][]byte) {
	h := sha256.New()
	fmt.Fprintf(h, "tenantlint index scan v3 %s\n%s %s %s\n", diskcache.ToolIdentity(), root, p.ImportPath, p.Dir)
	var srcs [][]byte
	for _, name := range p.Files() {
		data, err := os.ReadFile(name)
		if err != nil {
			return "", nil
		}
		srcs = append(srcs, data)
		fmt.Fprintf(h, "file %s %x\n", name, sha256.Sum256(data))
	}
	for _, id := range p.Imports {
		dep := byPath[id]
		if dep == nil {
			if id == "unsafe" || id == "C" {
				continue
			}
			return "", srcs
		}
		fmt.Fprintf(h, "import %s %s\n", id, dep.Export)
	}
	return hex.EncodeToString(h.Sum(nil)), srcs
}

// scannedRepo is a type described by its methods, with its position
// resolved while the package's file set is at hand.
type scannedRepo struct {
	models.MethodRepo
	Position token.Position
}

// scanned is what scanPackage finds in one package; scanPack stores it.
type scanned struct {
	Sites []scannedSite
	Repos []scannedRepo
	// Types and Refs are the package's type declarations and the types
	// it refers to (models.TypeRefs).
	Types, Refs []string
}

// scanPackage type-checks one package's declarations (not its function
// bodies), its imports read from export data, and lists its
// package-level instantiations and the types that its methods describe.
func scanPackage(root string, p *golist.Listed, imp *golist.ExportImporter, srcs [][]byte) scanned {
	_, out := checkAndScan(root, p, imp.Fset, imp.For(p), srcs)
	return out
}

// checkAndScan parses p's files into fset (srcs holds the contents that
// scanKey read), type-checks their declarations with imports through imp
// and scans them. Type errors are ignored: the analysis of that package
// reports them.
func checkAndScan(root string, p *golist.Listed, fset *token.FileSet, imp types.Importer, srcs [][]byte) (*types.Package, scanned) {
	var files []*ast.File
	for i, name := range p.Files() {
		var src any // read by the parser when the key could not read it
		if i < len(srcs) {
			src = srcs[i]
		}
		f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if err == nil {
			files = append(files, f)
		}
	}
	// Implicits names the imports without a name (models.TypeRefs).
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}, Implicits: map[ast.Node]types.Object{}}
	conf := &types.Config{
		Importer:         imp,
		IgnoreFuncBodies: true,
		FakeImportC:      true,
		Error:            func(error) {},
		Sizes:            types.SizesFor("gc", runtime.GOARCH),
	}
	pkg, _ := conf.Check(p.PkgPath(), fset, files, info)
	// A test variant's files are the tests the index was asked for.
	return pkg, scanFiles(root, p.PkgPath(), fset, files, info, p.ForTest != "")
}

// A cold build checks the module's packages from source, in dependency
// order, and hands each to the packages that import it: they are
// type-checked anyway, and reading their export data again for every
// importer (each worker its own copy, 150 packages at most, and each
// test variant a copy of its own) was a quarter of the index's
// in-process CPU time at 200 packages, more than half with tests. Only the
// packages outside the module (the standard library, dependencies) are
// read from export data, once per build, by one importer that the
// workers share under a lock (as go/packages does). A package checked
// with its function bodies ignored declares what its export data does,
// so the index is the same.
//
// Mixing the two within a build would give one package two identities
// (the export data of a package read by path names the module packages
// it refers to, and those would not be the checked ones), so a build
// uses export data for everything, as scanPackage does, whenever
// sourceOrder says so.

// sourceOrder returns the order in which scanSources checks the roots:
// each after the roots it imports (a test variant is a root too: the
// external test package imports it). It answers false, for export data
// everywhere, when some scans come from the cache (after an edit, only a
// few packages are scanned again: their imports are not checked in this
// build), when a package of the module uses cgo (its export data is
// compiled from cgo's output, which its dependents would then read),
// when a package outside the module imports one of it (a cycle of
// modules), when the module's imports form a cycle, or when a root that
// reads export data (see recompiledImports) is imported by another.
func sourceOrder(roots []*golist.Listed, byPath map[string]*golist.Listed, cold bool) ([]int, bool) {
	if !cold {
		return nil, false
	}
	index := sourceIndex(roots)
	for _, p := range roots {
		if len(p.CgoFiles) > 0 {
			return nil, false
		}
		for _, id := range p.Imports {
			if j, ok := index[id]; ok && recompiledImports(roots[j], byPath) {
				return nil, false
			}
		}
	}
	for _, p := range byPath {
		if p.DepOnly && p.ForTest == "" {
			for _, id := range p.Imports {
				if _, ok := index[id]; ok {
					return nil, false
				}
			}
		}
	}
	const (
		visiting = 1
		visited  = 2
	)
	state := make([]int8, len(roots))
	order := make([]int, 0, len(roots))
	var visit func(i int) bool
	visit = func(i int) bool {
		switch state[i] {
		case visiting:
			return false
		case visited:
			return true
		}
		state[i] = visiting
		for _, id := range roots[i].Imports {
			if j, ok := index[id]; ok && !visit(j) {
				return false
			}
		}
		state[i] = visited
		order = append(order, i)
		return true
	}
	for i := range roots {
		if !visit(i) {
			return nil, false
		}
	}
	return order, true
}

// recompiledImports reports whether p imports a package of the module
// that go list recompiled for a test ("q [p.test]", which imports the
// package under test): its export data names the module's packages by
// their plain paths, meaning the test variant, so p is checked against
// export data alone, with an importer of its own, as scanPackage does.
func recompiledImports(p *golist.Listed, byPath map[string]*golist.Listed) bool {
	for _, id := range p.Imports {
		if dep := byPath[id]; dep != nil && dep.DepOnly && dep.ForTest != "" {
			return true
		}
	}
	return false
}

// sourceIndex maps the IDs of the roots to their indexes.
func sourceIndex(roots []*golist.Listed) map[string]int {
	index := map[string]int{}
	for i, p := range roots {
		index[p.ImportPath] = i
	}
	return index
}

// scanSources scans the roots in order (see sourceOrder), each against
// the checked roots that it imports, which it waits for, and the export
// data of the other packages; a root that imports a package recompiled
// for a test, against export data alone.
func scanSources(root string, roots []*golist.Listed, byPath map[string]*golist.Listed, order []int, srcs [][][]byte, results []scanned) {
	index := sourceIndex(roots)
	// The importer of the packages outside the module: never replaced,
	// as it holds only those, each read once.
	exports := golist.NewImporters(byPath).For(&golist.Listed{})
	var mu sync.Mutex
	checked := make([]*types.Package, len(roots))
	done := make([]chan struct{}, len(roots))
	for i := range done {
		done[i] = make(chan struct{})
	}
	// importers counts, for each package, those of the module that have
	// yet to import it: the last one lets it go, so that what the build
	// holds is the packages still to be imported, not the whole module.
	importers := make([]atomic.Int32, len(roots))
	for _, i := range order {
		for _, id := range roots[i].Imports {
			if j, ok := index[id]; ok {
				importers[j].Add(1)
			}
		}
	}
	// release counts p's imports as imported.
	release := func(p *golist.Listed) {
		for _, id := range p.Imports {
			if j, ok := index[id]; ok && importers[j].Add(-1) == 0 {
				checked[j] = nil
			}
		}
	}
	parallel(order, func() func(int) {
		return func(i int) {
			p := roots[i]
			defer func() { srcs[i] = nil }()
			defer close(done[i])
			if recompiledImports(p, byPath) {
				results[i] = scanPackage(root, p, golist.NewImporters(byPath).For(p), srcs[i])
				release(p)
				return
			}
			fromExport := exports.For(p)
			imp := golist.ImporterFunc(func(path string) (*types.Package, error) {
				id := path
				if mapped, ok := p.ImportMap[path]; ok {
					id = mapped
				}
				if j, ok := index[id]; ok {
					if !slices.Contains(p.Imports, id) {
						// A file changed since go list: j may come
						// after p, and waiting for it could wait for
						// ever. The file's time changed after the
						// walk, so this index is not found again.
						return nil, fmt.Errorf("%s does not import %s in the listing", p.ImportPath, id)
					}
					if roots[j].Export == "" {
						// It did not compile: as the export data
						// importer, fail (go/types then stands in a
						// fake package).
						return nil, fmt.Errorf("no export data for %s", id)
					}
					<-done[j] // sourceOrder put j first: never waits for i
					return checked[j], nil
				}
				mu.Lock()
				defer mu.Unlock()
				return fromExport.Import(path)
			})
			var pkg *types.Package
			pkg, results[i] = checkAndScan(root, p, exports.Fset, imp, srcs[i])
			if importers[i].Load() > 0 {
				checked[i] = pkg
			}
			release(p)
		}
	})
}

// parallel runs, on GOMAXPROCS workers, the function that each worker
// gets from worker for each element of order, taken in that order.
func parallel(order []int, worker func() func(int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			do := worker()
			for i := range next {
				do(i)
			}
		}()
	}
	for _, i := range order {
		next <- i
	}
	close(next)
	wg.Wait()
}

// scanFiles lists the package-level instantiations of a type-checked
// package and the types that its methods describe.
func scanFiles(root, pkgPath string, fset *token.FileSet, files []*ast.File, info *types.Info, tests bool) scanned {
	var out scanned
	for _, in := range models.PackageLevelInstances(files, info) {
		pos := fset.Position(in.Pos)
		out.Sites = append(out.Sites, scannedSite{
			Site: Site{Generic: in.Generic.String(), Pkg: pkgPath, Pos: relPos(root, pos),
				Test: strings.HasSuffix(pos.Filename, "_test.go")},
			Model: in.Model.String(),
		})
	}
	for _, mr := range models.MethodRepos(fset, files, info, tests) {
		out.Repos = append(out.Repos, scannedRepo{MethodRepo: mr, Position: fset.Position(mr.Pos)})
	}
	out.Types, out.Refs = models.TypeRefs(pkgPath, files, info)
	return out
}

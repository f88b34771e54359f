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
	"strings"
	"sync"

	"github.com/tenantlint/tenantlint/internal/diskcache"
	"github.com/tenantlint/tenantlint/internal/golist"
	"github.com/tenantlint/tenantlint/internal/models"
)

// FromList indexes the packages of a `go list -deps -export -compiled`
// listing (see golist.List): the packages named on the command line,
// with their test variants when tests is set.
func FromList(root string, tests bool, pkgs []*golist.Listed) *Index {
	byPath := map[string]*golist.Listed{}
	var roots []*golist.Listed
	for _, p := range pkgs {
		byPath[p.ImportPath] = p
		if !p.DepOnly && !p.IsTestMain() {
			roots = append(roots, p)
		}
	}
	ix := &Index{Root: root, Tests: tests, Sites: map[string][]Site{}, Imports: map[string][]string{}, Names: map[string]string{}}
	results := make([]scanned, len(roots))
	keys := make([]string, len(roots))
	pack := readScanPack(root, tests)
	var (
		wg   sync.WaitGroup
		next = make(chan int)
	)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			importers := golist.NewImporters(byPath)
			for i := range next {
				results[i], keys[i] = scanFrom(pack, root, roots[i], byPath, importers.For(roots[i]))
			}
		}()
	}
	for i := range roots {
		next <- i
	}
	close(next)
	wg.Wait()
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

// scanFrom returns a package's scan from pack, or scans it, and the
// scan's key ("" when the package cannot be keyed).
func scanFrom(pack scanPack, root string, p *golist.Listed, byPath map[string]*golist.Listed, imp *golist.ExportImporter) (scanned, string) {
	key, srcs := scanKey(root, p, byPath)
	if out, ok := pack[key]; ok && key != "" {
		return out, key
	}
	return scanPackage(root, p, imp, srcs), key
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
// bodies) and lists its package-level instantiations and the types that
// its methods describe. Type errors are ignored: the analysis of that
// package reports them.
func scanPackage(root string, p *golist.Listed, imp *golist.ExportImporter, srcs [][]byte) scanned {
	fset := imp.Fset
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
		Importer:         imp.For(p),
		IgnoreFuncBodies: true,
		FakeImportC:      true,
		Error:            func(error) {},
		Sizes:            types.SizesFor("gc", runtime.GOARCH),
	}
	conf.Check(p.PkgPath(), fset, files, info)
	// A test variant's files are the tests the index was asked for.
	return scanFiles(root, p.PkgPath(), fset, files, info, p.ForTest != "")
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

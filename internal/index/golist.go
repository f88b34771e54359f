package index

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"sync"

	"golang.org/x/tools/go/gcexportdata"

	"github.com/tenantlint/tenantlint/internal/tenancy"
)

// listedPackage is the part of `go list -json` that the index needs.
type listedPackage struct {
	ImportPath      string
	Name            string
	Dir             string
	CompiledGoFiles []string
	Export          string
	Imports         []string
	ImportMap       map[string]string
	DepOnly         bool
	Error           *struct{ Err string }
}

// buildFast indexes the module without test files at a fraction of a
// full load's cost: only package-level declarations matter, so function
// bodies are not type-checked, dependencies come from the export data
// that the build cache already holds, and each package's syntax is
// dropped as soon as it is scanned.
func buildFast(root string) (*Index, error) {
	pkgs, err := goList(root)
	if err != nil {
		return nil, err
	}
	byPath := map[string]*listedPackage{}
	var roots []*listedPackage
	for _, p := range pkgs {
		byPath[p.ImportPath] = p
		if !p.DepOnly {
			roots = append(roots, p)
		}
	}
	ix := &Index{Root: root, Sites: map[string][]Site{}, Imports: map[string][]string{}, Names: map[string]string{}}
	results := make([]scanned, len(roots))
	var (
		wg   sync.WaitGroup
		next = make(chan int)
	)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			imp := &exportImporter{fset: token.NewFileSet(), byPath: byPath, pkgs: map[string]*types.Package{}}
			for i := range next {
				results[i] = scanPackage(root, roots[i], imp)
			}
		}()
	}
	for i := range roots {
		next <- i
	}
	close(next)
	wg.Wait()
	seen := map[string]bool{}
	for i, p := range roots {
		imports := append([]string{}, p.Imports...) // [] as FromPackages writes it, for equal hashes
		sort.Strings(imports)
		ix.Imports[p.ImportPath] = imports
		ix.Names[p.ImportPath] = p.Name
		for _, s := range results[i].sites {
			model := s.model
			key := model + "|" + s.Generic + "|" + s.Pos
			if !seen[key] {
				seen[key] = true
				ix.Sites[model] = append(ix.Sites[model], s.Site)
			}
		}
		for _, r := range results[i].repos {
			ix.addRepo(r.MethodRepo, p.ImportPath, r.pos)
		}
	}
	ix.finish()
	return ix, nil
}

// goList lists the module's packages and their dependencies with export
// data (compiling what the build cache lacks, as go vet would).
func goList(root string) ([]*listedPackage, error) {
	cmd := exec.Command("go", "list", "-e", "-deps", "-export", "-compiled",
		"-json=ImportPath,Name,Dir,CompiledGoFiles,Export,Imports,ImportMap,DepOnly,Error", "./...")
	cmd.Dir = root
	cmd.Env = loadEnv(root)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("indexing module %s: %w", root, err)
	}
	var pkgs []*listedPackage
	dec := json.NewDecoder(bufio.NewReader(out))
	for {
		p := new(listedPackage)
		if err := dec.Decode(p); err == io.EOF {
			break
		} else if err != nil {
			cmd.Wait()
			return nil, fmt.Errorf("indexing module %s: reading go list: %w", root, err)
		}
		pkgs = append(pkgs, p)
	}
	if err := cmd.Wait(); err != nil {
		return nil, fmt.Errorf("indexing module %s: go list: %v: %s", root, err, bytes.TrimSpace(stderr.Bytes()))
	}
	return pkgs, nil
}

type scannedSite struct {
	Site
	model string
}

// scannedRepo is a type described by its methods, with its position
// resolved while the package's file set is at hand.
type scannedRepo struct {
	tenancy.MethodRepo
	pos token.Position
}

// scanned is what scanPackage finds in one package.
type scanned struct {
	sites []scannedSite
	repos []scannedRepo
}

// scanPackage type-checks one package's declarations (not its function
// bodies) and lists its package-level instantiations and the types that
// its methods describe. Type errors are ignored: the analysis of that
// package reports them.
func scanPackage(root string, p *listedPackage, imp *exportImporter) scanned {
	fset := imp.fset
	var files []*ast.File
	for _, name := range p.CompiledGoFiles {
		if !filepath.IsAbs(name) {
			name = filepath.Join(p.Dir, name)
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err == nil {
			files = append(files, f)
		}
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}}
	conf := &types.Config{
		Importer:         importerFor(imp, p),
		IgnoreFuncBodies: true,
		FakeImportC:      true,
		Error:            func(error) {},
		Sizes:            types.SizesFor("gc", runtime.GOARCH),
	}
	conf.Check(p.ImportPath, fset, files, info)
	var out scanned
	for _, in := range tenancy.PackageLevelInstances(files, info) {
		pos := fset.Position(in.Pos)
		out.sites = append(out.sites, scannedSite{
			Site:  Site{Generic: in.Generic.String(), Pkg: p.ImportPath, Pos: relPos(root, pos)},
			model: in.Model.String(),
		})
	}
	for _, mr := range tenancy.MethodRepos(fset, files, info, false) {
		out.repos = append(out.repos, scannedRepo{MethodRepo: mr, pos: fset.Position(mr.Pos)})
	}
	return out
}

// exportImporter reads dependencies from the export data that go list
// reported; one per worker, since reading export data fills its map.
type exportImporter struct {
	fset   *token.FileSet
	byPath map[string]*listedPackage
	pkgs   map[string]*types.Package
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

func importerFor(imp *exportImporter, from *listedPackage) types.Importer {
	return importerFunc(func(path string) (*types.Package, error) {
		if mapped, ok := from.ImportMap[path]; ok {
			path = mapped
		}
		return imp.load(path)
	})
}

func (imp *exportImporter) load(path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	if p, ok := imp.pkgs[path]; ok && p.Complete() {
		return p, nil
	}
	lp, ok := imp.byPath[path]
	if !ok || lp.Export == "" {
		return nil, fmt.Errorf("no export data for %s", path)
	}
	f, err := os.Open(lp.Export)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := gcexportdata.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("reading export data of %s: %w", path, err)
	}
	return gcexportdata.Read(r, imp.fset, imp.pkgs, path)
}

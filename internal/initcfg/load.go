package initcfg

import (
	"fmt"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"

	"golang.org/x/tools/go/packages"

	"github.com/tenantlint/tenantlint/internal/golist"
)

// The loader type-checks each package of the module once, from source,
// against the export data of its dependencies outside the module.
//
// go/packages in the mode that init needs (types and syntax of the
// module's packages, dependencies from export data) asks the go command
// for the export data of every package, the module's own included: the
// go command compiles the whole module, then go/packages type-checks it
// again from source. On a real service that first compilation was most of
// init's time, and more than a cold go vet spends. Here the go command
// only lists the packages (no compilation), then builds the export data of
// the dependencies outside the module (as go vet would, from the build
// cache when it has them), and the module's packages are type-checked in
// dependency order, each importing the others' checked types.

// lister runs `go list` in dir as golist.ListWith does (tests see what is
// asked of the go command through it).
type lister func(dir string, o golist.ListOptions, patterns ...string) ([]*golist.Listed, error)

// loadModule loads the packages of the module at root (test files left
// out) with their syntax and types, each package checked for the Go
// version of its own module.
func loadModule(root string, goList lister) ([]*packages.Package, error) {
	listed, err := goList(root, golist.ListOptions{}, "./...")
	if err != nil {
		return nil, err
	}
	byPath := map[string]*golist.Listed{}
	var roots, external []*golist.Listed
	for _, p := range listed {
		byPath[p.ImportPath] = p
		if !p.DepOnly && p.Module != nil && p.Module.Main {
			roots = append(roots, p)
		} else if p.ImportPath != "unsafe" && p.ImportPath != "C" {
			external = append(external, p)
		}
	}
	if len(external) > 0 {
		paths := make([]string, 0, len(external))
		for _, p := range external {
			paths = append(paths, p.ImportPath)
		}
		// Their dependencies are external too: -deps adds nothing.
		withExport, err := goList(root, golist.ListOptions{Export: true}, paths...)
		if err != nil {
			return nil, err
		}
		for _, e := range withExport {
			if p, ok := byPath[e.ImportPath]; ok {
				p.Export = e.Export
			}
		}
	}
	l := &loader{
		fset:     token.NewFileSet(),
		byPath:   byPath,
		imported: map[string]*types.Package{},
		checked:  map[string]*packages.Package{},
	}
	var out []*packages.Package
	for _, p := range topoOrder(roots, byPath) {
		out = append(out, l.check(p))
	}
	return out, nil
}

// topoOrder sorts the module's packages so that each comes after the
// module packages it imports (a cycle, which the go command reports as
// an error, is broken anywhere).
func topoOrder(roots []*golist.Listed, byPath map[string]*golist.Listed) []*golist.Listed {
	isRoot := map[string]bool{}
	for _, p := range roots {
		isRoot[p.ImportPath] = true
	}
	sort.Slice(roots, func(i, j int) bool { return roots[i].ImportPath < roots[j].ImportPath })
	state := map[string]int{} // 1: visiting, 2: done
	var out []*golist.Listed
	var visit func(p *golist.Listed)
	visit = func(p *golist.Listed) {
		if state[p.ImportPath] != 0 {
			return
		}
		state[p.ImportPath] = 1
		for _, imp := range p.Imports {
			if isRoot[imp] {
				visit(byPath[imp])
			}
		}
		state[p.ImportPath] = 2
		out = append(out, p)
	}
	for _, p := range roots {
		visit(p)
	}
	return out
}

type loader struct {
	fset     *token.FileSet
	byPath   map[string]*golist.Listed
	imported map[string]*types.Package // from export data, shared
	checked  map[string]*packages.Package
}

// check parses and type-checks one package of the module.
func (l *loader) check(p *golist.Listed) *packages.Package {
	pkg := &packages.Package{ID: p.ImportPath, PkgPath: p.ImportPath, Name: p.Name, Fset: l.fset}
	l.checked[p.ImportPath] = pkg
	if p.Error != nil {
		pkg.Errors = append(pkg.Errors, packages.Error{Pos: "-", Msg: p.Error.Err, Kind: packages.ListError})
	}
	for _, name := range append(append([]string(nil), p.GoFiles...), p.CgoFiles...) {
		path := filepath.Join(p.Dir, name)
		pkg.GoFiles = append(pkg.GoFiles, path)
		src, err := os.ReadFile(path)
		if err != nil {
			pkg.Errors = append(pkg.Errors, packages.Error{Pos: path, Msg: err.Error(), Kind: packages.ParseError})
			continue
		}
		f, err := parser.ParseFile(l.fset, path, src, parser.ParseComments|parser.SkipObjectResolution)
		if f != nil {
			pkg.Syntax = append(pkg.Syntax, f)
		}
		if list, ok := err.(scanner.ErrorList); ok {
			for _, e := range list {
				pkg.Errors = append(pkg.Errors, packages.Error{Pos: e.Pos.String(), Msg: e.Msg, Kind: packages.ParseError})
			}
		} else if err != nil {
			pkg.Errors = append(pkg.Errors, packages.Error{Pos: path, Msg: err.Error(), Kind: packages.ParseError})
		}
	}
	if len(pkg.Syntax) == 0 {
		return pkg
	}
	info := golist.NewInfo()
	conf := golist.TypesConfig(p, golist.ImporterFunc(func(path string) (*types.Package, error) { return l.importFrom(p, path) }), func(err error) {
		if len(pkg.Errors) >= maxTypeErrors {
			return
		}
		pos, msg := "-", err.Error()
		if te, ok := err.(types.Error); ok {
			pos, msg = te.Fset.Position(te.Pos).String(), te.Msg
		}
		pkg.Errors = append(pkg.Errors, packages.Error{Pos: pos, Msg: msg, Kind: packages.TypeError})
	})
	// The files are the package's, not cgo's output: "C" is a fake.
	conf.FakeImportC = true
	pkg.Types, _ = conf.Check(p.ImportPath, l.fset, pkg.Syntax, info)
	pkg.TypesInfo = info
	pkg.TypesSizes = conf.Sizes
	return pkg
}

// maxTypeErrors is how many errors of a package are kept: only the
// first is shown.
const maxTypeErrors = 10

// importFrom resolves an import of package from: a module package by its
// checked types, any other by its export data.
func (l *loader) importFrom(from *golist.Listed, path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	id := path
	if mapped, ok := from.ImportMap[path]; ok {
		id = mapped
	}
	if c, ok := l.checked[id]; ok {
		if c.Types == nil {
			return nil, fmt.Errorf("package %s has no types", id)
		}
		return c.Types, nil
	}
	if p, ok := l.imported[id]; ok && p.Complete() {
		return p, nil
	}
	lp, ok := l.byPath[id]
	if !ok {
		return nil, fmt.Errorf("no export data for %s", id)
	}
	return golist.ReadExport(l.fset, l.imported, id, id, lp.Export)
}

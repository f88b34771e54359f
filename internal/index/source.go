package index

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/tenantlint/tenantlint/internal/golist"
	"github.com/tenantlint/tenantlint/internal/modfacts"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// SourceProvider builds the index of a module from its source files, in
// memory, without running the go command: for drivers that provide no
// module index (analysistest, go/analysis drivers other than ours). The
// module's packages, and those of the GOPATH tree around a GOPATH-mode
// root, are type-checked from source; other packages (the standard
// library, dependencies in the module cache) are empty stand-ins, which
// only package-level instantiations and method signatures would miss,
// and they name models of the module only.
type SourceProvider struct {
	memos memoTable
}

// Facts implements modfacts.Provider.
func (sp *SourceProvider) Facts(root string, tests bool, pkg string) (modfacts.Facts, error) {
	if root == "" {
		return modfacts.None{}, nil
	}
	ix, err := sp.memos.do(memoKey(root, tests), func() (*Index, error) { return FromSource(root, tests) })
	if err != nil {
		return nil, err
	}
	return ix, nil
}

// FromSource indexes the packages below root as Build would (those of
// `go list ./...`, with their test variants when tests is set), reading
// their sources and nothing else.
func FromSource(root string, tests bool) (*Index, error) {
	l, err := newSourceLayout(root)
	if err != nil {
		return nil, err
	}
	dirs, err := l.packageDirs()
	if err != nil {
		return nil, err
	}
	imp := &sourceImporter{layout: l, fset: token.NewFileSet(), pkgs: map[string]*types.Package{}}
	ix := &Index{Root: root, Tests: tests, Sites: map[string][]Site{}, Imports: map[string][]string{}, Names: map[string]string{}}
	seen := map[string]bool{}
	for _, dir := range dirs {
		sp, ok := imp.parseDir(dir)
		if !ok {
			continue
		}
		path := l.importPath(dir)
		files, info, _ := imp.check(path, sp.files, nil)
		ix.addScan(path, sp.name, importsOf(sp.files), scanFiles(root, path, imp.fset, files, info, false), seen)
		if !tests {
			continue
		}
		// The test variant: the package with its in-package tests, which
		// the external test package imports in its place.
		variantFiles := append(append([]*ast.File(nil), sp.files...), sp.tests...)
		files, info, variant := imp.check(path, variantFiles, nil)
		ix.addScan(path, sp.name, importsOf(variantFiles), scanFiles(root, path, imp.fset, files, info, true), seen)
		if len(sp.xtests) > 0 {
			xpath := path + "_test"
			xfiles, xinfo, _ := imp.check(xpath, sp.xtests, map[string]*types.Package{path: variant})
			ix.addScan(xpath, sp.xtestName, importsOf(sp.xtests), scanFiles(root, xpath, imp.fset, xfiles, xinfo, true), seen)
		}
	}
	ix.finish()
	return ix, nil
}

// importsOf lists the import paths of files (without "C").
func importsOf(files []*ast.File) []string {
	var out []string
	for _, f := range files {
		for _, s := range f.Imports {
			if p := strings.Trim(s.Path.Value, "`\""); p != "C" {
				out = append(out, p)
			}
		}
	}
	return out
}

// sourceLayout maps import paths to directories: within the module
// (module mode, root holds go.mod) or the GOPATH src tree above root.
type sourceLayout struct {
	root   string
	module string // the module path, module mode
	src    string // the GOPATH src directory, GOPATH mode
}

func newSourceLayout(root string) (*sourceLayout, error) {
	l := &sourceLayout{root: root}
	if data, err := os.ReadFile(filepath.Join(root, "go.mod")); err == nil {
		l.module = modfile.ModulePath(data)
		return l, nil
	}
	for d := root; ; {
		if filepath.Base(d) == "src" {
			l.src = d
			return l, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return l, nil // neither: only root's own packages, by relative path
		}
		d = parent
	}
}

func (l *sourceLayout) importPath(dir string) string {
	base, prefix := l.root, l.module
	if l.module == "" && l.src != "" {
		base, prefix = l.src, ""
	}
	rel, err := filepath.Rel(base, dir)
	if err != nil {
		return filepath.ToSlash(dir)
	}
	rel = filepath.ToSlash(rel)
	switch {
	case prefix == "":
		return rel
	case rel == ".":
		return prefix
	}
	return path.Join(prefix, rel)
}

// dirOf returns the directory of the package at path, or "" when its
// sources are not at hand.
func (l *sourceLayout) dirOf(p string) string {
	var dir string
	switch {
	case l.module != "" && p == l.module:
		dir = l.root
	case l.module != "" && strings.HasPrefix(p, l.module+"/"):
		dir = filepath.Join(l.root, filepath.FromSlash(strings.TrimPrefix(p, l.module+"/")))
	case l.module == "" && l.src != "":
		dir = filepath.Join(l.src, filepath.FromSlash(p))
	default:
		return ""
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return ""
	}
	return dir
}

// packageDirs lists the directories below root that `go list ./...`
// would visit, sorted: not testdata, vendor, or those starting with "."
// or "_", nor nested modules.
func (l *sourceLayout) packageDirs() ([]string, error) {
	var dirs []string
	err := filepath.WalkDir(l.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != l.root {
			name := d.Name()
			if name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(p, "go.mod")); err == nil {
				return filepath.SkipDir
			}
		}
		dirs = append(dirs, p)
		return nil
	})
	sort.Strings(dirs)
	return dirs, err
}

// sourcePackage is one directory's parsed files, split as go list splits
// them.
type sourcePackage struct {
	name, xtestName      string
	files, tests, xtests []*ast.File
}

// sourceImporter type-checks the packages whose sources are at hand and
// stands in empty packages for the others.
type sourceImporter struct {
	layout *sourceLayout
	fset   *token.FileSet
	pkgs   map[string]*types.Package // imported, by path
	parsed map[string]*sourcePackage // by directory
}

// parseDir parses the Go files of dir that the default build context
// matches; ok is false when there are none.
func (imp *sourceImporter) parseDir(dir string) (*sourcePackage, bool) {
	if sp, ok := imp.parsed[dir]; ok {
		return sp, sp != nil
	}
	if imp.parsed == nil {
		imp.parsed = map[string]*sourcePackage{}
	}
	imp.parsed[dir] = nil
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, false
	}
	sp := &sourcePackage{}
	var names []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") {
			continue
		}
		if ok, err := build.Default.MatchFile(dir, name); err != nil || !ok {
			continue
		}
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		f, err := parser.ParseFile(imp.fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		isTest := strings.HasSuffix(name, "_test.go")
		switch {
		case isTest && strings.HasSuffix(f.Name.Name, "_test") && (sp.name == "" || f.Name.Name != sp.name):
			sp.xtestName = f.Name.Name
			sp.xtests = append(sp.xtests, f)
		case isTest:
			sp.tests = append(sp.tests, f)
		default:
			if sp.name == "" {
				sp.name = f.Name.Name
			}
			sp.files = append(sp.files, f)
		}
	}
	if len(sp.files) == 0 && len(sp.tests) == 0 && len(sp.xtests) == 0 {
		return nil, false
	}
	if sp.name == "" && len(sp.tests) > 0 {
		sp.name = sp.tests[0].Name.Name
	}
	imp.parsed[dir] = sp
	return sp, true
}

// check type-checks one package's declarations (not its function
// bodies), as scanPackage does, with override's packages imported in
// place of their plain paths. It returns the files, what it found and
// the package.
func (imp *sourceImporter) check(path string, files []*ast.File, override map[string]*types.Package) ([]*ast.File, *types.Info, *types.Package) {
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}, Implicits: map[ast.Node]types.Object{}}
	conf := &types.Config{
		Importer: golist.ImporterFunc(func(p string) (*types.Package, error) {
			if pkg, ok := override[p]; ok && pkg != nil {
				return pkg, nil
			}
			return imp.importPkg(p), nil
		}),
		IgnoreFuncBodies: true,
		FakeImportC:      true,
		Error:            func(error) {},
		Sizes:            types.SizesFor("gc", runtime.GOARCH),
	}
	pkg, _ := conf.Check(path, imp.fset, files, info)
	return files, info, pkg
}

// importPkg returns the package at path: type-checked from its sources
// when they are at hand, else an empty stand-in.
func (imp *sourceImporter) importPkg(p string) *types.Package {
	if p == "unsafe" {
		return types.Unsafe
	}
	if pkg, ok := imp.pkgs[p]; ok {
		return pkg
	}
	stub := types.NewPackage(p, rules.PackageNameGuess(p))
	stub.MarkComplete()
	imp.pkgs[p] = stub // also breaks import cycles
	if dir := imp.layout.dirOf(p); dir != "" {
		if sp, ok := imp.parseDir(dir); ok && len(sp.files) > 0 {
			info := &types.Info{}
			conf := &types.Config{
				Importer:         golist.ImporterFunc(func(q string) (*types.Package, error) { return imp.importPkg(q), nil }),
				IgnoreFuncBodies: true,
				FakeImportC:      true,
				Error:            func(error) {},
				Sizes:            types.SizesFor("gc", runtime.GOARCH),
			}
			if pkg, _ := conf.Check(p, imp.fset, sp.files, info); pkg != nil {
				imp.pkgs[p] = pkg
				return pkg
			}
		}
	}
	return stub
}

// Package golist loads packages as the go command sees them: the listing
// of `go list -deps -export -compiled` (the packages, their files, their
// imports and the export data the build cache holds for each), the
// importers that type-check a package against its dependencies' export
// data, and where a package's module is. The module index and the
// standalone driver both load through it; it knows nothing of either.
package golist

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/tools/go/gcexportdata"
)

// Listed is the part of `go list -json` that the index and the
// standalone driver need.
type Listed struct {
	ImportPath      string // with a " [p.test]" suffix for test variants
	Name            string
	Dir             string
	ForTest         string
	GoFiles         []string
	CgoFiles        []string
	CompiledGoFiles []string
	IgnoredGoFiles  []string
	Export          string
	Imports         []string // import IDs, after ImportMap
	ImportMap       map[string]string
	DepOnly         bool
	Standard        bool
	Module          *struct {
		Path, Dir, GoVersion string
		Main                 bool
	}
	Error      *struct{ Err string }
	DepsErrors []*struct{ Err string }
}

// PkgPath is the package path without a test variant's suffix.
func (p *Listed) PkgPath() string { return PkgPathOf(p.ImportPath) }

// PkgPathOf is the package path of a go list ID.
func PkgPathOf(id string) string {
	if i := strings.IndexByte(id, ' '); i >= 0 {
		return id[:i]
	}
	return id
}

// IsTestMain reports whether p is the generated main package of a test
// binary, whose source lives in the build cache.
func (p *Listed) IsTestMain() bool {
	return p.Name == "main" && strings.HasSuffix(p.ImportPath, ".test")
}

// Files returns p's compiled Go files as absolute paths.
func (p *Listed) Files() []string {
	out := make([]string, len(p.CompiledGoFiles))
	for i, name := range p.CompiledGoFiles {
		if !filepath.IsAbs(name) {
			name = filepath.Join(p.Dir, name)
		}
		out[i] = name
	}
	return out
}

// List lists the packages matching patterns in dir and all their
// dependencies, with export data (compiling what the build cache lacks,
// as go vet would) and, when tests is set, the test variants.
func List(dir string, tests bool, patterns ...string) ([]*Listed, error) {
	return ListWith(dir, ListOptions{Tests: tests, Export: true, Compiled: true}, patterns...)
}

// ListOptions says what ListWith asks of the go command.
type ListOptions struct {
	// Tests lists the test variants too.
	Tests bool
	// Export asks for export data (-export), compiling what the build
	// cache lacks.
	Export bool
	// Compiled asks for CompiledGoFiles (-compiled): cgo's output.
	// Without Export and Compiled the go command runs neither the
	// compiler nor cgo (tenantlint init lists its module so, then asks
	// for the export data of the dependencies outside it only).
	Compiled bool
}

// ListWith lists the packages matching patterns in dir and all their
// dependencies as o says.
func ListWith(dir string, o ListOptions, patterns ...string) ([]*Listed, error) {
	args := []string{"list", "-e", "-deps"}
	if o.Export {
		args = append(args, "-export")
	}
	if o.Compiled {
		args = append(args, "-compiled")
	}
	args = append(args, "-json=ImportPath,Name,Dir,ForTest,GoFiles,CgoFiles,CompiledGoFiles,IgnoredGoFiles,Export,Imports,ImportMap,DepOnly,Standard,Module,Error,DepsErrors")
	if o.Tests {
		args = append(args, "-test")
	}
	args = append(args, "--")
	cmd := exec.Command("go", append(args, patterns...)...)
	cmd.Dir = dir
	cmd.Env = loadEnv(dir)
	pkgs, err := DecodeJSON[Listed](cmd)
	if err != nil {
		return nil, fmt.Errorf("listing packages in %s: %w", dir, err)
	}
	return pkgs, nil
}

// GoVersion is the language version that p is type-checked for: that of
// its own module's go.mod ("go1.22"), as the compiler does, not that of
// the main module; "" when the module does not say (GOPATH mode, the
// standard library).
func (p *Listed) GoVersion() string {
	if p.Module == nil || p.Module.GoVersion == "" {
		return ""
	}
	return "go" + p.Module.GoVersion
}

// Sizes are the gc compiler's sizes for GOARCH (the host's when GOARCH is
// unset or unknown).
func Sizes() types.Sizes {
	arch := os.Getenv("GOARCH")
	if arch == "" {
		arch = runtime.GOARCH
	}
	if s := types.SizesFor("gc", arch); s != nil {
		return s
	}
	return types.SizesFor("gc", runtime.GOARCH)
}

// TypesConfig is the configuration that type-checks p as the compiler
// would: imports through imp, gc's sizes, and the Go version of p's
// module; each error goes to onError. The standalone driver and
// tenantlint init both check packages with it.
func TypesConfig(p *Listed, imp types.Importer, onError func(error)) *types.Config {
	return &types.Config{Importer: imp, Sizes: Sizes(), GoVersion: p.GoVersion(), Error: onError}
}

// NewInfo returns the types.Info that the analyzers and tenantlint init
// read: every map of it.
func NewInfo() *types.Info {
	return &types.Info{
		Types:        map[ast.Expr]types.TypeAndValue{},
		Instances:    map[*ast.Ident]types.Instance{},
		Defs:         map[*ast.Ident]types.Object{},
		Uses:         map[*ast.Ident]types.Object{},
		Implicits:    map[ast.Node]types.Object{},
		Selections:   map[*ast.SelectorExpr]*types.Selection{},
		Scopes:       map[ast.Node]*types.Scope{},
		FileVersions: map[*ast.File]string{},
	}
}

// DecodeJSON runs cmd, a go command that prints a stream of JSON objects
// (go list -json), and decodes each into a new T.
func DecodeJSON[T any](cmd *exec.Cmd) ([]*T, error) {
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	var items []*T
	dec := json.NewDecoder(bufio.NewReader(out))
	for {
		item := new(T)
		if err := dec.Decode(item); err == io.EOF {
			break
		} else if err != nil {
			cmd.Wait()
			return nil, fmt.Errorf("reading go list: %w", err)
		}
		items = append(items, item)
	}
	if err := cmd.Wait(); err != nil {
		return nil, fmt.Errorf("go list: %v: %s", err, bytes.TrimSpace(stderr.Bytes()))
	}
	return items, nil
}

// ModuleRoot returns the directory of the nearest go.mod above dir. With
// no go.mod (GOPATH mode, as in analysistest), it returns fallback.
func ModuleRoot(dir, fallback string) string {
	for d := dir; ; {
		if st, err := os.Stat(filepath.Join(d, "go.mod")); err == nil && !st.IsDir() {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return fallback
		}
		d = parent
	}
}

// RootFor returns the root of the module that holds the package at
// pkgPath in dir: the directory of the nearest go.mod when the package's
// path agrees with that module's path, else (GOPATH mode, as in
// analysistest) fallback.
func RootFor(dir, pkgPath, fallback string) string {
	root := ModuleRoot(dir, "")
	if root == "" {
		return fallback
	}
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return fallback
	}
	mod := modfile.ModulePath(data)
	rel, err := filepath.Rel(root, dir)
	if err != nil {
		return fallback
	}
	want := path.Join(mod, filepath.ToSlash(rel))
	if mod == "std" {
		want = filepath.ToSlash(rel)
	}
	if strings.TrimSuffix(pkgPath, "_test") != want {
		return fallback
	}
	return root
}

// loadEnv switches to GOPATH mode for a tree without go.mod (such as
// analysistest's testdata/src/<case>).
func loadEnv(root string) []string {
	env := os.Environ()
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
		return env
	}
	for d := root; ; {
		parent := filepath.Dir(d)
		if parent == d {
			return env
		}
		if filepath.Base(d) == "src" {
			return append(env, "GOPATH="+parent, "GO111MODULE=off", "GOWORK=off")
		}
		d = parent
	}
}

// ExportImporter reads dependencies from the export data that go list
// reported. It remembers what it read, so one is needed per goroutine,
// and one per test variant (which sees other variants under plain paths).
type ExportImporter struct {
	Fset   *token.FileSet
	byPath map[string]*Listed
	pkgs   map[string]*types.Package
}

// newExportImporter returns an importer of the listed packages.
func newExportImporter(byPath map[string]*Listed) *ExportImporter {
	return &ExportImporter{Fset: token.NewFileSet(), byPath: byPath, pkgs: map[string]*types.Package{}}
}

// ImporterFunc is a function that serves as a types.Importer.
type ImporterFunc func(path string) (*types.Package, error)

func (f ImporterFunc) Import(path string) (*types.Package, error) { return f(path) }

// For returns the importer that package from's imports go through.
func (imp *ExportImporter) For(from *Listed) types.Importer {
	return ImporterFunc(func(path string) (*types.Package, error) {
		id := path
		if mapped, ok := from.ImportMap[path]; ok {
			id = mapped
		}
		return imp.load(path, id)
	})
}

// maxImported is how many packages an importer may hold before it is
// replaced: each module package's export data brings the declarations
// of everything it references, so one importer kept for a whole module
// of 800 packages held ~400 MiB; re-reading the standard library's export
// data after a reset costs far less.
const maxImported = 150

// Importers hands one worker the importer for each package it type-checks
// in turn: a shared one, replaced once it holds maxImported packages, and
// a fresh one for each test variant, which sees other variants under the
// plain paths (so none may leak into the next package).
type Importers struct {
	byPath map[string]*Listed
	shared *ExportImporter
}

// NewImporters returns the importers of one worker.
func NewImporters(byPath map[string]*Listed) *Importers {
	return &Importers{byPath: byPath, shared: newExportImporter(byPath)}
}

// For returns the importer to type-check p with.
func (w *Importers) For(p *Listed) *ExportImporter {
	if p.ForTest != "" {
		return newExportImporter(w.byPath)
	}
	if len(w.shared.pkgs) > maxImported {
		w.shared = newExportImporter(w.byPath)
	}
	return w.shared
}

func (imp *ExportImporter) load(path, id string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	if p, ok := imp.pkgs[path]; ok && p.Complete() {
		return p, nil
	}
	lp, ok := imp.byPath[id]
	if !ok {
		return nil, fmt.Errorf("no export data for %s", id)
	}
	return ReadExport(imp.Fset, imp.pkgs, path, id, lp.Export)
}

// ReadExport reads the package path (listed as id) from its export data
// file into pkgs, the packages already imported, which it completes.
func ReadExport(fset *token.FileSet, pkgs map[string]*types.Package, path, id, file string) (*types.Package, error) {
	if file == "" {
		return nil, fmt.Errorf("no export data for %s", id)
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := gcexportdata.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("reading export data of %s: %w", id, err)
	}
	return gcexportdata.Read(r, fset, pkgs, path)
}

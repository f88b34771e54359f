package rewrite

import (
	"errors"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/tenantlint/tenantlint/internal/index"
	"github.com/tenantlint/tenantlint/internal/registry"
	"github.com/tenantlint/tenantlint/internal/testfs"
)

// The fuzz target's fixture module, testdata/fuzzmod, has the tenant
// package (marker, repository, key function) and the kv cache API of the
// golden cases. The input under test is app/input.go; app/types.go is a
// fixed sibling (its package clause follows the input's) that declares
// aliases, so that inputs without imports can still use a context and a
// cache, and so that a model in a generated input has a file for its
// repository.
const (
	fuzzModule  = "example.com/fuzzmod"
	fuzzPkgPath = fuzzModule + "/app"
)

// fuzzStdlib lists the standard packages an input may import; anything
// else makes the input fail to type-check (and be skipped).
var fuzzStdlib = []string{"context", "errors", "fmt", "net/http", "strconv", "strings", "sync", "time"}

const siblingSrc = `package %s

import (
	"context"

	"example.com/fuzzmod/kv"
)

// Ctx and Store let other files use these types without importing.
type (
	Ctx   = context.Context
	Store = kv.Store
)
`

// harness analyzes single-file inputs in process: no go/packages, no go
// command. Imported packages are type-checked once into a shared file
// set; each run gets a fresh file set whose positions start after the
// shared ones, so the two never overlap and memory does not grow.
type harness struct {
	root, dir      string // module root; root/app
	input, sibling string // absolute file names
	shared         *token.FileSet
	sharedBase     int // shared.Base() once everything is imported
	imports        map[string]*types.Package
	sizes          types.Sizes
	analyzers      []*analysis.Analyzer
}

// newHarness copies testdata/fuzzmod to tmp and prepares the importer
// and the analyzers.
func newHarness(tmp string) (*harness, error) {
	root, err := filepath.EvalSymlinks(tmp)
	if err != nil {
		return nil, err
	}
	if err := testfs.Copy("testdata/fuzzmod", root, nil); err != nil {
		return nil, err
	}
	h := &harness{
		root:    root,
		dir:     filepath.Join(root, "app"),
		shared:  token.NewFileSet(),
		imports: map[string]*types.Package{},
		sizes:   types.SizesFor("gc", runtime.GOARCH),
	}
	h.input = filepath.Join(h.dir, "input.go")
	h.sibling = filepath.Join(h.dir, "types.go")
	if err := os.MkdirAll(h.dir, 0o755); err != nil {
		return nil, err
	}
	std := importer.ForCompiler(h.shared, "gc", nil)
	for _, path := range fuzzStdlib {
		p, err := std.Import(path)
		if err != nil {
			return nil, fmt.Errorf("importing %s: %w", path, err)
		}
		h.imports[path] = p
	}
	for _, name := range []string{"tenant", "kv"} {
		path := fuzzModule + "/" + name
		file := filepath.Join(root, name, name+".go")
		f, err := parser.ParseFile(h.shared, file, nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		conf := types.Config{Importer: h, Sizes: h.sizes}
		p, err := conf.Check(path, h.shared, []*ast.File{f}, nil)
		if err != nil {
			return nil, err
		}
		h.imports[path] = p
	}
	h.sharedBase = h.shared.Base()
	env := registry.NewEnv()
	env.Loader.Override = filepath.Join(root, ".tenantlint.yaml")
	env.Index.Seed(&index.Index{
		Root:  root,
		Sites: map[string][]index.Site{},
		Imports: map[string][]string{
			fuzzPkgPath:            {"context", fuzzModule + "/kv", fuzzModule + "/tenant"},
			fuzzModule + "/tenant": {"context"},
			fuzzModule + "/kv":     {"context"},
		},
		Names: map[string]string{fuzzPkgPath: "app", fuzzModule + "/tenant": "tenant", fuzzModule + "/kv": "kv"},
	})
	h.analyzers, err = registry.Analyzers(env, nil)
	if err != nil {
		return nil, err
	}
	return h, nil
}

// Import implements types.Importer with the packages loaded once.
func (h *harness) Import(path string) (*types.Package, error) {
	if p, ok := h.imports[path]; ok {
		return p, nil
	}
	return nil, fmt.Errorf("package %s is not available to the fuzz harness", path)
}

// errSkip says that an input is not a valid package: it does not parse
// or does not type-check.
var errSkip = errors.New("not a valid package")

// analyze writes the input and its sibling, type-checks them and runs
// the analyzers. It returns errSkip (wrapped) for an input that does not
// parse or type-check.
func (h *harness) analyze(input, sibling []byte) (*checker.Graph, error) {
	if err := os.WriteFile(h.input, input, 0o644); err != nil {
		return nil, err
	}
	if err := os.WriteFile(h.sibling, sibling, 0o644); err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	fset.AddFile("<imports>", -1, h.shared.Base())
	const mode = parser.AllErrors | parser.ParseComments | parser.SkipObjectResolution
	var files []*ast.File
	for _, x := range []struct {
		name string
		src  []byte
	}{{h.input, input}, {h.sibling, sibling}} {
		f, err := parser.ParseFile(fset, x.name, x.src, mode)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errSkip, err)
		}
		files = append(files, f)
	}
	info := &types.Info{
		Types:        map[ast.Expr]types.TypeAndValue{},
		Instances:    map[*ast.Ident]types.Instance{},
		Defs:         map[*ast.Ident]types.Object{},
		Uses:         map[*ast.Ident]types.Object{},
		Implicits:    map[ast.Node]types.Object{},
		Selections:   map[*ast.SelectorExpr]*types.Selection{},
		Scopes:       map[ast.Node]*types.Scope{},
		FileVersions: map[*ast.File]string{},
	}
	conf := types.Config{Importer: h, Sizes: h.sizes, GoVersion: "go1.26"}
	tpkg, err := conf.Check(fuzzPkgPath, fset, files, info)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errSkip, err)
	}
	pkg := &packages.Package{
		ID:              fuzzPkgPath,
		Name:            tpkg.Name(),
		PkgPath:         fuzzPkgPath,
		GoFiles:         []string{h.input, h.sibling},
		CompiledGoFiles: []string{h.input, h.sibling},
		Fset:            fset,
		Syntax:          files,
		Types:           tpkg,
		TypesInfo:       info,
		TypesSizes:      h.sizes,
		Module:          &packages.Module{Path: fuzzModule, Dir: h.root, GoVersion: "1.26", Main: true},
	}
	g, err := checker.Analyze(h.analyzers, []*packages.Package{pkg}, nil)
	if err != nil {
		return nil, err
	}
	if h.shared.Base() != h.sharedBase {
		return nil, fmt.Errorf("internal error in the harness: the importer added files to the shared file set")
	}
	for _, act := range g.Roots {
		if act.Err != nil {
			return nil, fmt.Errorf("%s: %v", act.Analyzer.Name, act.Err)
		}
	}
	return g, nil
}

// siblingFor returns the sibling file for an input, in its package.
func siblingFor(input []byte) []byte {
	name := "app"
	if f, err := parser.ParseFile(token.NewFileSet(), "", input, parser.PackageClauseOnly); err == nil {
		name = f.Name.Name
	}
	return []byte(fmt.Sprintf(siblingSrc, name))
}

// rewriteOnce analyzes input and builds the plan. The plan's changes
// keep their old contents; nothing is written beyond the input files.
func (h *harness) rewriteOnce(input []byte) (*Plan, error) {
	g, err := h.analyze(input, siblingFor(input))
	if err != nil {
		return nil, err
	}
	return FromGraph(g, h.root)
}

// check runs one input through the rewriter and returns every violated
// invariant, or errSkip when the input is not a valid package.
func (h *harness) check(input []byte) ([]string, error) {
	plan, err := h.rewriteOnce(input)
	if err != nil {
		if errors.Is(err, errSkip) {
			return nil, err
		}
		return []string{"first pass: " + err.Error()}, nil
	}
	var problems []string
	out := map[string][]byte{h.input: input, h.sibling: siblingFor(input)}
	for _, fc := range plan.Files {
		problems = append(problems, checkChange(fc)...)
		if _, ok := out[fc.Path]; !ok {
			problems = append(problems, fmt.Sprintf("a change to %s, outside the package", fc.Path))
			continue
		}
		out[fc.Path] = fc.New
	}
	if len(problems) > 0 || len(plan.Files) == 0 {
		return problems, nil
	}
	g, err := h.analyze(out[h.input], out[h.sibling])
	if err != nil {
		return append(problems, fmt.Sprintf("the output is not a valid package: %v\n%s", err, showFiles(out))), nil
	}
	plan2, err := FromGraph(g, h.root)
	if err != nil {
		return append(problems, "second pass: "+err.Error()), nil
	}
	for _, fc := range plan2.Files {
		problems = append(problems, fmt.Sprintf("the second pass changes %s:\n%s", fc.Rel, diffOf(fc)))
	}
	return problems, nil
}

func showFiles(files map[string][]byte) string {
	var b strings.Builder
	for name, data := range files {
		fmt.Fprintf(&b, "--- %s\n%s\n", filepath.Base(name), data)
	}
	return b.String()
}

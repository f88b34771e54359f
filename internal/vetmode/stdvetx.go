package vetmode

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/gcexportdata"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/golist"
)

// go vet runs the tool on every package the module's packages import,
// the standard library's included, for their facts alone (vet.cfg's
// VetxOnly): unitchecker parses and type-checks the package, function
// bodies and all, runs the analyzers that have facts, and writes the
// vetx file its importers read, the package's types and its facts. No
// analyzer of tenantlint has a fact about the standard library: its
// models, repositories, caches, contexts and queries are the module's
// (and its dependencies'), and the standalone driver never analyses a
// package of std (internal/driver: stream.go), which go vet mode must
// agree with. So for a package of std the vetx file is written here
// with its types and no facts: the type-check needs the declarations
// only (go/types' IgnoreFuncBodies), and nothing else runs. At 50
// packages about 200 of the 260 processes of a cold go vet run are of
// std (docs/performance.md).

// vetxMagic and the header after it are unitchecker's vetx file format
// (golang.org/x/tools/go/analysis/unitchecker: writeVetxFile): "vetx",
// the length of the types and of the facts (uint32, little-endian), the
// types in the indexed export format, the facts gob-encoded (none:
// empty). The same binary's unitchecker reads these files in the
// importers' processes; TestStdVetx checks that it does.
const vetxMagic = "vetx"

// writeStdVetx writes the vetx file of the facts-only run that the
// vet.cfg cfg asks for when its package is of the standard
// library, and reports whether it did; on any doubt or failure it
// reports false and unitchecker runs as usual.
func writeStdVetx(cfg *vetConfig) bool {
	if !cfg.VetxOnly || cfg.VetxOutput == "" || !isStd(cfg) {
		return false
	}
	vetx, err := stdVetx(cfg)
	if err != nil {
		return false
	}
	if cfg.Stdout != "" {
		if err := os.WriteFile(cfg.Stdout, nil, 0o666); err != nil {
			return false
		}
	}
	return os.WriteFile(cfg.VetxOutput, vetx, 0o666) == nil
}

// isStd reports whether the package of cfg is of the standard library:
// no module, a path whose first element has no dot, in GOROOT's src
// folder under that path (vendor/... included).
func isStd(cfg *vetConfig) bool {
	if cfg.ModulePath != "" || !config.StdPackage(cfg.ImportPath) || build.Default.GOROOT == "" {
		return false
	}
	want := filepath.Join(build.Default.GOROOT, "src", filepath.FromSlash(cfg.ImportPath))
	return filepath.Clean(cfg.Dir) == want
}

// stdVetx returns the vetx file of cfg's package: its declarations
// type-checked against its imports' vetx files, and no facts.
func stdVetx(cfg *vetConfig) ([]byte, error) {
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range cfg.GoFiles {
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("parsing %s: %w", name, err)
		}
		files = append(files, f)
	}
	imports := map[string]*types.Package{}
	importer := golist.ImporterFunc(func(importPath string) (*types.Package, error) {
		path, ok := cfg.ImportMap[importPath]
		if !ok {
			return nil, fmt.Errorf("cannot resolve import %q", importPath)
		}
		if path == "unsafe" {
			return types.Unsafe, nil
		}
		if pkg, ok := imports[path]; ok && pkg.Complete() {
			return pkg, nil
		}
		typesData, err := vetxTypes(cfg.PackageVetx[path])
		if err != nil {
			return nil, fmt.Errorf("reading the vetx file of %q: %w", path, err)
		}
		return gcexportdata.Read(bytes.NewReader(append([]byte("i"), typesData...)), fset, imports, path)
	})
	conf := &types.Config{
		Importer:         importer,
		IgnoreFuncBodies: true,
		Sizes:            types.SizesFor("gc", build.Default.GOARCH),
		GoVersion:        cfg.GoVersion,
	}
	pkg, err := conf.Check(cfg.ImportPath, fset, files, nil)
	if err != nil {
		return nil, fmt.Errorf("type-checking %s: %w", cfg.ImportPath, err)
	}
	var exported bytes.Buffer
	if err := gcexportdata.Write(&exported, fset, pkg); err != nil {
		return nil, fmt.Errorf("exporting %s: %w", cfg.ImportPath, err)
	}
	typesData, ok := bytes.CutPrefix(exported.Bytes(), []byte("i"))
	if !ok {
		return nil, fmt.Errorf("exporting %s: not the indexed format", cfg.ImportPath)
	}
	out := make([]byte, 12, 12+len(typesData))
	copy(out, vetxMagic)
	binary.LittleEndian.PutUint32(out[4:8], uint32(len(typesData)))
	binary.LittleEndian.PutUint32(out[8:12], 0) // no facts
	return append(out, typesData...), nil
}

// vetxTypes returns the types section of the vetx file at path.
func vetxTypes(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(data) < 12 || !strings.HasPrefix(string(data[:4]), vetxMagic) {
		return nil, fmt.Errorf("%s is not a vetx file", path)
	}
	n := binary.LittleEndian.Uint32(data[4:8])
	if uint64(12)+uint64(n) > uint64(len(data)) {
		return nil, fmt.Errorf("%s: types section past the end", path)
	}
	return data[12 : 12+n], nil
}

// Package initcfg implements `tenantlint init`: it scans a module for the
// shapes that a .tenantlint.yaml names (tenant fields, marker types,
// generic repositories, cache libraries, a key function) and renders a
// commented proposal for a human to review.
package initcfg

import (
	"errors"
	"fmt"
	"go/types"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/tenantlint/tenantlint/analyzers/tenantctx"
	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/golist"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// Findings is what a scan of one module found, every list ranked best
// first.
type Findings struct {
	Root   string // the module's directory
	Module string // its module path

	Packages int      // packages scanned
	Structs  int      // package-level struct types in them
	Broken   []string // "pkg: first error" of each package with load or type errors (its types may be incomplete)

	Fields  []*FieldCandidate
	Markers []*MarkerCandidate
	Repos   []*RepoCandidate
	Presets []PresetCandidate
	// PresetMisses are presets left out although go.mod requires
	// another major version of their library, or named by the file
	// that init --force replaces.
	PresetMisses []PresetMiss
	KeyFuncs     []*KeyFuncCandidate
	CtxSinks     []*CtxSinkCandidate // wrappers of the sinks the rest proposes

	// What the data-layer types (those whose methods take or return the
	// tenant-scoped models) say: repository.methods and tenant_values.
	TenantParams  []*NameCandidate
	TenantMethods []*NameCandidate
	TenantFuncs   []*TenantFuncCandidate
	DataTypes     int // how many data-layer types there are

	CacheTypes []*CacheTypeCandidate // the module's own caches: apis and safe_types
	Ignore     []*IgnoreCandidate    // packages of shared infrastructure
	Exclude    []*IgnoreCandidate    // packages of migrations: models.exclude
	SQL        *SQLProposal          // tenantsql's section

	Models       int      // tenant-scoped models under the proposal
	Unreferenced []string // those nothing refers to (pkg.Name): models.unreferenced
	// UnreferencedGenerated are those of them declared in generated files.
	UnreferencedGenerated []string
	CacheReport           *CacheReportEvidence // the proposal's cache calls: cache.report

	pkgs []*packages.Package // the packages scanned
}

// Check parses data as a configuration file at path and validates its
// names against the scanned code, as tenantlint would when it loads the
// file: a proposal that tenantlint rejects is a bug of init.
func (f *Findings) Check(path string, data []byte) error {
	cfg, err := config.Parse(path, data)
	if err != nil {
		return err
	}
	visible := map[string]*types.Package{}
	for _, p := range f.pkgs {
		for path, pkg := range rules.Visible(p.Types) {
			visible[path] = pkg
		}
	}
	if err := rules.Compile(cfg).Validate(visible); err != nil {
		return err
	}
	return tenantctx.ValidateSinks(cfg, visible)
}

// ErrNoModule means that no go.mod was found above the directory given.
var ErrNoModule = errors.New("no go.mod")

// ModuleRoot returns the nearest directory at or above dir holding a
// go.mod file.
func ModuleRoot(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if root := golist.ModuleRoot(abs, ""); root != "" {
		return root, nil
	}
	return "", fmt.Errorf("%w in %s or any directory above it", ErrNoModule, abs)
}

// Scan type-checks every package of the module rooted at root (test files
// left out: models, repositories and key functions live in the code the
// configuration checks) and collects the candidates.
func Scan(root string) (*Findings, error) {
	mf, err := config.ReadGoMod(filepath.Join(root, "go.mod"))
	if err != nil {
		return nil, err
	}
	pkgs, err := loadModule(root, golist.ListWith)
	if err != nil {
		return nil, fmt.Errorf("loading the packages of %s: %s", root, oneLine(err.Error()))
	}
	f := &Findings{Root: root, Presets: presetCandidates(mf), PresetMisses: otherVersionMisses(mf)}
	if mf.Module != nil {
		f.Module = mf.Module.Mod.Path
	}
	var scanned []*packages.Package
	for _, p := range pkgs {
		if len(p.Errors) > 0 {
			f.Broken = append(f.Broken, p.PkgPath+": "+firstError(root, p.Errors))
		}
		if p.Types == nil || p.TypesInfo == nil || len(p.Syntax) == 0 {
			continue
		}
		scanned = append(scanned, p)
	}
	if len(scanned) == 0 {
		return nil, fmt.Errorf("no Go packages to scan in %s", root)
	}
	sort.Strings(f.Broken)
	sort.Slice(scanned, func(i, j int) bool { return scanned[i].PkgPath < scanned[j].PkgPath })
	f.Packages = len(scanned)
	f.pkgs = scanned

	structs := moduleStructs(scanned)
	f.Structs = len(structs)
	f.Fields = fieldCandidates(structs)
	carriers := carrierSet(f.Fields)
	f.Markers = markerCandidates(structs, carriers, proposedCarriers(f.Fields))
	tenantModels := f.tenantModels(structs)
	f.Exclude = excludeCandidates(f.Module, scanned, tenantModels)
	tenantModels = withoutExcluded(tenantModels, f.Exclude)
	f.Models = len(tenantModels)
	f.Unreferenced, f.UnreferencedGenerated = unreferencedModels(scanned, tenantModels)
	f.Repos = repoCandidates(scanned, carriers, tenantModels)
	dl := dataLayerEvidence(scanned, tenantModels, f.fieldGroups())
	f.TenantParams, f.TenantMethods, f.TenantFuncs, f.DataTypes = dl.params, dl.methods, dl.funcs, dl.types
	f.KeyFuncs = keyFuncCandidates(scanned)
	f.CacheTypes = cacheTypeCandidates(scanned, f.proposedKeyFunc(), tenantModels)
	f.Ignore = ignoreCandidates(scanned, tenantModels)
	// The rest is evidence under the configuration proposed so far: parse
	// and compile it once for all of them. A proposal that does not parse
	// gets none (nil rules); Check reports its errors.
	var proposal *rules.Rules
	if cfg, err := config.Parse(config.FileName, Render(f)); err == nil {
		proposal = rules.Compile(cfg)
	}
	f.CtxSinks = ctxSinkCandidates(scanned, proposal)
	f.CacheReport = cacheReportEvidence(scanned, proposal, tenantModels)
	f.SQL = sqlProposal(root, scanned, mf.Require, proposal)
	return f, nil
}

// oneLine joins the lines of the go command's error, without the
// go/packages wrapping around it.
func oneLine(msg string) string {
	msg = strings.TrimSpace(msg)
	if _, after, ok := strings.Cut(msg, "stderr: "); ok {
		msg = after
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(msg, "\n", " | ")), " ")
}

// firstError describes the first error with a position (the go
// command's "# pkg" summary repeats them), its file relative to root.
func firstError(root string, errs []packages.Error) string {
	e := errs[0]
	for _, x := range errs {
		if x.Kind == packages.TypeError || x.Kind == packages.ParseError {
			e = x
			break
		}
	}
	if e.Pos == "" || e.Pos == "-" {
		return oneLine(e.Msg)
	}
	pos := e.Pos
	if rel, err := filepath.Rel(root, pos); err == nil && !strings.HasPrefix(rel, "..") {
		pos = rel
	}
	return pos + ": " + oneLine(e.Msg)
}

// structType is a package-level struct type of the module.
type structType struct {
	obj *types.TypeName
	st  *types.Struct
}

// short is the name as code in another package writes it: pkg.Name.
func (s structType) short() string { return shortName(s.obj) }

func shortName(obj types.Object) string {
	if obj.Pkg() == nil {
		return obj.Name()
	}
	return obj.Pkg().Name() + "." + obj.Name()
}

func qualified(obj types.Object) string {
	if obj.Pkg() == nil {
		return obj.Name()
	}
	return obj.Pkg().Path() + "." + obj.Name()
}

// moduleStructs lists the package-level struct types (defined, not
// aliases) of pkgs, sorted by qualified name.
func moduleStructs(pkgs []*packages.Package) []structType {
	var out []structType
	for _, p := range pkgs {
		scope := p.Types.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || tn.IsAlias() {
				continue
			}
			if st, ok := tn.Type().Underlying().(*types.Struct); ok {
				out = append(out, structType{obj: tn, st: st})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return qualified(out[i].obj) < qualified(out[j].obj) })
	return out
}

// examples lists at most n names, then how many more there are.
func examples(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:n], ", "), len(names)-n)
}

// plural returns "1 struct" or "3 structs".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

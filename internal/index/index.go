// Package index builds the module-wide facts that one package's analysis
// cannot see: which generic types are instantiated at package level with
// which models (repository coverage with scope: module), and the module's
// import graph (to refuse fixes that would create an import cycle).
//
// go/analysis facts flow only from a package to its importers, but a
// repository usually lives in a package that imports the model, so go vet
// mode needs this index to agree with the standalone driver. For the same
// reason it records which types no package of the module names
// (models.unreferenced). It is built once per module state and cached on
// disk, keyed by the module's files.
package index

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"go/token"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/models"
	"github.com/tenantlint/tenantlint/internal/modfacts"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// Index is the module-wide view.
type Index struct {
	Root  string `json:"root"`
	Tests bool   `json:"tests"` // test files were included
	// Sites lists package-level generic instantiations by model.
	Sites map[string][]Site `json:"sites"`
	// Imports maps each module package to its direct imports.
	Imports map[string][]string `json:"imports"`
	// Names maps each module package to its package name.
	Names map[string]string `json:"names"`
	// Repos describes, by qualified type name, the package-level types
	// whose methods take or return structs of the module: the candidates
	// of repository.methods, judged by the configuration when asked.
	Repos map[string]*Repo `json:"repos,omitempty"`
	// ByModel maps each struct that a type of Repos takes or returns to
	// those types, sorted.
	ByModel map[string][]string `json:"by_model,omitempty"`
	// Unreferenced lists the types declared in the module (in the files
	// indexed) that no declaration of the module refers to outside the
	// type's own declaration and methods (models.TypeRefs), for
	// models.unreferenced.
	Unreferenced map[string]bool `json:"unreferenced,omitempty"`
	// SQLPackages is how many of the module's packages import a package
	// of a built-in SQL preset (config.SQLPresetPackages): in go vet
	// mode, about how many processes may start the SQL parser, which
	// decides whether the first one compiles it for the others
	// (sqlscope.Parser.PlanProcesses). Every shard carries it.
	SQLPackages int    `json:"sql_packages,omitempty"`
	Hash        string `json:"hash"`
	// Shard, when set, names the package this is the shard of (see
	// Shards): only that package's models are answered here.
	Shard string `json:"shard,omitempty"`

	// full reads the whole index for what a shard cannot answer.
	full func() (*Index, error)
	// declared and referenced gather the scans' types and references
	// until finish computes Unreferenced.
	declared, referenced map[string]bool
}

// Repo is a type described by its methods (see models.MethodRepo).
type Repo struct {
	Pkg     string   `json:"pkg"`
	Pos     string   `json:"pos"` // file:line:col, file relative to Root
	Test    bool     `json:"test,omitempty"`
	Params  []string `json:"params,omitempty"`
	Getters []string `json:"getters,omitempty"`
	Models  []string `json:"models"`
}

// Site is one package-level instantiation G[M].
type Site struct {
	Generic string `json:"generic"` // qualified name of G
	Pkg     string `json:"pkg"`
	Pos     string `json:"pos"` // file:line:col, file relative to Root
	Test    bool   `json:"test,omitempty"`
}

// Covering returns the first site that instantiates one of repoTypes with
// model. Sites in test files count only when tests are checked.
func (ix *Index) Covering(model rules.QName, repoTypes map[rules.QName]bool, tests bool) (Site, bool) {
	if ix == nil {
		return Site{}, false
	}
	ix = ix.about(model.Pkg)
	for _, s := range ix.Sites[model.String()] {
		if repoTypes[parseQName(s.Generic)] && (tests || !s.Test) {
			return s, true
		}
	}
	return Site{}, false
}

// CoveringByMethods returns the first type, by name, that isRepo accepts
// (by its methods' parameter names and result-returning method names)
// and whose methods take or return model. Types declared in test files
// count only when tests are checked.
func (ix *Index) CoveringByMethods(model rules.QName, isRepo func(params, getters []string) bool, tests bool) (string, *Repo, bool) {
	if ix == nil {
		return "", nil, false
	}
	ix = ix.about(model.Pkg)
	for _, name := range ix.ByModel[model.String()] {
		r := ix.Repos[name]
		if r != nil && (tests || !r.Test) && isRepo(r.Params, r.Getters) {
			return name, r, true
		}
	}
	return "", nil, false
}

// Reaches reports whether package from imports package to, directly or
// not, within the module.
func (ix *Index) Reaches(from, to string) bool {
	ix = ix.whole()
	seen := map[string]bool{}
	var walk func(p string) bool
	walk = func(p string) bool {
		if p == to {
			return true
		}
		if seen[p] {
			return false
		}
		seen[p] = true
		for _, q := range ix.Imports[p] {
			if walk(q) {
				return true
			}
		}
		return false
	}
	return walk(from)
}

// HasPackage reports whether path is a package of the module.
func (ix *Index) HasPackage(path string) bool {
	ix = ix.whole()
	_, ok := ix.Imports[path]
	return ok
}

// FromPackages builds an index from loaded packages (syntax and types).
func FromPackages(root string, tests bool, pkgs []*packages.Package) *Index {
	ix := &Index{Root: root, Tests: tests, Sites: map[string][]Site{}, Imports: map[string][]string{}, Names: map[string]string{}}
	seen := map[string]bool{}
	for _, p := range pkgs {
		if strings.HasSuffix(p.ID, ".test") || p.Types == nil {
			continue // the generated test main
		}
		ix.addImports(p)
		ix.Names[p.PkgPath] = p.Name
		if p.TypesInfo == nil {
			continue
		}
		ix.addSites(p, seen)
		for _, mr := range models.MethodRepos(p.Fset, p.Syntax, p.TypesInfo, tests) {
			ix.addRepo(mr, p.PkgPath, p.Fset.Position(mr.Pos))
		}
		ix.addTypeRefs(models.TypeRefs(p.PkgPath, p.Syntax, p.TypesInfo))
	}
	ix.finish()
	return ix
}

func (ix *Index) addImports(p *packages.Package) {
	var direct []string
	for _, q := range p.Imports {
		direct = append(direct, q.PkgPath)
	}
	ix.Imports[p.PkgPath] = union(ix.Imports[p.PkgPath], direct)
}

func (ix *Index) addSites(p *packages.Package, seen map[string]bool) {
	for _, in := range models.PackageLevelInstances(p.Syntax, p.TypesInfo) {
		pos := p.Fset.Position(in.Pos)
		s := Site{Generic: in.Generic.String(), Pkg: p.PkgPath, Pos: relPos(ix.Root, pos),
			Test: strings.HasSuffix(pos.Filename, "_test.go")}
		key := in.Model.String() + "|" + s.Generic + "|" + s.Pos
		if seen[key] {
			continue
		}
		seen[key] = true
		ix.Sites[in.Model.String()] = append(ix.Sites[in.Model.String()], s)
	}
}

// addRepo records a type described by its methods, merging what the
// variants of a package (with and without its test files) say about it.
func (ix *Index) addRepo(mr models.MethodRepo, pkg string, pos token.Position) {
	if ix.Repos == nil {
		ix.Repos = map[string]*Repo{}
	}
	name := mr.Type.String()
	r := ix.Repos[name]
	if r == nil {
		r = &Repo{Pkg: pkg, Pos: relPos(ix.Root, pos), Test: strings.HasSuffix(pos.Filename, "_test.go")}
		ix.Repos[name] = r
	}
	r.Params = union(r.Params, mr.Params)
	r.Getters = union(r.Getters, mr.Getters)
	models := make([]string, len(mr.Models))
	for i, m := range mr.Models {
		models[i] = m.String()
	}
	r.Models = union(r.Models, models)
}

// union returns the sorted union of two sorted lists without duplicates.
func union(a, b []string) []string {
	set := map[string]bool{}
	for _, s := range append(append([]string(nil), a...), b...) {
		set[s] = true
	}
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// finishRepos keeps the models of the module's own packages (a model is
// always one) and inverts Repos into ByModel.
func (ix *Index) finishRepos() {
	ix.ByModel = nil
	for name, r := range ix.Repos {
		kept := r.Models[:0]
		for _, m := range r.Models {
			if ix.HasPackage(parseQName(m).Pkg) {
				kept = append(kept, m)
			}
		}
		r.Models = kept
		if len(kept) == 0 {
			delete(ix.Repos, name)
			continue
		}
		if ix.ByModel == nil {
			ix.ByModel = map[string][]string{}
		}
		for _, m := range kept {
			ix.ByModel[m] = append(ix.ByModel[m], name)
		}
	}
	for _, names := range ix.ByModel {
		sort.Strings(names)
	}
	if len(ix.Repos) == 0 {
		ix.Repos = nil
	}
}

// addTypeRefs gathers one package's (or variant's) declared types and
// the types it refers to.
func (ix *Index) addTypeRefs(declared, referenced []string) {
	if ix.declared == nil {
		ix.declared, ix.referenced = map[string]bool{}, map[string]bool{}
	}
	for _, t := range declared {
		ix.declared[t] = true
	}
	for _, t := range referenced {
		ix.referenced[t] = true
	}
}

// finishRefs computes Unreferenced: the declared types that nothing
// refers to.
func (ix *Index) finishRefs() {
	ix.Unreferenced = nil
	for t := range ix.declared {
		if !ix.referenced[t] {
			if ix.Unreferenced == nil {
				ix.Unreferenced = map[string]bool{}
			}
			ix.Unreferenced[t] = true
		}
	}
	ix.declared, ix.referenced = nil, nil
}

// IsUnreferenced reports whether the index knows that nothing in the
// module refers to the type typ ("path.Name") outside its own
// declaration and methods; false when it does not know the type.
func (ix *Index) IsUnreferenced(typ string) bool {
	if ix == nil {
		return false
	}
	return ix.about(parseQName(typ).Pkg).Unreferenced[typ]
}

// finish sorts everything and computes the hash, so that equal module
// states give byte-identical indexes.
func (ix *Index) finish() {
	ix.finishRepos()
	ix.finishRefs()
	ix.countSQLPackages()
	for _, ss := range ix.Sites {
		sort.Slice(ss, func(i, j int) bool {
			if ss[i].Pos != ss[j].Pos {
				return ss[i].Pos < ss[j].Pos
			}
			return ss[i].Generic < ss[j].Generic
		})
	}
	ix.Hash = ""
	data, _ := json.Marshal(ix)
	sum := sha256.Sum256(data)
	ix.Hash = hex.EncodeToString(sum[:])
}

// countSQLPackages sets SQLPackages from the direct imports of the
// module's packages (a package and its external test package count
// apart: go vet runs a process for each).
func (ix *Index) countSQLPackages() {
	sql := map[string]bool{}
	for _, p := range config.SQLPresetPackages() {
		sql[p] = true
	}
	ix.SQLPackages = 0
	for _, imports := range ix.Imports {
		if slices.ContainsFunc(imports, func(p string) bool { return sql[p] }) {
			ix.SQLPackages++
		}
	}
}

// SQLPackageCount implements modfacts.Facts.
func (ix *Index) SQLPackageCount() int { return ix.SQLPackages }

// relPos renders a position as file:line:col with the file relative to
// root.
func relPos(root string, pos token.Position) string {
	rel, err := filepath.Rel(root, pos.Filename)
	if err != nil {
		rel = pos.Filename
	}
	return filepath.ToSlash(rel) + ":" + itoa(pos.Line) + ":" + itoa(pos.Column)
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

func parseQName(s string) rules.QName {
	i := strings.LastIndex(s, ".")
	return rules.QName{Pkg: s[:i], Name: s[i+1:]}
}

// RepoSite implements modfacts.Facts with Covering, then, when isRepo is
// set, CoveringByMethods.
func (ix *Index) RepoSite(model string, repoTypes func(string) bool, isRepo func(params, getters []string) bool, tests bool) (modfacts.Site, bool) {
	if ix == nil {
		return modfacts.Site{}, false
	}
	q := parseQName(model)
	ix = ix.about(q.Pkg)
	for _, s := range ix.Sites[model] {
		if repoTypes(s.Generic) && (tests || !s.Test) {
			return modfacts.Site{Type: s.Generic, Pkg: s.Pkg, Pos: s.Pos}, true
		}
	}
	if isRepo == nil {
		return modfacts.Site{}, false
	}
	if name, r, ok := ix.CoveringByMethods(q, isRepo, tests); ok {
		return modfacts.Site{Type: name, Pkg: r.Pkg, Pos: r.Pos}, true
	}
	return modfacts.Site{}, false
}

package initcfg

import (
	"fmt"
	"go/parser"
	"go/types"
	"slices"
	"sort"
	"strconv"

	"golang.org/x/tools/go/packages"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/golist"
	"github.com/tenantlint/tenantlint/internal/models"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// RepoCandidate is a generic type instantiated with tenant structs.
type RepoCandidate struct {
	Name         string       // qualified: example.com/app/store.Repo
	Models       []string     // tenant structs it is instantiated with (pkg.Name), sorted
	PackageLevel int          // how many of them at package level, where an instantiation covers its model
	Others       int          // other type arguments it is instantiated with
	Proposed     bool         // written uncommented
	Fix          *FixProposal // for the proposed one: what tenantfix would insert
	// NotRepo says why the type cannot be a repository ("a cache (Get and
	// Set on keys)", "a collection", "a container of ..."), or "".
	NotRepo string

	obj *types.TypeName
}

// FixProposal is a repository.fix for a repository type.
type FixProposal struct {
	Import      string
	Template    string
	Constructor string // the generic function the template calls, "" for a zero-value var
	// CheckedWith is the model the template was rendered for and
	// type-checked with (pkg.Name); Error what go/types said when it did
	// not compile: then the proposal writes no template.
	CheckedWith string
	Error       string
}

// repoCandidates lists the generic types (outside the standard library)
// whose first type argument is, somewhere in the module, a struct that
// carries a candidate field: the tenantrepo rule reads Repository[M] by
// its first argument. The one with the most such models is proposed;
// the others (a Page[T], an Option[T]) are listed commented out, since a
// type that is no repository would hide missing ones.
func repoCandidates(pkgs []*packages.Package, carriers map[*types.TypeName]bool, tenantModels map[rules.QName]bool) []*RepoCandidate {
	type tally struct {
		models       map[string]string // qualified → pkg.Name
		packageLevel map[string]bool   // qualified
		others       map[string]bool   // type arguments that are no tenant struct
	}
	byGeneric := map[string]*tally{} // by qualified name
	objs := map[string]*types.TypeName{}
	note := func(t types.Type) {
		for _, in := range instantiations(t) {
			if in.generic.Pkg() == nil || config.StdPackage(in.generic.Pkg().Path()) {
				continue
			}
			g := qualified(in.generic)
			objs[g] = in.generic
			tl := byGeneric[g]
			if tl == nil {
				tl = &tally{models: map[string]string{}, packageLevel: map[string]bool{}, others: map[string]bool{}}
				byGeneric[g] = tl
			}
			if _, param := in.arg.(*types.TypeParam); param {
				continue // G[M] inside generic code: says nothing about models
			}
			if m := modelOf(in.arg); m != nil && carriers[m] {
				tl.models[qualified(m)] = shortName(m)
			} else {
				tl.others[typeText(in.arg)] = true
			}
		}
	}
	for _, p := range pkgs {
		for _, tv := range p.TypesInfo.Types {
			note(tv.Type)
		}
		for _, obj := range p.TypesInfo.Defs {
			if v, ok := obj.(*types.Var); ok {
				note(v.Type())
			}
		}
	}
	for _, p := range pkgs {
		for _, in := range models.PackageLevelInstances(p.Syntax, p.TypesInfo) {
			if tl, ok := byGeneric[in.Generic.String()]; ok {
				tl.packageLevel[in.Model.String()] = true
			}
		}
	}
	var out []*RepoCandidate
	for g, tl := range byGeneric {
		if len(tl.models) == 0 {
			continue
		}
		c := &RepoCandidate{Name: g, Others: len(tl.others), obj: objs[g], NotRepo: cacheKind(objs[g])}
		for q, short := range tl.models {
			c.Models = append(c.Models, short)
			if tl.packageLevel[q] {
				c.PackageLevel++
			}
		}
		sort.Strings(c.Models)
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if (a.NotRepo == "") != (b.NotRepo == "") {
			return a.NotRepo == ""
		}
		if len(a.Models) != len(b.Models) {
			return len(a.Models) > len(b.Models)
		}
		if a.PackageLevel != b.PackageLevel {
			return a.PackageLevel > b.PackageLevel
		}
		return a.Name < b.Name
	})
	// Only a repository that some model has at package level covers
	// anything; a cache, a collection or a container of models is none.
	if len(out) > 0 && out[0].NotRepo == "" && out[0].PackageLevel > 0 {
		out[0].Proposed = true
		out[0].Fix = fixFor(out[0].obj)
		checkFix(out[0].Fix, pickModel(pkgs, out[0], tenantModels), pkgs)
	}
	return out
}

// pickModel chooses the model to render the fix template for: a
// tenant-scoped model instantiated with the repository, declared outside
// the repository's package (where the template's qualifier is needed), or
// any of them.
func pickModel(pkgs []*packages.Package, c *RepoCandidate, tenantModels map[rules.QName]bool) *types.TypeName {
	var best *types.TypeName
	bestScore := -1
	for _, p := range pkgs {
		scope := p.Types.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || !slices.Contains(c.Models, shortName(tn)) {
				continue
			}
			score := 0
			if q, _ := rules.ObjName(tn); tenantModels[q] {
				score += 2
			}
			if p.PkgPath != c.obj.Pkg().Path() {
				score++
			}
			if score > bestScore {
				best, bestScore = tn, score
			}
		}
	}
	return best
}

// checkFix renders fix's template for model m and type-checks the result
// in m's package, as tenantfix would insert it, with the package's own
// files and imports and the fix's import: a template that does not
// compile (a generic type with two type parameters, a constructor with
// other arguments) is no proposal. It sets fix.Error when it does not.
func checkFix(fix *FixProposal, m *types.TypeName, pkgs []*packages.Package) {
	if m == nil {
		fix.Error = "no model to render it for"
		return
	}
	var p *packages.Package
	byPath := map[string]*types.Package{}
	for _, q := range pkgs {
		byPath[q.PkgPath] = q.Types
		if q.Types == m.Pkg() {
			p = q
		}
	}
	fix.CheckedWith = shortName(m)
	if p == nil {
		fix.Error = "the model's package was not loaded"
		return
	}
	cfg, err := config.Parse(config.FileName, []byte("version: 1\nrepository:\n  fix:\n    import: "+scalar(fix.Import)+"\n    template: "+singleQuoted(fix.Template)+"\n"))
	if err != nil {
		fix.Error = err.Error()
		return
	}
	table, ok := models.TableName(m, p.Syntax, p.TypesInfo)
	if !ok {
		table = models.SnakePlural(m.Name())
	}
	decl, err := cfg.Repository.Fix.Render(config.FixData{Model: m.Name(), Package: p.Name, Table: table})
	if err != nil {
		fix.Error = err.Error()
		return
	}
	src := "package " + p.Name + "\n\n"
	if fix.Import != p.PkgPath {
		src += "import " + strconv.Quote(fix.Import) + "\n\n"
	}
	src += decl + "\n"
	const name = "tenantlint_init_fix_check.go"
	file, err := parser.ParseFile(p.Fset, name, src, 0)
	if err != nil {
		fix.Error = oneLine(err.Error())
		return
	}
	for _, imp := range p.Types.Imports() {
		byPath[imp.Path()] = imp
	}
	var first string
	conf := &types.Config{
		Importer: golist.ImporterFunc(func(path string) (*types.Package, error) {
			if t, ok := byPath[path]; ok && t != nil {
				return t, nil
			}
			return nil, fmt.Errorf("%s is not imported by the module", path)
		}),
		Sizes:       p.TypesSizes,
		FakeImportC: true,
		Error: func(err error) {
			if te, ok := err.(types.Error); ok && first == "" && te.Fset.Position(te.Pos).Filename == name {
				first = te.Msg
			}
		},
	}
	_, _ = conf.Check(p.PkgPath, p.Fset, append(slices.Clip(p.Syntax), file), nil)
	if first != "" {
		fix.Error = fmt.Sprintf("%s: %s", decl, first)
	}
}

// fixFor proposes the declaration that tenantfix inserts for a model that
// g does not cover: a call of a generic constructor of g in g's package,
// taking the table name (NewRepo[M](table string) *Repo[M]) or nothing,
// else a zero-value var of type g[M].
func fixFor(g *types.TypeName) *FixProposal {
	pkg := g.Pkg()
	fix := &FixProposal{
		Import:   pkg.Path(),
		Template: fmt.Sprintf("var {{.Model}}Repo %s.%s[{{.Model}}]", pkg.Name(), g.Name()),
	}
	var best *types.Func
	bestTakesTable := false
	for _, name := range pkg.Scope().Names() {
		fn, ok := pkg.Scope().Lookup(name).(*types.Func)
		if !ok || !fn.Exported() {
			continue
		}
		takesTable, ok := constructs(fn, g)
		if !ok {
			continue
		}
		if best == nil || (takesTable && !bestTakesTable) {
			best, bestTakesTable = fn, takesTable
		}
	}
	if best == nil {
		return fix
	}
	args := ""
	if bestTakesTable {
		args = `{{printf "%q" .Table}}`
	}
	fix.Constructor = pkg.Name() + "." + best.Name()
	fix.Template = fmt.Sprintf("var {{.Model}}Repo = %s[{{.Model}}](%s)", fix.Constructor, args)
	return fix
}

// constructs reports whether fn is func[M any]() G[M] or *G[M], or the
// same with one string parameter (then takesTable).
func constructs(fn *types.Func, g *types.TypeName) (takesTable, ok bool) {
	sig := fn.Type().(*types.Signature)
	if sig.Recv() != nil || sig.TypeParams().Len() != 1 || sig.Results().Len() != 1 || sig.Variadic() {
		return false, false
	}
	res := sig.Results().At(0).Type()
	if p, isPtr := res.(*types.Pointer); isPtr {
		res = p.Elem()
	}
	n, isNamed := res.(*types.Named)
	if !isNamed || n.Origin().Obj() != g || n.TypeArgs().Len() != 1 || n.TypeArgs().At(0) != sig.TypeParams().At(0) {
		return false, false
	}
	switch sig.Params().Len() {
	case 0:
		return false, true
	case 1:
		b, isBasic := sig.Params().At(0).Type().(*types.Basic)
		return true, isBasic && b.Kind() == types.String
	}
	return false, false
}

// instantiation is G[A, ...] seen in some type: the generic G and its
// first type argument A.
type instantiation struct {
	generic *types.TypeName
	arg     types.Type
}

// instantiations finds the generic instances in t, through pointers,
// slices, arrays, maps and channels (a []*Repo[User] still names Repo).
func instantiations(t types.Type) []instantiation {
	var out []instantiation
	for depth := 0; t != nil && depth < 8; depth++ {
		switch x := t.(type) {
		case *types.Alias:
			if x.TypeArgs().Len() > 0 {
				out = append(out, instantiation{x.Origin().Obj(), x.TypeArgs().At(0)})
			}
			t = x.Rhs()
		case *types.Named:
			if x.TypeArgs().Len() > 0 {
				out = append(out, instantiation{x.Origin().Obj(), x.TypeArgs().At(0)})
			}
			return out
		case *types.Pointer:
			t = x.Elem()
		case *types.Slice:
			t = x.Elem()
		case *types.Array:
			t = x.Elem()
		case *types.Chan:
			t = x.Elem()
		case *types.Map:
			t = x.Elem()
		default:
			return out
		}
	}
	return out
}

// modelOf returns the defined type of a type argument M, or nil for *M,
// []M, a type parameter: Repository[*M] does not cover M.
func modelOf(t types.Type) *types.TypeName {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return nil
	}
	return n.Origin().Obj()
}

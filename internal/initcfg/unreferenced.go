package initcfg

import (
	"go/ast"
	"go/token"
	"sort"

	"golang.org/x/tools/go/packages"

	"github.com/tenantlint/tenantlint/internal/models"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// unreferencedModels lists the tenant models (pkg.Name, sorted) that
// nothing in the scanned packages refers to outside their own
// declaration and methods: what models.unreferenced: skip leaves out;
// generated lists those of them declared in generated files. It asks
// models.TypeRefs, the scan the module index records for the analyzer,
// so that init and tenantrepo agree on every model. Test files are not
// scanned, as tenantlint leaves them out by default (ignore.tests).
func unreferencedModels(pkgs []*packages.Package, tenantModels map[rules.QName]bool) (all, generated []string) {
	referenced := map[string]bool{}
	inGenerated := map[rules.QName]bool{}
	for _, p := range pkgs {
		_, refs := models.TypeRefs(p.PkgPath, p.Syntax, p.TypesInfo)
		for _, q := range refs {
			referenced[q] = true
		}
		for _, f := range p.Syntax {
			if !ast.IsGenerated(f) {
				continue
			}
			for _, d := range f.Decls {
				if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.TYPE {
					for _, s := range gd.Specs {
						inGenerated[rules.QName{Pkg: p.PkgPath, Name: s.(*ast.TypeSpec).Name.Name}] = true
					}
				}
			}
		}
	}
	for m := range tenantModels {
		if referenced[m.Pkg+"."+m.Name] {
			continue
		}
		all = append(all, m.Short())
		if inGenerated[m] {
			generated = append(generated, m.Short())
		}
	}
	sort.Strings(all)
	sort.Strings(generated)
	return all, generated
}

// renderUnreferenced writes models.unreferenced: skip when some models
// that nothing refers to are generated (table structs that no query
// returns, the README's case), and commented out otherwise: a
// hand-written model that nothing uses yet is one a migration wants
// covered before it is used, which report (the default) keeps asking.
func renderUnreferenced(w *yamlWriter, f *Findings) {
	switch {
	case f.Models == 0:
		w.comment(2, "unreferenced: skip   # not proposed: no tenant-scoped model found")
		return
	case len(f.Unreferenced) == 0:
		w.comment(2, "unreferenced: skip   # not proposed: every tenant-scoped model (%d) is referred to outside its declaration", f.Models)
		return
	}
	w.comment(2, "%d of %d tenant-scoped models are referred to by nothing outside their", len(f.Unreferenced), f.Models)
	w.comment(2, "declaration and methods: %s.", examples(f.Unreferenced, 3))
	if len(f.UnreferencedGenerated) == 0 {
		w.comment(2, "unreferenced: skip   # not proposed: none is in a generated file; report (the default)")
		w.comment(2, "  keeps a hand-written model reported until a repository covers it.")
		return
	}
	w.comment(2, "%d of them in generated files (%s): such a model cannot leak,", len(f.UnreferencedGenerated), examples(f.UnreferencedGenerated, 3))
	w.comment(2, "and skip makes it no finding.")
	w.line(2, "unreferenced: skip")
}

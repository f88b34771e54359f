package tenantrepo

import (
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/tenantlint/tenantlint/internal/check"
	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/edit"
	"github.com/tenantlint/tenantlint/internal/lint"
	"github.com/tenantlint/tenantlint/internal/models"
	"github.com/tenantlint/tenantlint/internal/rules"
	"github.com/tenantlint/tenantlint/internal/sqlscope"
)

// Analyzer finds configuration files by walking up from each package.
var Analyzer = New(lint.NewEnv())

// New returns a tenantrepo analyzer that uses env's configuration loader
// and module index (shared with tenantcache in one process).
func New(env *lint.Env) *analysis.Analyzer {
	return lint.NewAnalyzer(env, Name, Doc, run)
}

func run(p *lint.Pass, stats *Stats) error {
	if !p.Rules.HasModelRules() {
		return nil
	}
	local := coveredLocally(p)
	queries := &sqlcFiles{}
	for _, m := range models.Find(p.Rules, p.Files, p.TypesInfo) {
		rec, err := checkModel(p, m, local, queries, stats)
		if err != nil {
			return err
		}
		stats.Types = append(stats.Types, rec)
	}
	return nil
}

// checkModel reports the model when no repository covers it, counts it,
// and returns what the inventory records about it.
func checkModel(p *lint.Pass, m *models.Model, local map[rules.QName]*RepoSite, queries *sqlcFiles, stats *Stats) (TypeRecord, error) {
	rec := TypeRecord{Package: p.Pkg.Path(), Name: m.Name.Name, Pos: p.Position(m.Spec.Name.Pos()),
		Reason: m.Reason, Global: m.Global}
	stats.Models++
	if m.Global {
		stats.Global++
		return rec, nil
	}
	if table, ok := leftToSQL(p, m, queries); ok {
		stats.LeftToSQL++
		rec.SQLTable = table
		return rec, nil
	}
	site, err := covering(p, m, local)
	if err != nil {
		return rec, err
	}
	if site != nil {
		stats.Covered++
		rec.Repo = site
		return rec, nil
	}
	if unref, err := unreferenced(p, m); err != nil || unref {
		if unref {
			stats.Unreferenced++
			rec.Unreferenced = true
		}
		return rec, err
	}
	d, created := diagnostic(p, m)
	if !p.Report(d) {
		stats.SuppressedModels++
		rec.Suppressed, rec.SuppressReason = true, p.SuppressionReason(d.Pos)
	} else if created != nil {
		stats.Creates = append(stats.Creates, *created)
	}
	return rec, nil
}

// sqlCheck is tenantsql's name (a test keeps them equal): this package
// does not import the check, whose parser it does not need.
const sqlCheck = "tenantsql"

// leftToSQL reports whether m is a model that sqlc generated for a table
// and tenantsql runs: then its queries, sqlc's query constants, are what
// reads and writes its rows, and tenantsql reports each one that does
// not constrain the table, precisely, at the query. Covering the model by
// repository.methods (a method of *Queries that takes a tenant
// parameter covers every struct its methods return, whether or not
// their queries filter) would say nothing about them, and reporting it
// as well would be a second finding for one problem. So tenantrepo
// leaves such a model to tenantsql and records its table for the
// inventory (which counts it covered when every query on its table is
// constrained). Without tenantsql, or when it is not known to run (an
// analyzer built outside the registry), nothing changes.
//
// A model sqlc generated is a struct of a file that sqlc generated
// (sqlscope.SQLCGenerated) and that declares none of sqlc's query
// constants (its models.go: the Row and Params structs of the query
// files are not tables), in a package that declares some.
func leftToSQL(p *lint.Pass, m *models.Model, queries *sqlcFiles) (string, bool) {
	if !p.Runs(sqlCheck) || !sqlscope.SQLCGenerated(m.File) || queries.in(p, m.File) || !queries.any(p) {
		return "", false
	}
	table, _ := sqlscope.ModelTable(p.Rules, m, p.Files, p.TypesInfo)
	return table, true
}

// coveredLocally maps the models that this package's own checked files
// cover to what covers them: their first instantiation with a repository
// type, else the first type (in source order) that repository.methods
// makes a repository and whose methods take or return them.
func coveredLocally(p *lint.Pass) map[rules.QName]*RepoSite {
	out := map[rules.QName]*RepoSite{}
	for _, in := range models.PackageLevelInstances(p.Files, p.TypesInfo) {
		if _, seen := out[in.Model]; !seen && p.Rules.RepoTypes[in.Generic] {
			out[in.Model] = &RepoSite{Type: in.Generic.Short(), Package: p.Pkg.Path(), Pos: p.Position(in.Pos)}
		}
	}
	if !p.Rules.HasMethodRules() {
		return out
	}
	for _, mr := range models.MethodRepos(p.Fset, p.Files, p.TypesInfo, !p.Rules.Config.TestsIgnored()) {
		if !p.Rules.IsMethodRepo(mr.Params, mr.Getters) {
			continue
		}
		for _, m := range mr.Models {
			if _, seen := out[m]; !seen {
				out[m] = &RepoSite{Type: mr.Type.Short(), Package: p.Pkg.Path(), Pos: p.Position(mr.Pos)}
			}
		}
	}
	return out
}

// covering returns the repository that covers m, or nil: a repository
// type's instantiation or, with repository.methods, a type recognised by
// its methods (its declaration is the site).
func covering(p *lint.Pass, m *models.Model, local map[rules.QName]*RepoSite) (*RepoSite, error) {
	if site, ok := local[m.Name]; ok {
		return site, nil
	}
	if p.Rules.Config.ScopeValue() != config.ScopeModule {
		return nil, nil
	}
	mod, err := p.Module()
	if err != nil {
		return nil, err
	}
	var isRepo func(params, getters []string) bool
	if p.Rules.HasMethodRules() {
		isRepo = p.Rules.IsMethodRepo
	}
	isRepoType := func(generic string) bool { return p.Rules.RepoTypes[qnameOf(generic)] }
	if s, ok := mod.RepoSite(m.Name.String(), isRepoType, isRepo, !p.Rules.Config.TestsIgnored()); ok {
		return &RepoSite{Type: shortName(s.Type), Package: s.Pkg, Pos: sitePosition(p.Root, s.Pos)}, nil
	}
	return nil, nil
}

// unreferenced reports whether m is a model that models.unreferenced:
// skip leaves out: nothing in the module refers to it outside its own
// declaration and methods. The module index answers, for every package
// alike, so that the standalone driver and go vet agree; without an index
// (a hermetic run) nothing is known, and the model is reported.
func unreferenced(p *lint.Pass, m *models.Model) (bool, error) {
	if !p.Rules.Config.Models.SkipUnreferenced() {
		return false, nil
	}
	mod, err := p.Module()
	if err != nil {
		return false, err
	}
	return mod.IsUnreferenced(m.Name.String()), nil
}

// shortName turns a qualified name "path/pkg.Name" into "pkg.Name".
func shortName(qualified string) string {
	if !strings.Contains(qualified, ".") {
		return qualified
	}
	return qnameOf(qualified).Short()
}

// qnameOf splits a qualified name "path/pkg.Name" that has a ".".
func qnameOf(qualified string) rules.QName {
	i := strings.LastIndex(qualified, ".")
	return rules.QName{Pkg: qualified[:i], Name: qualified[i+1:]}
}

// sitePosition reads an index site's "file:line:col" (file relative to
// the module root) back into a position with an absolute file name.
func sitePosition(root, pos string) token.Position {
	var out token.Position
	rest := pos
	if i := strings.LastIndex(rest, ":"); i >= 0 {
		out.Column, _ = strconv.Atoi(rest[i+1:])
		rest = rest[:i]
	}
	if i := strings.LastIndex(rest, ":"); i >= 0 {
		out.Line, _ = strconv.Atoi(rest[i+1:])
		rest = rest[:i]
	}
	out.Filename = filepath.FromSlash(rest)
	if !filepath.IsAbs(out.Filename) { // absolute when it was outside the root
		out.Filename = filepath.Join(root, out.Filename)
	}
	return out
}

func diagnostic(p *lint.Pass, m *models.Model) (analysis.Diagnostic, *check.NewDecl) {
	d := analysis.Diagnostic{Pos: m.Spec.Name.Pos(), End: m.Spec.Name.End()}
	fix, decl, why := suggestFix(p, m)
	var created *check.NewDecl
	if fix == nil && why == "" && decl != "" {
		// A model in a package made only of generated files: no file
		// can take the declaration, so tenantfix creates one.
		created, why = newFileDecl(p, m)
	}
	suggestion := "declare a package-level " + repoExample(p, m)
	if decl != "" {
		suggestion = "declare one at package level, e.g. " + decl
	}
	d.Message = fmt.Sprintf("%s is tenant-scoped (%s) but has no tenant-aware repository; %s", m.Name.Name, m.Reason, suggestion)
	switch {
	case fix != nil:
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	case created != nil:
		d.Message += " (tenantfix declares it in a new file " + created.File + ")"
	case why != "":
		d.Message += " (manual fix: " + why + ")"
	}
	return d, created
}

// NewFileName is the non-generated file that holds the repositories of
// models declared in generated files, when the package has no other file.
const NewFileName = "tenant_repositories.go"

// newFileDecl prepares the declaration of a repository in a new file of
// the model's package; the new file imports nothing yet, so the
// repository package gets its own name unless the package declares it.
func newFileDecl(p *lint.Pass, m *models.Model) (*check.NewDecl, string) {
	rendered, err := render(p, m)
	if err != nil {
		return nil, err.Error()
	}
	nd := &check.NewDecl{Dir: p.Dir, Package: p.Pkg.Name(), File: NewFileName, Pos: p.Fset.Position(m.Spec.Name.Pos())}
	if strings.HasSuffix(nd.Pos.Filename, "_test.go") {
		nd.File = strings.TrimSuffix(NewFileName, ".go") + "_test.go"
	}
	d, why := qualify(p, rendered, func(path, want string) (string, []analysis.TextEdit) {
		name := want
		for i := 2; p.PackageDeclares(name); i++ {
			name = want + fmt.Sprint(i)
		}
		nd.ImportPath, nd.ImportName = path, name
		return name, nil
	})
	if why != "" {
		return nil, why
	}
	nd.Decl = d.text
	return nd, ""
}

// render executes repository.fix for the model; .Table is the constant
// its TableName() method returns, else its snake_case plural name.
func render(p *lint.Pass, m *models.Model) (string, error) {
	table, ok := models.TableName(m.Obj, p.Files, p.TypesInfo)
	if !ok {
		table = models.SnakePlural(m.Name.Name)
	}
	rendered, err := p.Rules.Config.Repository.Fix.Render(config.FixData{Model: m.Name.Name, Package: p.Pkg.Name(), Table: table})
	if err != nil {
		return "", fmt.Errorf("repository.fix.template: %w", err)
	}
	return rendered, nil
}

// declaration is a rendered repository.fix, qualified for its file.
type declaration struct {
	text        string
	importEdits []analysis.TextEdit
}

// qualify rewrites the rendered declaration's references to the
// repository package: none inside that package, else the name that
// importAs gives (with the edits that import it), refusing an import
// cycle and a declaration that would redeclare a name of the package.
func qualify(p *lint.Pass, rendered string, importAs func(path, want string) (string, []analysis.TextEdit)) (declaration, string) {
	const invalid = "repository.fix.template renders invalid Go: "
	importPath := p.Rules.Config.Repository.Fix.Import.Value
	pkgName := p.PackageName(importPath)
	_, refers, err := requalify(rendered, pkgName, pkgName)
	if err != nil {
		return declaration{}, invalid + err.Error()
	}
	qual := pkgName
	var d declaration
	switch {
	case importPath == "" || !refers:
		// Nothing to import.
	case importPath == p.Pkg.Path():
		qual = "" // inside the repository package: no qualifier
	default:
		if chain, cycle := p.ImportCycle(importPath); cycle {
			return declaration{}, "importing " + importPath + " would make an import cycle: " + chain
		}
		qual, d.importEdits = importAs(importPath, pkgName)
	}
	if d.text, _, err = requalify(rendered, pkgName, qual); err != nil {
		return declaration{}, invalid + err.Error()
	}
	if clash := declaredNames(d.text, p.Pkg.Scope()); clash != "" {
		return declaration{}, "the declaration would redeclare " + clash
	}
	return d, ""
}

func repoExample(p *lint.Pass, m *models.Model) string {
	names := make([]string, 0, len(p.Rules.RepoTypes))
	for q := range p.Rules.RepoTypes {
		names = append(names, q.Short())
	}
	sort.Strings(names)
	if len(names) == 0 && p.Rules.HasMethodRules() {
		return "repository for it, or take or return it in the methods of " + methodRepoExample(p.Rules)
	}
	if len(names) == 0 {
		return "repository for it"
	}
	return "var of type " + names[0] + "[" + m.Name.Name + "]"
}

// methodRepoExample describes a repository by repository.methods: "a
// type with a method that has a parameter orgID (or orgId) or a method
// NetworkID".
func methodRepoExample(r *rules.Rules) string {
	var alts []string
	if params := slices.Sorted(maps.Keys(r.TenantParams)); len(params) > 0 {
		alt := "a method that has a parameter " + params[0]
		if len(params) > 1 {
			alt += " (or " + strings.Join(params[1:], ", ") + ")"
		}
		alts = append(alts, alt)
	}
	if methods := slices.Sorted(maps.Keys(r.TenantMethods)); len(methods) > 0 {
		alts = append(alts, "a method "+strings.Join(methods, " or "))
	}
	return "a type with " + strings.Join(alts, " or ")
}

// suggestFix renders repository.fix for the model. It returns the fix, or
// the rendered declaration and why it cannot be applied automatically
// (no why and no fix: no file can take it; see newFileDecl).
func suggestFix(p *lint.Pass, m *models.Model) (*analysis.SuggestedFix, string, string) {
	if p.Rules.Config.Repository.Fix == nil {
		return nil, "", ""
	}
	rendered, err := render(p, m)
	if err != nil {
		return nil, "", err.Error()
	}
	example := oneLine(rendered)
	if named, ok := m.Obj.Type().(*types.Named); ok && named.TypeParams().Len() > 0 {
		return nil, example, "the model is generic; declare a repository for each instantiation"
	}
	target := targetFile(p, m)
	if target == nil {
		return nil, example, ""
	}
	ef, err := p.EditFile(target)
	if err != nil {
		return nil, example, err.Error()
	}
	d, why := qualify(p, rendered, ef.ImportName)
	if why != "" {
		return nil, example, why
	}
	declEdit := ef.AppendDecl(d.text)
	if target == m.File {
		declEdit = ef.InsertAfterDecl(m.Decl, d.text)
	}
	edits := append(d.importEdits, declEdit)
	edit.SortEdits(edits)
	return &analysis.SuggestedFix{
		Message:   "declare a tenant-aware repository for " + m.Name.Name,
		TextEdits: edits,
	}, oneLine(d.text), ""
}

// oneLine renders a declaration for a one-line message: comment lines
// dropped, the other lines joined.
func oneLine(decl string) string {
	var parts []string
	for _, l := range strings.Split(decl, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "//") {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, " ")
}

// targetFile is the model's own file, or for a model in a file it cannot
// edit (generated, or cgo's translation of a file that imports "C")
// the first other file it can edit, by name: a _test.go file
// for a model in a _test.go file (which only the test build declares),
// else a file that is not a _test.go file.
func targetFile(p *lint.Pass, m *models.Model) *ast.File {
	if p.CanEdit(m.File) {
		return m.File
	}
	isTest := func(f *ast.File) bool { return strings.HasSuffix(p.Fset.File(f.FileStart).Name(), "_test.go") }
	var candidates []*ast.File
	for _, f := range p.Files {
		if p.CanEdit(f) && isTest(f) == isTest(m.File) {
			candidates = append(candidates, f)
		}
	}
	sort.Slice(candidates, func(i, j int) bool {
		return filepath.Base(p.Fset.File(candidates[i].FileStart).Name()) < filepath.Base(p.Fset.File(candidates[j].FileStart).Name())
	})
	if len(candidates) == 0 {
		return nil
	}
	for _, f := range candidates {
		if base := filepath.Base(p.Fset.File(f.FileStart).Name()); strings.HasPrefix(base, strings.TrimSuffix(NewFileName, ".go")) {
			return f // extend the file an earlier run created
		}
	}
	return candidates[0]
}

// requalify rewrites the template's references to the repository package
// (written with its own name, pkgName) to qual, the name the file uses,
// or drops the qualifier when qual is "" (inside that package), and
// formats the result. It also says whether there were such references.
func requalify(rendered, pkgName, qual string) (string, bool, error) {
	const head = "package p\n\n"
	src := head + rendered
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.ParseComments)
	if err != nil {
		return "", false, err
	}
	type repl struct{ start, end int }
	var repls []repl
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if id, ok := sel.X.(*ast.Ident); ok && id.Name == pkgName && id.Obj == nil {
			end := fset.Position(id.End()).Offset
			if qual == "" {
				end = fset.Position(sel.Sel.Pos()).Offset
			}
			repls = append(repls, repl{fset.Position(id.Pos()).Offset, end})
		}
		return true
	})
	if qual != pkgName {
		for i := len(repls) - 1; i >= 0; i-- {
			src = src[:repls[i].start] + qual + src[repls[i].end:]
		}
	}
	out, err := format.Source([]byte(src))
	if err != nil {
		return "", false, err
	}
	return strings.TrimSpace(strings.TrimPrefix(string(out), head)), len(repls) > 0, nil
}

// declaredNames returns a name that the declaration would declare and
// that the package already has, or "".
func declaredNames(text string, scope *types.Scope) string {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n\n"+text, 0)
	if err != nil {
		return ""
	}
	for name := range f.Scope.Objects {
		if scope.Lookup(name) != nil {
			return name
		}
	}
	return ""
}

// sqlcFiles tells which of a package's checked files declare sqlc's
// query constants, looked for once per package: leftToSQL asks for
// each model of a sqlc-generated file.
type sqlcFiles struct {
	has  map[*ast.File]bool
	some bool
}

func (s *sqlcFiles) find(p *lint.Pass) {
	if s.has != nil {
		return
	}
	s.has = map[*ast.File]bool{}
	for _, f := range p.Files {
		s.has[f] = sqlscope.HasSQLCQuery(p.TypesInfo, []*ast.File{f})
		s.some = s.some || s.has[f]
	}
}

// in reports whether f declares sqlc's query constants.
func (s *sqlcFiles) in(p *lint.Pass, f *ast.File) bool {
	s.find(p)
	if has, ok := s.has[f]; ok {
		return has
	}
	return sqlscope.HasSQLCQuery(p.TypesInfo, []*ast.File{f}) // not a checked file
}

// any reports whether the package's checked files declare some.
func (s *sqlcFiles) any(p *lint.Pass) bool {
	s.find(p)
	return s.some
}

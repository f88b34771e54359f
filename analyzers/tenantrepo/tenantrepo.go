package tenantrepo

import (
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/edit"
	"github.com/tenantlint/tenantlint/internal/lint"
	"github.com/tenantlint/tenantlint/internal/tenancy"
)

const doc = "report tenant-scoped structs that have no tenant-aware repository"

// Analyzer finds configuration files by walking up from each package.
var Analyzer = New(lint.NewEnv())

// New returns a tenantrepo analyzer that uses env's configuration loader
// and module index (shared with tenantcache in one process).
func New(env *lint.Env) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:       config.CheckRepo,
		Doc:        doc,
		URL:        "https://github.com/tenantlint/tenantlint#tenantrepo",
		Run:        func(pass *analysis.Pass) (any, error) { return run(env, pass) },
		ResultType: reflect.TypeOf((*lint.Stats)(nil)),
	}
	env.ConfigFlag(&a.Flags)
	return a
}

func run(env *lint.Env, pass *analysis.Pass) (any, error) {
	stats := new(lint.Stats)
	p, err := env.Start(pass, config.CheckRepo)
	if p == nil {
		return stats, err
	}
	defer p.Finish()
	if !p.Rules.HasModelRules() {
		return stats, nil
	}
	local := coveredLocally(p)
	for _, m := range p.Rules.Models(p.Files, pass.TypesInfo) {
		stats.Models++
		if m.Global {
			stats.Global++
			continue
		}
		covered, err := isCovered(p, m, local)
		if err != nil {
			return nil, err
		}
		if covered {
			stats.Covered++
			continue
		}
		if !p.Report(diagnostic(p, m)) {
			stats.SuppressedModels++
		}
	}
	return stats, nil
}

// coveredLocally lists the models instantiated with a repository type in
// this package's own checked files.
func coveredLocally(p *lint.Pass) map[tenancy.QName]bool {
	out := map[tenancy.QName]bool{}
	for _, in := range tenancy.PackageLevelInstances(p.Files, p.TypesInfo) {
		if p.Rules.RepoTypes[in.Generic] {
			out[in.Model] = true
		}
	}
	return out
}

func isCovered(p *lint.Pass, m *tenancy.Model, local map[tenancy.QName]bool) (bool, error) {
	if local[m.Name] {
		return true, nil
	}
	if p.Rules.Config.ScopeValue() != config.ScopeModule {
		return false, nil
	}
	ix, err := p.Index()
	if err != nil {
		return false, err
	}
	_, ok := ix.Covering(m.Name, p.Rules.RepoTypes, !p.Rules.Config.TestsIgnored())
	return ok, nil
}

func diagnostic(p *lint.Pass, m *tenancy.Model) analysis.Diagnostic {
	d := analysis.Diagnostic{Pos: m.Spec.Name.Pos(), End: m.Spec.Name.End()}
	fix, decl, why := suggestFix(p, m)
	suggestion := "declare a package-level " + repoExample(p, m)
	if decl != "" {
		suggestion = "declare one at package level, e.g. " + decl
	}
	d.Message = fmt.Sprintf("%s is tenant-scoped (%s) but has no tenant-aware repository; %s", m.Name.Name, m.Reason, suggestion)
	if fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	} else if why != "" {
		d.Message += " (manual fix: " + why + ")"
	}
	return d
}

func repoExample(p *lint.Pass, m *tenancy.Model) string {
	names := make([]string, 0, len(p.Rules.RepoTypes))
	for q := range p.Rules.RepoTypes {
		names = append(names, q.Short())
	}
	sort.Strings(names)
	if len(names) == 0 {
		return "repository for it"
	}
	return "var of type " + names[0] + "[" + m.Name.Name + "]"
}

// suggestFix renders repository.fix for the model. It returns the fix, or
// the rendered declaration and why it cannot be applied automatically.
func suggestFix(p *lint.Pass, m *tenancy.Model) (*analysis.SuggestedFix, string, string) {
	fixCfg := p.Rules.Config.Repository.Fix
	if fixCfg == nil {
		return nil, "", ""
	}
	table, ok := tenancy.TableName(m.Obj, p.Files, p.TypesInfo)
	if !ok {
		table = tenancy.SnakePlural(m.Name.Name)
	}
	rendered, err := fixCfg.Render(config.FixData{Model: m.Name.Name, Package: p.Pkg.Name(), Table: table})
	if err != nil {
		return nil, "", "repository.fix.template: " + err.Error()
	}
	example := strings.TrimSpace(rendered)
	if named, ok := m.Obj.Type().(*types.Named); ok && named.TypeParams().Len() > 0 {
		return nil, example, "the model is generic; declare a repository for each instantiation"
	}
	target := targetFile(p, m)
	if target == nil {
		return nil, example, "the model is in a generated file and the package has no other file for the declaration; tenantfix creates one"
	}
	ef, err := p.EditFile(target)
	if err != nil {
		return nil, example, err.Error()
	}
	importPath := fixCfg.Import.Value
	qual := ""
	var importEdits []analysis.TextEdit
	if importPath != "" && importPath != p.Pkg.Path() {
		if chain, cycle := p.ImportCycle(importPath); cycle {
			return nil, example, "importing " + importPath + " would make an import cycle: " + chain
		}
		qual, importEdits = ef.ImportName(importPath, p.PackageName(importPath))
	}
	text, err := requalify(rendered, p.PackageName(importPath), qual, importPath != "")
	if err != nil {
		return nil, example, "repository.fix.template renders invalid Go: " + err.Error()
	}
	if clash := declaredNames(text, p.Pkg.Scope()); clash != "" {
		return nil, example, "the declaration would redeclare " + clash
	}
	var declEdit analysis.TextEdit
	if target == m.File {
		declEdit = ef.InsertAfterDecl(m.Decl, text)
	} else {
		declEdit = ef.AppendDecl(text)
	}
	edits := append(importEdits, declEdit)
	edit.SortEdits(edits)
	return &analysis.SuggestedFix{
		Message:   "declare a tenant-aware repository for " + m.Name.Name,
		TextEdits: edits,
	}, strings.TrimSpace(text), ""
}

// targetFile is the model's own file, or for a model in a generated file
// the first non-generated file of the package.
func targetFile(p *lint.Pass, m *tenancy.Model) *ast.File {
	if !lint.IsGenerated(m.File) {
		return m.File
	}
	var candidates []*ast.File
	for _, f := range p.Files {
		name := p.Fset.File(f.FileStart).Name()
		if !lint.IsGenerated(f) && !strings.HasSuffix(name, "_test.go") {
			candidates = append(candidates, f)
		}
	}
	sort.Slice(candidates, func(i, j int) bool {
		return filepath.Base(p.Fset.File(candidates[i].FileStart).Name()) < filepath.Base(p.Fset.File(candidates[j].FileStart).Name())
	})
	if len(candidates) == 0 {
		return nil
	}
	return candidates[0]
}

// requalify rewrites the template's references to the repository package
// (written with its own name) to the name the file uses, or drops the
// qualifier inside that package, and formats the result.
func requalify(rendered, pkgName, qual string, hasImport bool) (string, error) {
	const head = "package p\n\n"
	src := head + rendered
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.ParseComments)
	if err != nil {
		return "", err
	}
	type repl struct{ start, end int }
	var repls []repl
	if hasImport && qual != pkgName {
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
	}
	for i := len(repls) - 1; i >= 0; i-- {
		src = src[:repls[i].start] + qual + src[repls[i].end:]
	}
	out, err := format.Source([]byte(src))
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(strings.TrimPrefix(string(out), head)), nil
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

package tenantsql

import (
	"fmt"
	"go/ast"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/tenantlint/tenantlint/internal/lint"
	"github.com/tenantlint/tenantlint/internal/rules"
	"github.com/tenantlint/tenantlint/internal/sqlscope"
)

// TablesFact lists the tenant tables of a package's models, for the
// queries of the packages that import it.
type TablesFact struct {
	// Tables are sorted by name: facts are gob-encoded, and the encoding
	// of a map is not deterministic.
	Tables []Table
}

// Table is a tenant table and its tenant column.
type Table struct{ Name, Column string }

// AFact implements analysis.Fact.
func (*TablesFact) AFact() {}

// String describes the fact, as analysistest's fact expectations read it.
func (f *TablesFact) String() string {
	var parts []string
	for _, t := range f.Tables {
		parts = append(parts, t.Name+"."+t.Column)
	}
	return fmt.Sprintf("tables(%s)", strings.Join(parts, ", "))
}

// newTables returns the analyzer that finds the tables of each package's
// tenant models and exports them as a package fact. Like the other fact
// analyzers it is separate from the check: it runs on every dependency
// of the checked packages, where it must neither fail nor report. Its
// result is the package's own tables together with those of every
// package it imports, directly or not.
func newTables(env *lint.Env, cache *sqlcCache) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:       "tenantsqltables",
		Doc:        "find the tables of the tenant models, for tenantsql",
		URL:        "https://github.com/tenantlint/tenantlint#tenantsql",
		FactTypes:  []analysis.Fact{new(TablesFact)},
		ResultType: reflect.TypeOf(sqlscope.Tables(nil)),
		Run: func(pass *analysis.Pass) (any, error) {
			return tables(env, pass, cache), nil
		},
	}
}

func tables(env *lint.Env, pass *analysis.Pass, cache *sqlcCache) sqlscope.Tables {
	out := sqlscope.Tables{}
	r := env.RulesFor(pass, Name)
	if r == nil || !r.HasModelRules() {
		return out
	}
	for _, f := range pass.AllPackageFacts() {
		if tf, ok := f.Fact.(*TablesFact); ok {
			for _, t := range tf.Tables {
				out[t.Name] = t.Column
			}
		}
	}
	files := lint.SourceFiles(pass)
	planStarts(env, pass, r, files, cache.parser)
	own, ok := sqlcTables(env, pass, r, files, cache)
	if !ok {
		own = sqlscope.ModelTables(r, files, pass.TypesInfo)
	}
	if len(own) > 0 {
		f := &TablesFact{}
		for t, c := range own {
			f.Tables = append(f.Tables, Table{t, c})
		}
		sort.Slice(f.Tables, func(i, j int) bool { return f.Tables[i].Name < f.Tables[j].Name })
		pass.ExportPackageFact(f)
	}
	for t, c := range own {
		out[t] = c
	}
	return out
}

// planStarts tells the parser, in go vet mode (a process per package),
// how many of the module's packages run SQL, so that it plans its
// start-up for the whole run (sqlscope.Parser.PlanProcesses). The count
// is read from the module index only if this process comes to start
// the parser. tenantsqltables runs first in a process: the schemas of
// sqlc's packages are its parses.
func planStarts(env *lint.Env, pass *analysis.Pass, r *rules.Rules, files []*ast.File, parser *sqlscope.Parser) {
	if !env.ProcessPerPackage || env.Index == nil || env.Hermetic || len(files) == 0 {
		return
	}
	parser.PlanProcesses(func() int {
		dir := filepath.Dir(pass.Fset.Position(files[0].Package).Filename)
		root := env.RootFor(dir, pass.Pkg.Path(), r.Config.Dir())
		f, err := env.Index.Facts(root, !r.Config.TestsIgnored(), pass.Pkg.Path())
		if err != nil {
			return 0 // the counted starts decide, as without a plan
		}
		return f.SQLPackageCount()
	})
}

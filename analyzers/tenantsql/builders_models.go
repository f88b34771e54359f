package tenantsql

import (
	"go/ast"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/tenantlint/tenantlint/internal/lint"
	"github.com/tenantlint/tenantlint/internal/models"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// ModelTableFact is the table a type's TableName() method returns (a
// constant): what a builder chain's Model(&x) or Find(&xs) of the type
// queries, in the packages that import it, which cannot read the
// method's body.
type ModelTableFact struct{ Table string }

// AFact implements analysis.Fact.
func (*ModelTableFact) AFact() {}

func (f *ModelTableFact) String() string { return "table(" + f.Table + ")" }

// modelTables maps a type to the table its TableName() method returns:
// the result of the models analyzer, for the package's own types and
// every type of its dependencies.
type modelTables map[*types.TypeName]string

// newModels returns the analyzer that exports the table of every type
// with a TableName() method returning a constant, for the builder
// chains of tenantsql. Like the tables analyzer it runs on every
// dependency, where it must neither fail nor report.
func newModels(env *lint.Env) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:       "tenantsqlmodels",
		Doc:        "find the tables that models' TableName methods return, for tenantsql's query builders",
		URL:        "https://github.com/tenantlint/tenantlint#tenantsql",
		FactTypes:  []analysis.Fact{new(ModelTableFact)},
		ResultType: reflect.TypeOf(modelTables(nil)),
		Run: func(pass *analysis.Pass) (any, error) {
			out := modelTables{}
			if env.RulesFor(pass, Name) == nil {
				return out, nil
			}
			for _, f := range pass.AllObjectFacts() {
				if mf, ok := f.Fact.(*ModelTableFact); ok {
					if tn, ok := f.Object.(*types.TypeName); ok {
						out[tn] = mf.Table
					}
				}
			}
			files := lint.SourceFiles(pass)
			for _, f := range files {
				for _, d := range f.Decls {
					fd, ok := d.(*ast.FuncDecl)
					if !ok || fd.Recv == nil || fd.Name.Name != "TableName" {
						continue
					}
					fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
					if !ok {
						continue
					}
					_, named, ok := rules.NamedOf(fn.Type().(*types.Signature).Recv().Type())
					if !ok {
						continue
					}
					tn := named.Origin().Obj()
					if table, ok := models.TableName(tn, files, pass.TypesInfo); ok {
						out[tn] = table
						pass.ExportObjectFact(tn, &ModelTableFact{Table: table})
					}
				}
			}
			return out, nil
		},
	}
}

package sqlscope

import (
	"go/ast"
	"go/types"
	"reflect"
	"strings"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/models"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// ModelTables returns the tables of the tenant models declared in files
// (internal/models decides which structs are models): each model's table
// and its tenant column. Models marked //tenantlint:global are not tenant
// tables.
func ModelTables(r *rules.Rules, files []*ast.File, info *types.Info) Tables {
	out := Tables{}
	var names map[*types.TypeName]string // built on the first model
	for _, m := range models.Find(r, files, info) {
		if m.Global {
			continue
		}
		if names == nil {
			names = tableNames(files, info)
		}
		table, col := modelTable(r, m, names)
		out[table] = col
	}
	return out
}

// ModelTable returns a model's table, from its TableName() (or
// TableName(ctx)) method's constant, a bun.BaseModel field's bun:"table:NAME" tag, or else the
// snake_case plural of its name (as repository.fix's .Table); and its
// tenant column, from the tag of the field that makes it tenant-scoped
// (db:"nid", bun:"org_id", gorm:"column:tenant_id"; json is not a
// column) or that field's snake_case name, or sql.tenant_column when the
// model is tenant-scoped by a marker with no configured field.
// files are the model's package's; ModelTables, for every model of a
// package, reads their TableName methods once.
func ModelTable(r *rules.Rules, m *models.Model, files []*ast.File, info *types.Info) (table, col string) {
	return modelTable(r, m, tableNames(files, info))
}

// modelTable is ModelTable with the package's TableName constants
// (tableNames) at hand.
func modelTable(r *rules.Rules, m *models.Model, names map[*types.TypeName]string) (table, col string) {
	st, _ := m.Obj.Type().Underlying().(*types.Struct)
	table, ok := names[m.Obj]
	if !ok {
		table, ok = bunTable(st)
	}
	if !ok {
		table = models.SnakePlural(m.Obj.Name())
	}
	col = r.Config.SQLTenantColumn()
	if st != nil {
		if c, ok := tenantColumn(r, st, FieldColumn, map[*types.Struct]bool{}); ok {
			col = c
		}
	}
	return table, col
}

func bunTable(st *types.Struct) (string, bool) {
	table, _, _ := BunModel(st)
	return table, table != ""
}

// tenantColumn finds the configured tenant field of st, directly or
// through embedded structs, and returns its column as column (FieldColumn,
// or sqlcColumn for sqlc's models) reads it.
func tenantColumn(r *rules.Rules, st *types.Struct, column func(name, tag string) string, seen map[*types.Struct]bool) (string, bool) {
	if seen[st] {
		return "", false
	}
	seen[st] = true
	for i := 0; i < st.NumFields(); i++ {
		if r.FieldMatches(st, i) {
			return column(st.Field(i).Name(), st.Tag(i)), true
		}
	}
	for i := 0; i < st.NumFields(); i++ {
		if inner, ok := models.EmbeddedStruct(st, i); ok {
			if c, ok := tenantColumn(r, inner, column, seen); ok {
				return c, true
			}
		}
	}
	return "", false
}

// FieldColumn is the column a struct field maps to: its db tag, its bun
// tag's name, its gorm tag's column:, else its snake_case name. The json
// tag names no column.
func FieldColumn(name, tag string) string {
	st := reflect.StructTag(tag)
	if db, _, _ := strings.Cut(st.Get("db"), ","); db != "" && db != "-" {
		return db
	}
	if bun, _, _ := strings.Cut(st.Get("bun"), ","); bun != "" && bun != "-" && !strings.Contains(bun, ":") {
		return bun
	}
	for _, part := range strings.Split(st.Get("gorm"), ";") {
		if c, ok := strings.CutPrefix(strings.TrimSpace(part), "column:"); ok && c != "" {
			return c
		}
	}
	return models.Snake(name)
}

// TableConfig is the sql section's say on the tables, compiled once per
// configuration; Apply adds it to the tables of a package's models.
type TableConfig struct {
	cfg *config.Config
	// base is Apply's answer for a package that knows no model table,
	// the common case, shared by every such package.
	base Tables
}

// CompileTables compiles the sql section of c: sql.tables adds tables
// (or sets a model table's column; an entry without a column keeps the
// model's, or takes sql.tenant_column), and sql.exclude_tables removes
// them.
func CompileTables(c *config.Config) *TableConfig {
	tc := &TableConfig{cfg: c}
	tc.base = tc.apply(nil)
	return tc
}

// Apply returns the tenant tables of a package whose models (its own and
// its imports') give found. The result must not be modified: a package
// with no model table shares it with every other.
func (tc *TableConfig) Apply(found Tables) Tables {
	if len(found) == 0 {
		return tc.base
	}
	return tc.apply(found)
}

func (tc *TableConfig) apply(found Tables) Tables {
	c := tc.cfg
	out := Tables{}
	for t, col := range found {
		out[t] = col
	}
	for name, t := range c.SQL.Tables {
		switch {
		case t.Column.Value != "":
			out[name] = t.Column.Value
		case out[name] == "":
			out[name] = c.SQLTenantColumn()
		}
	}
	for _, t := range c.SQL.ExcludeTables {
		delete(out, t.Value)
	}
	return out
}

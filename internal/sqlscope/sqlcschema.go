package sqlscope

import (
	"fmt"
	"go/ast"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"github.com/tenantlint/tenantlint/internal/models"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// SchemaPaths returns the schema paths (absolute; files or folders) of
// the configuration entry that generates the package in dir, or, when no
// entry names dir, those of every entry.
func (s *SQLC) SchemaPaths(dir string) []string {
	if p, ok := s.schemas[filepath.Clean(dir)]; ok {
		return p
	}
	return s.allSchemas
}

// Schema is what a sqlc schema declares: each table's columns, by the
// table's name as the parser reports it (unquoted names folded to lower
// case, quoted ones as written), qualified "schema.name" when its schema
// is neither public nor left out, as Tables names tables.
type Schema map[string]map[string]bool

// LoadSchema reads a sqlc configuration's schema paths (a file, or the
// .sql files of a folder in name order, as sqlc reads migrations,
// without golang-migrate's .down.sql files) and applies their
// statements in order: CREATE TABLE (its columns, a PARTITION OF's or
// INHERITS' parent's columns), ALTER TABLE ... ADD COLUMN, ALTER TABLE
// ... RENAME TO and RENAME COLUMN, and DROP TABLE. Other statements, and
// those the parser rejects (each statement is parsed alone when a file
// does not parse as a whole), are ignored, as sqlc would ignore what it
// does not need. A path that cannot be read is an error naming the
// configuration (config) and the path.
func LoadSchema(p *Parser, config string, paths []string) (Schema, error) {
	out := Schema{}
	for _, path := range paths {
		files, err := queryFiles(path)
		if err != nil {
			rel, _ := filepath.Rel(filepath.Dir(config), path)
			return nil, fmt.Errorf("%s: schema %q: %w", config, filepath.ToSlash(rel), err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, ".down.sql") {
				continue
			}
			data, err := os.ReadFile(f)
			if err != nil {
				return nil, fmt.Errorf("%s: reading its schema: %w", config, err)
			}
			for _, node := range schemaStatements(p, string(data)) {
				out.apply(node)
			}
		}
	}
	return out, nil
}

// schemaStatements returns the statements of a schema file: all of
// them when it parses, else those of its statements that parse alone.
func schemaStatements(p *Parser, text string) []any {
	var out []any
	if stmts, err := p.Parse(text); err == nil {
		for _, s := range stmts {
			out = append(out, s.Node)
		}
		return out
	}
	for _, part := range splitStatements(text) {
		stmts, err := p.Parse(part)
		if err != nil {
			continue
		}
		for _, s := range stmts {
			out = append(out, s.Node)
		}
	}
	return out
}

func (s Schema) apply(node any) {
	n, _ := node.(map[string]any)
	switch {
	case n["CreateStmt"] != nil:
		c, _ := n["CreateStmt"].(map[string]any)
		name := schemaTable(c["relation"])
		cols := map[string]bool{}
		for _, inh := range list(c["inhRelations"]) {
			if _, rv := unwrapAs(inh, "RangeVar"); rv != nil {
				for col := range s[schemaTable(rv)] {
					cols[col] = true
				}
			}
		}
		for _, elt := range list(c["tableElts"]) {
			if _, cd := unwrapAs(elt, "ColumnDef"); cd != nil {
				if col, _ := cd["colname"].(string); col != "" {
					cols[col] = true
				}
			}
		}
		if name != "" {
			s[name] = cols
		}
	case n["AlterTableStmt"] != nil:
		a, _ := n["AlterTableStmt"].(map[string]any)
		cols := s[schemaTable(a["relation"])]
		if cols == nil {
			return
		}
		for _, cmd := range list(a["cmds"]) {
			_, c := unwrapAs(cmd, "AlterTableCmd")
			if c == nil || c["subtype"] != "AT_AddColumn" {
				continue
			}
			if _, cd := unwrapAs(c["def"], "ColumnDef"); cd != nil {
				if col, _ := cd["colname"].(string); col != "" {
					cols[col] = true
				}
			}
		}
	case n["RenameStmt"] != nil:
		r, _ := n["RenameStmt"].(map[string]any)
		name := schemaTable(r["relation"])
		cols := s[name]
		newName, _ := r["newname"].(string)
		if cols == nil || newName == "" {
			return
		}
		switch r["renameType"] {
		case "OBJECT_TABLE":
			delete(s, name)
			// RENAME TO takes no schema: the table stays in its own.
			if i := strings.LastIndexByte(name, '.'); i >= 0 {
				newName = name[:i+1] + newName
			}
			s[newName] = cols
		case "OBJECT_COLUMN":
			if old, _ := r["subname"].(string); cols[old] {
				delete(cols, old)
				cols[newName] = true
			}
		}
	case n["DropStmt"] != nil:
		d, _ := n["DropStmt"].(map[string]any)
		if d["removeType"] != "OBJECT_TABLE" {
			return
		}
		for _, obj := range list(d["objects"]) {
			_, l := unwrapAs(obj, "List")
			var parts []string
			for _, item := range list(l["items"]) {
				if _, str := unwrapAs(item, "String"); str != nil {
					sval, _ := str["sval"].(string)
					parts = append(parts, sval)
				}
			}
			if len(parts) == 2 && parts[0] == "public" {
				parts = parts[1:]
			}
			delete(s, strings.Join(parts, "."))
		}
	}
}

// schemaTable is the name a RangeVar's table has in a Schema.
func schemaTable(v any) string {
	rv, _ := v.(map[string]any)
	name, _ := rv["relname"].(string)
	if schema, _ := rv["schemaname"].(string); schema != "" && schema != "public" && name != "" {
		return schema + "." + name
	}
	return name
}

// splitStatements splits SQL text at the semicolons that end its
// statements: not those in quotes, dollar quotes or comments.
func splitStatements(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '\'' || c == '"':
			j := strings.IndexByte(text[i+1:], c)
			if j < 0 {
				i = len(text)
			} else {
				i += j + 1 // a doubled quote is two quoted runs in a row
			}
		case c == '-' && strings.HasPrefix(text[i:], "--"):
			j := strings.IndexByte(text[i:], '\n')
			if j < 0 {
				i = len(text)
			} else {
				i += j
			}
		case c == '/' && strings.HasPrefix(text[i:], "/*"):
			j := strings.Index(text[i+2:], "*/")
			if j < 0 {
				i = len(text)
			} else {
				i += j + 3
			}
		case c == '$':
			j := i + 1
			for j < len(text) && (isNameStart(text[j]) || text[j] >= '0' && text[j] <= '9') {
				j++
			}
			if j < len(text) && text[j] == '$' && (i == 0 || !isIdentByte(text[i-1])) {
				tag := text[i : j+1]
				k := strings.Index(text[j+1:], tag)
				if k < 0 {
					i = len(text)
				} else {
					i = j + 1 + k + len(tag) - 1
				}
			}
		case c == ';':
			out = append(out, text[start:i+1])
			start = i + 1
		}
	}
	if strings.TrimSpace(text[start:]) != "" {
		out = append(out, text[start:])
	}
	return out
}

// SQLCGenerated reports whether f is a file sqlc generated: its first
// comment is "// Code generated by sqlc".
func SQLCGenerated(f *ast.File) bool {
	return len(f.Comments) > 0 && f.Comments[0].Pos() < f.Package &&
		strings.HasPrefix(f.Comments[0].List[0].Text, "// Code generated by sqlc")
}

// SQLCColumns returns the tenant columns of the tenant models that sqlc
// generated in files: the column of each model's tenant field (directly
// or through an embedded struct), its db tag or else its json tag, which
// sqlc writes with the column's name (emit_json_tags, json_tags_case_style
// none, the default); a field with neither is the snake_case of its name.
// A model tenant-scoped by a marker has no column of its own: the caller
// adds sql.tenant_column.
func SQLCColumns(r *rules.Rules, files []*ast.File, info *types.Info) []string {
	var gen []*ast.File
	for _, f := range files {
		if SQLCGenerated(f) {
			gen = append(gen, f)
		}
	}
	if len(gen) == 0 {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	for _, m := range models.Find(r, gen, info) {
		if m.Global {
			continue
		}
		st, _ := m.Obj.Type().Underlying().(*types.Struct)
		if st == nil {
			continue
		}
		if col, ok := tenantColumn(r, st, sqlcColumn, map[*types.Struct]bool{}); ok && !seen[col] {
			seen[col] = true
			out = append(out, col)
		}
	}
	sort.Strings(out)
	return out
}

// sqlcColumn is the column of a sqlc model's field: sqlc writes the
// column in the db tag or, by default, only in the json tag.
func sqlcColumn(name, tag string) string {
	st := reflect.StructTag(tag)
	if db, _, _ := strings.Cut(st.Get("db"), ","); db != "" && db != "-" {
		return db
	}
	if js, _, _ := strings.Cut(st.Get("json"), ","); js != "" && js != "-" {
		return js
	}
	return FieldColumn(name, tag)
}

// TenantTables returns the tables of the schema that have one of the
// tenant columns cols (in their order of preference) and that column.
func (s Schema) TenantTables(cols []string) Tables {
	out := Tables{}
	for t, have := range s {
		for _, c := range cols {
			if have[c] {
				out[t] = c
				break
			}
		}
	}
	return out
}

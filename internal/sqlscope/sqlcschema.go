package sqlscope

import (
	"fmt"
	"go/ast"
	"go/types"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
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

// Schema is what a sqlc schema declares: its tables, by the table's
// name as the parser reports it (unquoted names folded to lower case,
// quoted ones as written), qualified "schema.name" when its schema is
// neither public nor left out, as Tables names tables.
type Schema map[string]*SchemaTable

// SchemaTable is a table of a Schema.
type SchemaTable struct {
	Columns map[string]bool
	// PrimaryKey are the columns of the table's primary key, in the
	// order it lists them; nil when the schema declares none.
	PrimaryKey []string
	// pkName is the primary key constraint's name, which ALTER TABLE
	// ... DROP CONSTRAINT names: the one written, else PostgreSQL's
	// default <table>_pkey.
	pkName string
}

// LoadSchema reads a sqlc configuration's schema paths (a file, or the
// .sql files of a folder in name order, as sqlc reads migrations,
// without golang-migrate's .down.sql files) and applies their
// statements in order: CREATE TABLE (its columns, a PARTITION OF's or
// INHERITS' parent's columns), ALTER TABLE ... ADD COLUMN, ALTER TABLE
// ... RENAME TO and RENAME COLUMN, and DROP TABLE; and the primary key:
// a column's PRIMARY KEY, a table's PRIMARY KEY (...) constraint, ALTER
// TABLE ... ADD [CONSTRAINT name] PRIMARY KEY (...), the key of a
// PARTITION OF's parent (PostgreSQL creates it on each partition; not
// INHERITS', which does not), and its end by DROP CONSTRAINT of its name
// or DROP COLUMN of one of its columns. Other statements, and
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

// PrimaryKeys returns the primary key columns of the tables whose
// primary key the schema declares, by table; Options.WithPrimaryKeys
// makes them keys.
func (s Schema) PrimaryKeys() map[string][]string {
	out := map[string][]string{}
	for name, t := range s {
		if len(t.PrimaryKey) > 0 {
			out[name] = t.PrimaryKey
		}
	}
	return out
}

// WithPrimaryKeys returns o with the tables' primary keys pks (a sqlc
// schema's, Schema.PrimaryKeys) as their keys, for the tables that
// o.Keys (sql.keys, the user's explicit word) does not name; o as it is
// when key joins do not propagate (o.Keys is nil). A key of one column
// is the table's key (Keys). A key of several columns makes no column a
// key alone: with PRIMARY KEY (tenant_id, id) two tenants may have a
// row with the same id, so that a join on id alone does not tie a row
// to one tenant's; the table's Keys are none, and the key is one of
// CompositeKeys, which a join on all its columns uses. A table without
// a primary key keeps the key id.
func (o Options) WithPrimaryKeys(pks map[string][]string) Options {
	if o.Keys == nil || len(pks) == 0 {
		return o
	}
	keys := maps.Clone(o.Keys)
	composite := maps.Clone(o.CompositeKeys)
	for t, pk := range pks {
		if _, ok := o.Keys[t]; ok {
			continue
		}
		if len(pk) == 1 {
			keys[t] = pk
			continue
		}
		keys[t] = []string{}
		if composite == nil {
			composite = map[string][]string{}
		}
		composite[t] = pk
	}
	o.Keys, o.CompositeKeys = keys, composite
	return o
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
		t := &SchemaTable{Columns: map[string]bool{}}
		for _, inh := range list(c["inhRelations"]) {
			_, rv := unwrapAs(inh, "RangeVar")
			parent := s[schemaTable(rv)]
			if rv == nil || parent == nil {
				continue
			}
			for col := range parent.Columns {
				t.Columns[col] = true
			}
			if c["partbound"] != nil && parent.PrimaryKey != nil {
				t.setKey(slices.Clone(parent.PrimaryKey), "")
			}
		}
		for _, elt := range list(c["tableElts"]) {
			t.addElement(elt)
		}
		if name != "" {
			if t.PrimaryKey != nil && t.pkName == "" {
				t.pkName = unqualified(name) + "_pkey"
			}
			s[name] = t
		}
	case n["AlterTableStmt"] != nil:
		a, _ := n["AlterTableStmt"].(map[string]any)
		name := schemaTable(a["relation"])
		t := s[name]
		if t == nil {
			return
		}
		for _, cmd := range list(a["cmds"]) {
			_, c := unwrapAs(cmd, "AlterTableCmd")
			switch c["subtype"] {
			case "AT_AddColumn", "AT_AddConstraint":
				t.addElement(c["def"])
				if t.PrimaryKey != nil && t.pkName == "" {
					t.pkName = unqualified(name) + "_pkey"
				}
			case "AT_DropConstraint":
				if cn, _ := c["name"].(string); cn != "" && cn == t.pkName {
					t.setKey(nil, "")
				}
			case "AT_DropColumn":
				// Dropping a column drops the constraints that use it.
				if col, _ := c["name"].(string); slices.Contains(t.PrimaryKey, col) {
					t.setKey(nil, "")
				}
			}
		}
	case n["RenameStmt"] != nil:
		r, _ := n["RenameStmt"].(map[string]any)
		name := schemaTable(r["relation"])
		t := s[name]
		newName, _ := r["newname"].(string)
		if t == nil || newName == "" {
			return
		}
		switch r["renameType"] {
		case "OBJECT_TABLE":
			delete(s, name)
			// RENAME TO takes no schema: the table stays in its own.
			if i := strings.LastIndexByte(name, '.'); i >= 0 {
				newName = name[:i+1] + newName
			}
			s[newName] = t
		case "OBJECT_COLUMN":
			if old, _ := r["subname"].(string); t.Columns[old] {
				delete(t.Columns, old)
				t.Columns[newName] = true
				if i := slices.Index(t.PrimaryKey, old); i >= 0 {
					t.PrimaryKey[i] = newName
				}
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

// addElement adds to t an element of CREATE TABLE or the definition of
// ALTER TABLE ... ADD: a column (with its PRIMARY KEY, if it has one),
// or a table constraint, of which a PRIMARY KEY (...) counts.
func (t *SchemaTable) addElement(elt any) {
	switch k, m := unwrap(elt); k {
	case "ColumnDef":
		col, _ := m["colname"].(string)
		if col == "" {
			return
		}
		t.Columns[col] = true
		for _, c := range list(m["constraints"]) {
			if _, con := unwrapAs(c, "Constraint"); con["contype"] == "CONSTR_PRIMARY" {
				name, _ := con["conname"].(string)
				t.setKey([]string{col}, name)
			}
		}
	case "Constraint":
		if m["contype"] != "CONSTR_PRIMARY" {
			return
		}
		var cols []string
		for _, k := range list(m["keys"]) {
			cols = append(cols, stringNode(k))
		}
		if len(cols) > 0 { // not PRIMARY KEY USING INDEX, whose columns are the index's
			name, _ := m["conname"].(string)
			t.setKey(cols, name)
		}
	}
}

// setKey makes cols t's primary key, the constraint named name ("" for
// PostgreSQL's default name, set once the table's name is known).
func (t *SchemaTable) setKey(cols []string, name string) {
	t.PrimaryKey, t.pkName = cols, name
}

// unqualified is a schema table's name without its schema.
func unqualified(name string) string {
	return name[strings.LastIndexByte(name, '.')+1:]
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
	for name, t := range s {
		for _, c := range cols {
			if t.Columns[c] {
				out[name] = c
				break
			}
		}
	}
	return out
}

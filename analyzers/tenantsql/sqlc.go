package tenantsql

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/tenantlint/tenantlint/internal/check"
	"github.com/tenantlint/tenantlint/internal/lint"
	"github.com/tenantlint/tenantlint/internal/rules"
	"github.com/tenantlint/tenantlint/internal/sqlscope"
)

// sqlcCache holds the sqlc configurations an analyzer has read, by path:
// every generated package of a project shares one, and its queries
// files are read once per process; and the schemas they list, parsed
// once per process with the analyzer's parser.
type sqlcCache struct {
	parser *sqlscope.Parser
	mu     sync.Mutex
	m      map[string]sqlcEntry
	// schemas are by configuration and schema paths.
	schemas map[string]schemaEntry
}

type schemaEntry struct {
	s   sqlscope.Schema
	err error
}

// schema returns the schema that the sqlc configuration s lists for the
// package in dir (nil when it lists none).
func (c *sqlcCache) schema(s *sqlscope.SQLC, dir string) (sqlscope.Schema, error) {
	paths := s.SchemaPaths(dir)
	if len(paths) == 0 {
		return nil, nil
	}
	key := s.Path + "\x00" + strings.Join(paths, "\x00")
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.schemas[key]; ok {
		return e.s, e.err
	}
	sch, err := sqlscope.LoadSchema(c.parser, s.Path, paths)
	if c.schemas == nil {
		c.schemas = map[string]schemaEntry{}
	}
	c.schemas[key] = schemaEntry{sch, err}
	return sch, err
}

type sqlcEntry struct {
	s   *sqlscope.SQLC
	err error
}

func (c *sqlcCache) load(path string) (*sqlscope.SQLC, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[path]; ok {
		return e.s, e.err
	}
	s, err := sqlscope.LoadSQLC(path)
	if c.m == nil {
		c.m = map[string]sqlcEntry{}
	}
	c.m[path] = sqlcEntry{s, err}
	return s, err
}

// sqlcTables returns the tenant tables of a package whose queries sqlc
// generated from a configuration that lists a schema, and true; false
// for any other package (which reads no schema), whose tables are its
// models'. The schema's tenant tables are those with a tenant column:
// that of a tenant model sqlc generated in the package (SQLCColumns), or
// sql.tenant_column. They replace the tables derived from the names of
// sqlc's models (sqlc names its structs after the tables, singular or,
// with emit_exact_table_names, exactly, quoted names and all), and join
// those of the package's other models. A configuration or schema that
// cannot be read is reported by the check (sqlcQueries); here it is
// false.
func sqlcTables(env *lint.Env, pass *analysis.Pass, r *rules.Rules, files []*ast.File, cache *sqlcCache) (sqlscope.Tables, bool) {
	if env.Hermetic || len(files) == 0 || !sqlscope.HasSQLCQuery(pass.TypesInfo, files) {
		return nil, false // a hermetic run reads nothing outside the package
	}
	dir := filepath.Dir(pass.Fset.Position(files[0].Package).Filename)
	path := sqlscope.FindSQLCConfig(dir, env.RootFor(dir, pass.Pkg.Path(), r.Config.Dir()))
	if path == "" {
		return nil, false
	}
	s, err := cache.load(path)
	if err != nil {
		return nil, false
	}
	schema, err := cache.schema(s, dir)
	if err != nil || len(schema) == 0 {
		return nil, false
	}
	var others []*ast.File
	for _, f := range files {
		if !sqlscope.SQLCGenerated(f) {
			others = append(others, f)
		}
	}
	cols := sqlscope.SQLCColumns(r, files, pass.TypesInfo)
	if c := r.Config.SQLTenantColumn(); !slices.Contains(cols, c) {
		cols = append(cols, c)
	}
	own := sqlscope.ModelTables(r, others, pass.TypesInfo)
	for t, c := range schema.TenantTables(cols) {
		own[t] = c
	}
	return own, true
}

// sqlcQuery is one of sqlc's query constants in a package, and how to
// judge and report it.
type sqlcQuery struct {
	c    *types.Const
	name string
	q    query
}

// sqlcQueries finds the query constants sqlc generated in files
// (const getInvoice = "-- name: GetInvoice :one ..."). When a sqlc
// configuration found from dir up to root (the module's root; none when
// root is "") says which queries file holds a query, its messages name
// the file and line, its related information (check.GeneratedFrom)
// points there, where the standalone driver reports it, and the
// directives of the query's block, which sqlc moves out of the generated
// text, apply to it. The .sql files are added to fset for those
// positions. The schema is the one the configuration lists for the
// package (nil for none).
func sqlcQueries(fset *token.FileSet, info *types.Info, files []*ast.File, dir, root string, cache *sqlcCache) ([]sqlcQuery, sqlscope.Schema, error) {
	var out []sqlcQuery
	var s *sqlscope.SQLC
	var schema sqlscope.Schema
	looked := false
	added := map[string]*token.File{} // the queries files added to fset
	var err error
	sqlscope.EachSQLCConst(info, files, func(id *ast.Ident, c *types.Const, text, name string) bool {
		if !looked {
			looked = true
			if path := sqlscope.FindSQLCConfig(dir, root); path != "" {
				if s, err = cache.load(path); err != nil {
					return false
				}
				if schema, err = cache.schema(s, dir); err != nil {
					return false
				}
			}
		}
		q := query{at: id, text: text, suffix: fmt.Sprintf(" (sqlc query %s)", name), source: SourceSQLC,
			names: []string{name, c.Name()}, files: []string{fset.Position(id.Pos()).Filename}}
		if s != nil {
			if src, ok := s.Source(dir, name); ok {
				sourced(fset, root, &q, name, s, src, added)
			}
		}
		out = append(out, sqlcQuery{c: c, name: name, q: q})
		return true
	})
	if err != nil {
		return nil, nil, err
	}
	return out, schema, nil
}

// checkSQLC judges the package's sqlc query constants (found by the
// tenantsqlqueries analyzer), whether or not a query API runs them:
// sqlc's methods run them through the package's own DBTX interface. A
// finding is reported at the constant.
func checkSQLC(p *lint.Pass, r *queryRun, found *sqlcResult) error {
	if found == nil {
		return nil
	}
	if found.err != nil {
		return found.err
	}
	for _, sq := range found.queries {
		if r.generated == nil {
			r.generated = map[*types.Const]bool{}
		}
		r.generated[sq.c] = true
		r.stats.Queries++
		r.judge(p, sq.q)
	}
	return nil
}

// sourced adds to q where its sqlc query is written: the file and line
// in its messages, the position as related information, and the
// directives of the query's block that sqlc moved out of its text.
func sourced(fset *token.FileSet, root string, q *query, name string, s *sqlscope.SQLC, src sqlscope.QuerySource, added map[string]*token.File) {
	rel := src.File
	if root != "" {
		if r, err := filepath.Rel(root, src.File); err == nil {
			rel = filepath.ToSlash(r)
		}
	}
	q.suffix = fmt.Sprintf(" (sqlc query %s, %s:%d)", name, rel, src.Line)
	q.files = append(q.files, src.File)
	tf := added[src.File]
	if tf == nil {
		content := s.Content(src.File)
		tf = fset.AddFile(src.File, -1, len(content))
		tf.SetLinesForContent(content)
		added[src.File] = tf
	}
	if src.Line <= tf.LineCount() {
		q.related = []analysis.RelatedInformation{{Pos: tf.LineStart(src.Line), Message: check.GeneratedFrom + " sqlc query " + name}}
	}
	for _, c := range src.Comments {
		if strings.HasPrefix(c, sqlscope.DirectivePrefix) {
			q.directives = append(q.directives, c)
		}
	}
}

// isGenerated reports whether a query argument is one of the package's
// sqlc query constants, which are judged where they are declared.
func (r *queryRun) isGenerated(p *lint.Pass, e ast.Expr) bool {
	if len(r.generated) == 0 {
		return false
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	c, ok := p.TypesInfo.Uses[id].(*types.Const)
	return ok && r.generated[c]
}

// KeysFact lists the primary keys of the tables that the sqlc schema of
// a package's queries declares (sqlscope.Schema.PrimaryKeys), for the
// queries of the packages that import it, as TablesFact lists its
// tables: with sql.propagate: keys, a join on a table's primary key
// propagates wherever the table is queried.
type KeysFact struct {
	// Keys are sorted by table: facts are gob-encoded, and the encoding
	// of a map is not deterministic.
	Keys []TableKeys
}

// TableKeys are a table's primary key columns.
type TableKeys struct {
	Table      string
	PrimaryKey []string
}

// AFact implements analysis.Fact.
func (*KeysFact) AFact() {}

// String describes the fact, as analysistest's fact expectations read it.
func (f *KeysFact) String() string {
	var parts []string
	for _, k := range f.Keys {
		parts = append(parts, k.Table+"("+strings.Join(k.PrimaryKey, ", ")+")")
	}
	return fmt.Sprintf("keys(%s)", strings.Join(parts, ", "))
}

// primaryKeys returns the primary keys that sqlc schemas declare for
// the queries of a package, by table: those of schema, the one its own
// sqlc queries are generated from (exported as a KeysFact), and then
// those of its imports' (their KeysFacts, in the order of their paths;
// the first that names a table wins).
func primaryKeys(pass *analysis.Pass, schema sqlscope.Schema) map[string][]string {
	out := schema.PrimaryKeys()
	if len(out) > 0 {
		f := &KeysFact{}
		for _, t := range slices.Sorted(maps.Keys(out)) {
			f.Keys = append(f.Keys, TableKeys{t, out[t]})
		}
		pass.ExportPackageFact(f)
	}
	facts := pass.AllPackageFacts()
	slices.SortFunc(facts, func(a, b analysis.PackageFact) int { return strings.Compare(a.Package.Path(), b.Package.Path()) })
	for _, f := range facts {
		kf, ok := f.Fact.(*KeysFact)
		if !ok || f.Package == pass.Pkg {
			continue
		}
		for _, k := range kf.Keys {
			if _, ok := out[k.Table]; !ok {
				out[k.Table] = k.PrimaryKey
			}
		}
	}
	return out
}

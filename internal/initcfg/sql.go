package initcfg

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
	"golang.org/x/mod/modfile"
	"golang.org/x/tools/go/packages"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/models"
	"github.com/tenantlint/tenantlint/internal/rules"
	"github.com/tenantlint/tenantlint/internal/sqlscope"
)

// SQLProposal is the sql section of tenantsql that init proposes: the
// query APIs of the SQL libraries the module uses, the dialect of its
// drivers, and the tables of its tenant-scoped models.
type SQLProposal struct {
	Presets      []*SQLPresetCandidate
	Drivers      []SQLDriver // postgres ones first
	Sqlc         []string    // sqlc configuration files, relative to the module root
	Tables       []*SQLTableCandidate
	TenantColumn string // the column of more than half the tables, or ""
	// Off says why the section is written commented out ("" when it is
	// proposed).
	Off string
}

// SQLPresetCandidate is a built-in query API (config.SQLPresets) of a
// library the module uses.
type SQLPresetCandidate struct {
	Preset   string
	Evidence string // "imported by 2 packages", "github.com/jmoiron/sqlx v1.4.0 in go.mod"
	Proposed bool   // false when go.mod requires the library only indirectly
}

// SQLDriver is a SQL driver that go.mod requires, or the engine of a sqlc
// configuration, and its dialect.
type SQLDriver struct {
	Dialect  string // postgres, mysql or sqlite
	Evidence string
}

// SQLTableCandidate is a tenant table: the table of tenant-scoped models
// as tenantsql derives it (sqlscope.ModelTable), or a struct of sqlc's
// generated models.go that has a tenant field.
type SQLTableCandidate struct {
	Name, Column string
	Models       []string // pkg.Name, sorted
	// Guessed: no model names the table (by TableName() or a bun tag): it
	// is the snake_case plural of a model's name, which a struct that is
	// no row (a JSON shape, a wrapper) also has.
	Guessed  bool
	Sqlc     bool     // a struct of sqlc's models.go
	Disagree []string // "pkg.Name: column" of the models whose column is another
}

// driverDialects are the module paths (and prefixes of them) of SQL
// drivers, by dialect: the go.mod requirements that say which SQL the
// queries are written in.
var driverDialects = []struct{ dialect, module string }{
	{config.DialectPostgres, "github.com/jackc/pgx"},
	{config.DialectPostgres, "github.com/jackc/pgconn"},
	{config.DialectPostgres, "github.com/lib/pq"},
	{config.DialectPostgres, "github.com/cockroachdb/cockroach-go"},
	{config.DialectPostgres, "github.com/go-pg/pg"},
	{config.DialectPostgres, "gorm.io/driver/postgres"},
	{config.DialectPostgres, "github.com/uptrace/bun/dialect/pgdialect"},
	{config.DialectPostgres, "github.com/uptrace/bun/driver/pgdriver"},
	{config.DialectMySQL, "github.com/go-sql-driver/mysql"},
	{config.DialectMySQL, "gorm.io/driver/mysql"},
	{config.DialectMySQL, "github.com/uptrace/bun/dialect/mysqldialect"},
	{"sqlite", "github.com/mattn/go-sqlite3"},
	{"sqlite", "modernc.org/sqlite"},
	{"sqlite", "gorm.io/driver/sqlite"},
	{"sqlite", "github.com/glebarez/sqlite"},
	{"sqlite", "github.com/uptrace/bun/dialect/sqlitedialect"},
}

// sqlcEngines maps sqlc's engine names to dialects.
var sqlcEngines = map[string]string{"postgresql": config.DialectPostgres, "mysql": config.DialectMySQL, "sqlite": "sqlite"}

// sqlProposal collects the evidence for the sql section under the
// configuration that proposal (the rendered file, without sql, compiled)
// sets; no tables when proposal is nil (it did not parse).
func sqlProposal(root string, pkgs []*packages.Package, reqs []*modfile.Require, proposal *rules.Rules) *SQLProposal {
	s := &SQLProposal{Presets: sqlPresetCandidates(pkgs, reqs), Drivers: sqlDrivers(reqs)}
	sqlcOut := map[string]bool{} // directories of sqlc's generated Go code
	for _, c := range sqlcConfigs(root) {
		s.Sqlc = append(s.Sqlc, c.file)
		for _, dir := range c.out {
			sqlcOut[dir] = true
		}
		for _, e := range c.engines {
			if d, ok := sqlcEngines[e]; ok {
				s.Drivers = append(s.Drivers, SQLDriver{Dialect: d, Evidence: fmt.Sprintf("engine %s in %s", e, c.file)})
			}
		}
	}
	sort.SliceStable(s.Drivers, func(i, j int) bool {
		return s.Drivers[i].Dialect == config.DialectPostgres && s.Drivers[j].Dialect != config.DialectPostgres
	})
	if proposal != nil {
		s.Tables, s.TenantColumn = sqlTables(proposal, pkgs, sqlcOut)
	}
	proposed := false
	for _, p := range s.Presets {
		proposed = proposed || p.Proposed
	}
	switch {
	case !proposed:
		s.Off = fmt.Sprintf("no package of the module imports database/sql and go.mod requires none of the libraries of the presets (%s) directly", strings.Join(config.SQLPresetList(), ", "))
	case len(s.Tables) == 0:
		s.Off = "no tenant-scoped model maps to a table"
	}
	return s
}

// dialect is the dialect proposed: that of the first driver found
// (PostgreSQL's come first) when tenantsql parses it, else "" (none is
// written, PostgreSQL is the default).
func (s *SQLProposal) dialect() string {
	if len(s.Drivers) == 0 {
		return ""
	}
	switch d := s.Drivers[0].Dialect; d {
	case config.DialectPostgres, config.DialectMySQL:
		return d
	}
	return ""
}

// empty reports whether nothing in the module speaks SQL: no preset's
// library, no driver, no sqlc.
func (s *SQLProposal) empty() bool {
	return s == nil || len(s.Presets)+len(s.Drivers)+len(s.Sqlc) == 0
}

// sqlPresetCandidates lists the SQL presets whose library the module
// uses: a standard-library one (database/sql) when a package of the
// module imports it, another when go.mod requires its module (directly:
// proposed; indirectly: commented out).
func sqlPresetCandidates(pkgs []*packages.Package, reqs []*modfile.Require) []*SQLPresetCandidate {
	var out []*SQLPresetCandidate
	for _, name := range config.SQLPresetList() {
		var paths []string
		std := true
		for _, api := range config.SQLPresets[name] {
			paths = append(paths, api.Pkg)
			std = std && config.StdPackage(api.Pkg)
		}
		importers := importersOf(pkgs, paths)
		if std {
			if importers > 0 {
				out = append(out, &SQLPresetCandidate{Preset: name, Evidence: "imported by " + plural(importers, "package"), Proposed: true})
			}
			continue
		}
		r, ok := requirementOf(paths, reqs)
		if !ok {
			continue
		}
		ev := r.Mod.Path + " " + r.Mod.Version + " in go.mod"
		if r.Indirect {
			ev += " (indirect)"
		}
		if importers > 0 {
			ev += ", imported by " + plural(importers, "package")
		}
		out = append(out, &SQLPresetCandidate{Preset: name, Evidence: ev, Proposed: !r.Indirect})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Proposed && !out[j].Proposed })
	return out
}

// importersOf counts the packages of pkgs that import one of paths.
func importersOf(pkgs []*packages.Package, paths []string) int {
	n := 0
	for _, p := range pkgs {
		for _, imp := range p.Types.Imports() {
			if slices.Contains(paths, imp.Path()) {
				n++
				break
			}
		}
	}
	return n
}

// sqlDrivers lists the SQL drivers that go.mod requires.
func sqlDrivers(reqs []*modfile.Require) []SQLDriver {
	var out []SQLDriver
	for _, r := range reqs {
		for _, d := range driverDialects {
			if r.Mod.Path != d.module && !strings.HasPrefix(r.Mod.Path, d.module+"/") {
				continue
			}
			ev := r.Mod.Path + " " + r.Mod.Version + " in go.mod"
			if r.Indirect {
				ev += " (indirect)"
			}
			out = append(out, SQLDriver{Dialect: d.dialect, Evidence: ev})
			break
		}
	}
	return out
}

// sqlcConfig is what init reads of a sqlc configuration file.
type sqlcConfig struct {
	file    string   // relative to the module root, slash-separated
	out     []string // absolute directories of the generated Go code
	engines []string
}

// sqlcFile is the part of sqlc.yaml (or sqlc.json, which YAML reads
// too) that says where the Go code goes and which engine the SQL is for:
// version 1's packages, version 2's sql entries.
type sqlcFile struct {
	Packages []struct {
		Path   string `yaml:"path"`
		Engine string `yaml:"engine"`
	} `yaml:"packages"`
	SQL []struct {
		Engine string `yaml:"engine"`
		Gen    struct {
			Go struct {
				Out string `yaml:"out"`
			} `yaml:"go"`
		} `yaml:"gen"`
	} `yaml:"sql"`
}

// sqlcConfigs finds the sqlc configuration files of the module at root
// (not those of nested modules, vendor, testdata or hidden folders).
// A file that does not parse is skipped: it is sqlc's to complain about.
func sqlcConfigs(root string) []sqlcConfig {
	var out []sqlcConfig
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if path == root {
				return nil
			}
			if name == "vendor" || name == "testdata" || name == "node_modules" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir
			}
			return nil
		}
		if name != "sqlc.yaml" && name != "sqlc.yml" && name != "sqlc.json" {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		var f sqlcFile
		if yaml.Unmarshal(data, &f) != nil {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		c := sqlcConfig{file: filepath.ToSlash(rel)}
		dir := filepath.Dir(path)
		for _, p := range f.Packages {
			c.out = append(c.out, filepath.Join(dir, p.Path))
			c.engines = append(c.engines, p.Engine)
		}
		for _, s := range f.SQL {
			if s.Gen.Go.Out != "" {
				c.out = append(c.out, filepath.Join(dir, s.Gen.Go.Out))
			}
			c.engines = append(c.engines, s.Engine)
		}
		out = append(out, c)
		return nil
	})
	return out
}

// sqlTables derives the tenant tables as tenantsql would under r: the
// table and tenant column of each tenant-scoped model (sqlscope.ModelTable).
// In sqlc's generated packages only the structs of models.go are tables
// (the others are a query's parameters and rows), and a struct is one
// when it has a field of a proposed name, whatever its tag: sqlc writes
// json tags, or db tags, never the ORM tag that models.fields may ask
// for. It returns the tables sorted by name, and the column of more than
// half of them.
func sqlTables(r *rules.Rules, pkgs []*packages.Package, sqlcOut map[string]bool) ([]*SQLTableCandidate, string) {
	cfg := r.Config
	var sqlcRules *rules.Rules
	if len(sqlcOut) > 0 {
		var names []string
		for _, f := range cfg.Models.Fields {
			names = append(names, scalar(f.Name))
		}
		if c, err := config.Parse(config.FileName, []byte("version: 1\nmodels:\n  fields: ["+strings.Join(names, ", ")+"]\n")); err == nil {
			sqlcRules = rules.Compile(c)
		}
	}
	byName := map[string]*SQLTableCandidate{}
	columns := map[string]map[string][]string{} // table → column → models
	named := map[string]bool{}                  // tables a model names
	for _, p := range pkgs {
		pr, sqlc := r, false
		if len(p.GoFiles) > 0 && sqlcOut[filepath.Dir(p.GoFiles[0])] && sqlcRules != nil {
			pr, sqlc = sqlcRules, true
		}
		for _, m := range models.Find(pr, p.Syntax, p.TypesInfo) {
			if m.Global || (sqlc && filepath.Base(p.Fset.Position(m.Obj.Pos()).Filename) != "models.go") {
				continue
			}
			table, col := sqlscope.ModelTable(pr, m, p.Syntax, p.TypesInfo)
			if !validSQLTable(table, col) {
				continue
			}
			t := byName[table]
			if t == nil {
				t = &SQLTableCandidate{Name: table}
				byName[table] = t
				columns[table] = map[string][]string{}
			}
			short := shortName(m.Obj)
			t.Models = append(t.Models, short)
			if _, ok := models.TableName(m.Obj, p.Syntax, p.TypesInfo); ok || table != models.SnakePlural(m.Obj.Name()) {
				named[table] = true
			}
			t.Sqlc = t.Sqlc || sqlc
			columns[table][col] = append(columns[table][col], short)
		}
	}
	var out []*SQLTableCandidate
	perColumn := map[string]int{}
	for name, t := range byName {
		sort.Strings(t.Models)
		t.Guessed = !named[name]
		t.Column = mostModels(columns[name])
		for col, ms := range columns[name] {
			if col != t.Column {
				for _, m := range ms {
					t.Disagree = append(t.Disagree, m+": "+col)
				}
			}
		}
		sort.Strings(t.Disagree)
		perColumn[t.Column]++
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	col := mostTables(perColumn)
	if perColumn[col]*2 <= len(out) {
		col = ""
	}
	return out, col
}

// mostModels is the column most models give a table (the first by name
// on a tie).
func mostModels(cols map[string][]string) string {
	best := ""
	for c, ms := range cols {
		if best == "" || len(ms) > len(cols[best]) || (len(ms) == len(cols[best]) && c < best) {
			best = c
		}
	}
	return best
}

// mostTables is the column of the most tables (the first by name on a
// tie).
func mostTables(n map[string]int) string {
	best := ""
	for c, k := range n {
		if best == "" || k > n[best] || (k == n[best] && c < best) {
			best = c
		}
	}
	return best
}

// validSQLTable reports whether tenantlint accepts table and col in
// sql.tables (a TableName() may return a quoted or computed name that
// is none).
func validSQLTable(table, col string) bool {
	_, err := config.Parse(config.FileName, []byte("version: 1\nsql:\n  tables:\n    "+scalar(table)+": {column: "+scalar(col)+"}\n"))
	return err == nil
}

func renderSQL(w *yamlWriter, s *SQLProposal) {
	if s.empty() {
		w.comment(0, "sql: not proposed: no package of the module imports database/sql, and go.mod")
		w.comment(0, "requires no SQL library or driver that tenantsql knows.")
		return
	}
	on := s.Off == ""
	if !on {
		w.comment(0, "sql: commented out: %s.", s.Off)
	}
	w.entry(0, on, "sql:", "")
	w.comment(2, "The SQL of the queries: tenantsql parses PostgreSQL and MySQL; a statement it")
	w.comment(2, "cannot parse is unchecked, never a finding.")
	d := s.dialect()
	if d == "" {
		w.comment(2, "No PostgreSQL or MySQL driver found: PostgreSQL is the default.")
	}
	for i, d := range s.Drivers {
		if i == maxExamples {
			w.comment(2, "and %d more", len(s.Drivers)-i)
			break
		}
		w.comment(2, "%s: %s", d.Dialect, d.Evidence)
	}
	if d != "" {
		w.entry(2, on, "dialect: "+d, "")
	}
	if s.TenantColumn != "" {
		n := 0
		for _, t := range s.Tables {
			if t.Column == s.TenantColumn {
				n++
			}
		}
		w.comment(2, "The tenant column of %d of the %s below, for tables without a column.", n, plural(len(s.Tables), "table"))
		w.entry(2, on, "tenant_column: "+scalar(s.TenantColumn), "")
	}
	if len(s.Tables) > 0 {
		w.comment(2, "The tables of the tenant-scoped models as tenantsql derives them (the TableName()")
		w.comment(2, "constant, a bun table: tag, else the snake_case plural of the model's name) and")
		w.comment(2, "their tenant column (the tenant field's column tag, else its snake_case name).")
		w.comment(2, "tenantsql finds them by itself where a package imports the model; listed here,")
		w.comment(2, "they are known to every package. A name no model gives (the plural of a JSON")
		w.comment(2, "shape's name is no table) is commented out.")
		anyTable := false
		for _, t := range s.Tables {
			anyTable = anyTable || t.proposed()
		}
		w.entry(2, on && anyTable, "tables:", "")
		for _, t := range s.Tables {
			entry := "{}"
			if t.Column != s.TenantColumn {
				entry = "{column: " + scalar(t.Column) + "}"
			}
			w.entry(4, on && t.proposed(), scalar(t.Name)+": "+entry, tableNote(t))
		}
	}
	w.comment(2, "exclude_tables: [] # tables that are never tenant tables, whatever the models say")
	w.comment(2, "The query methods of the SQL libraries the module uses (an indirect")
	w.comment(2, "requirement is commented out).")
	w.entry(2, on, "presets:", "")
	for _, p := range s.Presets {
		w.entry(4, on && p.Proposed, "- "+scalar(p.Preset), p.Evidence)
	}
	w.comment(2, "apis: in-house query wrappers are not guessed; see the README's tenantsql section.")
}

// proposed reports whether the table is written uncommented: a model
// names it, or it is a struct of sqlc's models.go, one per table.
func (t *SQLTableCandidate) proposed() bool { return !t.Guessed || t.Sqlc }

// tableNote says where a table comes from.
func tableNote(t *SQLTableCandidate) string {
	what := "model"
	if t.Sqlc {
		what = "sqlc model"
	}
	if len(t.Models) > 1 {
		what += "s"
	}
	note := what + " " + examples(t.Models, 3)
	switch {
	case t.Guessed && t.Sqlc:
		note += " (the snake_case plural of its name, as sqlc names a table's struct)"
	case t.Guessed:
		note += " (no model names it: the snake_case plural of its name)"
	}
	if len(t.Disagree) > 0 {
		note += "; another column for " + examples(t.Disagree, 3)
	}
	return note
}

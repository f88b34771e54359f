package sqlscope

import (
	"bufio"
	"bytes"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// SQLCQueryName returns the name of a sqlc query from the text of the
// constant sqlc generates for it, which starts "-- name: GetInvoice :one"
// (sqlc writes that line whatever comment form the .sql file used), or
// false for any other text.
func SQLCQueryName(text string) (string, bool) {
	rest, ok := strings.CutPrefix(text, "-- name: ")
	if !ok {
		return "", false
	}
	line, _, _ := strings.Cut(rest, "\n")
	fields := strings.Fields(line)
	if len(fields) < 2 || !strings.HasPrefix(fields[1], ":") || !isIdent(fields[0]) {
		return "", false
	}
	return fields[0], true
}

// HasSQLCQuery reports whether files declare one of sqlc's query
// constants.
func HasSQLCQuery(info *types.Info, files []*ast.File) bool {
	found := false
	EachSQLCConst(info, files, func(*ast.Ident, *types.Const, string, string) bool {
		found = true
		return false
	})
	return found
}

// EachSQLCConst calls f with each of sqlc's query constants declared in
// files: its name's identifier, the constant, its text and the query's
// name; until f returns false.
func EachSQLCConst(info *types.Info, files []*ast.File, f func(id *ast.Ident, c *types.Const, text, name string) bool) {
	for _, file := range files {
		for _, decl := range file.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				for _, id := range spec.(*ast.ValueSpec).Names {
					c, ok := info.Defs[id].(*types.Const)
					if !ok || c.Val().Kind() != constant.String {
						continue
					}
					text := constant.StringVal(c.Val())
					if name, ok := SQLCQueryName(text); ok && !f(id, c, text, name) {
						return
					}
				}
			}
		}
	}
}

func isIdent(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isIdentByte(s[i]) {
			return false
		}
	}
	return s != ""
}

// SQLCConfigNames are the names of sqlc's configuration file, in the
// order sqlc itself looks for them.
var SQLCConfigNames = []string{"sqlc.yaml", "sqlc.yml", "sqlc.json"}

// FindSQLCConfig returns the sqlc configuration file that applies to the
// package in dir: the first of SQLCConfigNames found in dir or a folder
// above it, up to root (the module's root) and no further. It returns ""
// when there is none, or when dir is not under root.
func FindSQLCConfig(dir, root string) string {
	if root == "" {
		return ""
	}
	rel, err := filepath.Rel(root, dir)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ""
	}
	for d := dir; ; d = filepath.Dir(d) {
		for _, name := range SQLCConfigNames {
			if p := filepath.Join(d, name); fileExists(p) {
				return p
			}
		}
		if d == root || filepath.Dir(d) == d {
			return ""
		}
	}
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// QuerySource is where a sqlc query is written: its -- name: line in a
// queries file, and the full-line comments of its block (sqlc moves them
// out of the generated query text, into the generated method's doc
// comment), each as DirectivePrefix would start a directive ("-- ...").
type QuerySource struct {
	File     string // absolute
	Line     int
	Comments []string
}

// SQLC is what a sqlc configuration says about the generated packages:
// for each package folder it generates (absolute), where each query's
// source is.
type SQLC struct {
	Path     string
	packages map[string]map[string]QuerySource // out dir -> query name -> source
	all      map[string]QuerySource            // every query of every entry whose name is unique
	// src are the bytes of each queries file, for positions in them.
	src map[string][]byte
	// schemas are the schema paths (absolute) of the entry that
	// generates each package folder, and allSchemas those of every entry
	// (see SchemaPaths).
	schemas    map[string][]string
	allSchemas []string
}

// Source returns where the query name generated into the package in dir
// is written: from the configuration entry that generates dir, or, when
// none names it, from any entry whose query has that name, if only one
// has.
func (s *SQLC) Source(dir, name string) (QuerySource, bool) {
	if qs, ok := s.packages[filepath.Clean(dir)]; ok {
		q, ok := qs[name]
		return q, ok
	}
	q, ok := s.all[name]
	return q, ok
}

// Content returns the bytes of a queries file as they were read.
func (s *SQLC) Content(file string) []byte { return s.src[file] }

// sqlcConfig is the part of sqlc's configuration tenantsql reads, in its
// version 2 (sql: [{queries, gen: {go: {out}}}]) and version 1
// (packages: [{path, queries}]) forms. JSON is YAML, so one decoder reads
// sqlc.json too.
type sqlcConfig struct {
	Version string `yaml:"version"`
	SQL     []struct {
		Queries paths `yaml:"queries"`
		Schema  paths `yaml:"schema"`
		Gen     struct {
			Go struct {
				Out string `yaml:"out"`
			} `yaml:"go"`
		} `yaml:"gen"`
	} `yaml:"sql"`
	Packages []struct {
		Path    string `yaml:"path"`
		Queries paths  `yaml:"queries"`
		Schema  paths  `yaml:"schema"`
	} `yaml:"packages"`
}

// paths is a queries entry: one path or a list of them.
type paths []string

// UnmarshalYAML implements yaml.Unmarshaler.
func (p *paths) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*p = paths{n.Value}
		return nil
	}
	var l []string
	if err := n.Decode(&l); err != nil {
		return err
	}
	*p = l
	return nil
}

// LoadSQLC reads the sqlc configuration at path and the queries files it
// lists (a file, or every .sql file of a folder), and indexes their
// queries by name. A configuration that does not parse, or lists a
// queries path that cannot be read, is an error naming the file.
func LoadSQLC(path string) (*SQLC, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the sqlc configuration: %w", err)
	}
	var cfg sqlcConfig
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		return nil, fmt.Errorf("%s: not a sqlc configuration: %w", path, err)
	}
	base := filepath.Dir(path)
	s := &SQLC{Path: path, packages: map[string]map[string]QuerySource{}, all: map[string]QuerySource{}, src: map[string][]byte{}, schemas: map[string][]string{}}
	type entry struct {
		out             string
		queries, schema []string
	}
	var entries []entry
	for _, e := range cfg.SQL {
		entries = append(entries, entry{e.Gen.Go.Out, e.Queries, e.Schema})
	}
	for _, e := range cfg.Packages {
		entries = append(entries, entry{e.Path, e.Queries, e.Schema})
	}
	dup := map[string]bool{}
	for _, e := range entries {
		qs := map[string]QuerySource{}
		for _, q := range e.queries {
			files, err := queryFiles(filepath.Join(base, q))
			if err != nil {
				return nil, fmt.Errorf("%s: queries %q: %w", path, q, err)
			}
			for _, f := range files {
				if err := s.index(f, qs); err != nil {
					return nil, fmt.Errorf("%s: %w", path, err)
				}
			}
		}
		var schema []string
		for _, p := range e.schema {
			schema = append(schema, filepath.Join(base, p))
		}
		s.allSchemas = append(s.allSchemas, schema...)
		if e.out != "" {
			s.packages[filepath.Join(base, e.out)] = qs
			s.schemas[filepath.Join(base, e.out)] = schema
		}
		for name, q := range qs {
			if _, seen := s.all[name]; seen {
				dup[name] = true
			}
			s.all[name] = q
		}
	}
	for name := range dup {
		delete(s.all, name)
	}
	return s, nil
}

// queryFiles is a queries path: the file, or the .sql files of the
// folder, sorted.
func queryFiles(p string) ([]string, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return []string{p}, nil
	}
	des, err := os.ReadDir(p)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, de := range des {
		if !de.IsDir() && strings.HasSuffix(de.Name(), ".sql") {
			out = append(out, filepath.Join(p, de.Name()))
		}
	}
	sort.Strings(out)
	return out, nil
}

// index adds the queries of one file: each -- name: X :kind (or
// /* name: X :kind */) line, and the full-line comments up to the next.
func (s *SQLC) index(file string, qs map[string]QuerySource) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	s.src[file] = data
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, len(data)+1)
	var cur string
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if name, ok := nameLine(line); ok {
			cur = name
			qs[name] = QuerySource{File: file, Line: n}
			continue
		}
		if cur == "" {
			continue
		}
		var comment string
		switch {
		case strings.HasPrefix(line, "--"):
			comment = line[2:]
		case strings.HasPrefix(line, "/*") && strings.HasSuffix(line, "*/") && !strings.HasPrefix(line, "/*+"):
			comment = strings.TrimSuffix(line[2:], "*/")
		default:
			continue
		}
		q := qs[cur]
		q.Comments = append(q.Comments, "-- "+strings.TrimSpace(comment))
		qs[cur] = q
	}
	return sc.Err()
}

// nameLine recognises a query's name line in a queries file.
func nameLine(line string) (string, bool) {
	switch {
	case strings.HasPrefix(line, "-- name:"):
		return SQLCQueryName("-- name: " + strings.TrimSpace(line[len("-- name:"):]))
	case strings.HasPrefix(line, "/* name:") && strings.HasSuffix(line, "*/"):
		return SQLCQueryName("-- name: " + strings.TrimSpace(strings.TrimSuffix(line[len("/* name:"):], "*/")))
	}
	return "", false
}

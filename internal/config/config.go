// Package config reads and validates .tenantlint.yaml, the contract that
// drives both analyzers and the fixer.
package config

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/template"

	"go.yaml.in/yaml/v3"
)

// FileName is the name of the configuration file looked up by walking up
// from a package's directory.
const FileName = ".tenantlint.yaml"

// Scope values of repository.scope.
const (
	ScopeModule  = "module"
	ScopePackage = "package"
)

// Config is a parsed and syntactically validated .tenantlint.yaml.
type Config struct {
	Path    string `yaml:"-"` // absolute path of the file (or the name given to Parse)
	Hash    string `yaml:"-"` // sha256 of the file's bytes, hex
	Version int    `yaml:"version"`

	// VersionPos is where version is written (zero when it is not).
	VersionPos Str `yaml:"-"`

	Models     Models     `yaml:"models"`
	Repository Repository `yaml:"repository"`
	Cache      Cache      `yaml:"cache"`
	Ignore     Ignore     `yaml:"ignore"`
	Ctx        Ctx        `yaml:"ctx"`
	SQL        SQL        `yaml:"sql"`

	src []byte // the file's bytes, for positions in it (Source)
}

// Models says which structs are tenant-scoped.
type Models struct {
	Markers []Name      `yaml:"markers"`
	Fields  []FieldRule `yaml:"fields"`
	// Exclude lists packages whose structs are never models (a trailing
	// /... takes the packages below too), such as frozen migration copies.
	Exclude []Str `yaml:"exclude"`
	// Unreferenced says what tenantrepo does with a model that nothing in
	// the module refers to: UnreferencedReport (the default) or
	// UnreferencedSkip.
	Unreferenced Str `yaml:"unreferenced"`
}

// Values of models.unreferenced.
const (
	UnreferencedReport = "report"
	UnreferencedSkip   = "skip"
)

// SkipUnreferenced reports whether models.unreferenced is skip: a model
// that nothing in the module refers to is no finding.
func (m Models) SkipUnreferenced() bool { return m.Unreferenced.Value == UnreferencedSkip }

// Repository says which generic types are tenant-aware repositories.
type Repository struct {
	Types []Name `yaml:"types"`
	Scope Str    `yaml:"scope"`
	Fix   *Fix   `yaml:"fix"`
	// Methods recognises repositories by their methods (see MethodRule).
	Methods []MethodRule `yaml:"methods"`
}

// Fix is the declaration that tenantfix inserts for an uncovered model.
type Fix struct {
	Import   Str `yaml:"import"`
	Template Str `yaml:"template"`

	Pos  Str `yaml:"-"` // where the fix key is written
	tmpl *template.Template
}

// Cache says which calls are cache calls and how keys are scoped.
type Cache struct {
	KeyFunc   Name     `yaml:"key_func"`
	SafeTypes []Name   `yaml:"safe_types"`
	Presets   []Str    `yaml:"presets"`
	APIs      []APIDef `yaml:"apis"`

	// TenantValues and FollowHelpers widen what counts as a scoped key
	// (see cachevalues.go).
	TenantValues  *TenantValues `yaml:"tenant_values"`
	FollowHelpers bool          `yaml:"follow_helpers"`

	// Report says which cache calls are findings: all (the default, the
	// strict rule of version 1) or only those about tenant data (see
	// tenantdata.go).
	Report Str `yaml:"report"`
}

// APIDef is one user-declared cache API: a type and its methods, or a
// package-level function.
type APIDef struct {
	Type    Name               `yaml:"type"`
	Methods map[string]KeyArgs `yaml:"methods"`
	Func    Name               `yaml:"func"`
	// Field is a map field used as a cache (pkgpath.Type.field): its
	// index expressions and delete calls are cache calls keyed by the
	// index. A map is a cache only when configured so.
	Field   Name `yaml:"field"`
	KeyArgs `yaml:",inline"`

	Line, Column int `yaml:"-"`
	// MethodPos is where each method's name is written under methods.
	MethodPos map[string]Str `yaml:"-"`
}

// KeyArgs says which arguments of a cache method are keys. Indexes are
// 0-based and count the receiver out: Get(ctx, key) has its key at 1.
// With Variadic, the last index listed starts the variadic keys.
type KeyArgs struct {
	Key       IntList `yaml:"key"`
	Variadic  bool    `yaml:"variadic"`
	Slice     bool    `yaml:"slice"`
	ItemField string  `yaml:"item_field"`
}

// Ignore lists what is never checked.
type Ignore struct {
	Packages []Str `yaml:"packages"`
	Tests    *bool `yaml:"tests"`
	// Findings drops findings by check, file, name and message (see
	// ignore.go): the suppressions that cannot be written in a file
	// that is regenerated.
	Findings []FindingRule `yaml:"findings"`
}

// Str is a YAML scalar that remembers where it was written.
type Str struct {
	Value        string
	Line, Column int
}

// UnmarshalYAML implements yaml.Unmarshaler.
func (s *Str) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: expected a string", n.Line)}}
	}
	*s = Str{Value: n.Value, Line: n.Line, Column: n.Column}
	return nil
}

// Name is a qualified Go name written as "import/path.Name".
type Name = Str

// FieldRule is an entry of models.fields: a field name, written alone or
// as a mapping {name, tag, type} that also requires the field's struct
// tag to contain tag and its type to be type (or a pointer to it).
type FieldRule struct {
	Name string
	Str  // the name as written; for a mapping, at the mapping
	Tag  Str
	Type Name
}

// fieldRuleKeys is the mapping form of a models.fields entry.
type fieldRuleKeys struct {
	Name Str  `yaml:"name"`
	Tag  Str  `yaml:"tag"`
	Type Name `yaml:"type"`
}

// UnmarshalYAML implements yaml.Unmarshaler.
func (f *FieldRule) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.MappingNode {
		var k fieldRuleKeys
		if err := n.Decode(&k); err != nil {
			return err
		}
		*f = FieldRule{Name: k.Name.Value, Str: Str{Value: k.Name.Value, Line: n.Line, Column: n.Column}, Tag: k.Tag, Type: k.Type}
		return nil
	}
	if err := f.Str.UnmarshalYAML(n); err != nil {
		return err
	}
	f.Name = f.Value
	return nil
}

// IntList is a key index written as one number or a list of numbers.
type IntList []int

// UnmarshalYAML implements yaml.Unmarshaler.
func (l *IntList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		var i int
		if err := n.Decode(&i); err != nil {
			return err
		}
		*l = IntList{i}
		return nil
	}
	var is []int
	if err := n.Decode(&is); err != nil {
		return err
	}
	*l = is
	return nil
}

// Error is a configuration error at a position in the file. Its text is a
// single line: "file:line:col: what is wrong".
type Error struct {
	File         string
	Line, Column int
	Msg          string
}

func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// ErrAt builds an Error at the position of s.
func (c *Config) ErrAt(s Str, format string, args ...any) *Error {
	return &Error{File: c.Path, Line: s.Line, Column: s.Column, Msg: fmt.Sprintf(format, args...)}
}

// checkOneOf validates a key whose value must be one of allowed or empty
// (the default): value is s's value as the key's rule reads it (a
// dialect's, lowercased), and the error quotes the value as written.
func (c *Config) checkOneOf(key string, s Str, value string, allowed ...string) error {
	if value == "" || slices.Contains(allowed, value) {
		return nil
	}
	quoted := make([]string, len(allowed))
	for i, a := range allowed {
		quoted[i] = strconv.Quote(a)
	}
	last := len(quoted) - 1
	return c.ErrAt(s, "%s must be %s or %s, not %q", key, strings.Join(quoted[:last], ", "), quoted[last], s.Value)
}

// TestsIgnored reports whether _test.go files are skipped (the default).
func (c *Config) TestsIgnored() bool { return c.Ignore.Tests == nil || *c.Ignore.Tests }

// ScopeValue returns repository.scope with its default applied.
func (c *Config) ScopeValue() string {
	if c.Repository.Scope.Value == "" {
		return ScopeModule
	}
	return c.Repository.Scope.Value
}

// Dir is the directory holding the configuration file.
func (c *Config) Dir() string { return filepath.Dir(c.Path) }

// Load reads and parses the file at path.
func Load(path string) (*Config, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	return Parse(abs, data)
}

// Parse parses and syntactically validates the contents of a
// configuration file. Names are checked against Go code later, by Resolve.
func Parse(path string, data []byte) (*Config, error) {
	c := &Config{Path: path, src: data}
	sum := sha256.Sum256(data)
	c.Hash = hex.EncodeToString(sum[:])
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(path, err)
	}
	if len(doc.Content) == 0 || isNull(doc.Content[0]) {
		return nil, &Error{File: path, Line: 1, Msg: "file is empty; it needs at least 'version: 1'"}
	}
	if err := checkSchema(path, &doc); err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &Error{File: path, Line: 1, Msg: "file is empty; it needs at least 'version: 1'"}
		}
		return nil, yamlError(path, err)
	}
	c.recordPositions(doc.Content[0])
	if err := c.validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// recordPositions remembers where version, each cache.apis entry and
// each of its methods are written, for errors about them as a whole.
func (c *Config) recordPositions(root *yaml.Node) {
	if v := lookup(root, "version"); v != nil {
		c.VersionPos = Str{Value: v.Value, Line: v.Line, Column: v.Column}
	}
	if c.Repository.Fix != nil {
		if k := lookupKey(lookup(root, "repository"), "fix"); k != nil {
			c.Repository.Fix.Pos = Str{Value: k.Value, Line: k.Line, Column: k.Column}
		}
	}
	c.recordCacheValuePositions(lookup(root, "cache"))
	c.recordIgnorePositions(lookup(root, "ignore"))
	apis := lookup(lookup(root, "cache"), "apis")
	if apis == nil || apis.Kind != yaml.SequenceNode {
		return
	}
	for i, n := range apis.Content {
		if i >= len(c.Cache.APIs) {
			break
		}
		a := &c.Cache.APIs[i]
		a.Line, a.Column = n.Line, n.Column
		if ms := lookup(n, "methods"); ms != nil && ms.Kind == yaml.MappingNode {
			a.MethodPos = map[string]Str{}
			for j := 0; j+1 < len(ms.Content); j += 2 {
				k := ms.Content[j]
				a.MethodPos[k.Value] = Str{Value: k.Value, Line: k.Line, Column: k.Column}
			}
		}
	}
}

func lookupKey(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i]
		}
	}
	return nil
}

func lookup(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// yamlError turns the decoder's multi-line error into one line per problem,
// keeping the first, in the "file:line: message" form.
func yamlError(path string, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg := te.Errors[0]
		var line int
		if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 {
			msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
			return &Error{File: path, Line: line, Msg: cleanYAMLMsg(msg)}
		}
		return &Error{File: path, Msg: cleanYAMLMsg(msg)}
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 {
		return &Error{File: path, Line: line, Msg: strings.TrimSpace(msg[strings.Index(msg, ":")+1:])}
	}
	return &Error{File: path, Msg: msg}
}

// cleanYAMLMsg rewrites the decoder's Go-flavoured messages in terms of
// the file's keys.
func cleanYAMLMsg(msg string) string {
	if i := strings.Index(msg, "field "); i == 0 {
		if j := strings.Index(msg, " not found in type"); j > 0 {
			section := strings.ToLower(strings.TrimPrefix(msg[j+len(" not found in type"):], " config."))
			if section == "config" {
				return fmt.Sprintf("unknown key %q", msg[len("field "):j])
			}
			return fmt.Sprintf("unknown key %q in %s", msg[len("field "):j], sectionName(section))
		}
	}
	return msg
}

func sectionName(goType string) string {
	switch goType {
	case "apidef":
		return "cache.apis entry"
	case "keyargs":
		return "a method's key spec"
	case "fix":
		return "repository.fix"
	}
	return goType
}

func (c *Config) validate() error {
	if c.VersionPos.Line == 0 {
		return &Error{File: c.Path, Line: 1, Msg: "version is missing; add 'version: 1' at the top"}
	}
	if c.Version != 1 {
		return c.ErrAt(c.VersionPos, "version must be 1, not %d", c.Version)
	}
	for _, m := range c.Models.Markers {
		if err := c.checkQualified(m, "models.markers"); err != nil {
			return err
		}
	}
	if err := c.validateModelAdditions(); err != nil {
		return err
	}
	for _, t := range c.Repository.Types {
		if err := c.checkQualified(t, "repository.types"); err != nil {
			return err
		}
	}
	if err := c.checkOneOf("models.unreferenced", c.Models.Unreferenced, c.Models.Unreferenced.Value, UnreferencedReport, UnreferencedSkip); err != nil {
		return err
	}
	if err := c.checkOneOf("repository.scope", c.Repository.Scope, c.Repository.Scope.Value, ScopeModule, ScopePackage); err != nil {
		return err
	}
	if err := c.validateFix(); err != nil {
		return err
	}
	if err := c.validateRepoMethods(); err != nil {
		return err
	}
	if err := c.validateCtx(); err != nil {
		return err
	}
	if err := c.validateIgnoreFindings(); err != nil {
		return err
	}
	if err := c.validateSQL(); err != nil {
		return err
	}
	return c.validateCache()
}

func (c *Config) validateFix() error {
	fix := c.Repository.Fix
	if fix == nil {
		return nil
	}
	if fix.Template.Value == "" {
		at := fix.Template
		if at.Line == 0 {
			at = fix.Pos
		}
		return c.ErrAt(at, "repository.fix.template is empty")
	}
	t, err := template.New("repository.fix").Option("missingkey=error").Parse(fix.Template.Value)
	if err != nil {
		return c.ErrAt(fix.Template, "repository.fix.template: %s", strings.TrimPrefix(err.Error(), "template: "))
	}
	fix.tmpl = t
	if _, err := fix.Render(FixData{Model: "Example", Package: "example", Table: "examples"}); err != nil {
		msg := err.Error()
		if i := strings.Index(msg, "executing "); i >= 0 {
			msg = msg[i:]
		}
		msg = strings.ReplaceAll(msg, " in type config.FixData", "")
		return c.ErrAt(fix.Template, "repository.fix.template: %s (the template sees .Model, .Package and .Table)", msg)
	}
	if fix.Import.Value != "" && !isImportPath(fix.Import.Value) {
		return c.ErrAt(fix.Import, "repository.fix.import: %q is not an import path", fix.Import.Value)
	}
	return nil
}

func (c *Config) validateCache() error {
	cc := &c.Cache
	if cc.KeyFunc.Value != "" {
		if err := c.checkQualified(cc.KeyFunc, "cache.key_func"); err != nil {
			return err
		}
	}
	for _, t := range cc.SafeTypes {
		if err := c.checkQualified(t, "cache.safe_types"); err != nil {
			return err
		}
	}
	for _, p := range cc.Presets {
		if _, ok := Presets()[p.Value]; !ok {
			return c.ErrAt(p, "cache.presets: unknown preset %q (known: %s)", p.Value, strings.Join(PresetNames(), ", "))
		}
	}
	for i := range cc.APIs {
		if err := c.validateAPI(&cc.APIs[i]); err != nil {
			return err
		}
	}
	if err := c.validateCacheReport(); err != nil {
		return err
	}
	return c.validateTenantValues()
}

func (c *Config) validateAPI(a *APIDef) error {
	if a.Field.Value != "" {
		return c.validateMapField(a)
	}
	methods := make(map[string]func() error, len(a.Methods))
	for m, k := range a.Methods {
		methods[m] = func() error { return checkKeyArgs(k) }
	}
	return c.validateAPIEntry(apiEntry{
		section: "cache.apis", typ: a.Type, fn: a.Func, line: a.Line, column: a.Column,
		methods: methods, methodPos: a.MethodPos,
		argsOnType: len(a.Key) > 0 || a.Variadic || a.Slice || a.ItemField != "",
		argsWhat:   "key, variadic, slice and item_field go",
		checkFunc:  func() error { return checkKeyArgs(a.KeyArgs) },
	})
}

// validateMapField checks a cache.apis entry that names a map field: it
// has nothing else (the key is the map's index), and its name is
// pkgpath.Type.field.
func (c *Config) validateMapField(a *APIDef) error {
	if a.Type.Value != "" || a.Func.Value != "" || len(a.Methods) > 0 ||
		len(a.Key) > 0 || a.Variadic || a.Slice || a.ItemField != "" {
		return c.ErrAt(a.Field, "cache.apis: a field entry has no type, func, methods or key (the key is the map's index)")
	}
	if _, _, ok := SplitField(a.Field.Value); !ok {
		return c.ErrAt(a.Field, "cache.apis.field: %q is not a field name like example.com/app/cache.Store.items", a.Field.Value)
	}
	return nil
}

// SplitField splits "import/path.Type.field" into the qualified type
// name and the field name.
func SplitField(s string) (typ, field string, ok bool) {
	dot := strings.LastIndex(s, ".")
	if dot <= 0 {
		return "", "", false
	}
	typ, field = s[:dot], s[dot+1:]
	if _, _, ok := SplitQualified(typ); !ok || !isIdent(field) {
		return "", "", false
	}
	return typ, field, true
}

func checkKeyArgs(k KeyArgs) error {
	if len(k.Key) == 0 {
		return errors.New("missing key (the 0-based index of the key argument)")
	}
	for _, i := range k.Key {
		if i < 0 {
			return fmt.Errorf("key index %d is negative", i)
		}
	}
	shapes := 0
	for _, b := range []bool{k.Variadic, k.Slice, k.ItemField != ""} {
		if b {
			shapes++
		}
	}
	if shapes > 1 {
		return errors.New("variadic, slice and item_field exclude each other")
	}
	if (k.Slice || k.ItemField != "") && len(k.Key) != 1 {
		return errors.New("slice and item_field take a single key index")
	}
	if k.ItemField != "" && !isIdent(k.ItemField) {
		return fmt.Errorf("item_field %q is not a field name", k.ItemField)
	}
	return nil
}

func (c *Config) checkQualified(s Str, key string) error {
	if _, _, ok := SplitQualified(s.Value); !ok {
		return c.ErrAt(s, "%s: %q is not a qualified name like example.com/app/tenant.Model", key, s.Value)
	}
	return nil
}

// SplitQualified splits "import/path.Name" into its package path and name.
func SplitQualified(s string) (pkg, name string, ok bool) {
	slash := strings.LastIndex(s, "/")
	dot := strings.LastIndex(s, ".")
	if dot <= slash+0 || dot == len(s)-1 || dot <= 0 {
		return "", "", false
	}
	pkg, name = s[:dot], s[dot+1:]
	if !isIdent(name) || !isImportPath(pkg) {
		return "", "", false
	}
	return pkg, name, true
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		letter := r == '_' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || r >= 0x80
		if !letter && (i == 0 || r < '0' || r > '9') {
			return false
		}
	}
	return true
}

func isImportPath(s string) bool {
	if s == "" || strings.ContainsAny(s, " \t\"\\:") || strings.HasPrefix(s, "/") || strings.HasSuffix(s, "/") {
		return false
	}
	return !strings.Contains(s, "//")
}

// FixData is what repository.fix.template sees.
type FixData struct {
	Model   string // the model's type name
	Package string // the model's package name
	Table   string // TableName()'s constant, or the snake_case plural of Model
}

// Render executes the fix template.
func (f *Fix) Render(d FixData) (string, error) {
	var buf bytes.Buffer
	if err := f.tmpl.Execute(&buf, d); err != nil {
		return "", err
	}
	return buf.String(), nil
}

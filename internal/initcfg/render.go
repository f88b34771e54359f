package initcfg

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/tenantlint/tenantlint/internal/config"
)

// maxExamples is how many struct names a comment lists before "and N more".
const maxExamples = 5

// docURL is the README section that documents the file.
const docURL = "https://github.com/tenantlint/tenantlint#configuration-tenantlintyaml"

// Render writes the proposal as a commented .tenantlint.yaml: each
// proposed entry uncommented, each other candidate commented out below
// it, and a comment on every entry that says what was found.
func Render(f *Findings) []byte {
	w := &yamlWriter{}
	w.comment(0, "%s proposed by `tenantlint init` for %s", config.FileName, f.Module)
	w.comment(0, "(%s, %s scanned). Every entry is a guess from the code:", plural(f.Packages, "package"), plural(f.Structs, "struct"))
	w.comment(0, "review it, uncomment or delete lines, then run `tenantlint ./...`.")
	w.comment(0, "The format: %s", docURL)
	w.line(0, "version: 1")
	w.blank()
	renderModels(w, f)
	renderUnreferenced(w, f)
	w.blank()
	renderRepository(w, f)
	w.blank()
	renderCache(w, f)
	w.blank()
	renderCtx(w, f)
	w.blank()
	if f.SQL != nil {
		renderSQL(w, f.SQL)
		renderPresetMisses(w, f, "sql")
		w.blank()
	}
	renderIgnore(w, f)
	return []byte(w.b.String())
}

func renderModels(w *yamlWriter, f *Findings) {
	w.line(0, "models:")
	w.comment(2, "Field names that make a struct tenant-scoped, ranked by how many")
	w.comment(2, "structs carry them (declared, or promoted from an embedded struct).")
	w.line(2, "fields:")
	for _, c := range f.Fields {
		w.comment(4, "%s", fieldNote(c))
		if c.Column == "" {
			w.entry(4, c.Proposed, "- "+scalar(c.Name), "")
			continue
		}
		w.comment(4, "only %d of the %d declarations are %s columns: the others are not rows", c.ColumnDecl, c.Declared, c.Column)
		w.entry(4, c.Proposed, "- {name: "+scalar(c.Name)+", tag: "+singleQuoted(c.Column)+"}", "")
	}
	renderExclude(w, f)
	if len(f.Markers) == 0 {
		w.comment(2, "markers: none found: no type outside the standard library is embedded")
		w.comment(2, "by %d or more structs with a tenant field.", minMarkerCarriers)
		return
	}
	w.comment(2, "Types embedded by several of those structs: embedding a marker makes")
	w.comment(2, "a struct tenant-scoped even without the field.")
	anyMarker := false
	for _, m := range f.Markers {
		anyMarker = anyMarker || m.Proposed
	}
	w.entry(2, anyMarker, "markers:", "")
	for _, m := range f.Markers {
		w.comment(4, "embedded by %s with a tenant field: %s", plural(len(m.Carriers), "struct"), examples(m.Carriers, maxExamples))
		switch {
		case len(m.Behaviour) > 0:
			w.comment(4, "commented out: it has methods (%s), an implementation embedded for what it does, not a marker", examples(m.Behaviour, 3))
		case !m.Proposed:
			w.comment(4, "commented out: it would also make %s tenant-scoped", examples(m.Unscoped, maxExamples))
		}
		w.entry(4, m.Proposed, "- "+scalar(m.Name), "")
	}
}

// fieldNote describes a field candidate: its type, shared tag, and the
// structs that carry it.
func fieldNote(c *FieldCandidate) string {
	var b strings.Builder
	b.WriteString(c.Name)
	if c.Declared > 0 {
		b.WriteString(" " + c.TypeText())
	}
	if c.Tag != "" {
		b.WriteString(", tag " + c.Tag)
	}
	fmt.Fprintf(&b, ": %s", plural(len(c.Carriers), "struct"))
	if c.Declared != len(c.Carriers) {
		fmt.Fprintf(&b, " (%d declare it)", c.Declared)
	}
	fmt.Fprintf(&b, ": %s", examples(c.Carriers, maxExamples))
	return b.String()
}

func renderRepository(w *yamlWriter, f *Findings) {
	w.line(0, "repository:")
	renderRepoTypes(w, f)
	renderRepoMethods(w, f)
}

func renderRepoTypes(w *yamlWriter, f *Findings) {
	if len(f.Repos) == 0 {
		w.comment(2, "types: none found: no generic type is instantiated with a struct that")
		w.comment(2, "has a tenant field. Name your Repository[M] here once it exists.")
		return
	}
	w.comment(2, "Generic types instantiated with those structs as first type argument:")
	w.comment(2, "Repo[M] held at package level covers M. A cache, a Page[T] or an Option[T]")
	w.comment(2, "is no repository and would hide missing ones, so only the first is proposed.")
	anyRepo := false
	for _, r := range f.Repos {
		anyRepo = anyRepo || r.Proposed
	}
	w.entry(2, anyRepo, "types:", "")
	for _, r := range f.Repos {
		note := fmt.Sprintf("instantiated with %s (%d at package level): %s",
			plural(len(r.Models), "tenant struct"), r.PackageLevel, examples(r.Models, maxExamples))
		if r.Others > 0 {
			note += fmt.Sprintf("; and with %s", plural(r.Others, "other type"))
		}
		w.comment(4, "%s", note)
		switch {
		case r.NotRepo != "":
			w.comment(4, "not a repository: %s", r.NotRepo)
		case !r.Proposed && r.PackageLevel == 0:
			w.comment(4, "not proposed: no model has one at package level, where it would cover it")
		}
		w.entry(4, r.Proposed, "- "+scalar(r.Name), "")
	}
	for _, r := range f.Repos {
		if r.Proposed && r.Fix != nil {
			renderFix(w, r.Fix)
		}
	}
}

// renderRepoMethods writes repository.methods: the tenant parameter and
// method names of the data-layer types, ranked, with their counts.
func renderRepoMethods(w *yamlWriter, f *Findings) {
	if len(f.TenantParams)+len(f.TenantMethods) == 0 {
		w.comment(2, "methods: none found: no method of the %s that take or return", plural(f.DataTypes, "type"))
		w.comment(2, "tenant-scoped models has a tenant parameter or returns the tenant.")
		return
	}
	w.comment(2, "How the tenant travels through the %s whose methods take or return", plural(f.DataTypes, "type"))
	w.comment(2, "tenant-scoped models: such a type with a method that has one of these")
	w.comment(2, "parameters, or one of these methods, is a repository for those models.")
	w.comment(2, "Names of the tenant fields' concept are proposed, the others commented out.")
	w.line(2, "methods:")
	var on, off []string
	for i, c := range f.TenantParams {
		if !c.Proposed && i >= maxExamples {
			continue
		}
		w.comment(4, "tenant_param %s: %s of %s: %s", c.Name, plural(c.Methods, "method"), plural(len(c.Types), "type"), examples(c.Types, 3))
		if c.Proposed {
			on = append(on, scalar(c.Name))
		} else {
			off = append(off, scalar(c.Name))
		}
	}
	if len(on) > 0 {
		w.line(4, "- tenant_param: ["+strings.Join(on, ", ")+"]")
	}
	if len(off) > 0 {
		w.comment(4, "- tenant_param: [%s]", strings.Join(off, ", "))
	}
	for i, c := range f.TenantMethods {
		if !c.Proposed && i >= maxExamples {
			continue
		}
		w.comment(4, "tenant_method %s: on %s: %s", c.Name, plural(len(c.Types), "type"), examples(c.Types, 3))
		w.entry(4, c.Proposed, "- tenant_method: "+scalar(c.Name), "")
	}
}

// renderFix writes repository.fix, commented out when no constructor was
// found: a zero-value repository compiles and covers the model, but is
// likely not what the code base wants.
func renderFix(w *yamlWriter, fix *FixProposal) {
	w.comment(2, "What tenantfix declares for a model with no repository (.Model, .Package,")
	w.comment(2, ".Table: the TableName() constant or the snake_case plural of .Model).")
	if fix.Error != "" {
		w.comment(2, "fix: none proposed: the template %s does not compile for %s:", singleQuoted(fix.Template), fix.CheckedWith)
		w.comment(2, "  %s", fix.Error)
		w.comment(2, "Write the declaration your code needs (see the README).")
		return
	}
	on := fix.Constructor != ""
	if !on {
		w.comment(2, "No constructor func[M any]() or (table string) returning the type was found:")
		w.comment(2, "this declares a zero value; write the declaration your code needs.")
	}
	w.entry(2, on, "fix:", "")
	w.entry(4, on, "import: "+scalar(fix.Import), "")
	w.entry(4, on, "template: "+singleQuoted(fix.Template), "")
}

func renderCache(w *yamlWriter, f *Findings) {
	w.line(0, "cache:")
	renderCacheReport(w, f)
	if len(f.KeyFuncs) == 0 {
		w.comment(2, "key_func: none found: no exported func(context.Context, string) string")
		w.comment(2, "is declared in or used by the module.")
	} else {
		w.comment(2, "The function that scopes a key to the tenant in ctx,")
		w.comment(2, "func(context.Context, string) string; the best ranked is proposed.")
		for _, k := range f.KeyFuncs {
			w.entry(2, k.Proposed, "key_func: "+scalar(k.Name), k.Why())
		}
	}
	renderSafeTypes(w, f)
	if len(f.Presets) == 0 {
		w.comment(2, "presets: none: go.mod requires none of %s.", strings.Join(config.LibraryPresetNames(), ", "))
	} else {
		w.comment(2, "Built-in method tables for the cache libraries that go.mod requires.")
		w.line(2, "presets:")
		for _, p := range f.Presets {
			note := p.Module + " " + p.Version
			if p.Indirect {
				note += " (indirect: no package of the module imports it)"
			}
			w.entry(4, !p.Indirect, "- "+scalar(p.Preset), note)
		}
	}
	renderPresetMisses(w, f, "cache")
	renderAPIs(w, f)
	renderTenantValues(w, f)
}

// renderSafeTypes writes the module's cache wrappers that pass every key
// through key_func.
func renderSafeTypes(w *yamlWriter, f *Findings) {
	var safe []*CacheTypeCandidate
	for _, c := range f.CacheTypes {
		if c.Safe {
			safe = append(safe, c)
		}
	}
	if len(safe) == 0 {
		return
	}
	w.comment(2, "Cache types whose methods pass every key through key_func: calls on them")
	w.comment(2, "are fine as they are.")
	w.line(2, "safe_types:")
	for _, c := range safe {
		w.entry(4, true, "- "+scalar(c.Name), cacheNote(c))
	}
}

// renderAPIs writes the module's own cache types as cache.apis.
func renderAPIs(w *yamlWriter, f *Findings) {
	var apis []*CacheTypeCandidate
	for _, c := range f.CacheTypes {
		if !c.Safe {
			apis = append(apis, c)
		}
	}
	if len(apis) == 0 {
		w.comment(2, "apis: none found: no type of the module has Get and Set methods on string keys.")
		return
	}
	w.comment(2, "The module's own cache types (Get and Set on string keys), checked like")
	w.comment(2, "the presets: key is the 0-based index of the key argument.")
	w.line(2, "apis:")
	for _, c := range apis {
		w.comment(4, "%s", cacheNote(c))
		w.line(4, "- type: "+scalar(c.Name))
		w.line(6, "methods:")
		for _, m := range c.methodNames() {
			w.line(8, m+": "+keyArgsText(c.Methods[m]))
		}
	}
}

// methodNames lists c's cache methods, sorted.
func (c *CacheTypeCandidate) methodNames() []string {
	names := make([]string, 0, len(c.Methods))
	for m := range c.Methods {
		names = append(names, m)
	}
	sort.Strings(names)
	return names
}

func cacheNote(c *CacheTypeCandidate) string {
	note := "cache methods " + strings.Join(c.methodNames(), ", ")
	if len(c.Wraps) > 0 {
		note += "; calls " + examples(c.Wraps, 3)
	}
	return note
}

// keyArgsText writes a method's key arguments in the flow style of the
// README: {key: 1, variadic: true}.
func keyArgsText(k config.KeyArgs) string {
	parts := make([]string, 0, len(k.Key))
	for _, i := range k.Key {
		parts = append(parts, strconv.Itoa(i))
	}
	s := "{key: " + strings.Join(parts, ", ")
	if len(k.Key) != 1 {
		s = "{key: [" + strings.Join(parts, ", ") + "]"
	}
	if k.Variadic {
		s += ", variadic: true"
	}
	if k.Slice {
		s += ", slice: true"
	}
	return s + "}"
}

// renderTenantValues writes cache.tenant_values from the data layer's
// evidence: a service that passes the tenant to its stores by parameter
// or accessor builds its cache keys from the same values.
func renderTenantValues(w *yamlWriter, f *Findings) {
	var params []string
	for _, c := range f.TenantParams {
		if c.Proposed {
			params = append(params, scalar(c.Name))
		}
	}
	methods := false
	for _, c := range f.TenantMethods {
		methods = methods || c.Proposed
	}
	if len(params) == 0 && !methods {
		w.comment(2, "tenant_values: not proposed: the data-layer types take no tenant parameter")
		w.comment(2, "and have no tenant method, so keys are scoped by key_func alone.")
		return
	}
	var fields []string
	for _, c := range f.Fields {
		if c.Proposed {
			fields = append(fields, scalar(c.Name))
		}
	}
	w.comment(2, "A key that contains one of these values is tenant-scoped: the tenant")
	w.comment(2, "parameters and methods of the data layer, and the tenant fields.")
	w.line(2, "tenant_values:")
	if len(f.TenantFuncs) > 0 {
		w.line(4, "funcs:")
		for _, c := range f.TenantFuncs {
			w.entry(6, true, "- "+scalar(c.Name), "called "+plural(c.Uses, "time"))
		}
	}
	if len(fields) > 0 {
		w.line(4, "fields: ["+strings.Join(fields, ", ")+"]")
	}
	if len(params) > 0 {
		w.line(4, "params: ["+strings.Join(params, ", ")+"]")
	}
}

// yamlWriter builds the file line by line.
type yamlWriter struct{ b strings.Builder }

func (w *yamlWriter) line(indent int, s string) {
	w.b.WriteString(strings.Repeat(" ", indent) + s + "\n")
}

func (w *yamlWriter) blank() { w.b.WriteString("\n") }

// comment writes a comment line; line breaks in the text become spaces
// so that nothing in it can end the comment.
func (w *yamlWriter) comment(indent int, format string, args ...any) {
	text := strings.NewReplacer("\r", " ", "\n", " ").Replace(fmt.Sprintf(format, args...))
	w.line(indent, "# "+text)
}

// entry writes s, commented out unless on, with a trailing note.
func (w *yamlWriter) entry(indent int, on bool, s, note string) {
	if !on {
		s = "# " + s
	}
	if note != "" {
		s += "   # " + strings.NewReplacer("\r", " ", "\n", " ").Replace(note)
	}
	w.line(indent, s)
}

// plainScalar is compiled on first use: only tenantlint init writes YAML,
// and every process that links the package would otherwise compile it.
var plainScalar = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_./~-]*$`)
})

// scalar writes s as a YAML scalar: plain when it is made of the
// characters of import paths and identifiers, double-quoted otherwise.
func scalar(s string) string {
	if plainScalar().MatchString(s) && !yamlSpecial(s) {
		return s
	}
	return strconv.Quote(s)
}

// singleQuoted writes s as a single-quoted YAML scalar, where only the
// quote itself needs escaping (by doubling): templates hold " and {{.
func singleQuoted(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// yamlSpecial reports whether a plain s would read as something other
// than a string (a boolean, null or a number).
func yamlSpecial(s string) bool {
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "null", "y", "n":
		return true
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// renderIgnore writes ignore.packages for the packages named like shared
// infrastructure.
func renderIgnore(w *yamlWriter, f *Findings) {
	anyIgnored := false
	for _, c := range f.Ignore {
		anyIgnored = anyIgnored || c.Proposed
	}
	// Migrations are out of tenantsql's scope (DDL, backfills across every
	// tenant): with the sql section on, their packages are not checked.
	var migrations []*IgnoreCandidate
	if f.SQL != nil && f.SQL.Off == "" {
		migrations = f.Exclude
	}
	if !anyIgnored && len(migrations) == 0 {
		w.comment(0, "Packages whose data is shared by every tenant are not checked; none found")
		w.comment(0, "named platform, infra or global that declares no tenant-scoped model:")
		w.comment(0, "ignore:")
		w.comment(0, "  packages: [%s/internal/platform/...]", f.Module)
		for _, c := range f.Ignore {
			w.comment(0, "  %s declares %s", c.Pattern, examples(c.Models, 3))
		}
		return
	}
	w.line(0, "ignore:")
	w.comment(2, "Packages named like shared infrastructure that declare no tenant-scoped")
	w.comment(2, "model: their cache keys are shared by every tenant.")
	if len(migrations) > 0 {
		w.comment(2, "Packages named like migrations, with the sql section on: their DDL and")
		w.comment(2, "backfills run across every tenant, out of tenantsql's scope.")
	}
	w.line(2, "packages:")
	for _, c := range f.Ignore {
		note := plural(c.Packages, "package")
		if !c.Proposed {
			note = "commented out: it declares " + examples(c.Models, 3)
		}
		w.entry(4, c.Proposed, "- "+scalar(c.Pattern), note)
	}
	for _, c := range migrations {
		w.entry(4, true, "- "+scalar(c.Pattern), "migrations: "+plural(c.Packages, "package"))
	}
}

// renderExclude writes models.exclude for the packages of migrations.
func renderExclude(w *yamlWriter, f *Findings) {
	if len(f.Exclude) == 0 {
		return
	}
	w.comment(2, "Packages named like migrations: their tenant-scoped structs are frozen")
	w.comment(2, "copies of the models, one per schema change, that no repository covers.")
	w.line(2, "exclude:")
	for _, c := range f.Exclude {
		w.entry(4, true, "- "+scalar(c.Pattern), fmt.Sprintf("%s: %s", plural(len(c.Models), "tenant-scoped struct"), examples(c.Models, 3)))
	}
}

// renderPresetMisses writes, as comments of the kind's section, the
// presets of that kind that init leaves out (Findings.PresetMisses).
func renderPresetMisses(w *yamlWriter, f *Findings, kind string) {
	for _, m := range f.PresetMisses {
		if m.Kind == kind {
			w.comment(2, "Not proposed: %s.", m.Line())
		}
	}
}

package initcfg

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

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
	w.blank()
	renderRepository(w, f)
	w.blank()
	renderCache(w, f)
	w.blank()
	renderCtx(w, f)
	w.blank()
	w.comment(0, "Packages whose data is shared by every tenant are not checked:")
	w.comment(0, "ignore:")
	w.comment(0, "  packages: [%s/internal/platform/...]", f.Module)
	return []byte(w.b.String())
}

func renderModels(w *yamlWriter, f *Findings) {
	w.line(0, "models:")
	w.comment(2, "Field names that make a struct tenant-scoped, ranked by how many")
	w.comment(2, "structs carry them (declared, or promoted from an embedded struct).")
	w.line(2, "fields:")
	for _, c := range f.Fields {
		w.comment(4, "%s", fieldNote(c))
		w.entry(4, c.Proposed, "- "+scalar(c.Name), "")
	}
	if len(f.Markers) == 0 {
		w.comment(2, "markers: none found: no type outside the standard library is embedded")
		w.comment(2, "by %d or more structs with a tenant field.", minMarkerCarriers)
		return
	}
	w.comment(2, "Types embedded by several of those structs: embedding a marker makes")
	w.comment(2, "a struct tenant-scoped even without the field.")
	w.line(2, "markers:")
	for _, m := range f.Markers {
		w.comment(4, "embedded by %s with a tenant field: %s", plural(len(m.Carriers), "struct"), examples(m.Carriers, maxExamples))
		if !m.Proposed {
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
	if len(f.Repos) == 0 {
		w.comment(2, "types: none found: no generic type is instantiated with a struct that")
		w.comment(2, "has a tenant field. Name your Repository[M] here once it exists.")
		return
	}
	w.comment(2, "Generic types instantiated with those structs as first type argument:")
	w.comment(2, "Repo[M] held at package level covers M. A Page[T] or an Option[T] is no")
	w.comment(2, "repository and would hide missing ones, so only the first is proposed.")
	w.line(2, "types:")
	for _, r := range f.Repos {
		note := fmt.Sprintf("instantiated with %s (%d at package level): %s",
			plural(len(r.Models), "tenant struct"), r.PackageLevel, examples(r.Models, maxExamples))
		if r.Others > 0 {
			note += fmt.Sprintf("; and with %s", plural(r.Others, "other type"))
		}
		w.comment(4, "%s", note)
		w.entry(4, r.Proposed, "- "+scalar(r.Name), "")
	}
	if fix := f.Repos[0].Fix; fix != nil {
		renderFix(w, fix)
	}
}

// renderFix writes repository.fix, commented out when no constructor was
// found: a zero-value repository compiles and covers the model, but is
// likely not what the code base wants.
func renderFix(w *yamlWriter, fix *FixProposal) {
	w.comment(2, "What tenantfix declares for a model with no repository (.Model, .Package,")
	w.comment(2, ".Table: the TableName() constant or the snake_case plural of .Model).")
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
	if len(f.Presets) == 0 {
		w.comment(2, "presets: none: go.mod requires none of %s.", strings.Join(config.PresetNames(), ", "))
		w.comment(2, "Cache types of your own go under apis (see the README).")
		return
	}
	w.comment(2, "Built-in method tables for the cache libraries that go.mod requires.")
	w.comment(2, "Cache types of your own go under apis (see the README).")
	w.line(2, "presets:")
	for _, p := range f.Presets {
		note := p.Module + " " + p.Version
		if p.Indirect {
			note += " (indirect: no package of the module imports it)"
		}
		w.entry(4, !p.Indirect, "- "+scalar(p.Preset), note)
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

var plainScalar = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_./~-]*$`)

// scalar writes s as a YAML scalar: plain when it is made of the
// characters of import paths and identifiers, double-quoted otherwise.
func scalar(s string) string {
	if plainScalar.MatchString(s) && !yamlSpecial(s) {
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

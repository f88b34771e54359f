package models

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"
	"unicode"

	"github.com/tenantlint/tenantlint/internal/rules"
)

// GlobalDirective in a type's doc comment marks it global by intent.
const GlobalDirective = "//tenantlint:global"

// Model is a package-level struct type that carries a tenant.
type Model struct {
	Name   rules.QName
	Obj    *types.TypeName
	Spec   *ast.TypeSpec
	Decl   *ast.GenDecl
	File   *ast.File
	Reason string // why it is tenant-scoped, e.g. "embeds tenant.Model"
	Global bool   // marked //tenantlint:global
}

// Models lists the tenant-scoped struct types declared in files, in
// source order. Markers themselves and the configured repository types
// are not models.
func Find(r *rules.Rules, files []*ast.File, info *types.Info) []*Model {
	var out []*Model
	for _, f := range files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, s := range gd.Specs {
				if m := model(r, f, gd, s.(*ast.TypeSpec), info); m != nil {
					out = append(out, m)
				}
			}
		}
	}
	return out
}

func model(r *rules.Rules, f *ast.File, gd *ast.GenDecl, spec *ast.TypeSpec, info *types.Info) *Model {
	if spec.Assign.IsValid() {
		return nil // an alias is not a new type
	}
	tn, ok := info.Defs[spec.Name].(*types.TypeName)
	if !ok {
		return nil
	}
	q, ok := rules.ObjName(tn)
	if !ok || r.Markers[q] || r.RepoTypes[q] {
		return nil // markers and repositories are not models
	}
	if r.ExcludesModels(q.Pkg) {
		return nil // models.exclude: e.g. frozen copies in migrations
	}
	st, ok := tn.Type().Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	reason := ScopedReason(r, st)
	if reason == "" {
		return nil
	}
	return &Model{
		Name: q, Obj: tn, Spec: spec, Decl: gd, File: f, Reason: reason,
		Global: hasGlobalDirective(spec.Doc) || (len(gd.Specs) == 1 && !gd.Lparen.IsValid() && hasGlobalDirective(gd.Doc)),
	}
}

func hasGlobalDirective(cg *ast.CommentGroup) bool {
	if cg == nil {
		return false
	}
	for _, c := range cg.List {
		// The directive alone on its line, or followed by a note.
		rest, ok := strings.CutPrefix(c.Text, GlobalDirective)
		if ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
			return true
		}
	}
	return false
}

// ScopedReason says why a struct is tenant-scoped, or "" when it is not:
// it embeds a marker (by value or pointer, directly or through embedded
// structs) or has a configured field, with the entry's tag and type when
// it sets them (directly or through embedded structs; a named field of
// struct type does not propagate). Through
// embedded structs the reason names the path, as in "embeds
// tenant.Model (through embedded Base.Audit)".
func ScopedReason(r *rules.Rules, st *types.Struct) string {
	return scopedReason(r, st, map[*types.Struct]bool{}, nil)
}

func scopedReason(r *rules.Rules, st *types.Struct, seen map[*types.Struct]bool, path []string) string {
	if seen[st] {
		return ""
	}
	seen[st] = true
	via := ""
	if len(path) > 0 {
		via = " (through embedded " + strings.Join(path, ".") + ")"
	}
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		if f.Embedded() {
			if q, _, ok := rules.NamedOf(f.Type()); ok && r.Markers[q] {
				return "embeds " + q.Short() + via
			}
		}
		if r.FieldMatches(st, i) {
			return "has field " + f.Name() + via
		}
	}
	for i := 0; i < st.NumFields(); i++ {
		inner, ok := EmbeddedStruct(st, i)
		if !ok {
			continue
		}
		if reason := scopedReason(r, inner, seen, append(path[:len(path):len(path)], st.Field(i).Name())); reason != "" {
			return reason
		}
	}
	return ""
}

// EmbeddedStruct returns the struct that field i of st embeds (by value
// or pointer), or false when the field is not embedded or not a struct.
func EmbeddedStruct(st *types.Struct, i int) (*types.Struct, bool) {
	f := st.Field(i)
	if !f.Embedded() {
		return nil, false
	}
	t := types.Unalias(f.Type())
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	inner, ok := t.Underlying().(*types.Struct)
	return inner, ok
}

// TableName returns the string constant returned by the model's
// TableName() method, when the package declares one in files.
func TableName(m *types.TypeName, files []*ast.File, info *types.Info) (string, bool) {
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || fd.Name.Name != "TableName" || fd.Body == nil {
				continue
			}
			fn, ok := info.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			sig := fn.Type().(*types.Signature)
			if _, named, ok := rules.NamedOf(sig.Recv().Type()); !ok || named.Origin().Obj() != m {
				continue
			}
			if sig.Params().Len() != 0 || sig.Results().Len() != 1 || len(fd.Body.List) != 1 {
				continue
			}
			ret, ok := fd.Body.List[0].(*ast.ReturnStmt)
			if !ok || len(ret.Results) != 1 {
				continue
			}
			if tv, ok := info.Types[ret.Results[0]]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
				return constant.StringVal(tv.Value), true
			}
		}
	}
	return "", false
}

// SnakePlural turns a Go type name into a conventional table name:
// UserProfile -> user_profiles, Category -> categories, HTTPLog -> http_logs.
func SnakePlural(name string) string { return plural(Snake(name)) }

// Snake turns a Go name into snake_case: TenantID -> tenant_id,
// HTTPLog -> http_log.
func Snake(name string) string {
	var b strings.Builder
	rs := []rune(name)
	for i, r := range rs {
		if unicode.IsUpper(r) {
			prevLower := i > 0 && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1]))
			acronymEnd := i > 0 && unicode.IsUpper(rs[i-1]) && i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if prevLower || acronymEnd {
				b.WriteByte('_')
			}
			b.WriteRune(unicode.ToLower(r))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func plural(s string) string {
	switch {
	case s == "":
		return s
	case strings.HasSuffix(s, "s"), strings.HasSuffix(s, "x"), strings.HasSuffix(s, "z"),
		strings.HasSuffix(s, "ch"), strings.HasSuffix(s, "sh"):
		return s + "es"
	case strings.HasSuffix(s, "y") && len(s) > 1 && !strings.ContainsRune("aeiou", rune(s[len(s)-2])):
		return s[:len(s)-1] + "ies"
	}
	return s + "s"
}

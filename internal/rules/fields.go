package rules

import (
	"go/types"
	"strings"

	"github.com/tenantlint/tenantlint/internal/config"
)

// fieldCond is one models.fields entry's condition on a field of its
// name: its struct tag contains tag (when set) and its type is typ or a
// pointer to it (when set).
type fieldCond struct {
	tag string
	typ QName // zero: any type
}

// compileModelAdditions compiles models.fields, models.exclude and
// repository.methods.
func (r *Rules) compileModelAdditions(c *config.Config) {
	for _, f := range c.Models.Fields {
		r.Fields[f.Name] = true
		cond := fieldCond{tag: f.Tag.Value}
		if f.Type.Value != "" {
			cond.typ = ParseQName(f.Type.Value)
			if _, ok := r.origins[cond.typ]; !ok {
				r.origins[cond.typ] = f.Type
			}
		}
		r.fieldConds[f.Name] = append(r.fieldConds[f.Name], cond)
	}
	for _, p := range c.Models.Exclude {
		r.exclude = append(r.exclude, p.Value)
	}
	for _, m := range c.Repository.Methods {
		for _, p := range m.TenantParam {
			r.TenantParams[p.Value] = true
		}
		if m.TenantMethod.Value != "" {
			r.TenantMethods[m.TenantMethod.Value] = true
		}
	}
}

// FieldMatches reports whether field i of st is a configured tenant
// field: its name is in models.fields and one of the name's entries
// accepts its tag and type.
func (r *Rules) FieldMatches(st *types.Struct, i int) bool {
	f := st.Field(i)
	for _, c := range r.fieldConds[f.Name()] {
		if c.tag != "" && !strings.Contains(st.Tag(i), c.tag) {
			continue
		}
		if c.typ != (QName{}) {
			// NamedOf sees through aliases and one pointer: an alias of
			// the type and *T match, a type defined from it does not.
			if q, _, ok := NamedOf(f.Type()); !ok || q != c.typ {
				continue
			}
		}
		return true
	}
	return false
}

// ExcludesModels reports whether structs declared in the package at path
// are never models (models.exclude). An external test package counts as
// the package it tests.
func (r *Rules) ExcludesModels(path string) bool { return matchesAny(r.exclude, path) }

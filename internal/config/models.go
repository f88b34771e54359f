package config

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// MethodRule is an entry of repository.methods: a type is a tenant-aware
// repository when one of its methods has a parameter named as in
// TenantParam, or when it has a method named TenantMethod that returns
// something (the tenant). An entry sets exactly one of the two.
type MethodRule struct {
	TenantParam  []Str `yaml:"tenant_param"`
	TenantMethod Str   `yaml:"tenant_method"`

	Line, Column int `yaml:"-"` // where the entry is written
	// ParamPos is where the tenant_param key is written (zero when it is
	// not), so that an empty list is told apart from a missing one.
	ParamPos Str `yaml:"-"`
}

// UnmarshalYAML implements yaml.Unmarshaler, remembering positions.
func (m *MethodRule) UnmarshalYAML(n *yaml.Node) error {
	type plain MethodRule // without this method
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	*m = MethodRule(p)
	m.Line, m.Column = n.Line, n.Column
	if k := lookupKey(n, "tenant_param"); k != nil {
		m.ParamPos = Str{Value: k.Value, Line: k.Line, Column: k.Column}
	}
	return nil
}

// validateModelAdditions checks models.fields (names, tags, types) and
// models.exclude.
func (c *Config) validateModelAdditions() error {
	for _, f := range c.Models.Fields {
		if f.Name == "" {
			return c.ErrAt(f.Str, "models.fields: each entry needs a name (the field's Go name)")
		}
		if !isIdent(f.Name) {
			return c.ErrAt(f.Str, "models.fields: %q is not a Go field name", f.Name)
		}
		if f.Tag.Line > 0 && f.Tag.Value == "" {
			return c.ErrAt(f.Tag, "models.fields: %s: tag is empty; leave it out to match any tag", f.Name)
		}
		if f.Type.Line > 0 {
			if _, _, ok := SplitQualified(f.Type.Value); !ok {
				return c.ErrAt(f.Type, "models.fields: %s: type %q is not a qualified name like github.com/gofrs/uuid.UUID", f.Name, f.Type.Value)
			}
		}
	}
	for _, p := range c.Models.Exclude {
		base := strings.TrimSuffix(p.Value, "/...")
		if !isImportPath(base) || strings.Contains(base, "...") {
			return c.ErrAt(p, "models.exclude: %q is not a package path or a pattern like example.com/app/pkg/...", p.Value)
		}
	}
	return nil
}

// validateRepoMethods checks repository.methods: each entry has either a
// non-empty tenant_param list of parameter names or a tenant_method name.
func (c *Config) validateRepoMethods() error {
	for _, m := range c.Repository.Methods {
		entry := Str{Line: m.Line, Column: m.Column}
		hasParam, hasMethod := m.ParamPos.Line > 0, m.TenantMethod.Line > 0
		switch {
		case hasParam && hasMethod:
			return c.ErrAt(entry, "repository.methods: an entry has either tenant_param or tenant_method, not both")
		case hasParam:
			if len(m.TenantParam) == 0 {
				return c.ErrAt(m.ParamPos, "repository.methods: tenant_param is empty; list the names of the parameters that carry the tenant")
			}
			for _, p := range m.TenantParam {
				if !isIdent(p.Value) {
					return c.ErrAt(p, "repository.methods: tenant_param: %q is not a parameter name", p.Value)
				}
			}
		case hasMethod:
			if !isIdent(m.TenantMethod.Value) {
				return c.ErrAt(m.TenantMethod, "repository.methods: tenant_method: %q is not a method name", m.TenantMethod.Value)
			}
		default:
			return c.ErrAt(entry, "repository.methods: each entry needs tenant_param (parameter names) or tenant_method (a method name)")
		}
	}
	return nil
}

package config

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// TenantValues lists the values that scope a key that contains them
// (cache.tenant_values): results of funcs, fields of these names and
// parameters of these names.
type TenantValues struct {
	Funcs  []Name `yaml:"funcs"`  // import/path.Func or import/path.Type.Method
	Fields []Str  `yaml:"fields"` // field names, on any struct
	Params []Str  `yaml:"params"` // parameter names

	// Pos is where tenant_values is written; KeyPos where each of its
	// keys is, for errors about an empty list.
	Pos    Str            `yaml:"-"`
	KeyPos map[string]Str `yaml:"-"`
}

// recordCacheValuePositions remembers where cache.tenant_values and its
// keys are written.
func (c *Config) recordCacheValuePositions(cache *yaml.Node) {
	k := lookupKey(cache, "tenant_values")
	if k == nil {
		return
	}
	if c.Cache.TenantValues == nil {
		// "tenant_values:" with no value: remember it was written, so
		// that validation can say it is empty instead of ignoring it.
		c.Cache.TenantValues = &TenantValues{}
	}
	tv := c.Cache.TenantValues
	tv.Pos = Str{Value: k.Value, Line: k.Line, Column: k.Column}
	tv.KeyPos = map[string]Str{}
	if m := lookup(cache, "tenant_values"); m != nil && m.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(m.Content); i += 2 {
			n := m.Content[i]
			tv.KeyPos[n.Value] = Str{Value: n.Value, Line: n.Line, Column: n.Column}
		}
	}
}

// HasTenantValues reports whether cache.tenant_values is configured: then
// keys that contain a tenant value are scoped, not only key_func's.
func (c *Config) HasTenantValues() bool { return c.Cache.TenantValues != nil }

func (c *Config) validateTenantValues() error {
	tv := c.Cache.TenantValues
	if tv == nil {
		return nil
	}
	if len(tv.KeyPos) == 0 {
		return c.ErrAt(tv.Pos, "cache.tenant_values is empty; list funcs, fields or params, or remove it")
	}
	lists := []struct {
		key   string
		items []Str
	}{{"funcs", tv.Funcs}, {"fields", tv.Fields}, {"params", tv.Params}}
	for _, l := range lists {
		if at, written := tv.KeyPos[l.key]; written && len(l.items) == 0 {
			return c.ErrAt(at, "cache.tenant_values.%s is empty; list at least one name or remove the key", l.key)
		}
	}
	for _, f := range tv.Funcs {
		if !isTenantFuncName(f.Value) {
			return c.ErrAt(f, "cache.tenant_values.funcs: %q is not a qualified function like example.com/app/tenant.FromContext (or a method: example.com/app/tenant.Type.Method)", f.Value)
		}
	}
	for _, f := range tv.Fields {
		if !isIdent(f.Value) {
			return c.ErrAt(f, "cache.tenant_values.fields: %q is not a Go field name", f.Value)
		}
	}
	for _, p := range tv.Params {
		if !isIdent(p.Value) {
			return c.ErrAt(p, "cache.tenant_values.params: %q is not a Go parameter name", p.Value)
		}
	}
	return nil
}

// isTenantFuncName accepts import/path.Func and import/path.Type.Method.
// Which of the two a name with two dots after its last slash is (a
// method, or a function of a package such as gopkg.in/yaml.v3) is
// decided against the code.
func isTenantFuncName(s string) bool {
	if _, _, ok := SplitQualified(s); !ok {
		return false
	}
	last := s[strings.LastIndex(s, "/")+1:]
	return strings.Count(last, ".") <= 2
}

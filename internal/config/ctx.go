package config

import "strings"

// Ctx configures tenantctx: which calls, besides the caches and
// repositories configured elsewhere, read the tenant from the context
// they are given.
type Ctx struct {
	// Sinks lists functions ("pkgpath.Func") and methods
	// ("pkgpath.Type.Method") that take a context.Context carrying the
	// tenant. Whether a name exists and takes a context is checked
	// against the code, where its package is visible.
	Sinks []Name `yaml:"sinks"`
}

// SplitSink splits a ctx.sinks entry into its package path and the name
// of a function (typ empty) or of a type and its method. Import paths may
// hold dots in their last element (gopkg.in/yaml.v3), so an entry with
// two dots after its last slash is read both ways; asMethod says whether
// the method reading exists, fn whether the function reading does.
func SplitSink(s string) (fn, asMethod SinkName, ok bool) {
	pkg, name, ok := SplitQualified(s)
	if !ok {
		return SinkName{}, SinkName{}, false
	}
	fn = SinkName{Pkg: pkg, Name: name}
	if tpkg, typ, ok := SplitQualified(pkg); ok && strings.Contains(pkg[strings.LastIndex(pkg, "/")+1:], ".") {
		asMethod = SinkName{Pkg: tpkg, Type: typ, Name: name}
	}
	return fn, asMethod, true
}

// SinkName is one reading of a ctx.sinks entry: a function (Type empty)
// or a method of a package-level type.
type SinkName struct{ Pkg, Type, Name string }

func (c *Config) validateCtx() error {
	for _, s := range c.Ctx.Sinks {
		if _, _, ok := SplitSink(s.Value); !ok {
			return c.ErrAt(s, "ctx.sinks: %q is not a qualified name like example.com/app/audit.Log or example.com/app/store.Store.Save", s.Value)
		}
	}
	return nil
}

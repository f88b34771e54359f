package rules

import (
	"go/types"

	"github.com/tenantlint/tenantlint/internal/config"
)

// TenantValues is cache.tenant_values compiled: a key that contains one
// of these values is tenant-scoped.
type TenantValues struct {
	Funcs  map[string]bool // "path.Func" or "path.Type.Method"
	Fields map[string]bool // field names, on any struct
	Params map[string]bool // parameter names
}

// compileCacheValues compiles cache.tenant_values and follow_helpers.
func (r *Rules) compileCacheValues(c *config.Config) {
	r.FollowHelpers = c.Cache.FollowHelpers
	tv := c.Cache.TenantValues
	if tv == nil {
		return
	}
	r.Values = &TenantValues{Funcs: map[string]bool{}, Fields: map[string]bool{}, Params: map[string]bool{}}
	for _, f := range tv.Funcs {
		r.Values.Funcs[f.Value] = true
	}
	for _, f := range tv.Fields {
		r.Values.Fields[f.Value] = true
	}
	for _, p := range tv.Params {
		r.Values.Params[p.Value] = true
	}
}

// FuncKey names a function as cache.tenant_values.funcs does:
// "path.Func" for a function, "path.Type.Method" for a method (of the
// generic origin, whether the receiver is a pointer or not).
func FuncKey(fn *types.Func) string {
	fn = fn.Origin()
	if fn.Pkg() == nil {
		return ""
	}
	recv := fn.Type().(*types.Signature).Recv()
	if recv == nil {
		return fn.Pkg().Path() + "." + fn.Name()
	}
	_, n, ok := NamedOf(recv.Type())
	if !ok {
		return ""
	}
	return fn.Pkg().Path() + "." + n.Obj().Name() + "." + fn.Name()
}

// validateTenantValues checks that each of cache.tenant_values.funcs
// whose package is visible is a function, or a method of a type of it.
func (r *Rules) validateTenantValues(visible map[string]*types.Package) error {
	c := r.Config
	if c.Cache.TenantValues == nil {
		return nil
	}
	for _, f := range c.Cache.TenantValues.Funcs {
		pkg, name, _ := config.SplitQualified(f.Value)
		if p, ok := visible[pkg]; ok {
			if _, isFunc := p.Scope().Lookup(name).(*types.Func); !isFunc {
				return c.ErrAt(f, "cache.tenant_values.funcs: %s is not a function", f.Value)
			}
			continue
		}
		tpkg, tname, ok := config.SplitQualified(pkg)
		if !ok {
			continue
		}
		p, ok := visible[tpkg]
		if !ok {
			continue
		}
		tn, isType := p.Scope().Lookup(tname).(*types.TypeName)
		if !isType {
			return c.ErrAt(f, "cache.tenant_values.funcs: %s is not a function, and package %s has no type %s", f.Value, tpkg, tname)
		}
		recv := tn.Type()
		if !types.IsInterface(recv) {
			recv = types.NewPointer(recv)
		}
		if obj, _, _ := types.LookupFieldOrMethod(recv, true, tn.Pkg(), name); obj == nil {
			return c.ErrAt(f, "cache.tenant_values.funcs: %s.%s has no method %s", tpkg, tname, name)
		} else if _, isFunc := obj.(*types.Func); !isFunc {
			return c.ErrAt(f, "cache.tenant_values.funcs: %s.%s.%s is a field, not a method", tpkg, tname, name)
		}
	}
	return nil
}

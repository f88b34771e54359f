package rules

import (
	"go/types"
	"sort"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/ctxscope"
)

// Visible maps the path of every package that pkg can see (itself and its
// transitive imports) to the package.
func Visible(pkg *types.Package) map[string]*types.Package {
	seen := map[string]*types.Package{}
	var visit func(p *types.Package)
	visit = func(p *types.Package) {
		if _, ok := seen[p.Path()]; ok {
			return
		}
		seen[p.Path()] = p
		for _, q := range p.Imports() {
			visit(q)
		}
	}
	visit(pkg)
	return seen
}

// Direct maps pkg and its direct imports by path: the packages whose
// scopes are complete (those imported indirectly hold only the objects
// that export data mentions).
func Direct(pkg *types.Package) map[string]*types.Package {
	m := map[string]*types.Package{pkg.Path(): pkg}
	for _, q := range pkg.Imports() {
		m[q.Path()] = q
	}
	return m
}

// Validate checks every configured name whose package is visible from pkg
// against the code: the type, function or method must exist and have the
// right shape. Names in packages that are not visible are not checked
// here; presets for libraries that are absent are simply inactive.
func (r *Rules) Validate(visible map[string]*types.Package) error {
	c := r.Config
	lookup := func(s config.Str) (types.Object, bool) {
		q := ParseQName(s.Value)
		p, ok := visible[q.Pkg]
		if !ok {
			return nil, false
		}
		return p.Scope().Lookup(q.Name), true
	}
	needType := func(s config.Str, key string) (*types.TypeName, error) {
		obj, ok := lookup(s)
		if !ok {
			return nil, nil
		}
		tn, isType := obj.(*types.TypeName)
		if !isType {
			return nil, c.ErrAt(s, "%s: %s is not a type in package %s", key, ParseQName(s.Value).Name, ParseQName(s.Value).Pkg)
		}
		return tn, nil
	}
	for _, m := range c.Models.Markers {
		if _, err := needType(m, "models.markers"); err != nil {
			return err
		}
	}
	for _, f := range c.Models.Fields {
		if f.Type.Value == "" {
			continue
		}
		if _, err := needType(f.Type, "models.fields.type"); err != nil {
			return err
		}
	}
	for _, t := range c.Repository.Types {
		tn, err := needType(t, "repository.types")
		if err != nil {
			return err
		}
		if tn != nil && !isGeneric(tn) {
			return c.ErrAt(t, "repository.types: %s is not a generic type; a repository is T[M] for a model M", t.Value)
		}
	}
	for _, t := range c.Cache.SafeTypes {
		if _, err := needType(t, "cache.safe_types"); err != nil {
			return err
		}
	}
	if c.Cache.KeyFunc.Value != "" {
		if err := r.validateKeyFunc(lookup); err != nil {
			return err
		}
	}
	for _, a := range c.Cache.APIs {
		if err := r.validateAPI(a, lookup, needType); err != nil {
			return err
		}
	}
	return r.validateTenantValues(visible)
}

func isGeneric(tn *types.TypeName) bool {
	if tn.IsAlias() {
		if a, ok := tn.Type().(*types.Alias); ok {
			return a.TypeParams().Len() > 0
		}
		return false
	}
	n, ok := tn.Type().(*types.Named)
	return ok && n.TypeParams().Len() > 0
}

func (r *Rules) validateKeyFunc(lookup func(config.Str) (types.Object, bool)) error {
	c := r.Config
	s := c.Cache.KeyFunc
	obj, ok := lookup(s)
	if !ok {
		return nil
	}
	fn, isFunc := obj.(*types.Func)
	if !isFunc {
		return c.ErrAt(s, "cache.key_func: %s is not a function", s.Value)
	}
	if !IsKeyFuncSignature(fn.Type().(*types.Signature)) {
		return c.ErrAt(s, "cache.key_func: %s has signature %s; it must be func(ctx context.Context, key string) string",
			s.Value, types.TypeString(fn.Type(), types.RelativeTo(fn.Pkg())))
	}
	return nil
}

// IsKeyFuncSignature reports whether sig is func(context.Context, string) string.
func IsKeyFuncSignature(sig *types.Signature) bool {
	if sig.TypeParams().Len() > 0 || sig.Variadic() || sig.Params().Len() != 2 || sig.Results().Len() != 1 {
		return false
	}
	return ctxscope.IsContextType(sig.Params().At(0).Type()) &&
		IsStringType(sig.Params().At(1).Type()) &&
		IsStringType(sig.Results().At(0).Type())
}

func (r *Rules) validateAPI(a config.APIDef, lookup func(config.Str) (types.Object, bool),
	needType func(config.Str, string) (*types.TypeName, error)) error {
	c := r.Config
	if a.Field.Value != "" {
		return r.validateMapField(a.Field, needType)
	}
	if a.Func.Value != "" {
		obj, ok := lookup(a.Func)
		if !ok {
			return nil
		}
		fn, isFunc := obj.(*types.Func)
		if !isFunc {
			return c.ErrAt(a.Func, "cache.apis.func: %s is not a function", a.Func.Value)
		}
		return checkKeyIndexes(c, a.Func, a.Func.Value, fn.Type().(*types.Signature), a.KeyArgs)
	}
	tn, err := needType(a.Type, "cache.apis.type")
	if err != nil || tn == nil {
		return err
	}
	names := make([]string, 0, len(a.Methods))
	for m := range a.Methods {
		names = append(names, m)
	}
	sort.Strings(names)
	for _, m := range names {
		recv := tn.Type()
		if !types.IsInterface(recv) {
			recv = types.NewPointer(recv) // pointer methods count
		}
		obj, _, _ := types.LookupFieldOrMethod(recv, true, tn.Pkg(), m)
		fn, ok := obj.(*types.Func)
		if !ok {
			return c.ErrAt(a.Type, "cache.apis: %s has no method %s", a.Type.Value, m)
		}
		if err := checkKeyIndexes(c, a.Type, a.Type.Value+"."+m, fn.Type().(*types.Signature), a.Methods[m]); err != nil {
			return err
		}
	}
	return nil
}

// validateMapField checks that a cache.apis field names a field of a
// struct type (its own or promoted) whose type is a map.
func (r *Rules) validateMapField(s config.Str, needType func(config.Str, string) (*types.TypeName, error)) error {
	c := r.Config
	typ, field, _ := config.SplitField(s.Value)
	tn, err := needType(config.Str{Value: typ, Line: s.Line, Column: s.Column}, "cache.apis.field")
	if err != nil || tn == nil {
		return err
	}
	obj, _, _ := types.LookupFieldOrMethod(tn.Type(), true, tn.Pkg(), field)
	v, ok := obj.(*types.Var)
	if !ok || !v.IsField() {
		return c.ErrAt(s, "cache.apis.field: %s has no field %s", typ, field)
	}
	if _, isMap := v.Type().Underlying().(*types.Map); !isMap {
		return c.ErrAt(s, "cache.apis.field: %s has type %s, not a map", s.Value, types.TypeString(v.Type(), (*types.Package).Name))
	}
	return nil
}

func checkKeyIndexes(c *config.Config, at config.Str, what string, sig *types.Signature, k config.KeyArgs) error {
	n := sig.Params().Len()
	for i, idx := range k.Key {
		last := i == len(k.Key)-1
		if idx >= n {
			return c.ErrAt(at, "cache.apis: %s has %d parameters; key index %d is out of range", what, n, idx)
		}
		if k.Variadic && last && !(sig.Variadic() && idx == n-1) {
			return c.ErrAt(at, "cache.apis: %s: parameter %d is not variadic", what, idx)
		}
	}
	return nil
}

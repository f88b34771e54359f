package cachekeys

import (
	"go/ast"
	"go/types"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/gotypes"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// CacheCall is a call to a configured cache method or function.
type CacheCall struct {
	Call *ast.CallExpr
	API  string // how the message names it, e.g. "redis.Client.Get"
	Spec config.KeyArgs
	Args []ast.Expr // the call's arguments, receiver excluded
	Sig  *types.Signature

	// A call of a cache helper (cache.follow_helpers) may have keys of
	// several shapes: More holds the specs after the first; Via names the
	// cache API the helper passes them to.
	More []config.KeyArgs
	Via  string
	// Alts maps a helper's key argument to the other arguments that the
	// same key contains: when one of them is scoped, so is the key.
	Alts map[int][]int

	// A map field used as a cache (MatchMapAccess): At is the index
	// expression or delete call in the source, Map the field's map type.
	At  ast.Node
	Map *types.Map

	// Embedded is the embedded field that holds the cache when the
	// method is promoted from it (s.Get on a struct that embeds
	// *redis.Client), else nil.
	Embedded *types.Var
}

// Reaches names the cache API that the call's keys end up in.
func (c *CacheCall) Reaches() string {
	if c.Via != "" {
		return c.Via
	}
	return c.API
}

// MatchCall recognises a cache call. Methods are matched on the static
// type of the receiver expression, through embedded fields and embedded
// interfaces and type-parameter constraints; calls on safe types (or
// reached through one) are not cache calls.
func MatchCall(r *rules.Rules, info *types.Info, call *ast.CallExpr) (*CacheCall, bool) {
	fun := ast.Unparen(call.Fun)
	switch f := fun.(type) {
	case *ast.IndexExpr:
		fun = f.X
	case *ast.IndexListExpr:
		fun = f.X
	}
	sig, ok := types.Unalias(info.TypeOf(call.Fun)).(*types.Signature)
	if !ok {
		return nil, false
	}
	switch f := fun.(type) {
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[f]; ok {
			return matchMethod(r, call, f, sel, sig)
		}
		return matchFunc(r, call, info.Uses[f.Sel], sig)
	case *ast.Ident:
		return matchFunc(r, call, info.Uses[f], sig)
	}
	return nil, false
}

func matchFunc(r *rules.Rules, call *ast.CallExpr, obj types.Object, sig *types.Signature) (*CacheCall, bool) {
	fn, ok := obj.(*types.Func)
	if !ok {
		return nil, false
	}
	q, ok := rules.ObjName(fn.Origin())
	if !ok {
		return nil, false
	}
	spec, ok := r.Funcs[q]
	if !ok {
		return nil, false
	}
	return &CacheCall{Call: call, API: fn.Pkg().Name() + "." + q.Name, Spec: spec, Args: call.Args, Sig: sig}, true
}

func matchMethod(r *rules.Rules, call *ast.CallExpr, f *ast.SelectorExpr, sel *types.Selection, sig *types.Signature) (*CacheCall, bool) {
	args := call.Args
	switch sel.Kind() {
	case types.MethodVal:
	case types.MethodExpr:
		if len(args) == 0 {
			return nil, false
		}
		args = args[1:]
		// The signature of T.M has the receiver first; drop it.
		sig = types.NewSignatureType(nil, nil, nil,
			types.NewTuple(tupleVars(sig.Params())[1:]...), sig.Results(), sig.Variadic())
	default:
		return nil, false
	}
	name := f.Sel.Name
	t := sel.Recv()
	path := sel.Index()
	var embedded *types.Var
	for i := 0; ; i++ {
		api, spec, safe, found := matchType(r, t, name, map[types.Type]bool{})
		if safe {
			return nil, false
		}
		if found {
			return &CacheCall{Call: call, API: api + "." + name, Spec: spec, Args: args, Sig: sig, Embedded: embedded}, true
		}
		if i >= len(path)-1 {
			return nil, false
		}
		st, ok := gotypes.Deref(t).Underlying().(*types.Struct)
		if !ok || path[i] >= st.NumFields() {
			return nil, false
		}
		embedded = st.Field(path[i])
		t = embedded.Type()
	}
}

// matchType checks one type on the way from the receiver to the method:
// a configured named type, or an interface (or constraint) that embeds one.
func matchType(r *rules.Rules, t types.Type, method string, seen map[types.Type]bool) (api string, spec config.KeyArgs, safe, found bool) {
	t = gotypes.Deref(t)
	if seen[t] {
		return "", spec, false, false
	}
	seen[t] = true
	if tp, ok := t.(*types.TypeParam); ok {
		return matchType(r, tp.Constraint(), method, seen)
	}
	if n, ok := t.(*types.Named); ok {
		q, _ := rules.ObjName(n.Origin().Obj())
		if r.SafeTypes[q] {
			return "", spec, true, false
		}
		if spec, ok := r.Methods[q][method]; ok {
			// Named by the package's own name (golang-lru/v2 is "lru").
			return n.Obj().Pkg().Name() + "." + q.Name, spec, false, true
		}
	}
	iface, ok := t.Underlying().(*types.Interface)
	if !ok {
		return "", spec, false, false
	}
	for i := 0; i < iface.NumEmbeddeds(); i++ {
		if api, spec, safe, found := matchType(r, iface.EmbeddedType(i), method, seen); safe || found {
			return api, spec, safe, found
		}
	}
	return "", spec, false, false
}

func tupleVars(t *types.Tuple) []*types.Var {
	vs := make([]*types.Var, t.Len())
	for i := range vs {
		vs[i] = t.At(i)
	}
	return vs
}

// KeyShape says where an unscoped key sits.
type KeyShape int

const (
	KeyPlain KeyShape = iota // a string argument
	KeyElem                  // an element of a slice of keys
	KeyItem                  // the key field of an item
)

// Key is an unscoped key of a cache call. Wrap lists the expressions that
// a fix wraps with key_func; when they cannot be found (keys built
// elsewhere), Wrap is empty and Why says so.
type Key struct {
	Arg   ast.Expr
	Shape KeyShape
	Wrap  []ast.Expr
	Why   string
	Field string // KeyItem: the item's key field
}

// UnscopedKeys lists the key arguments of a cache call that are not
// tenant-scoped. Only string keys are checked (see stringKey).
func (s *FuncScope) UnscopedKeys(c *CacheCall) []Key {
	var out []Key
	for _, spec := range append([]config.KeyArgs{c.Spec}, c.More...) {
		out = append(out, s.unscopedKeys(c, spec, c.paramType)...)
	}
	return out
}

// paramType is the type of the call's parameter that argument i fills
// (an element of the variadic one), or nil.
func (c *CacheCall) paramType(i int) types.Type {
	params := c.Sig.Params()
	if c.Sig.Variadic() && i >= params.Len()-1 {
		if sl, ok := params.At(params.Len() - 1).Type().Underlying().(*types.Slice); ok {
			return sl.Elem()
		}
	}
	if i < params.Len() {
		return params.At(i).Type()
	}
	return nil
}

func (s *FuncScope) unscopedKeys(c *CacheCall, spec config.KeyArgs, paramType func(int) types.Type) []Key {
	var out []Key
	for j, idx := range spec.Key {
		last := j == len(spec.Key)-1
		if idx >= len(c.Args) {
			continue
		}
		switch {
		case last && spec.Variadic && c.Call.Ellipsis.IsValid():
			if isStringSlice(s.info.TypeOf(c.Args[idx])) {
				out = append(out, s.sliceKey(c.Args[idx])...)
			}
		case last && spec.Variadic:
			if t := paramType(idx); t != nil && rules.IsStringType(t) {
				for _, a := range c.Args[idx:] {
					out = append(out, s.plainKey(a)...)
				}
			}
		case spec.Slice:
			if t := paramType(idx); t != nil && isStringSlice(t) {
				out = append(out, s.sliceKey(c.Args[idx])...)
			}
		case spec.ItemField != "":
			for _, k := range s.itemKey(c.Args[idx], spec.ItemField) {
				k.Field = spec.ItemField
				out = append(out, k)
			}
		case s.altScoped(c, idx):
		default:
			if t := paramType(idx); t != nil && s.stringKey(t, c.Args[idx]) {
				out = append(out, s.plainKey(c.Args[idx])...)
			}
		}
	}
	return out
}

// stringKey reports whether an argument arg passed for a key parameter
// of type param is a string key: the parameter is a string, or an
// interface (ristretto v0, golang-lru v1 and in-house caches keyed by
// interface{}) given a string, which the cache compares as a string.
func (s *FuncScope) stringKey(param types.Type, arg ast.Expr) bool {
	if rules.IsStringType(param) {
		return true
	}
	if _, isTP := types.Unalias(param).(*types.TypeParam); isTP || !types.IsInterface(param) {
		return false // a type parameter is judged where it is instantiated
	}
	t := s.info.TypeOf(arg)
	return t != nil && rules.IsStringType(t)
}

// altScoped reports whether a helper's key at argument idx is scoped by
// another argument that the same key contains.
func (s *FuncScope) altScoped(c *CacheCall, idx int) bool {
	for _, a := range c.Alts[idx] {
		if a < len(c.Args) && s.StringScoped(c.Args[a]) {
			return true
		}
	}
	return false
}

package initcfg

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/ctxscope"
	"github.com/tenantlint/tenantlint/internal/models"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// Cache verbs: the method names of cache APIs (go-redis, memcache, LRUs,
// sync.Map), by what they do with the key. A type is a cache when it has
// a getter and a setter that take a key: what it stores is looked up by
// that key, not filtered by a tenant.
var (
	getVerbs = verbSet("Get", "MGet", "GetMulti", "Peek", "Load", "Fetch", "Lookup", "Has", "Exists", "Contains", "GetSet", "GetOrSet", "LoadOrStore", "TTL")
	setVerbs = verbSet("Set", "MSet", "SetMulti", "SetEx", "SetNX", "SetWithTTL", "Add", "Put", "Store", "Replace", "Incr", "Decr", "GetSet", "GetOrSet", "LoadOrStore")
	delVerbs = verbSet("Del", "Delete", "Remove", "Evict", "Invalidate", "Expire", "Touch", "LoadAndDelete")
)

func verbSet(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

// keyShape is how a cache method takes its key.
type keyShape struct {
	index    int  // 0-based, receiver not counted
	variadic bool // ...string
	slice    bool // []string
	stringy  bool // string keys (the only ones tenantcache checks); false: another comparable type
	tenant   bool // a tenant-named parameter comes before the key: the method scopes it itself
	more     bool // parameters follow the key (the value of a setter)
}

// cacheKey finds the key of a cache method: the first parameter after a
// context.Context and tenant-named parameters that is a string, a []string,
// ...string, another comparable basic type or a type parameter.
func cacheKey(sig *types.Signature) (keyShape, bool) {
	var k keyShape
	for i := 0; i < sig.Params().Len(); i++ {
		v := sig.Params().At(i)
		t := v.Type()
		if ctxscope.IsContextType(t) {
			continue
		}
		if isTenantName(v.Name()) {
			k.tenant = true
			continue
		}
		k.index, k.more = i, i+1 < sig.Params().Len()
		if s, ok := t.Underlying().(*types.Slice); ok {
			if !rules.IsStringType(s.Elem()) {
				return keyShape{}, false
			}
			k.variadic, k.slice = sig.Variadic() && i == sig.Params().Len()-1, !sig.Variadic() || i < sig.Params().Len()-1
			k.stringy = true
			return k, true
		}
		if rules.IsStringType(t) {
			k.stringy = true
			return k, true
		}
		if _, ok := t.(*types.TypeParam); ok {
			return k, true
		}
		if b, ok := t.Underlying().(*types.Basic); ok && b.Info()&(types.IsInteger|types.IsString) != 0 {
			return k, true
		}
		return keyShape{}, false
	}
	return keyShape{}, false
}

// cacheMethods returns the cache-verb methods of tn that take a key, and
// whether tn is a cache: it has a getter that returns something and a
// setter that takes a value after the key.
func cacheMethods(tn *types.TypeName) (map[*types.Func]keyShape, bool) {
	out := map[*types.Func]keyShape{}
	get, set := false, false
	for _, fn := range methodSet(tn) {
		name := fn.Name()
		if !getVerbs[name] && !setVerbs[name] && !delVerbs[name] {
			continue
		}
		sig := fn.Type().(*types.Signature)
		k, ok := cacheKey(sig)
		if !ok {
			continue
		}
		out[fn] = k
		get = get || (getVerbs[name] && sig.Results().Len() > 0)
		set = set || (setVerbs[name] && k.more)
	}
	return out, get && set
}

// cacheKind says why a type is no repository: "a cache" (Get and Set on
// keys), "a collection" (a slice, map, array or channel type), "a
// container" (a struct that holds its first type argument and has no
// method taking a context.Context: a page, an option, a result), or "".
func cacheKind(tn *types.TypeName) string {
	if _, isCache := cacheMethods(tn); isCache {
		return "a cache (Get and Set on keys)"
	}
	switch tn.Type().Underlying().(type) {
	case *types.Slice, *types.Map, *types.Array, *types.Chan:
		return "a collection"
	}
	n, ok := tn.Type().(*types.Named)
	if !ok || n.TypeParams().Len() == 0 {
		return ""
	}
	st, ok := n.Underlying().(*types.Struct)
	if !ok || takesContext(tn) || !holds(st, func(t types.Type) bool {
		tp, ok := t.(*types.TypeParam)
		return ok && tp.Obj() == n.TypeParams().At(0).Obj()
	}) {
		return ""
	}
	return "a container of its type argument (a page, option or result)"
}

// containsModels reports whether tn is a struct that holds tenant-scoped
// models (a page or a result of them: a field of type M, *M, []M, ...)
// and has no method taking a context.Context: it carries rows, it does
// not fetch them.
func containsModels(tn *types.TypeName, tenantModels map[rules.QName]bool) bool {
	st, ok := tn.Type().Underlying().(*types.Struct)
	return ok && !takesContext(tn) && holds(st, func(t types.Type) bool {
		q, _, ok := rules.NamedOf(t)
		return ok && tenantModels[q]
	})
}

// takesContext reports whether a method of tn takes a context.Context.
func takesContext(tn *types.TypeName) bool {
	for _, fn := range methodSet(tn) {
		sig := fn.Type().(*types.Signature)
		for i := 0; i < sig.Params().Len(); i++ {
			if ctxscope.IsContextType(sig.Params().At(i).Type()) {
				return true
			}
		}
	}
	return false
}

// holds reports whether a field of st has a type t that is, or whose
// pointer, slice, array or map of them is, one that match accepts.
func holds(st *types.Struct, match func(t types.Type) bool) bool {
	for i := 0; i < st.NumFields(); i++ {
		t := st.Field(i).Type()
		for depth := 0; depth < 4; depth++ {
			switch x := t.(type) {
			case *types.Pointer:
				t = x.Elem()
				continue
			case *types.Slice:
				t = x.Elem()
				continue
			case *types.Array:
				t = x.Elem()
				continue
			case *types.Map:
				t = x.Elem()
				continue
			}
			break
		}
		if match(t) {
			return true
		}
	}
	return false
}

// mostlyCache reports whether at least half of the exported methods that
// tn declares itself (all of an interface's) are cache verbs: a cache type
// does little else, while a service that also has Fetch and Put helpers
// (follow_helpers' business) has many other methods, and a type that
// embeds a cache gets its verbs from the embedded type, which is the one
// to list.
func mostlyCache(tn *types.TypeName) bool {
	var names []string
	if types.IsInterface(tn.Type()) {
		for _, fn := range methodSet(tn) {
			names = append(names, fn.Name())
		}
	} else if n, ok := tn.Type().(*types.Named); ok {
		for i := 0; i < n.NumMethods(); i++ {
			names = append(names, n.Method(i).Name())
		}
	}
	exported, verbs := 0, 0
	for _, name := range names {
		if !token.IsExported(name) {
			continue
		}
		exported++
		if getVerbs[name] || setVerbs[name] || delVerbs[name] {
			verbs++
		}
	}
	return verbs > 0 && verbs*2 >= exported
}

// CacheTypeCandidate is a cache type of the module: a cache API to check
// (apis), or a wrapper whose methods pass every key through key_func
// (safe_types).
type CacheTypeCandidate struct {
	Name    string                    // qualified
	Methods map[string]config.KeyArgs // the key of each cache method
	Safe    bool                      // every key goes through key_func: a safe type
	Wraps   []string                  // the cache methods its methods call (pkg.Type.Method), sorted
}

// cacheTypeCandidates finds the module's own cache types: package-level
// types (structs, interfaces) with a getter and a setter on string keys.
// One that passes each key to keyFunc is a safe type; one that takes a
// tenant parameter beside the key scopes keys itself and is left out; the
// others are cache APIs, their calls to be checked like a preset's.
func cacheTypeCandidates(pkgs []*packages.Package, keyFunc string, tenantModels map[rules.QName]bool) []*CacheTypeCandidate {
	var out []*CacheTypeCandidate
	var named []*types.TypeName // the module's concrete types, for interfaces' parameter names
	for _, p := range pkgs {
		scope := p.Types.Scope()
		for _, name := range scope.Names() {
			if tn, ok := scope.Lookup(name).(*types.TypeName); ok && !tn.IsAlias() && !types.IsInterface(tn.Type()) {
				named = append(named, tn)
			}
		}
	}
	for _, p := range pkgs {
		bodies := methodBodies(p)
		scope := p.Types.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || tn.IsAlias() || !tn.Exported() {
				continue // code in other packages cannot name it
			}
			ms, isCache := cacheMethods(tn)
			if !isCache || !mostlyCache(tn) || storesModels(ms, tenantModels) {
				continue
			}
			c := &CacheTypeCandidate{Name: qualified(tn), Methods: map[string]config.KeyArgs{}, Safe: keyFunc != ""}
			scoped, stringy := false, false
			wraps := map[string]bool{}
			for fn, k := range ms {
				scoped = scoped || k.tenant
				if !k.stringy {
					continue
				}
				stringy = true
				c.Methods[fn.Name()] = config.KeyArgs{Key: config.IntList{k.index}, Variadic: k.variadic, Slice: k.slice}
				body := bodies[fn]
				if body == nil || !passesKeyFunc(p.TypesInfo, body, fn.Type().(*types.Signature).Params().At(k.index), keyFunc) {
					c.Safe = false
				}
				for _, w := range calledCacheMethods(p.TypesInfo, body) {
					wraps[w] = true
				}
			}
			if !scoped && types.IsInterface(tn.Type()) {
				scoped = implScoped(tn, ms, named)
			}
			if scoped || !stringy {
				continue
			}
			for w := range wraps {
				c.Wraps = append(c.Wraps, w)
			}
			sort.Strings(c.Wraps)
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// storesModels reports whether a cache method takes or returns a
// tenant-scoped model: Get(ctx, id) *Project and Set(ctx, id, *Project)
// make a key-value repository of rows, which tenantrepo judges, and its
// ids are no cache keys.
func storesModels(ms map[*types.Func]keyShape, tenantModels map[rules.QName]bool) bool {
	for fn := range ms {
		sig := fn.Type().(*types.Signature)
		for _, tuple := range []*types.Tuple{sig.Params(), sig.Results()} {
			for i := 0; i < tuple.Len(); i++ {
				if m, ok := models.ModelIn(tuple.At(i).Type()); ok && tenantModels[m] {
					return true
				}
			}
		}
	}
	return false
}

// implScoped reports whether a module type that implements interface tn
// names a tenant parameter before the key of one of its cache methods:
// interfaces often leave their parameters unnamed (Get(context.Context,
// string, []string)), and the implementation says that the string is
// the orgID.
func implScoped(tn *types.TypeName, ms map[*types.Func]keyShape, named []*types.TypeName) bool {
	iface, ok := tn.Type().Underlying().(*types.Interface)
	if !ok {
		return false
	}
	for _, impl := range named {
		var t types.Type = types.NewPointer(impl.Type())
		if !types.Implements(t, iface) {
			continue
		}
		for fn := range ms {
			obj, _, _ := types.LookupFieldOrMethod(t, true, fn.Pkg(), fn.Name())
			m, ok := obj.(*types.Func)
			if !ok {
				continue
			}
			if k, ok := cacheKey(m.Type().(*types.Signature)); ok && k.tenant {
				return true
			}
		}
	}
	return false
}

// methodBodies maps the methods declared in p's files to their bodies.
func methodBodies(p *packages.Package) map[*types.Func]*ast.BlockStmt {
	out := map[*types.Func]*ast.BlockStmt{}
	for _, f := range p.Syntax {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || fd.Body == nil {
				continue
			}
			if fn, ok := p.TypesInfo.Defs[fd.Name].(*types.Func); ok {
				out[fn] = fd.Body
			}
		}
	}
	return out
}

// passesKeyFunc reports whether body calls keyFunc with key among its
// arguments: the wrapper scopes the key itself.
func passesKeyFunc(info *types.Info, body *ast.BlockStmt, key *types.Var, keyFunc string) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		fn, _ := typeutil.Callee(info, call).(*types.Func)
		if fn == nil || rules.FuncKey(fn) != keyFunc {
			return true
		}
		for _, a := range call.Args {
			if mentions(info, a, key) {
				found = true
			}
		}
		return true
	})
	return found
}

// calledCacheMethods lists the cache-verb methods of other types that body
// calls (pkg.Type.Method): what a wrapper wraps.
func calledCacheMethods(info *types.Info, body *ast.BlockStmt) []string {
	if body == nil {
		return nil
	}
	var out []string
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return true
		}
		// The receiver as the caller wrote it: redis.Client.Get, not the
		// embedded redis.cmdable that declares Get.
		if s, ok := info.Selections[sel]; ok && s.Kind() == types.MethodVal &&
			(getVerbs[sel.Sel.Name] || setVerbs[sel.Sel.Name] || delVerbs[sel.Sel.Name]) {
			if _, n, ok := rules.NamedOf(s.Recv()); ok {
				out = append(out, shortName(n.Obj())+"."+sel.Sel.Name)
			}
		}
		return true
	})
	return out
}

// mentions reports whether expression e refers to v.
func mentions(info *types.Info, e ast.Expr, v *types.Var) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && info.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}

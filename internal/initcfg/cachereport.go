package initcfg

import (
	"go/ast"
	"go/types"
	"sort"

	"golang.org/x/tools/go/packages"

	"github.com/tenantlint/tenantlint/internal/cachekeys"
	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/gotypes"
	"github.com/tenantlint/tenantlint/internal/models"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// CacheReportEvidence is what the cache calls of the proposal (its
// presets, apis and safe_types, matched as tenantcache matches them)
// say about cache.report: tenant-data.
type CacheReportEvidence struct {
	Calls     int      // cache calls
	NonString int      // calls with a key that is not a string: unchecked under report: all
	NotData   int      // calls on a generic cache whose value type holds no tenant model
	Examples  []string // the caches of those calls ("lru.Cache[uuid.UUID, *Meta]"), sorted
}

// Proposed reports whether tenant-data is proposed: some keys are not
// strings, which report: all leaves unchecked (see renderCacheReport).
func (e *CacheReportEvidence) Proposed() bool { return e.NonString > 0 }

// cacheReportEvidence counts the cache calls of the module under the
// configuration that proposal (the rendered file, compiled) sets, outside
// the packages it ignores; nil when proposal is nil (it did not parse:
// Check reports its errors).
func cacheReportEvidence(pkgs []*packages.Package, r *rules.Rules, tenantModels map[rules.QName]bool) *CacheReportEvidence {
	if r == nil {
		return nil
	}
	e := &CacheReportEvidence{}
	seen := map[string]bool{}
	for _, p := range pkgs {
		if r.IgnoresPackage(p.PkgPath) {
			continue // ignore.packages: tenantcache checks none of its calls
		}
		qual := func(p *types.Package) string { return p.Name() }
		for _, file := range p.Syntax {
			ast.Inspect(file, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				c, ok := cachekeys.MatchCall(r, p.TypesInfo, call)
				if !ok {
					return true
				}
				e.Calls++
				odd := false
				if nonStringKey(p.TypesInfo, c) {
					e.NonString++
					odd = true
				}
				recv, v := genericValue(p.TypesInfo, call)
				if v != nil && !holdsModel(v, tenantModels) {
					e.NotData++
					odd = true
				}
				if odd && recv != nil {
					seen[types.TypeString(recv, qual)] = true
				}
				return true
			})
		}
	}
	for s := range seen {
		e.Examples = append(e.Examples, s)
	}
	sort.Strings(e.Examples)
	return e
}

// nonStringKey reports whether a key argument of c (an element, for a
// slice or variadic list of keys) has a type other than string or a type
// parameter, as cachekeys.OtherKeys sees them; a key read from an item's
// field (gomemcache's Item.Key) is a string.
func nonStringKey(info *types.Info, c *cachekeys.CacheCall) bool {
	for _, spec := range append([]config.KeyArgs{c.Spec}, c.More...) {
		if spec.ItemField != "" {
			continue
		}
		for j, idx := range spec.Key {
			if idx >= len(c.Args) {
				continue
			}
			args := c.Args[idx : idx+1]
			if j == len(spec.Key)-1 && spec.Variadic && !c.Call.Ellipsis.IsValid() {
				args = c.Args[idx:]
			}
			for _, a := range args {
				if nonString(info.TypeOf(a), spec.Slice || spec.Variadic) {
					return true
				}
			}
		}
	}
	return false
}

// nonString reports whether a key of type t (its elements, for a slice
// when slice) is not a string, a type parameter left out.
func nonString(t types.Type, slice bool) bool {
	if t == nil {
		return false
	}
	if s, ok := t.Underlying().(*types.Slice); ok && slice {
		t = s.Elem()
	}
	if _, isTP := types.Unalias(t).(*types.TypeParam); isTP {
		return false
	}
	return !rules.IsStringType(t)
}

// genericValue returns the receiver of a method call on a generic cache
// with two or more type arguments (lru.Cache[K, V]) and its value type,
// the last argument; nil when the call is on no such type.
func genericValue(info *types.Info, call *ast.CallExpr) (types.Type, types.Type) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, nil
	}
	recv := info.TypeOf(sel.X)
	if recv == nil {
		return nil, nil
	}
	n, ok := gotypes.Deref(recv).(*types.Named)
	if !ok || n.TypeArgs().Len() < 2 {
		return nil, nil
	}
	return n, n.TypeArgs().At(n.TypeArgs().Len() - 1)
}

// holdsModel reports whether a cache value of type t may hold a tenant
// model: M, *M, []M or a map of them (models.ModelIn), or a struct with a
// field of those. A type parameter or an interface (any) may hold
// anything, and a string or []byte may be encoded tenant data, so they
// count as one: only a type that says what it is is evidence of values
// no tenant owns.
func holdsModel(t types.Type, tenantModels map[rules.QName]bool) bool {
	if _, isTP := types.Unalias(t).(*types.TypeParam); isTP || types.IsInterface(t) || rules.IsStringType(t) {
		return true
	}
	if s, ok := t.Underlying().(*types.Slice); ok {
		if b, ok := s.Elem().Underlying().(*types.Basic); ok && b.Kind() == types.Byte {
			return true
		}
	}
	if q, ok := models.ModelIn(t); ok && tenantModels[q] {
		return true
	}
	st, ok := gotypes.Deref(t).Underlying().(*types.Struct)
	return ok && holds(st, func(t types.Type) bool {
		q, _, ok := rules.NamedOf(t)
		return ok && tenantModels[q]
	})
}

// renderCacheReport writes cache.report: tenant-data when some cache
// calls have keys that are not strings, which report: all leaves
// unchecked (the UUID-keyed LRU in front of a tenant-filtered query). A
// cache of values that are no tenant data alone is written commented out
// with its counts: tenant-data would silence it, but also every call
// whose values the analysis cannot follow (an interface), which on Kratos
// hides two true findings of its template cache.
func renderCacheReport(w *yamlWriter, f *Findings) {
	e := f.CacheReport
	switch {
	case e == nil || e.Calls == 0:
		w.comment(2, "report: tenant-data   # not proposed: no call of a cache above; tenant-data checks")
		w.comment(2, "  only caches of tenant data, and their keys whatever their type.")
	case e.NonString > 0:
		w.comment(2, "The %s of the presets and apis above: %d with a key that is not a", plural(e.Calls, "cache call"), e.NonString)
		w.comment(2, "string (unchecked under report: all), %d on a generic cache whose values hold", e.NotData)
		w.comment(2, "no tenant model (a finding under all): %s.", examples(e.Examples, 3))
		w.comment(2, "tenant-data checks only caches of tenant data, and their keys whatever their type.")
		w.line(2, "report: tenant-data")
	case e.NotData > 0:
		w.comment(2, "Every key of the %s of the presets and apis above is a string;", plural(e.Calls, "cache call"))
		w.comment(2, "%s on a generic cache whose values hold no tenant model: %s.", plural(e.NotData, "call"), examples(e.Examples, 3))
		w.comment(2, "tenant-data would stop reporting those, but also the calls whose values it")
		w.comment(2, "cannot follow (an interface): review them before switching.")
		w.comment(2, "report: tenant-data   # not proposed: no non-string key that all leaves unchecked")
	default:
		w.comment(2, "report: tenant-data   # not proposed: every key of the %s is a string, and no", plural(e.Calls, "cache call"))
		w.comment(2, "  generic cache holds values other than tenant models; tenant-data checks")
		w.comment(2, "  only caches of tenant data, and their keys whatever their type.")
	}
}

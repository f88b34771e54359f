package initcfg

import (
	"go/types"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/tenantlint/tenantlint/internal/ctxscope"
	"github.com/tenantlint/tenantlint/internal/gotypes"
	"github.com/tenantlint/tenantlint/internal/models"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// tenantGroups are the spellings of one tenant concept, lower-cased: a
// service whose rows carry OrgID passes orgID, orgId or organizationID
// between its stores, and one whose rows carry NID asks NetworkID(ctx).
var tenantGroups = [][]string{
	{"tenantid", "tenantuuid"},
	{"orgid", "organizationid", "organisationid"},
	{"nid", "networkid"},
	{"accountid"}, {"workspaceid"}, {"instanceid"}, {"projectid"}, {"teamid"}, {"customerid"},
}

// tenantGroup returns the group of a name in any case (orgId and OrgID
// are "orgid"), or the lower-cased name itself for names outside the
// groups (ParentOrgID), or "" for an empty name.
func tenantGroup(name string) string {
	lower := strings.ToLower(name)
	for _, g := range tenantGroups {
		for _, n := range g {
			if lower == n {
				return g[0]
			}
		}
	}
	return lower
}

// NameCandidate is a parameter or method name that carries the tenant
// across the data-layer types: the methods of the module's types that
// take or return tenant-scoped models.
type NameCandidate struct {
	Name     string
	Methods  int      // data-layer methods with a parameter of this name (params), or 0
	Types    []string // the data-layer types that have it (pkg.Name), sorted
	Proposed bool
}

// TenantFuncCandidate is a method that returns the tenant (a tenant
// method of a data-layer type), proposed as a cache.tenant_values func.
type TenantFuncCandidate struct {
	Name string // pkgpath.Type.Method
	Uses int    // calls in the module
}

// dataLayer is what the data-layer types say about the tenant.
type dataLayer struct {
	params  []*NameCandidate
	methods []*NameCandidate
	funcs   []*TenantFuncCandidate
	types   int // how many data-layer types there are
}

// dataLayerEvidence looks at every type of the module whose methods take
// or return a tenant-scoped model (as tenantrepo's repository.methods
// reads them: M, *M, []M, []*M, map values, or built in a method body),
// leaving out the caches, and counts the parameter names and the
// tenant-returning method names of the tenant's concept (the groups of
// the proposed fields) on them. The names of that concept are proposed:
// they are how the service passes the tenant from its handlers to its
// stores.
func dataLayerEvidence(pkgs []*packages.Package, tenantModels map[rules.QName]bool, fieldGroups map[string]bool) dataLayer {
	params := map[string]*NameCandidate{}
	methods := map[string]*NameCandidate{}
	var declared []*types.Func // tenant methods declared (not promoted) on data-layer types
	var out dataLayer
	typeSet := map[string]bool{} // name and data-layer type already noted, to count each once
	note := func(byName map[string]*NameCandidate, name, typ string) *NameCandidate {
		c := byName[name]
		if c == nil {
			c = &NameCandidate{Name: name}
			byName[name] = c
		}
		key := name + "\x00" + typ
		if !typeSet[key] {
			typeSet[key] = true
			c.Types = append(c.Types, typ)
		}
		return c
	}
	for _, p := range pkgs {
		for _, mr := range models.MethodRepos(p.Fset, p.Syntax, p.TypesInfo, false) {
			if !takesTenantModel(mr, tenantModels) {
				continue
			}
			tn, ok := p.Types.Scope().Lookup(mr.Type.Name).(*types.TypeName)
			if !ok || cacheKind(tn) != "" || containsModels(tn, tenantModels) {
				continue // a cache, a list or a page of models is not where the tenant is passed
			}
			out.types++
			short := shortName(tn)
			for _, fn := range methodSet(tn) {
				sig := fn.Type().(*types.Signature)
				seen := map[string]bool{}
				for i := 0; i < sig.Params().Len(); i++ {
					name := sig.Params().At(i).Name()
					if name == "" || name == "_" || seen[name] || !isTenantName(name) {
						continue
					}
					seen[name] = true
					note(params, name, short).Methods++
				}
				if isTenantMethod(fn) {
					note(methods, fn.Name(), short)
					if recvNamed(fn) == tn {
						declared = append(declared, fn)
					}
				}
			}
		}
	}
	out.params = rankNames(params, fieldGroups)
	out.methods = rankNames(methods, fieldGroups)
	out.funcs = tenantFuncs(pkgs, declared, out.methods)
	return out
}

// takesTenantModel reports whether a type's methods take or return one of
// the tenant-scoped models.
func takesTenantModel(mr models.MethodRepo, tenantModels map[rules.QName]bool) bool {
	for _, m := range mr.Models {
		if tenantModels[m] {
			return true
		}
	}
	return false
}

// isTenantName reports whether a parameter or method name looks like it
// holds a tenant: the known field names and their suffixes, in any case.
func isTenantName(name string) bool {
	if _, ok := tenantFieldRank(name); ok {
		return true
	}
	for _, g := range tenantGroups {
		if slices.Contains(g, strings.ToLower(name)) {
			return true
		}
	}
	return false
}

// isTenantMethod reports whether fn is shaped like a tenant accessor: a
// tenant name, at most a context.Context parameter, and a result.
func isTenantMethod(fn *types.Func) bool {
	sig := fn.Type().(*types.Signature)
	if !isTenantName(fn.Name()) || sig.Results().Len() == 0 || sig.Params().Len() > 1 {
		return false
	}
	return sig.Params().Len() == 0 || ctxscope.IsContextType(sig.Params().At(0).Type())
}

// rankNames sorts the candidates: the tenant's concept first, then by
// methods, types and name. Those of the concept are proposed.
func rankNames(byName map[string]*NameCandidate, fieldGroups map[string]bool) []*NameCandidate {
	out := make([]*NameCandidate, 0, len(byName))
	for _, c := range byName {
		sort.Strings(c.Types)
		c.Proposed = fieldGroups[tenantGroup(c.Name)]
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Proposed != b.Proposed {
			return a.Proposed
		}
		if a.Methods != b.Methods {
			return a.Methods > b.Methods
		}
		if len(a.Types) != len(b.Types) {
			return len(a.Types) > len(b.Types)
		}
		return a.Name < b.Name
	})
	return out
}

// tenantFuncs lists the proposed tenant methods declared on data-layer
// types as tenant_values funcs, by how often the module calls them:
// a key built from p.NetworkID(ctx) is scoped.
func tenantFuncs(pkgs []*packages.Package, declared []*types.Func, names []*NameCandidate) []*TenantFuncCandidate {
	on := map[string]bool{}
	for _, c := range names {
		on[c.Name] = c.Proposed
	}
	uses := map[*types.Func]int{}
	for _, fn := range declared {
		if on[fn.Name()] {
			uses[fn] = 0
		}
	}
	if len(uses) == 0 {
		return nil
	}
	for _, p := range pkgs {
		for _, obj := range p.TypesInfo.Uses {
			if fn, ok := obj.(*types.Func); ok {
				if _, counted := uses[fn.Origin()]; counted {
					uses[fn.Origin()]++
				}
			}
		}
	}
	var out []*TenantFuncCandidate
	for fn, n := range uses {
		if name := rules.FuncKey(fn); name != "" {
			out = append(out, &TenantFuncCandidate{Name: name, Uses: n})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Uses != out[j].Uses {
			return out[i].Uses > out[j].Uses
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// methodSet lists the methods of *T (of T for an interface), promoted ones
// included, as the repository rule reads them.
func methodSet(tn *types.TypeName) []*types.Func {
	t := tn.Type()
	if !types.IsInterface(t) {
		t = types.NewPointer(t)
	}
	ms := types.NewMethodSet(t)
	out := make([]*types.Func, 0, ms.Len())
	for i := 0; i < ms.Len(); i++ {
		if fn, ok := ms.At(i).Obj().(*types.Func); ok {
			out = append(out, fn)
		}
	}
	return out
}

// recvNamed returns the type that declares method fn (its receiver's
// defined type, or the interface's), or nil.
func recvNamed(fn *types.Func) *types.TypeName {
	recv := fn.Type().(*types.Signature).Recv()
	if recv == nil {
		return nil
	}
	if n, ok := gotypes.Deref(recv.Type()).(*types.Named); ok {
		return n.Origin().Obj()
	}
	return nil
}

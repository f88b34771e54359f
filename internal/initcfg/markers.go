package initcfg

import (
	"go/types"
	"sort"
	"strings"

	"github.com/tenantlint/tenantlint/internal/config"
)

// MarkerCandidate is a type embedded by several tenant structs.
type MarkerCandidate struct {
	Name     string   // qualified: example.com/app/tenant.Model
	Carriers []string // the structs with a candidate field that embed it (pkg.Name), sorted
	Unscoped []string // the structs that embed it and carry no proposed field, sorted
	Proposed bool     // written uncommented: every struct embedding it is tenant-scoped already
	// Behaviour lists its methods other than tenant accessors (sorted): a
	// type embedded for what it does (a base service, a client) is an
	// implementation, not a marker, and is never proposed.
	Behaviour []string
}

// minMarkerCarriers is how many tenant structs must embed a type for it to
// be a marker candidate: one embedder is just composition.
const minMarkerCarriers = 2

// markerCandidates lists the named types embedded (by value or pointer,
// directly) by at least two carriers of a candidate field, most embedded
// first. Standard-library types (sync.Mutex, time.Time) are no markers.
// A candidate is proposed only when no module struct embeds it without
// also carrying a proposed field: otherwise configuring it would make
// structs tenant-scoped that nothing else says are.
func markerCandidates(structs []structType, carriers, proposed map[*types.TypeName]bool) []*MarkerCandidate {
	byType := map[*types.TypeName]*MarkerCandidate{}
	var order []*types.TypeName
	for _, s := range structs {
		for i := 0; i < s.st.NumFields(); i++ {
			f := s.st.Field(i)
			if !f.Embedded() {
				continue
			}
			tn := embeddedTypeName(f.Type())
			if tn == nil || tn.Pkg() == nil || config.StdPackage(tn.Pkg().Path()) {
				continue
			}
			c := byType[tn]
			if c == nil {
				c = &MarkerCandidate{Name: qualified(tn), Behaviour: behaviour(tn)}
				byType[tn] = c
				order = append(order, tn)
			}
			if carriers[s.obj] {
				c.Carriers = append(c.Carriers, s.short())
			}
			if !proposed[s.obj] {
				c.Unscoped = append(c.Unscoped, s.short())
			}
		}
	}
	var out []*MarkerCandidate
	for _, tn := range order {
		c := byType[tn]
		if len(c.Carriers) < minMarkerCarriers {
			continue
		}
		sort.Strings(c.Carriers)
		sort.Strings(c.Unscoped)
		c.Proposed = len(c.Unscoped) == 0 && len(c.Behaviour) == 0
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if len(out[i].Carriers) != len(out[j].Carriers) {
			return len(out[i].Carriers) > len(out[j].Carriers)
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// embeddedTypeName returns the defined type T of an embedded field T or
// *T (the origin of a generic instance), or nil.
func embeddedTypeName(t types.Type) *types.TypeName {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return nil
	}
	return n.Origin().Obj()
}

// behaviour lists the methods of *T (T for an interface) that are not
// tenant accessors: a tenant name, with a Get or Set prefix or none
// (TenantID(), GetTenantID(), SetTenantID(id)).
func behaviour(tn *types.TypeName) []string {
	var out []string
	for _, fn := range methodSet(tn) {
		name := fn.Name()
		for _, prefix := range []string{"Get", "Set"} {
			if rest, ok := strings.CutPrefix(name, prefix); ok && isTenantName(rest) {
				name = rest
			}
		}
		if !isTenantName(name) {
			out = append(out, fn.Name())
		}
	}
	sort.Strings(out)
	return out
}

package tenantcache

import (
	"fmt"
	"go/ast"
	"go/types"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/tenantlint/tenantlint/internal/cachekeys"
	"github.com/tenantlint/tenantlint/internal/lint"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// keepGroupsWhole withholds the fixes of the findings whose keys another
// call reads or writes unwrapped. Wrapping the key of a Get but not the
// key of the matching Set makes the cache miss forever, silently, so the
// calls that share a cache (the same field, variable, or package of
// cache functions) and a key form (cachekeys.KeyForm: the same text with
// holes, or the same key builder) are one group, and a call whose keys
// have several forms joins their groups. A group is fixed whole or not
// at all: when one member cannot be fixed (its fix is manual, or a
// //tenantlint:ignore directive or an ignore.findings entry keeps it as
// it is), no member is, and the manual messages name the call that holds
// the group back and the one it holds back.
//
// Groups are found within one package: the go/analysis framework judges
// a package before the packages that import it, so no fact can carry an
// importer's blocker back to it.
func keepGroupsWhole(p *lint.Pass, found []*finding) {
	type groupKey struct {
		cache any
		form  string
	}
	sets := newDisjointSets(len(found))
	first := map[groupKey]int{}
	for i, f := range found {
		cache := cacheIdentity(p.TypesInfo, f.c.cc)
		if cache == nil {
			continue // a call of a helper, or on a computed receiver: alone
		}
		for _, form := range keyForms(p.TypesInfo, f) {
			if form == "" {
				continue // a key of no visible form: alone
			}
			k := groupKey{cache, form}
			if j, ok := first[k]; ok {
				sets.union(i, j)
			} else {
				first[k] = i
			}
		}
	}
	for _, members := range sets.sets() {
		var blockers, held []*finding
		suppressed := map[*finding]string{}
		for _, i := range members {
			f := found[i]
			if reason, ok := p.Suppresses(f.diagnostic()); ok {
				suppressed[f] = reason
			}
			if _, ok := suppressed[f]; ok || f.fix == nil {
				blockers = append(blockers, f)
			} else {
				held = append(held, f)
			}
		}
		if len(blockers) == 0 || len(held) == 0 {
			continue
		}
		b := blockers[0]
		reason := firstClause(b.why)
		if r, ok := suppressed[b]; ok {
			reason = "suppressed: " + r
		}
		blockedBy := fmt.Sprintf("%s shares this cache and key form and cannot be wrapped (%s); wrapping only this call would make the cache miss",
			callAt(p, b, len(blockers)-1), reason)
		for _, f := range held {
			f.fix, f.units, f.why = nil, 0, blockedBy
		}
		holds := fmt.Sprintf("%s shares this cache and key form, so it is left unwrapped too", callAt(p, held[0], len(held)-1))
		for _, f := range blockers {
			if _, ok := suppressed[f]; !ok {
				f.why += "; " + holds // a suppressed one keeps the message its suppression matched
			}
		}
	}
}

// keyForms lists the forms of the keys that a finding's fix wraps (the
// key itself when it cannot be wrapped), "" for a key of no visible form
// (cachekeys.Opaque): a parameter or a field is built by code this
// function does not show, so it matches nothing; grouping all such keys
// of a cache would hold back every fix on it for one call without a
// context. Keys of different types are
// different entries even when their text matches, so a key that is not a
// string is named by its type too.
func keyForms(info *types.Info, f *finding) []string {
	var out []string
	for _, k := range f.keys {
		sites := k.Wrap
		if len(sites) == 0 {
			sites = []ast.Expr{k.Arg}
		}
		for _, s := range sites {
			form := f.c.scope.KeyForm(s)
			if form == cachekeys.Opaque {
				out = append(out, "")
				continue
			}
			if t := info.TypeOf(s); t != nil && !rules.IsStringType(t) {
				form = types.TypeString(t, nil) + " " + form
			}
			out = append(out, form)
		}
	}
	return out
}

// cacheIdentity is what identifies the cache a call uses: the field or
// package-level variable a cache method is called on (the generic origin
// of a field: the same for every value of its type); for a method
// promoted from an embedded cache and called on a local or a parameter
// (s.Get, where s's type embeds *redis.Client), the embedded field; else
// the variable; or the package of a package-level cache function. It is
// nil when the call names no such thing (a cache helper, a receiver
// computed by a call): such a call is a group of its own.
func cacheIdentity(info *types.Info, cc *cachekeys.CacheCall) any {
	obj := cacheObject(info, cc)
	if v, ok := obj.(*types.Var); ok && (v.IsField() || v.Parent() == v.Pkg().Scope()) {
		return v.Origin()
	}
	if cc.Embedded != nil && cc.Via == "" {
		return cc.Embedded.Origin()
	}
	if obj != nil {
		return obj
	}
	if cc.Via != "" || cc.Map != nil {
		return nil
	}
	fn, ok := typeutil.Callee(info, cc.Call).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Type().(*types.Signature).Recv() != nil {
		return nil
	}
	return fn.Pkg()
}

// callAt names a call for a message: "the Set at app.go:30", followed by
// how many more calls of the group are in the same situation.
func callAt(p *lint.Pass, f *finding, more int) string {
	posn := p.Position(f.c.cc.Pos())
	s := fmt.Sprintf("the %s at %s:%d", callName(f.c.cc), filepath.Base(posn.Filename), posn.Line)
	switch more {
	case 0:
	case 1:
		s += " (and 1 more call)"
	default:
		s += fmt.Sprintf(" (and %d more calls)", more)
	}
	return s
}

// callName is the method or function a cache call calls (Set, Get), or
// "access to field" for a map field used as a cache.
func callName(cc *cachekeys.CacheCall) string {
	if cc.Map != nil {
		if sel, ok := cc.Call.Fun.(*ast.SelectorExpr); ok {
			return "access to " + sel.Sel.Name
		}
	}
	return cc.API[strings.LastIndex(cc.API, ".")+1:]
}

// firstClause is a manual-fix reason up to its first semicolon: what is
// missing, without the advice that follows.
func firstClause(why string) string {
	if i := strings.Index(why, ";"); i >= 0 {
		return why[:i]
	}
	return why
}

// disjointSets is a union-find over the indexes 0..n-1.
type disjointSets []int

func newDisjointSets(n int) disjointSets {
	d := make(disjointSets, n)
	for i := range d {
		d[i] = i
	}
	return d
}

func (d disjointSets) find(i int) int {
	for d[i] != i {
		d[i] = d[d[i]]
		i = d[i]
	}
	return i
}

func (d disjointSets) union(i, j int) { d[d.find(i)] = d.find(j) }

// sets lists the members of each set of more than one, in index order.
func (d disjointSets) sets() [][]int {
	byRoot := map[int][]int{}
	var roots []int
	for i := range d {
		r := d.find(i)
		if byRoot[r] == nil {
			roots = append(roots, r)
		}
		byRoot[r] = append(byRoot[r], i)
	}
	var out [][]int
	for _, r := range roots {
		if len(byRoot[r]) > 1 {
			out = append(out, byRoot[r])
		}
	}
	return out
}

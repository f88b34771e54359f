// Package rules is the configuration compiled for the checks, shared by
// the analyzers and the fixer: the names it configures (QName), which
// packages are ignored, and the configuration validated against the code
// that a package sees. What the checks ask of it lives in the packages of
// each concern: internal/models (tenant models and their coverage) and
// internal/cachekeys (cache calls and the flow of their keys).
package rules

import (
	"go/types"
	"strings"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/gotypes"
)

// QName is a package-level Go name: a package path and a name.
type QName struct{ Pkg, Name string }

func (q QName) String() string { return q.Pkg + "." + q.Name }

// Short is the name as written in code of another package: pkgname.Name.
func (q QName) Short() string {
	return PackageNameGuess(q.Pkg) + "." + q.Name
}

// PackageNameGuess returns the conventional name of the package at path:
// its last element, without a major-version suffix or a gopkg.in ".vN".
func PackageNameGuess(path string) string {
	elems := strings.Split(path, "/")
	name := elems[len(elems)-1]
	if len(elems) > 1 && isMajorVersion(name) {
		name = elems[len(elems)-2]
	}
	if i := strings.Index(name, ".v"); i > 0 && isMajorVersion(name[i+1:]) {
		name = name[:i]
	}
	name = strings.TrimPrefix(name, "go-")
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '.' {
			return '_'
		}
		return r
	}, name)
}

func isMajorVersion(s string) bool {
	if len(s) < 2 || s[0] != 'v' {
		return false
	}
	for _, r := range s[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// ParseQName splits a configured qualified name, "path.Name".
func ParseQName(s string) QName {
	p, n, _ := config.SplitQualified(s)
	return QName{p, n}
}

// ObjName returns the QName of a package-level object, or false.
func ObjName(obj types.Object) (QName, bool) {
	if obj == nil || obj.Pkg() == nil {
		return QName{}, false
	}
	return QName{obj.Pkg().Path(), obj.Name()}, true
}

// NamedOf returns the QName of t's defined type (after removing aliases
// and one pointer, and taking the generic origin), or false.
func NamedOf(t types.Type) (QName, *types.Named, bool) {
	n, ok := gotypes.Deref(t).(*types.Named)
	if !ok {
		return QName{}, nil, false
	}
	q, ok := ObjName(n.Origin().Obj())
	return q, n, ok
}

// Rules is a configuration compiled for fast matching.
type Rules struct {
	Config *config.Config

	Markers   map[QName]bool
	Fields    map[string]bool
	RepoTypes map[QName]bool
	KeyFunc   QName // zero when no key_func is configured
	SafeTypes map[QName]bool
	Methods   map[QName]map[string]config.KeyArgs // cache API types
	Funcs     map[QName]config.KeyArgs            // cache API functions
	// MapFields are the map fields used as caches (cache.apis field),
	// by the type that declares them.
	MapFields map[QName]map[string]bool

	// TenantParams and TenantMethods are repository.methods: parameter
	// names and method names that make a type a tenant-aware repository.
	TenantParams  map[string]bool
	TenantMethods map[string]bool

	// fieldConds holds, per models.fields name, the conditions (tag,
	// type) of its entries; a field matches when one of them holds.
	fieldConds    map[string][]fieldCond
	exclude       []string      // models.exclude
	Values        *TenantValues // cache.tenant_values; nil: only key_func scopes a key
	FollowHelpers bool          // cache.follow_helpers

	ignore []string
	// origins remembers the config entry behind each name, for errors.
	origins map[QName]config.Str
}

// Compile turns a parsed configuration into rules.
func Compile(c *config.Config) *Rules {
	r := &Rules{
		Config:    c,
		Markers:   map[QName]bool{},
		Fields:    map[string]bool{},
		RepoTypes: map[QName]bool{},
		SafeTypes: map[QName]bool{},
		Methods:   map[QName]map[string]config.KeyArgs{},
		Funcs:     map[QName]config.KeyArgs{},
		MapFields: map[QName]map[string]bool{},
		origins:   map[QName]config.Str{},

		TenantParams:  map[string]bool{},
		TenantMethods: map[string]bool{},
		fieldConds:    map[string][]fieldCond{},
	}
	note := func(s config.Str) QName {
		q := ParseQName(s.Value)
		if _, ok := r.origins[q]; !ok {
			r.origins[q] = s
		}
		return q
	}
	for _, m := range c.Models.Markers {
		r.Markers[note(m)] = true
	}
	r.compileModelAdditions(c)
	for _, t := range c.Repository.Types {
		r.RepoTypes[note(t)] = true
	}
	if c.Cache.KeyFunc.Value != "" {
		r.KeyFunc = note(c.Cache.KeyFunc)
	}
	for _, t := range c.Cache.SafeTypes {
		r.SafeTypes[note(t)] = true
	}
	for _, p := range c.Cache.Presets {
		for _, api := range config.Presets()[p.Value] {
			for _, t := range api.Types {
				r.addMethods(QName{api.Pkg, t}, api.Methods)
			}
		}
	}
	for _, a := range c.Cache.APIs {
		switch {
		case a.Field.Value != "":
			typ, field, _ := config.SplitField(a.Field.Value)
			q := ParseQName(typ)
			if r.MapFields[q] == nil {
				r.MapFields[q] = map[string]bool{}
			}
			r.MapFields[q][field] = true
		case a.Type.Value != "":
			r.addMethods(note(a.Type), a.Methods)
		default:
			r.Funcs[note(a.Func)] = a.KeyArgs
		}
	}
	for _, p := range c.Ignore.Packages {
		r.ignore = append(r.ignore, p.Value)
	}
	r.compileCacheValues(c)
	return r
}

func (r *Rules) addMethods(t QName, methods map[string]config.KeyArgs) {
	m := r.Methods[t]
	if m == nil {
		m = map[string]config.KeyArgs{}
		r.Methods[t] = m
	}
	for name, k := range methods {
		m[name] = k
	}
}

// IgnoresPackage reports whether the package at path is never checked.
// An external test package counts as the package it tests.
func (r *Rules) IgnoresPackage(path string) bool { return matchesAny(r.ignore, path) }

// matchesAny reports whether the package at path, or the package that an
// external test package at path tests, matches one of patterns.
func matchesAny(patterns []string, path string) bool {
	path = strings.TrimSuffix(path, "_test")
	for _, pat := range patterns {
		if MatchPackage(pat, path) {
			return true
		}
	}
	return false
}

// MatchPackage matches a package path against a pattern where a trailing
// "/..." means the package and those below it by path segment.
func MatchPackage(pattern, path string) bool {
	if base, ok := strings.CutSuffix(pattern, "/..."); ok {
		return path == base || strings.HasPrefix(path, base+"/")
	}
	return path == pattern
}

// HasCacheRules reports whether the cache check has anything to look for.
func (r *Rules) HasCacheRules() bool {
	return len(r.Methods) > 0 || len(r.Funcs) > 0 || len(r.MapFields) > 0
}

// HasModelRules reports whether the repository check has anything to look for.
func (r *Rules) HasModelRules() bool { return len(r.Markers) > 0 || len(r.Fields) > 0 }

// HasMethodRules reports whether repository.methods is configured.
func (r *Rules) HasMethodRules() bool { return len(r.TenantParams) > 0 || len(r.TenantMethods) > 0 }

// IsMethodRepo reports whether a type whose methods have these parameter
// names and result-returning method names is a tenant-aware repository
// under repository.methods.
func (r *Rules) IsMethodRepo(params, getters []string) bool {
	for _, p := range params {
		if r.TenantParams[p] {
			return true
		}
	}
	for _, g := range getters {
		if r.TenantMethods[g] {
			return true
		}
	}
	return false
}

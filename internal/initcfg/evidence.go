package initcfg

import (
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/models"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// modelRules compiles the proposed models section alone: which structs
// tenantrepo will take for models under the proposal.
func (f *Findings) modelRules() *rules.Rules {
	cfg := &config.Config{}
	for _, c := range f.Fields {
		if c.Proposed {
			cfg.Models.Fields = append(cfg.Models.Fields, config.FieldRule{Name: c.Name, Str: config.Str{Value: c.Name}, Tag: config.Str{Value: c.Column}})
		}
	}
	for _, m := range f.Markers {
		if m.Proposed {
			cfg.Models.Markers = append(cfg.Models.Markers, config.Str{Value: m.Name})
		}
	}
	return rules.Compile(cfg)
}

// tenantModels lists the structs that the proposed fields and markers
// make tenant-scoped (the markers themselves left out).
func (f *Findings) tenantModels(structs []structType) map[rules.QName]bool {
	r := f.modelRules()
	out := map[rules.QName]bool{}
	for _, s := range structs {
		q, ok := rules.ObjName(s.obj)
		if !ok || r.Markers[q] {
			continue
		}
		if models.ScopedReason(r, s.st) != "" {
			out[q] = true
		}
	}
	return out
}

// fieldGroups is the tenant concept of the proposed fields: the groups
// of their names (see tenantGroup).
func (f *Findings) fieldGroups() map[string]bool {
	out := map[string]bool{}
	for _, c := range f.Fields {
		if c.Proposed {
			out[tenantGroup(c.Name)] = true
		}
	}
	return out
}

// proposedKeyFunc is the key_func the proposal sets, or "".
func (f *Findings) proposedKeyFunc() string {
	for _, k := range f.KeyFuncs {
		if k.Proposed {
			return k.Name
		}
	}
	return ""
}

// infraNames are the last path elements of packages that usually hold
// what every tenant shares (rate limits, feature flags, health checks).
var infraNames = map[string]bool{"platform": true, "infra": true, "infrastructure": true, "global": true, "globals": true}

// IgnoreCandidate is a package pattern for ignore.packages.
type IgnoreCandidate struct {
	Pattern  string // path/...
	Packages int    // packages it covers
	Proposed bool
	Models   []string // tenant-scoped models in them (pkg.Name): then not proposed
}

// ignoreCandidates lists the packages named like shared infrastructure
// (platform, infra, global), with the packages below them. One is proposed
// when none of them declares a tenant-scoped model: its cache calls are
// then about data every tenant shares. One that does is listed commented
// out: ignoring it would hide its models.
func ignoreCandidates(pkgs []*packages.Package, tenantModels map[rules.QName]bool) []*IgnoreCandidate {
	var out []*IgnoreCandidate
	for _, p := range pkgs {
		last := p.PkgPath[strings.LastIndex(p.PkgPath, "/")+1:]
		if !infraNames[last] {
			continue
		}
		c := below(pkgs, p.PkgPath, tenantModels)
		c.Proposed = len(c.Models) == 0
		out = append(out, c)
	}
	// A pattern inside another one adds nothing.
	var kept []*IgnoreCandidate
	for _, c := range out {
		inside := false
		for _, o := range out {
			if o != c && o.Proposed && rules.MatchPackage(o.Pattern, strings.TrimSuffix(c.Pattern, "/...")) {
				inside = true
			}
		}
		if !inside {
			kept = append(kept, c)
		}
	}
	return kept
}

// below describes the pattern path/...: the packages it covers and the
// tenant-scoped models they declare.
func below(pkgs []*packages.Package, path string, tenantModels map[rules.QName]bool) *IgnoreCandidate {
	c := &IgnoreCandidate{Pattern: path + "/..."}
	for _, q := range pkgs {
		if !rules.MatchPackage(c.Pattern, q.PkgPath) {
			continue
		}
		c.Packages++
		for m := range tenantModels {
			if m.Pkg == q.PkgPath {
				c.Models = append(c.Models, m.Short())
			}
		}
	}
	sort.Strings(c.Models)
	return c
}

// excludeCandidates lists the folders of module named like migrations
// (sqlmigration, migrations) that hold tenant-scoped structs: those are
// frozen copies of the models, one per schema change, that no repository
// will ever cover, and models.exclude leaves them out (their cache calls
// are still checked). The folder is the first path element below the
// module that names a migration, so Keto's
// internal/persistence/sql/migrations/uuidmapping is excluded as
// .../migrations/... like a package named sqlmigration.
func excludeCandidates(module string, pkgs []*packages.Package, tenantModels map[rules.QName]bool) []*IgnoreCandidate {
	var out []*IgnoreCandidate
	seen := map[string]bool{}
	for _, p := range pkgs {
		dir, ok := migrationFolder(module, p.PkgPath)
		if !ok || seen[dir] {
			continue
		}
		seen[dir] = true
		c := below(pkgs, dir, tenantModels)
		if len(c.Models) == 0 {
			continue // nothing to leave out
		}
		c.Proposed = true
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pattern < out[j].Pattern })
	return out
}

// migrationFolder returns the import path of the first element of path
// below module whose name contains "migration", in any case; the
// module's own path is not looked at (a module named migrate-tool is no
// migration).
func migrationFolder(module, path string) (string, bool) {
	rel, ok := strings.CutPrefix(path, module+"/")
	if !ok {
		return "", false
	}
	elems := strings.Split(rel, "/")
	for i, e := range elems {
		if strings.Contains(strings.ToLower(e), "migration") {
			return module + "/" + strings.Join(elems[:i+1], "/"), true
		}
	}
	return "", false
}

// withoutExcluded drops the models that the proposed models.exclude
// leaves out.
func withoutExcluded(tenantModels map[rules.QName]bool, exclude []*IgnoreCandidate) map[rules.QName]bool {
	out := map[rules.QName]bool{}
	for m := range tenantModels {
		excluded := false
		for _, c := range exclude {
			excluded = excluded || rules.MatchPackage(c.Pattern, m.Pkg)
		}
		if !excluded {
			out[m] = true
		}
	}
	return out
}

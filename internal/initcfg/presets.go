package initcfg

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/tenantlint/tenantlint/internal/config"
)

// PresetCandidate is a built-in cache preset whose library go.mod requires.
type PresetCandidate struct {
	Preset   string // the name in cache.presets
	Module   string // the required module
	Version  string
	Indirect bool // required only indirectly: no package of the module imports it
}

// presetCandidates matches the requirements of go.mod against the
// packages of config.Presets: a preset applies when one of its packages
// is in a required module.
func presetCandidates(mf *modfile.File) []PresetCandidate {
	var out []PresetCandidate
	for _, name := range config.PresetNames() {
		if c, ok := presetRequirement(name, mf.Require); ok {
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return !out[i].Indirect && out[j].Indirect })
	return out
}

// presetRequirement finds the requirement that provides a package of the
// preset, preferring a direct one.
func presetRequirement(preset string, reqs []*modfile.Require) (PresetCandidate, bool) {
	var pkgs []string
	for _, api := range config.Presets()[preset] {
		pkgs = append(pkgs, api.Pkg)
	}
	r, ok := requirementOf(pkgs, reqs)
	if !ok {
		return PresetCandidate{}, false
	}
	return PresetCandidate{Preset: preset, Module: r.Mod.Path, Version: r.Mod.Version, Indirect: r.Indirect}, true
}

// requirementOf finds the requirement of go.mod whose module provides
// one of pkgs (the module itself or a package below it), preferring a
// direct requirement to an indirect one.
func requirementOf(pkgs []string, reqs []*modfile.Require) (*modfile.Require, bool) {
	var found *modfile.Require
	for _, pkg := range pkgs {
		for _, r := range reqs {
			mod := r.Mod.Path
			if pkg != mod && !strings.HasPrefix(pkg, mod+"/") {
				continue
			}
			if found == nil || (found.Indirect && !r.Indirect) {
				found = r
			}
		}
	}
	return found, found != nil
}

// PresetMiss is a preset that the proposal leaves out although the
// module seems to use its library, or that the replaced configuration
// named: it would check no call, and init says so rather than drop it
// silently.
type PresetMiss struct {
	Kind   string   // "cache" or "sql"
	Preset string   // its name
	Other  []string // the other major versions go.mod requires; none: the replaced file named it
	Covers string   // the packages it covers (config.FormatPresetPackages)
}

// Line is the miss as the summary and the proposal's comment write it.
func (m PresetMiss) Line() string {
	if len(m.Other) > 0 {
		return fmt.Sprintf("%s preset %s covers %s, not %s that go.mod requires", m.Kind, m.Preset, m.Covers, strings.Join(m.Other, ", "))
	}
	return fmt.Sprintf("%s preset %s, named by the replaced %s, matches no module go.mod requires (covers %s)", m.Kind, m.Preset, config.FileName, m.Covers)
}

// otherVersionMisses lists the presets, cache and SQL, that match no
// module of go.mod while it requires another major version of their
// library (github.com/dgraph-io/ristretto/v3, github.com/jackc/pgx/v4):
// the user expects them to apply, and init proposes none.
func otherVersionMisses(mf *modfile.File) []PresetMiss {
	mods := config.RequiredModules(mf)
	var out []PresetMiss
	add := func(kind string, sql bool, names []string) {
		for _, name := range names {
			if config.PresetMatchesModules(name, sql, mods) {
				continue
			}
			if other := config.OtherMajorVersions(name, sql, mods); len(other) > 0 {
				out = append(out, PresetMiss{Kind: kind, Preset: name, Other: other,
					Covers: config.FormatPresetPackages(config.PresetPackages(name, sql))})
			}
		}
	}
	add("cache", false, config.PresetNames())
	add("sql", true, config.SQLPresetList())
	return out
}

// replacedMisses lists the presets that the configuration at path (the
// file that init --force replaces) names and that match no module of the
// go.mod at root; nil when the file cannot be read or parsed (it is
// replaced anyway).
func replacedMisses(path, root string) []PresetMiss {
	cfg, err := config.Load(path)
	if err != nil {
		return nil
	}
	mods, err := config.ReadRequiredModules(filepath.Join(root, "go.mod"))
	if err != nil {
		return nil
	}
	var out []PresetMiss
	for _, u := range cfg.UnmatchedPresets(mods) {
		out = append(out, PresetMiss{Kind: u.Kind, Preset: u.Name, Covers: u.Covers})
	}
	return out
}

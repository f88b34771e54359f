package initcfg

import (
	"fmt"
	"os"
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

// parseGoMod reads the go.mod file at path.
func parseGoMod(path string) (*modfile.File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading go.mod: %w", err)
	}
	mf, err := modfile.ParseLax(path, data, nil)
	if err != nil {
		return nil, fmt.Errorf("parsing go.mod: %s", oneLine(err.Error()))
	}
	return mf, nil
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
	for _, api := range config.Presets[preset] {
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

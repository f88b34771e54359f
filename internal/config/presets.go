package config

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"

	"golang.org/x/mod/modfile"
)

// PresetAPI is a built-in cache API: some types of one package that share a
// method table.
type PresetAPI struct {
	Pkg     string
	Types   []string
	Methods map[string]KeyArgs
}

func key(i int) KeyArgs               { return KeyArgs{Key: IntList{i}} }
func keys(is ...int) KeyArgs          { return KeyArgs{Key: IntList(is)} }
func variadicKeys(i int) KeyArgs      { return KeyArgs{Key: IntList{i}, Variadic: true} }
func sliceKeys(i int) KeyArgs         { return KeyArgs{Key: IntList{i}, Slice: true} }
func itemKey(i int, f string) KeyArgs { return KeyArgs{Key: IntList{i}, ItemField: f} }

// FormatKeyArgs is k as the preset snapshot writes it: "key=0",
// "key=0,1", with " variadic", " slice" or " item=Field".
func FormatKeyArgs(k KeyArgs) string {
	idx := make([]string, len(k.Key))
	for i, n := range k.Key {
		idx[i] = fmt.Sprint(n)
	}
	s := "key=" + strings.Join(idx, ",")
	switch {
	case k.Variadic:
		s += " variadic"
	case k.Slice:
		s += " slice"
	case k.ItemField != "":
		s += " item=" + k.ItemField
	}
	return s
}

// Digest identifies the method table of a: the first 16 hex digits of
// the SHA-256 of its sorted "Method<TAB>key args" lines. The preset
// snapshot records the digest of the table it verified, so that a table
// changed without running presetcheck again fails the tests.
func (a PresetAPI) Digest() string {
	lines := make([]string, 0, len(a.Methods))
	for m, k := range a.Methods {
		lines = append(lines, m+"\t"+FormatKeyArgs(k)+"\n")
	}
	sort.Strings(lines)
	sum := sha256.Sum256([]byte(strings.Join(lines, "")))
	return hex.EncodeToString(sum[:8])
}

// Presets are the built-in method tables, by the name used in
// cache.presets. Each covers every major version of its library still in
// use (one PresetAPI per package path); internal/cmd/presetcheck checks
// them against each version's real method set and
// TestPresetsMatchTheLibraries keeps the table and its snapshot in step.
// Keys are checked when they are strings: a string parameter, a generic
// cache's key type instantiated with string, or a string converted to an
// interface parameter (ristretto v0, golang-lru v1).
//
// The tables are built on first use, not at package initialisation:
// go-redis's alone is some 430 entries, and every process that links
// the configuration (each of go vet's -vettool processes, most of which
// only compute facts of dependencies) would otherwise build them.
var Presets = sync.OnceValue(func() map[string][]PresetAPI {
	goRedis := goRedisMethods() // one table, shared by both major versions
	return map[string][]PresetAPI{
		"go-redis": {
			{Pkg: "github.com/redis/go-redis/v9", Types: goRedisTypes, Methods: goRedis},
			{Pkg: "github.com/go-redis/redis/v8", Types: goRedisTypes, Methods: goRedis},
		},
		"gomemcache": {{
			Pkg:   "github.com/bradfitz/gomemcache/memcache",
			Types: []string{"Client"},
			Methods: map[string]KeyArgs{
				"Get": key(0), "Delete": key(0), "Touch": key(0),
				"Increment": key(0), "Decrement": key(0),
				"GetMulti": sliceKeys(0),
				"Set":      itemKey(0, "Key"), "Add": itemKey(0, "Key"), "Replace": itemKey(0, "Key"),
				"CompareAndSwap": itemKey(0, "Key"), "Append": itemKey(0, "Key"), "Prepend": itemKey(0, "Key"),
			},
		}},
		"go-cache": {{
			Pkg:     "github.com/patrickmn/go-cache",
			Types:   []string{"Cache"},
			Methods: goCacheMethods(),
		}},
		"ristretto": {
			// v0 (interface{} keys) and v1 (generic) share this path.
			{Pkg: "github.com/dgraph-io/ristretto", Types: []string{"Cache"}, Methods: ristrettoMethods()},
			{Pkg: "github.com/dgraph-io/ristretto/v2", Types: []string{"Cache"}, Methods: ristrettoMethods()},
		},
		"bigcache": {
			{Pkg: "github.com/allegro/bigcache", Types: []string{"BigCache"}, Methods: bigcacheMethods()},
			{Pkg: "github.com/allegro/bigcache/v2", Types: []string{"BigCache"}, Methods: bigcacheMethods()},
			{Pkg: "github.com/allegro/bigcache/v3", Types: []string{"BigCache"}, Methods: bigcacheMethods()},
		},
		// The standard library's sync.Map, keyed by any: a string key is
		// checked as a string, other keys as non-string keys. Range is no
		// keyed call; Clear has no key.
		"sync-map": {{
			Pkg:   "sync",
			Types: []string{"Map"},
			Methods: map[string]KeyArgs{
				"Load": key(0), "Store": key(0), "LoadOrStore": key(0), "LoadAndDelete": key(0),
				"Delete": key(0), "Swap": key(0), "CompareAndSwap": key(0), "CompareAndDelete": key(0),
			},
		}},
		"golang-lru": {
			{
				// v1: interface{} keys; ARC and 2Q in the root package.
				Pkg:     "github.com/hashicorp/golang-lru",
				Types:   []string{"Cache", "TwoQueueCache", "ARCCache"},
				Methods: lruMethods(),
			},
			{
				Pkg:     "github.com/hashicorp/golang-lru/v2",
				Types:   []string{"Cache", "TwoQueueCache"},
				Methods: lruMethods(),
			},
			{
				Pkg:     "github.com/hashicorp/golang-lru/v2/expirable",
				Types:   []string{"LRU"},
				Methods: lruMethods(),
			},
			{
				Pkg:     "github.com/hashicorp/golang-lru/arc/v2",
				Types:   []string{"ARCCache"},
				Methods: lruMethods(),
			},
		},
	}
})

var goRedisTypes = []string{"Client", "ClusterClient", "Ring", "Conn", "Tx",
	"Cmdable", "Pipeliner", "UniversalClient", "Pipeline", "StatefulCmdable"}

func ristrettoMethods() map[string]KeyArgs {
	return map[string]KeyArgs{
		"Get": key(0), "GetTTL": key(0), "Set": key(0), "SetWithTTL": key(0), "Del": key(0),
	}
}

func bigcacheMethods() map[string]KeyArgs {
	return map[string]KeyArgs{
		"Get": key(0), "GetWithInfo": key(0), "Set": key(0), "Append": key(0), "Delete": key(0),
	}
}

func lruMethods() map[string]KeyArgs {
	return map[string]KeyArgs{
		"Add": key(0), "Get": key(0), "Contains": key(0), "Peek": key(0),
		"ContainsOrAdd": key(0), "PeekOrAdd": key(0), "Remove": key(0),
	}
}

func goCacheMethods() map[string]KeyArgs {
	m := map[string]KeyArgs{
		"Set": key(0), "SetDefault": key(0), "Add": key(0), "Replace": key(0),
		"Get": key(0), "GetWithExpiration": key(0), "Delete": key(0),
		"Increment": key(0), "Decrement": key(0),
		"IncrementFloat": key(0), "DecrementFloat": key(0),
	}
	for _, t := range []string{"Int", "Int8", "Int16", "Int32", "Int64",
		"Uint", "Uintptr", "Uint8", "Uint16", "Uint32", "Uint64", "Float32", "Float64"} {
		m["Increment"+t] = key(0)
		m["Decrement"+t] = key(0)
	}
	return m
}

// PresetNames lists the known presets, sorted.
func PresetNames() []string {
	names := make([]string, 0, len(Presets()))
	for n := range Presets() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// LibraryPresetNames lists the presets of libraries a go.mod can require,
// sorted: the known presets but those of the standard library (sync-map),
// which every module has and which apply only when asked for.
func LibraryPresetNames() []string {
	var names []string
	for _, n := range PresetNames() {
		std := true
		for _, api := range Presets()[n] {
			std = std && StdPackage(api.Pkg)
		}
		if !std {
			names = append(names, n)
		}
	}
	return names
}

// StdPackage reports whether the package at path is of the standard
// library: no dot in its first path element.
func StdPackage(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// sqlBuilderPackages are the packages of the SQL presets that have query
// builders but no raw entry point in SQLPresets (analyzers/tenantsql's
// builders_libs.go names them).
var sqlBuilderPackages = map[string][]string{
	"squirrel": {"github.com/Masterminds/squirrel"},
}

// PresetPackages returns the package paths that the preset name covers,
// sorted and without repeats: a cache preset (sql false) or an SQL
// preset (sql true). Nil for an unknown name.
func PresetPackages(name string, sql bool) []string {
	var pkgs []string
	if sql {
		for _, api := range SQLPresets[name] {
			pkgs = append(pkgs, api.Pkg)
		}
		pkgs = append(pkgs, sqlBuilderPackages[name]...)
	} else {
		for _, api := range Presets()[name] {
			pkgs = append(pkgs, api.Pkg)
		}
	}
	sort.Strings(pkgs)
	return slices.Compact(pkgs)
}

// PresetMatchesModules reports whether a package of the preset is
// provided by one of modules (module paths: the main module and the
// requirements of its go.mod). A preset of the standard library
// (sync-map, database/sql) matches every module.
func PresetMatchesModules(name string, sql bool, modules []string) bool {
	for _, pkg := range PresetPackages(name, sql) {
		if StdPackage(pkg) || ModuleOfPackage(pkg, modules) != "" {
			return true
		}
	}
	return false
}

// ModuleOfPackage returns the module among modules that provides the
// package at path (the module itself or a package below it; the longest
// such module, as the go command resolves it), or "".
func ModuleOfPackage(path string, modules []string) string {
	best := ""
	for _, m := range modules {
		if (path == m || strings.HasPrefix(path, m+"/")) && len(m) > len(best) {
			best = m
		}
	}
	return best
}

// UnmatchedPreset is a preset named in a configuration that matches no
// module the main module requires: it checks no call.
type UnmatchedPreset struct {
	Kind   string // "cache" or "sql"
	Name   string
	Covers string // its packages, as FormatPresetPackages writes them
}

// String is the line that `tenantlint --verbose` prints.
func (u UnmatchedPreset) String() string {
	return fmt.Sprintf("%s preset %q matches no required module (covers %s)", u.Kind, u.Name, u.Covers)
}

// UnmatchedPresets lists the presets that c names explicitly (cache.presets,
// and sql.presets when set: without it every SQL preset is on and none is
// the user's choice) that match none of modules, cache presets first, in
// the order of the file.
func (c *Config) UnmatchedPresets(modules []string) []UnmatchedPreset {
	var out []UnmatchedPreset
	add := func(kind string, sql bool, names []Str) {
		for _, p := range names {
			if !PresetMatchesModules(p.Value, sql, modules) {
				out = append(out, UnmatchedPreset{Kind: kind, Name: p.Value, Covers: FormatPresetPackages(PresetPackages(p.Value, sql))})
			}
		}
	}
	add("cache", false, c.Cache.Presets)
	if c.SQL.Presets != nil {
		add("sql", true, *c.SQL.Presets)
	}
	return out
}

// FormatPresetPackages joins pkgs with ", ", writing a path below the
// first one as its tail: "github.com/dgraph-io/ristretto, .../v2".
func FormatPresetPackages(pkgs []string) string {
	out := make([]string, len(pkgs))
	for i, p := range pkgs {
		out[i] = p
		if i > 0 && strings.HasPrefix(p, pkgs[0]+"/") {
			out[i] = "..." + strings.TrimPrefix(p, pkgs[0])
		}
	}
	return strings.Join(out, ", ")
}

// OtherMajorVersions returns the modules among modules that are another
// major version of a library the preset covers, and that it does not
// cover: github.com/dgraph-io/ristretto/v3 for ristretto. Such a
// requirement is why a user expects the preset to apply.
func OtherMajorVersions(name string, sql bool, modules []string) []string {
	pkgs := PresetPackages(name, sql)
	var out []string
	for _, m := range modules {
		if PresetMatchesModules(name, sql, []string{m}) {
			continue // a version it covers
		}
		fm := withoutMajor(m)
		for _, pkg := range pkgs {
			if fp := withoutMajor(pkg); fp == fm || strings.HasPrefix(fp, fm+"/") {
				out = append(out, m)
				break
			}
		}
	}
	return out
}

// withoutMajor is path without its major-version elements ("/v2").
func withoutMajor(path string) string {
	elems := strings.Split(path, "/")
	kept := elems[:0]
	for i, e := range elems {
		if i > 0 && len(e) > 1 && e[0] == 'v' && strings.Trim(e[1:], "0123456789") == "" {
			continue
		}
		kept = append(kept, e)
	}
	return strings.Join(kept, "/")
}

// RequiredModules are the module paths of mf: the module itself and its
// requirements, direct or indirect (what a preset may match).
func RequiredModules(mf *modfile.File) []string {
	var out []string
	if mf.Module != nil {
		out = append(out, mf.Module.Mod.Path)
	}
	for _, r := range mf.Require {
		out = append(out, r.Mod.Path)
	}
	return out
}

// ReadRequiredModules is RequiredModules of the go.mod file at path.
func ReadRequiredModules(path string) ([]string, error) {
	mf, err := ReadGoMod(path)
	if err != nil {
		return nil, err
	}
	return RequiredModules(mf), nil
}

// ReadGoMod parses the go.mod file at path leniently, as the go command
// reads a dependency's (its module path and requirements, not its
// replace directives), for the tools that match presets against it. A
// parse error is on one line, as bad input is reported: the parser's
// list of errors, one per line, is joined with " | ".
func ReadGoMod(path string) (*modfile.File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading go.mod: %w", err)
	}
	mf, err := modfile.ParseLax(path, data, nil)
	if err != nil {
		return nil, fmt.Errorf("parsing go.mod: %s", strings.ReplaceAll(strings.TrimSpace(err.Error()), "\n", " | "))
	}
	return mf, nil
}

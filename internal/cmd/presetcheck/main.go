// Command presetcheck checks the cache presets of internal/config against
// the real method sets of every major version of the libraries they
// cover, and writes what it verified to the snapshot that
// TestPresetsMatchTheLibraries (internal/config) compares the table with:
//
//	go run ./internal/cmd/presetcheck -w internal/config/testdata/presets.txt
//
// For each module version below it creates a scratch module, fetches the
// version from the module proxy, type-checks the preset's packages and,
// for every type and method of the table, checks that the method exists
// and that each key argument is where the table says, with a type a key
// can have: string, an interface (a string converted to it is judged
// like a string), the cache's key type parameter, []string for slices
// and variadic keys, and a pointer to a struct with the string field an
// item key names. A method the table lists that a version lacks is
// written as absent (go-redis v8 has fewer commands than v9); any other
// mismatch fails the run. It is developer tooling, run when a preset or
// a version changes, not part of make test (it needs the network).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/tenantlint/tenantlint/internal/config"
)

// versions are the major versions still in use of each module a preset
// covers; ristretto v0 and v1 share a module path. The standard library
// (sync-map) is checked at the Go version running presetcheck: it is the
// one the module builds with, and std keeps its method sets compatible.
var versions = map[string][]string{
	"std":                                    {runtime.Version()},
	"github.com/allegro/bigcache":            {"v1.2.1"},
	"github.com/allegro/bigcache/v2":         {"v2.2.5"},
	"github.com/allegro/bigcache/v3":         {"v3.1.0"},
	"github.com/bradfitz/gomemcache":         {"v0.0.0-20260422231931-4d751bb6e37c"},
	"github.com/dgraph-io/ristretto":         {"v0.2.0", "v1.0.0"},
	"github.com/dgraph-io/ristretto/v2":      {"v2.4.2"},
	"github.com/go-redis/redis/v8":           {"v8.11.5"},
	"github.com/hashicorp/golang-lru":        {"v1.0.2"},
	"github.com/hashicorp/golang-lru/arc/v2": {"v2.0.7"},
	"github.com/hashicorp/golang-lru/v2":     {"v2.0.7"},
	"github.com/patrickmn/go-cache":          {"v2.1.0+incompatible"},
	"github.com/redis/go-redis/v9":           {"v9.23.0"},
}

func main() {
	out := flag.String("w", "", "write the snapshot to this file (default: stdout)")
	flag.Parse()
	lines, err := check()
	if err != nil {
		fmt.Fprintln(os.Stderr, "presetcheck:", err)
		os.Exit(1)
	}
	data := []byte(snapshotHeader + strings.Join(lines, "\n") + "\n")
	if *out == "" {
		os.Stdout.Write(data)
		return
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "presetcheck:", err)
		os.Exit(1)
	}
}

const snapshotHeader = "# Written by go run ./internal/cmd/presetcheck; do not edit.\n" +
	"# preset<TAB>module@version<TAB>package<TAB>type<TAB>digest of the verified table<TAB>methods found<TAB>methods absent in this version\n"

// check verifies every preset API against every version of its module
// and returns the snapshot's lines, sorted.
func check() ([]string, error) {
	var lines, problems []string
	covered := map[string]bool{}
	for _, name := range config.PresetNames() {
		for _, api := range config.Presets()[name] {
			mod := moduleOf(api.Pkg)
			if mod == "" {
				return nil, fmt.Errorf("preset %s: no module version to check %s against; add it to versions", name, api.Pkg)
			}
			covered[mod] = true
			for _, v := range versions[mod] {
				pkg, err := load(mod, v, api.Pkg)
				if err != nil {
					return nil, err
				}
				l, p := checkAPI(name, mod+"@"+v, pkg, api)
				lines = append(lines, l...)
				problems = append(problems, p...)
			}
		}
	}
	for mod := range versions {
		if !covered[mod] {
			problems = append(problems, fmt.Sprintf("%s is listed in versions but no preset covers it", mod))
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return nil, fmt.Errorf("%d mismatches:\n%s", len(problems), strings.Join(problems, "\n"))
	}
	sort.Strings(lines)
	return lines, nil
}

// moduleOf returns the longest module of versions that holds pkg, or
// "std" for a package of the standard library.
func moduleOf(pkg string) string {
	if config.StdPackage(pkg) {
		return "std"
	}
	best := ""
	for mod := range versions {
		if (pkg == mod || strings.HasPrefix(pkg, mod+"/")) && len(mod) > len(best) {
			best = mod
		}
	}
	return best
}

// load type-checks pkg at module version mod@v in a scratch module.
func load(mod, v, pkg string) (*types.Package, error) {
	dir, err := os.MkdirTemp("", "presetcheck-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	gomod := "module presetcheck\n\ngo 1.26\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		return nil, err
	}
	if mod != "std" { // std comes with the toolchain
		get := exec.Command("go", "get", pkg+"@"+v)
		get.Dir = dir
		var stderr bytes.Buffer
		get.Stderr = &stderr
		if err := get.Run(); err != nil {
			return nil, fmt.Errorf("go get %s@%s: %w\n%s", pkg, v, err, stderr.String())
		}
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedTypes, Dir: dir}, pkg)
	if err != nil {
		return nil, fmt.Errorf("loading %s@%s: %w", pkg, v, err)
	}
	if len(pkgs) != 1 || len(pkgs[0].Errors) > 0 || pkgs[0].Types == nil {
		return nil, fmt.Errorf("loading %s@%s: %v", pkg, v, pkgs[0].Errors)
	}
	return pkgs[0].Types, nil
}

// checkAPI checks one preset API against one version of its package and
// returns the snapshot lines and the mismatches.
func checkAPI(preset, modVersion string, pkg *types.Package, api config.PresetAPI) (lines, problems []string) {
	for _, tname := range api.Types {
		tn, ok := pkg.Scope().Lookup(tname).(*types.TypeName)
		if !ok {
			problems = append(problems, fmt.Sprintf("%s %s: no type %s", modVersion, api.Pkg, tname))
			continue
		}
		var recv types.Type = tn.Type()
		if !types.IsInterface(recv) {
			recv = types.NewPointer(recv)
		}
		methods := make([]string, 0, len(api.Methods))
		for m := range api.Methods {
			methods = append(methods, m)
		}
		sort.Strings(methods)
		var absent []string
		for _, m := range methods {
			obj, _, _ := types.LookupFieldOrMethod(recv, true, pkg, m)
			fn, ok := obj.(*types.Func)
			if !ok {
				absent = append(absent, m)
				continue
			}
			sig := fn.Type().(*types.Signature)
			if err := keyArgsFit(sig, api.Methods[m]); err != nil {
				problems = append(problems, fmt.Sprintf("%s %s.%s.%s%s: %v", modVersion, api.Pkg, tname, m,
					strings.TrimPrefix(types.TypeString(sig, types.RelativeTo(pkg)), "func"), err))
			}
		}
		if len(absent) == len(methods) {
			problems = append(problems, fmt.Sprintf("%s %s.%s has none of the preset's methods", modVersion, api.Pkg, tname))
		}
		lines = append(lines, strings.Join([]string{preset, modVersion, api.Pkg, tname, api.Digest(),
			fmt.Sprint(len(methods) - len(absent)), strings.Join(absent, ",")}, "\t"))
	}
	return lines, problems
}

// keyArgsFit reports whether the key arguments of spec are parameters of
// sig with a type a key of that kind can have.
func keyArgsFit(sig *types.Signature, spec config.KeyArgs) error {
	params := sig.Params()
	for j, i := range spec.Key {
		if i >= params.Len() {
			return fmt.Errorf("key argument %d: the method has %d parameters", i, params.Len())
		}
		t := params.At(i).Type()
		last := j == len(spec.Key)-1
		switch {
		case last && spec.Variadic:
			if !sig.Variadic() || i != params.Len()-1 || !isStrings(t) {
				return fmt.Errorf("key argument %d: want ...string, have %s", i, t)
			}
		case spec.Slice:
			if !isStrings(t) {
				return fmt.Errorf("key argument %d: want []string, have %s", i, t)
			}
		case spec.ItemField != "":
			p, ok := t.Underlying().(*types.Pointer)
			if !ok {
				return fmt.Errorf("key argument %d: want a pointer to a struct with field %s, have %s", i, spec.ItemField, t)
			}
			obj, _, _ := types.LookupFieldOrMethod(p.Elem(), false, nil, spec.ItemField)
			if f, ok := obj.(*types.Var); !ok || !f.IsField() || !isString(f.Type()) {
				return fmt.Errorf("key argument %d: %s has no string field %s", i, t, spec.ItemField)
			}
		default:
			// A type parameter must be the cache's first, its key type, and
			// an interface parameter must be named as a key: the value is
			// often of the same type (ristretto v0's Set(key, value
			// interface{}, cost)).
			tp, isTP := t.(*types.TypeParam)
			name := strings.ToLower(params.At(i).Name())
			switch {
			case isString(t):
			case isTP && tp.Index() == 0:
			case !isTP && types.IsInterface(t) && (name == "k" || strings.Contains(name, "key")):
			default:
				return fmt.Errorf("key argument %d (%s): want string, the key type parameter or an interface named as a key, have %s", i, params.At(i).Name(), t)
			}
		}
	}
	return nil
}

func isString(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

func isStrings(t types.Type) bool {
	s, ok := t.Underlying().(*types.Slice)
	return ok && isString(s.Elem())
}

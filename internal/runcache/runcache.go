// Package runcache keeps whole runs' results between runs: a command
// whose inputs (the tool, the go command, the module's files, the flags)
// did not change replays what the last such run printed instead of
// running the driver. Its key is a walk of the module, so a warm run
// costs a walk rather than a type-check; the per-package results that a
// run with a changed input still reuses are the driver's own cache.
package runcache

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/diskcache"
	"github.com/tenantlint/tenantlint/internal/golist"
	"github.com/tenantlint/tenantlint/internal/index"
	"github.com/tenantlint/tenantlint/report"
)

// Key returns the key under which the findings of a standalone run
// are cached, or false when the run's inputs cannot all be named cheaply.
//
// The key covers everything the findings depend on: the tool's build, the
// go command and its environment, the working directory, the
// configuration file given (config: --config), the checks, the
// patterns, every Go file, go.mod, go.sum and configuration file of the
// module (by size and modification time, like make) and of each module
// that a local replace directive takes from a directory inside it, and
// configuration files above it. Runs whose inputs reach outside the
// module are not cached: patterns that are not relative, a go.work, a
// replace directive naming a directory outside the module, a vendor
// folder, GOPATH mode.
//
// A key is returned only when no input changed in the last moments, so
// that a later same-size edit cannot hide behind an unchanged timestamp.
func Key(dir, config string, checks, patterns []string) (string, bool) {
	for _, p := range patterns {
		if p != "." && !strings.HasPrefix(p, "./") {
			return "", false
		}
	}
	root := golist.ModuleRoot(dir, "")
	if root == "" {
		return "", false
	}
	replaced, ok := moduleDirs(root, dir)
	if !ok {
		return "", false
	}
	h := sha256.New()
	fmt.Fprintf(h, "tenantlint results v1\n%s\n%s\n", diskcache.ToolIdentity(), goIdentity())
	// The module's own files, then those of each replacement: the walk of
	// the module skips a replacement's directory (it has a go.mod, so it
	// is a nested module), and the same walk covers it here, so an edit
	// there changes the key as one in the module does.
	for _, d := range append([]string{root}, replaced...) {
		tree, err := index.Walk(d)
		if err != nil || tree.Racy {
			return "", false
		}
		fmt.Fprintf(h, "%s\n", tree.Key)
	}
	for _, v := range []string{"GOROOT", "GOTOOLCHAIN", "GOENV", "GOPROXY", "GONOSUMDB", "GOPRIVATE", "GOFLAGS", "TENANTLINT_CONFIG"} {
		fmt.Fprintf(h, "%s=%s\n", v, os.Getenv(v))
	}
	fmt.Fprintf(h, "dir=%s\nchecks=%q\npatterns=%q\n", dir, checks, patterns)
	for _, path := range []string{config, os.Getenv("TENANTLINT_CONFIG"), aboveRoot(root)} {
		if path != "" {
			data, err := os.ReadFile(path)
			fmt.Fprintf(h, "config %s %x %v\n", path, sha256.Sum256(data), err)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), true
}

// moduleDirs returns the directories, besides root, whose files are the
// module's code: those of the local replace directives, each of which
// must lie inside the module. It returns false when the module's code
// may come from files that a walk of the module and of those
// directories does not see: a vendor folder, a go.work, a replacement
// outside the module (a sibling checkout or a parent folder can be any
// size and change under any tool, so walking it would make every run pay
// for a tree that is not the module's; such runs stay uncached).
func moduleDirs(root, dir string) ([]string, bool) {
	if _, err := os.Stat(filepath.Join(root, "vendor")); err == nil {
		return nil, false
	}
	if os.Getenv("GOWORK") != "off" {
		for d := dir; ; d = filepath.Dir(d) {
			if _, err := os.Stat(filepath.Join(d, "go.work")); err == nil {
				return nil, false
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return nil, false
	}
	mf, err := modfile.Parse("go.mod", data, nil)
	if err != nil {
		return nil, false
	}
	var dirs []string
	for _, r := range mf.Replace {
		if r.New.Version != "" {
			continue // a module version, named by go.sum
		}
		d, ok := insideDir(root, r.New.Path)
		if !ok {
			return nil, false
		}
		dirs = append(dirs, d)
	}
	return dirs, true
}

// insideDir resolves the directory of a local replace directive, path,
// and returns it when it lies inside the module at root. Symbolic links
// are resolved first: a link inside the module to a folder outside it
// is outside, and the walk, which does not follow links, needs the real
// folder.
func insideDir(root, path string) (string, bool) {
	if !filepath.IsAbs(path) {
		path = filepath.Join(root, path)
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", false
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "", false
	}
	if !config.Within(real, realRoot) {
		return "", false
	}
	return real, true
}

// aboveRoot is the configuration file that applies from above the module
// root, if any.
func aboveRoot(root string) string {
	p, err := config.Find(filepath.Dir(root))
	if err != nil {
		return ""
	}
	return p
}

// goIdentity names the go command that go/packages will run.
func goIdentity() string {
	path, err := exec.LookPath("go")
	if err != nil {
		return "no go command"
	}
	return diskcache.FileIdentity(path)
}

// resultFile is where a whole-run result is cached; findings keep the
// plain name that earlier versions used.
func resultFile(key, kind string) string {
	if kind == "findings" {
		return filepath.Join(diskcache.Dir(), "results", key+".json")
	}
	return filepath.Join(diskcache.Dir(), "results", key+"-"+kind+".json")
}

// LoadFindings returns the findings cached under key.
func LoadFindings(key string) ([]report.Finding, bool) {
	var fs []report.Finding
	if !LoadValue(key, "findings", &fs) || !FilesExist(fs) {
		return nil, false
	}
	return fs, true
}

// FilesExist reports whether every finding's file is still there: a
// replayed result must not name a file that vanished.
func FilesExist(fs []report.Finding) bool {
	for i := range fs {
		if _, err := os.Stat(fs[i].File); err != nil {
			return false
		}
	}
	return true
}

// StoreFindings caches findings under key; failing to do so only costs
// the next run its speed.
func StoreFindings(key string, fs []report.Finding) {
	if fs == nil {
		fs = []report.Finding{}
	}
	StoreValue(key, "findings", fs)
}

// LoadValue reads into v what StoreValue stored under key for kind (a
// tool's own whole-run result, such as tenantfix's dry-run plan).
func LoadValue(key, kind string, v any) bool {
	return diskcache.LoadJSON(resultFile(key, kind), v)
}

// StoreValue caches v under key for kind; failing to do so only costs
// the next run its speed.
func StoreValue(key, kind string, v any) {
	_ = diskcache.StoreJSON(resultFile(key, kind), v)
}

// Package hookfiles turns the file names that git hook managers
// (pre-commit, lefthook) append to a hook's command line into the
// packages that hold them, grouped by module, so that a hook analyzes the
// packages of the staged files and nothing else.
package hookfiles

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tenantlint/tenantlint/internal/golist"
)

// Module is the part of a hook's files that one module holds.
type Module struct {
	Root     string   // the module's root (the directory of its go.mod), absolute
	Patterns []string // package patterns relative to Root (".", "./a/b"), sorted
}

// Group maps files (relative to wd, or absolute) to their packages. Files
// that are not Go files, directories with no Go file left (the staged
// file was deleted), directories the go command skips in ./... (testdata,
// vendor, names starting with . or _) and files in no module are left
// out, so a commit that touches no Go package yields no module.
func Group(wd string, files []string) []Module {
	byRoot := map[string]map[string]bool{}
	for _, f := range files {
		if !strings.HasSuffix(f, ".go") {
			continue
		}
		if !filepath.IsAbs(f) {
			f = filepath.Join(wd, f)
		}
		dir := filepath.Dir(filepath.Clean(f))
		root := golist.ModuleRoot(dir, "")
		if root == "" || !hasGoFile(dir) {
			continue
		}
		rel, err := filepath.Rel(root, dir)
		if err != nil || skippedByGo(rel) {
			continue
		}
		if byRoot[root] == nil {
			byRoot[root] = map[string]bool{}
		}
		pattern := "."
		if rel != "." {
			pattern = "./" + filepath.ToSlash(rel)
		}
		byRoot[root][pattern] = true
	}
	var out []Module
	for root, set := range byRoot {
		m := Module{Root: root}
		for p := range set {
			m.Patterns = append(m.Patterns, p)
		}
		slices.Sort(m.Patterns)
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b Module) int { return strings.Compare(a.Root, b.Root) })
	return out
}

// hasGoFile reports whether dir holds a .go file.
func hasGoFile(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".go") {
			return true
		}
	}
	return false
}

// skippedByGo reports whether a directory relative to the module root is
// one that the pattern ./... never matches.
func skippedByGo(rel string) bool {
	if rel == "." {
		return false
	}
	for _, el := range strings.Split(filepath.ToSlash(rel), "/") {
		if el == "testdata" || el == "vendor" || strings.HasPrefix(el, ".") || strings.HasPrefix(el, "_") {
			return true
		}
	}
	return false
}

package rewrite

import (
	"fmt"
	"go/format"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/tenantlint/tenantlint/internal/check"
	"github.com/tenantlint/tenantlint/internal/registry"
	"github.com/tenantlint/tenantlint/report"
)

// addCreated adds the files that checks ask for (see check.FileCreator):
// tenantrepo declares the repositories of a package made only of
// generated files in a new, non-generated file (generated files are never
// edited). The findings they cover are no longer manual.
func (p *Plan) addCreated(stats map[string]registry.Stats) error {
	byFile := map[string][]check.NewDecl{}
	checkOf := map[string]string{} // file → the check that asks for it
	seen := map[string]bool{}
	for _, pkg := range slices.Sorted(maps.Keys(stats)) {
		for _, c := range slices.Sorted(maps.Keys(stats[pkg])) {
			fc, ok := stats[pkg][c].(check.FileCreator)
			if !ok {
				continue
			}
			for _, nd := range fc.NewFiles() {
				path := filepath.Join(nd.Dir, nd.File)
				if key := path + "\x00" + nd.Decl; !seen[key] {
					seen[key] = true
					byFile[path] = append(byFile[path], nd)
					checkOf[path] = c
				}
			}
		}
	}
	covered := map[string]bool{}
	for path, decls := range byFile {
		fc, err := p.newFile(path, decls)
		if err != nil {
			return err
		}
		p.Files = append(p.Files, fc)
		p.add(checkOf[path], len(decls))
		for _, nd := range decls {
			covered[nd.Pos.String()] = true
		}
	}
	p.Manual = dropCovered(p.Manual, covered)
	sort.Slice(p.Files, func(i, j int) bool { return p.Files[i].Rel < p.Files[j].Rel })
	return nil
}

func (p *Plan) newFile(path string, decls []check.NewDecl) (*FileChange, error) {
	sort.Slice(decls, func(i, j int) bool {
		a, b := decls[i].Pos, decls[j].Pos
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		return a.Offset < b.Offset
	})
	var b strings.Builder
	fmt.Fprintf(&b, "package %s\n\n", decls[0].Package)
	b.WriteString("// Tenant-aware repositories of the models declared in this package's\n// generated files, which are never edited by hand.\n")
	imports := map[string]string{}
	for _, nd := range decls {
		if nd.ImportPath != "" {
			imports[nd.ImportPath] = nd.ImportName
		}
	}
	paths := make([]string, 0, len(imports))
	for ip := range imports {
		paths = append(paths, ip)
	}
	sort.Strings(paths)
	for _, ip := range paths {
		name := ""
		if imports[ip] != defaultName(ip) {
			name = imports[ip] + " "
		}
		fmt.Fprintf(&b, "\nimport %s%s\n", name, strconv.Quote(ip))
	}
	for _, nd := range decls {
		fmt.Fprintf(&b, "\n%s\n", strings.TrimSpace(nd.Decl))
	}
	src, err := format.Source([]byte(b.String()))
	if err != nil {
		return nil, fmt.Errorf("%s: the new file does not parse (a bug in tenantfix; nothing was written): %v", path, err)
	}
	rel, err := filepath.Rel(p.Root, path)
	if err != nil || strings.HasPrefix(rel, "..") {
		return nil, fmt.Errorf("%s is outside the module %s; refusing to create it", path, p.Root)
	}
	return &FileChange{Path: path, Rel: filepath.ToSlash(rel), New: src, Mode: 0o644, Created: true}, nil
}

// defaultName is the name a file gets for an import written without one:
// the last path element, which is what tenantrepo assumes too.
func defaultName(path string) string { return path[strings.LastIndex(path, "/")+1:] }

func dropCovered(fs []report.Finding, covered map[string]bool) []report.Finding {
	var out []report.Finding
	for _, f := range fs {
		key := fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column)
		if !covered[key] {
			out = append(out, f)
		}
	}
	return out
}

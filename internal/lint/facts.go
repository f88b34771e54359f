package lint

import (
	"go/ast"
	"go/build"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/tenantlint/tenantlint/internal/rules"
)

// RulesFor returns the rules of check's configuration for the package
// of pass (the fact analyzer of a check is configured as the check), or nil when none does: a package of the standard
// library or without source files, no configuration file, or one that
// does not parse. It never fails, because an analyzer that exports facts
// runs on every dependency of the checked packages, and a dependency's
// failure would fail its importers; the checks report configuration
// errors on the packages they check. Ignored packages get their rules:
// their functions are followed (a key builder or cache helper in an
// ignored package still counts at its callers).
func (e *Env) RulesFor(pass *analysis.Pass, check string) *rules.Rules {
	dir := packageDir(pass)
	if dir == "" || inGOROOT(dir) {
		return nil
	}
	cfg, err := e.configFor(check, dir)
	if err != nil {
		return nil
	}
	return e.compiled(cfg)
}

// SourceFiles returns the files of pass that are not cgo's output.
func SourceFiles(pass *analysis.Pass) []*ast.File {
	var out []*ast.File
	for _, f := range pass.Files {
		if !strings.HasPrefix(filepath.Base(pass.Fset.Position(f.Package).Filename), "_cgo_") {
			out = append(out, f)
		}
	}
	return out
}

func inGOROOT(dir string) bool {
	root := build.Default.GOROOT
	if root == "" {
		return false
	}
	rel, err := filepath.Rel(filepath.Join(root, "src"), dir)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

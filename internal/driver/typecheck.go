package driver

import (
	"path/filepath"

	"golang.org/x/tools/go/packages"
)

// TypeCheck loads the packages in dirs (with their tests) from source and
// returns their errors, one line each: tenantfix's check that a fix left
// the code compiling.
func TypeCheck(root string, dirs []string) []string {
	patterns := make([]string, 0, len(dirs))
	for _, d := range dirs {
		rel, err := filepath.Rel(root, d)
		if err != nil {
			return []string{err.Error()}
		}
		patterns = append(patterns, "./"+filepath.ToSlash(rel))
	}
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedImports | packages.NeedTypes |
			packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedTypesSizes,
		Dir:   root,
		Tests: true,
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return []string{err.Error()}
	}
	var errs []string
	seen := map[string]bool{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			if m := e.Error(); !seen[m] {
				seen[m] = true
				errs = append(errs, m)
			}
		}
	})
	return errs
}

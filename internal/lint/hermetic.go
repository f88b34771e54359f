package lint

import (
	"errors"
	"flag"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/golist"
)

// Hermetic mode is for drivers that run each package's analysis as an
// isolated build action with only that package's sources and its
// dependencies' facts (Bazel's nogo, remotely executed and cached): an
// action must not read the module tree, run go list or depend on files
// it did not declare. It is chosen explicitly, with -hermetic, rather
// than guessed from the absence of a go.mod: a locally run nogo action
// can see the workspace's go.mod through Bazel's execroot, and a mode
// that flipped on that would change findings between local and remote
// builds.
//
// What changes: the configuration comes only from -config or
// -config-yaml; the module index is empty, so a model is covered only by
// a repository declared in its own package (scope: package; a repository
// elsewhere must import the model's package, so no fact can flow from it
// to the model's analysis), a package's name is taken from its imports or
// its path, and the import-cycle check of suggested fixes is skipped.

var errHermeticNeedsConfig = errors.New("-hermetic needs -config or -config-yaml: a hermetic run does not search for .tenantlint.yaml")

// hermeticFlag registers -hermetic. It is the Env's, not a check's: a
// build action is hermetic or not, whichever analyzer it is given to.
func (e *Env) hermeticFlag(fs *flag.FlagSet) {
	fs.BoolVar(&e.Hermetic, "hermetic", false,
		"read nothing but the package's sources and the given configuration (for Bazel nogo): repositories cover only models of their own package")
}

// moduleRoot is the root of the module holding the package, read from
// the go.mod files above it; a hermetic run reads none and has no root.
func (e *Env) moduleRoot(dir, pkgPath string, cfg *config.Config) string {
	if e.Hermetic {
		return ""
	}
	return e.RootFor(dir, pkgPath, cfg.Dir())
}

// RootFor is golist.RootFor, remembered for the process: every check of
// a package asks (Start, and tenantsql for its sqlc files and dialect),
// and each answer walks up the directories and reads a go.mod.
func (e *Env) RootFor(dir, pkgPath, fallback string) string {
	k := rootKey{dir, pkgPath, fallback}
	e.mu.Lock()
	root, ok := e.roots[k]
	e.mu.Unlock()
	if ok {
		return root
	}
	root = golist.RootFor(dir, pkgPath, fallback)
	e.mu.Lock()
	if e.roots == nil {
		e.roots = map[rootKey]string{}
	}
	e.roots[k] = root
	e.mu.Unlock()
	return root
}

type rootKey struct{ dir, pkgPath, fallback string }

// Package modfacts is the narrow interface through which the analyzers
// learn what one package's analysis cannot see: which repository covers a
// model declared elsewhere in the module, whether importing a package
// would create an import cycle, and a package's name.
//
// The analyzers never run the go command: the driver provides the facts.
// The standalone driver and go vet mode provide the module index
// (internal/index), built with go list; analysistest and other drivers
// that provide nothing get an index built from the module's sources in
// memory; a hermetic run (Bazel nogo) gets None.
package modfacts

// Facts is what the analysis of one package may know about its module.
type Facts interface {
	// RepoSite returns the repository that covers model (a qualified
	// name, "path.Name"): the first package-level instantiation of one
	// of repoTypes with model, else, when isRepo is not nil, the first
	// type by name that isRepo accepts (by its methods' parameter names
	// and result-returning method names) and whose methods take or
	// return model. Declarations in test files count only when tests is
	// set.
	RepoSite(model string, repoTypes func(generic string) bool, isRepo func(params, getters []string) bool, tests bool) (Site, bool)
	// Reaches reports whether package from imports package to, directly
	// or not, within the module.
	Reaches(from, to string) bool
	// PackageName returns the name of the module's package at path, or
	// "" when it does not know it.
	PackageName(path string) string
	// IsUnreferenced reports whether no declaration of the module refers
	// to the type typ ("path.Name") outside the type's own declaration
	// and methods (files of tests count when the facts include tests);
	// false when that is not known.
	IsUnreferenced(typ string) bool
	// SQLPackageCount returns how many of the module's packages import
	// a package that runs SQL queries (a built-in SQL preset's): a cost
	// estimate, never a finding's reason; 0 when that is not known.
	SQLPackageCount() int
}

// Site is where a repository covers a model.
type Site struct {
	Type string // qualified name of the repository type, "path.Name"
	Pkg  string // import path of the package holding it
	Pos  string // file:line:col, the file relative to the module root
}

// Provider hands out the facts of the module at root (an empty root: no
// module is known) as the analysis of package pkg needs them.
type Provider interface {
	Facts(root string, tests bool, pkg string) (Facts, error)
}

// None knows nothing beyond the package itself: a hermetic run's facts.
type None struct{}

func (None) RepoSite(string, func(string) bool, func(params, getters []string) bool, bool) (Site, bool) {
	return Site{}, false
}
func (None) Reaches(from, to string) bool   { return false }
func (None) PackageName(path string) string { return "" }
func (None) IsUnreferenced(string) bool     { return false }
func (None) SQLPackageCount() int           { return 0 }
func (None) Facts(string, bool, string) (Facts, error) {
	return None{}, nil
}

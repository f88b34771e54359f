package rules

import "go/types"

// IsStringType reports whether t is a string type (by its underlying type).
func IsStringType(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// isContextType reports whether t is context.Context. (The context
// tracking of internal/cachekeys has its own IsContextType; this package
// sits below it.)
func isContextType(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context"
}

package rules

import "go/types"

// IsStringType reports whether t is a string type (by its underlying type).
func IsStringType(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

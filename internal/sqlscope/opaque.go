package sqlscope

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// A statement's WHERE may hold a conjunct that says nothing about any
// column yet decides which rows it touches:
//   - a whole condition given as a formatted value (`WHERE %s`, Kratos's
//     revokeMatchingSessions takes "id = ? AND nid = ?" as a parameter):
//     the predicate may well be the tenant's, so the statement cannot be
//     judged: it is unchecked, never a finding;
//   - a condition that is false whatever the row (`WHERE 1 = 0`, `WHERE
//     false`, a no-op statement that takes a lock): the statement touches
//     no row, so it reads or changes no tenant's data: constrained.

// ErrFormatted is wrapped by the error of a text that does not parse
// and has formatted fragments (fmt.Sprintf's verbs, PlaceholderPrefix):
// a fragment that is not a value (`... IS NULL %s ORDER BY id`, an
// optional clause) is the likely cause, not the SQL the code wrote.
var ErrFormatted = errors.New("a formatted fragment makes the query unparsable")

// unparsable is the error of a text the parser rejects.
func unparsable(text string, err error) error {
	if strings.Contains(text, PlaceholderPrefix) {
		return fmt.Errorf("%w: %w", ErrFormatted, err)
	}
	return err
}

// unknownCondition reports whether cond is a formatted value standing for
// a whole condition.
func unknownCondition(cond any) bool {
	parts := columnParts(cond)
	return len(parts) == 1 && isPlaceholder(parts[0])
}

// alwaysFalse reports whether cond is false for every row: the constant
// false, or the equality of two different constants.
func alwaysFalse(cond any) bool {
	k, m := unwrap(cond)
	switch k {
	case "A_Const":
		_, isBool := m["boolval"]
		b, _ := m["boolval"].(map[string]any)
		return isBool && b["boolval"] != true
	case "A_Expr":
		if m["kind"] != "AEXPR_OP" || len(list(m["name"])) != 1 || stringNode(first(list(m["name"]))) != "=" {
			return false
		}
		l, r := m["lexpr"], m["rexpr"]
		return isConst(l) && isConst(r) && !reflect.DeepEqual(stripLocations(l), stripLocations(r))
	}
	return false
}

// stripLocations returns n without its "location" fields, which differ
// between two equal constants at different places of the text.
func stripLocations(n any) any {
	switch n := n.(type) {
	case map[string]any:
		out := make(map[string]any, len(n))
		for k, v := range n {
			if k != "location" {
				out[k] = stripLocations(v)
			}
		}
		return out
	case []any:
		out := make([]any, len(n))
		for i, v := range n {
			out[i] = stripLocations(v)
		}
		return out
	}
	return n
}

// Package mutual runs the texts of two functions that call each other.
// What one returns depends on where the following starts: a call of a
// function being followed already stands for an unknown value. So the
// text remembered for a function must be one followed without such a
// cut: scoped, followed inside cond for Leak's query before Scoped's,
// has a placeholder for cond, not the text Scoped's query runs.
package mutual

import (
	"fmt"

	"github.com/gobuffalo/pop/v6"
)

type RelationTuple struct {
	ID        string `db:"id"`
	NetworkID string `db:"nid"`
}

func (RelationTuple) TableName() string { return "keto_relation_tuples" }

// cond: the tenant predicate, ANDed with what scoped gives.
func cond() string {
	return fmt.Sprintf("nid = ? AND id = %s", scoped())
}

// scoped: a SELECT whose condition is cond's.
func scoped() string {
	return fmt.Sprintf("SELECT id FROM keto_relation_tuples WHERE %s", cond())
}

// Leak's text does not parse (cond's, with a SELECT in it, unquoted):
// unchecked.
func Leak(c *pop.Connection, nid string) error {
	return c.RawQuery(cond(), nid).Exec()
}

// Scoped's text is constrained: cond, followed from scoped, has
// `nid = ?`.
func Scoped(c *pop.Connection, nid string) error {
	return c.RawQuery(scoped(), nid).Exec()
}

// Package raw runs query texts that functions of the package return, as
// Ory Keto's buildDelete does.
package raw

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gobuffalo/pop/v6"
)

type RelationTuple struct {
	ID        string `db:"id"`
	NetworkID string `db:"nid"`
}

func (RelationTuple) TableName() string { return "keto_relation_tuples" }

var errEmpty = errors.New("no tuples")

// buildDelete's text: its condition on the tuples is formatted in, in
// parentheses, ANDed with the tenant predicate.
func buildDelete(nid string, ids []string) (query string, args []any, err error) {
	if len(ids) == 0 {
		return "", nil, errEmpty
	}
	ors := make([]string, 0, len(ids))
	for _, id := range ids {
		ors = append(ors, "id = ?")
		args = append(args, id)
	}
	query = fmt.Sprintf("DELETE FROM %s WHERE (%s) AND nid = ?", (&RelationTuple{}).TableName(), strings.Join(ors, " OR "))
	return query, append(args, nid), nil
}

// buildLeak forgets the tenant.
func buildLeak(ids []string) string {
	return fmt.Sprintf("DELETE FROM %s WHERE id IN (%s)", RelationTuple{}.TableName(), strings.Repeat("?,", len(ids)))
}

// buildEither returns two different texts: not followed.
func buildEither(all bool) string {
	if all {
		return "DELETE FROM keto_relation_tuples"
	}
	return "DELETE FROM keto_relation_tuples WHERE nid = ?"
}

// buildPage formats a clause where no value goes: the text does not
// parse (unchecked).
func buildPage(order string) string {
	return fmt.Sprintf("SELECT * FROM keto_relation_tuples t WHERE t.nid = ? AND t.x IS NULL %s ORDER BY t.id", order)
}

func Delete(c *pop.Connection, nid string, ids []string) error {
	q, args, err := buildDelete(nid, ids)
	if err != nil {
		return err
	}
	if err := c.RawQuery(q, args...).Exec(); err != nil {
		return err
	}
	if err := c.RawQuery(buildLeak(ids)).Exec(); err != nil { // want `DELETE from keto_relation_tuples has no predicate on keto_relation_tuples.nid`
		return err
	}
	if err := c.RawQuery(buildEither(false), nid).Exec(); err != nil {
		return err
	}
	return c.RawQuery(buildPage("LIMIT 1"), nid).Exec()
}

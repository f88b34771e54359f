// Package helpers returns pop queries that its importers continue,
// known to them through the functions' facts.
package helpers

import "github.com/gobuffalo/pop/v6"

// RelationTuple is Ory Keto's tuple: its tenant column is nid.
type RelationTuple struct {
	ID        string `db:"id"`
	NetworkID string `db:"nid"`
	Namespace string `db:"namespace"`
}

func (RelationTuple) TableName() string { return "keto_relation_tuples" }

func Scoped(c *pop.Connection, nid string) *pop.Query { // want Scoped:`chain\(param 0; from ; where nid = \?\)`
	return c.Where("nid = ?", nid)
}

// ByNamespace extends the query it is given.
func ByNamespace(q *pop.Query, ns string) *pop.Query { // want ByNamespace:`chain\(param 0; from ; where namespace = \?\)`
	return q.Where("namespace = ?", ns)
}

// DB is the package's connection: a chain on it starts fresh.
var DB *pop.Connection

func Global(nid string) *pop.Query { // want Global:`chain\(param -1; from ; where nid = \?\)`
	return DB.Where("nid = ?", nid)
}

// Either returns two different chains: it has no fact.
func Either(c *pop.Connection, all bool) *pop.Query {
	if all {
		return c.Q()
	}
	return c.Where("nid = ?", "n")
}

// Escapes passes its query to code the check cannot see: no fact.
func Escapes(q *pop.Query, scope pop.ScopeFunc) *pop.Query {
	mutate(q)
	return q.Where("nid = ?", "n")
}

// mutate changes its query in a way the check does not follow: no fact.
func mutate(q *pop.Query) { q.Scope(nil) }

// AddNID adds the tenant predicate to the query it is given, in place.
func AddNID(q *pop.Query, nid string) { // want AddNID:`chain\(param 0; from ; where nid = \?\)`
	q.Where("nid = ?", nid)
}

// Later's chain starts at a call of scopedErr, declared after it: it has
// its fact once scopedErr has its own, in the second round.
func Later(c *pop.Connection, nid string) (*pop.Query, error) { // want Later:`chain\(param 0; from ; where nid = \? AND namespace = \?\)`
	q, err := scopedErr(c, nid)
	if err != nil {
		return nil, err
	}
	return q.Where("namespace = ?", "ns"), nil
}

func scopedErr(c *pop.Connection, nid string) (*pop.Query, error) { // want scopedErr:`chain\(param 0; from ; where nid = \?\)`
	return c.Where("nid = ?", nid), nil
}

package app

import (
	"context"
	"errors"

	"github.com/gobuffalo/pop/v6"

	"sql_pophelper/helpers"
)

var errSubject = errors.New("unknown subject")

// relationTuples is Keto's named slice of its model.
type relationTuples []*RelationTuple

// whereQueryErr is Keto's whereQuery: it returns an error and extends
// the query it is given in place; its error path runs no query.
func (p *Persister) whereQueryErr(ctx context.Context, q *pop.Query, rq *RelationQuery) error {
	if rq.Namespace != nil {
		q.Where("namespace = ?", *rq.Namespace)
	}
	switch {
	case rq.Object != nil:
		q.Where("object = ?", *rq.Object)
	case rq.Namespace == nil:
		return errSubject
	}
	return nil
}

// A helper that returns no builder extends its argument in place: its
// conditions continue the caller's chain.
func (p *Persister) InPlace(ctx context.Context, rq *RelationQuery) (res []RelationTuple, err error) {
	q := p.queryWithNetwork(ctx).Order("id")
	if err := p.whereQueryErr(ctx, q, rq); err != nil {
		return nil, err
	}
	var rows relationTuples
	if err := q.All(&rows); err != nil {
		return nil, err
	}
	q2 := p.conn.Where("namespace = ?", "n")
	helpers.AddNID(q2, p.nid)
	if err := q2.All(&res); err != nil {
		return nil, err
	}
	// withNetwork changes q4 in place, whatever is done with its result.
	q4 := p.conn.Where("namespace = ?", "n")
	page := p.withNetwork(ctx, q4).Order("id")
	_ = page
	if err := q4.All(&res); err != nil {
		return nil, err
	}
	q3 := p.conn.Q()
	if err := p.whereQueryErr(ctx, q3, rq); err != nil {
		return nil, err
	}
	return res, q3.All(&res) // want `SELECT from keto_relation_tuples has no predicate on keto_relation_tuples.nid`
}

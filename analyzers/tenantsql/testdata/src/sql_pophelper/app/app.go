// Package app queries through helpers that return pop queries, as Ory
// Keto's persister does.
package app

import (
	"context"

	"github.com/gobuffalo/pop/v6"

	"sql_pophelper/helpers"
)

type RelationTuple = helpers.RelationTuple

type RelationQuery struct {
	Namespace *string
	Object    *string
}

type Persister struct {
	conn *pop.Connection
	nid  string
}

func (p *Persister) NetworkID(ctx context.Context) string { return p.nid }

// queryWithNetwork is Keto's: every query of the persister starts here.
func (p *Persister) queryWithNetwork(ctx context.Context) *pop.Query {
	return p.conn.Where("nid = ?", p.NetworkID(ctx))
}

// queryAll starts a query without the tenant predicate.
func (p *Persister) queryAll(ctx context.Context) *pop.Query {
	return p.conn.Where("namespace IS NOT NULL")
}

// whereQuery only adds conditions to the query it is given, some on
// one branch.
func (p *Persister) whereQuery(ctx context.Context, q *pop.Query, rq *RelationQuery) *pop.Query {
	if rq.Namespace != nil {
		q.Where("namespace = ?", *rq.Namespace)
	}
	if rq.Object != nil {
		q.Where("object = ?", *rq.Object)
	}
	return q
}

// withNetwork adds the tenant predicate to the query it is given.
func (p *Persister) withNetwork(ctx context.Context, q *pop.Query) *pop.Query {
	q.Where("nid = ?", p.NetworkID(ctx))
	return q
}

// either returns one of two chains: its callers are not followed.
func (p *Persister) either(ctx context.Context, all bool) *pop.Query {
	if all {
		return p.conn.Q()
	}
	return p.conn.Where("nid = ?", p.NetworkID(ctx))
}

// orNil returns nil on its error path, which no caller queries.
func (p *Persister) orNil(ctx context.Context) (*pop.Query, error) {
	if p.conn == nil {
		return nil, context.Canceled
	}
	return p.queryWithNetwork(ctx), nil
}

func (p *Persister) Get(ctx context.Context, ns string) (res []RelationTuple, err error) {
	q := p.queryWithNetwork(ctx)
	q.Where("namespace = ?", ns)
	return res, q.All(&res)
}

func (p *Persister) GetChained(ctx context.Context, ns string) (res []RelationTuple, err error) {
	return res, p.queryWithNetwork(ctx).Where("namespace = ?", ns).All(&res)
}

func (p *Persister) GetAll(ctx context.Context, ns string) (res []RelationTuple, err error) {
	q := p.queryAll(ctx)
	q.Where("namespace = ?", ns)
	return res, q.All(&res) // want `SELECT from keto_relation_tuples has no predicate on keto_relation_tuples.nid`
}

// The parameter-taking helper: its conditions continue the chain it is
// given, in place or assigned.
func (p *Persister) Where(ctx context.Context, rq *RelationQuery) (res []RelationTuple, err error) {
	q := p.queryWithNetwork(ctx)
	p.whereQuery(ctx, q, rq)
	if err := q.All(&res); err != nil {
		return nil, err
	}
	q2 := p.whereQuery(ctx, p.queryWithNetwork(ctx), rq)
	if err := q2.All(&res); err != nil {
		return nil, err
	}
	q3 := p.conn.Q()
	q3 = p.whereQuery(ctx, q3, rq)
	return res, q3.All(&res) // want `SELECT from keto_relation_tuples has no predicate on keto_relation_tuples.nid`
}

func (p *Persister) WithNetwork(ctx context.Context) (res []RelationTuple, err error) {
	q := p.conn.Where("namespace = ?", "n")
	p.withNetwork(ctx, q)
	return res, q.All(&res)
}

// Helpers of another package, through their facts.
func (p *Persister) Imported(ctx context.Context, ns string) (res []RelationTuple, err error) {
	if err := helpers.ByNamespace(helpers.Scoped(p.conn, p.nid), ns).All(&res); err != nil {
		return nil, err
	}
	return res, helpers.ByNamespace(p.conn.Q(), ns).All(&res) // want `SELECT from keto_relation_tuples has no predicate on keto_relation_tuples.nid`
}

// A helper with two returns of different chains is not followed: the
// query is unchecked, neither constrained nor a finding.
func (p *Persister) Either(ctx context.Context, all bool) (res []RelationTuple, err error) {
	return res, p.either(ctx, all).All(&res)
}

// The builder among a helper's results, its nil return left out.
func (p *Persister) OrNil(ctx context.Context) (res []RelationTuple, err error) {
	q, err := p.orNil(ctx)
	if err != nil {
		return nil, err
	}
	return res, q.Delete(&RelationTuple{})
}

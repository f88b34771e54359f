// Package persister mirrors Kratos's persistence/sql: one persister that
// filters by p.NetworkID(ctx).
package persister

import (
	"context"

	c "realworld_kratos/courier"
	"realworld_kratos/uuid"
)

type Persister struct{ nid uuid.UUID }

func (p *Persister) NetworkID(ctx context.Context) uuid.UUID { return p.nid }

func (p *Persister) AddMessage(ctx context.Context, m *c.Message) error { return nil }

func (p *Persister) RecordDispatch(ctx context.Context, msgID uuid.UUID) error {
	d := c.MessageDispatch{MessageID: msgID, NID: p.NetworkID(ctx)}
	_ = d
	retry := func() *c.Attempt { return new(c.Attempt) }
	_ = retry
	var templates []*c.Template
	_ = templates
	_ = (*c.Counter)(nil)
	_ = make([]c.Batch, 2)
	_ = queryRow{}
	return nil
}

func (p Persister) fixed() {
	var f [2]c.Fixed
	_ = f
}

// queryRow is declared next to the persister, as Kratos's
// queryCredentials, and only its bodies use it.
type queryRow struct {
	NID uuid.UUID `db:"nid"`
}

// NewDraft is a function, not a method: its body covers nothing.
func NewDraft() *c.Draft { return &c.Draft{} }

// mailer has methods but no NetworkID: not a repository.
type mailer struct{}

func (m *mailer) queue() { _ = c.Outbox{} }

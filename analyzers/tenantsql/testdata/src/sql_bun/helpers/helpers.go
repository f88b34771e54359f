// Package helpers starts bun chains in methods that return them: the
// model and its alias's predicate come from the helper.
package helpers

import (
	"context"

	"github.com/uptrace/bun"

	"sql_bun/models"
)

type Store struct{ db *bun.DB }

// users starts a query of one organization's users (?TableAlias is
// resolved once the chain is built, in the caller).
func (s *Store) users(orgID string) *bun.SelectQuery {
	return s.db.NewSelect().Model(new(models.User)).Where("?TableAlias.org_id = ?", orgID)
}

// allUsers starts a query of every organization's users.
func (s *Store) allUsers() *bun.SelectQuery {
	return s.db.NewSelect().Model(new(models.User))
}

func (s *Store) Get(ctx context.Context, orgID, id string) error {
	return s.users(orgID).Where("id = ?", id).Scan(ctx)
}

func (s *Store) Leak(ctx context.Context, id string) error {
	return s.allUsers().Where("id = ?", id).Scan(ctx) // want `SELECT from users has no predicate on users.org_id`
}

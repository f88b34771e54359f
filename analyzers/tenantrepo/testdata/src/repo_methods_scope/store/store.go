package store

import "repo_methods_scope/models"

type Store struct{}

func (Store) Get(orgID, id string) (*models.Remote, error) { return nil, nil }

// A model of this package covered by this package's repository.
type Here struct{ OrgID string }

func (Store) Here(orgID string) []Here { return nil }

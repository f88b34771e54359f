package store

import "repo_methods/models"

// A method of Store declared in a test file.
func (s *Store) Fixture() *models.InTestMethod { return nil }

// A repository declared in a test file.
type testStore struct{}

func (testStore) Get(orgID string) *models.InTestType { return nil }

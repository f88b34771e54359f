package models

// Covered by a repository of its own package.
type Local struct{ OrgID string }

type localStore struct{}

func (localStore) Get(orgID, id string) (*Local, error) { return nil, nil }

// Covered only by a repository in package store: with scope: package
// that does not count.
type Remote struct { // want `^Remote is tenant-scoped \(has field OrgID\) but has no tenant-aware repository`
	OrgID string
}

// Package dbx is an in-house query API, configured in sql.apis.
package dbx

import "context"

type Store struct{}

func (s *Store) Run(ctx context.Context, query string, args ...any) error { return nil }
func (s *Store) Name() string                                             { return "" }

func Query(query string, args ...any) error { return nil }

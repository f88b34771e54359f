package tenant

import "context"

type Repository[M any] struct{}

func Key(ctx context.Context, key string) string { return key }

type Store struct{}

func (s *Store) Get(ctx context.Context, key string) string { return key }

func (s *Store) Set(ctx context.Context, key, v string) {}

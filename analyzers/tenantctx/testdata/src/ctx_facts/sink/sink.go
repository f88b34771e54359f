package sink

import "context"

func Log(ctx context.Context, msg string) {}

type Store struct{}

func (s *Store) Save(ctx context.Context, v any) error { return nil }

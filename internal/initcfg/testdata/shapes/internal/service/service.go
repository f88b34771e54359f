// Package service reads through a redis cache.
package service

import (
	"context"

	"github.com/redis/go-redis/v9"

	"example.com/shapes/internal/tenant"
)

// Service serves users.
type Service struct {
	rdb *redis.Client
}

// User reads a user's cached name under a key shared by every tenant.
func (s *Service) User(ctx context.Context, id string) (string, error) {
	return s.rdb.Get(ctx, "user:"+id).Result()
}

// Scoped reads under the tenant's key.
func (s *Service) Scoped(ctx context.Context, id string) (string, error) {
	return s.rdb.Get(ctx, tenant.Key(ctx, "user:"+id)).Result()
}

// Forget drops the tenant's entry.
func (s *Service) Forget(ctx context.Context, id string) error {
	return s.rdb.Del(ctx, tenant.Key(ctx, "user:"+id)).Err()
}

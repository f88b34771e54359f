// Package platform is shared infrastructure that serves every tenant.
// tenantlint ignores it (see .tenantlint.yaml).
package platform

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

// RateLimiter allows at most Limit requests per client IP per Window.
type RateLimiter struct {
	rdb    *redis.Client
	Limit  int64
	Window time.Duration
}

// NewRateLimiter returns a limiter that counts requests in rdb.
func NewRateLimiter(rdb *redis.Client, limit int64, window time.Duration) *RateLimiter {
	return &RateLimiter{rdb: rdb, Limit: limit, Window: window}
}

// Allow counts a request from ip and reports whether it is within the limit.
func (l *RateLimiter) Allow(ctx context.Context, ip string) (bool, error) {
	n, err := l.rdb.Incr(ctx, "ratelimit:"+ip).Result()
	if err != nil {
		return false, err
	}
	if n == 1 {
		l.rdb.Expire(ctx, "ratelimit:"+ip, l.Window)
	}
	return n <= l.Limit, nil
}

// Package cache mirrors SigNoz's pkg/cache/memorycache and rediscache:
// every key is strings.Join([]string{orgID.StringValue(), key}, "::").
package cache

import (
	"context"
	"strings"

	"github.com/dgraph-io/ristretto/v2"
	"github.com/redis/go-redis/v9"

	"realworld_signoz/valuer"
)

type memory struct {
	cc *ristretto.Cache[string, []byte]
}

func (p *memory) Get(ctx context.Context, orgID valuer.UUID, cacheKey string) []byte {
	v, _ := p.cc.Get(strings.Join([]string{orgID.StringValue(), cacheKey}, "::"))
	return v
}

func (p *memory) Set(ctx context.Context, orgID valuer.UUID, cacheKey string, v []byte) {
	p.cc.Set(orgID.StringValue()+"::"+cacheKey, v, 1)
}

func (p *memory) DeleteMany(_ context.Context, orgID valuer.UUID, cacheKeys []string) {
	for _, cacheKey := range cacheKeys {
		p.cc.Del(strings.Join([]string{orgID.StringValue(), cacheKey}, "::"))
	}
}

// Not the tenant's string form: another value's, a method with an
// argument, one with two results.
func (p *memory) notScoped(orgID, userID valuer.UUID, cacheKey string) {
	p.cc.Del(strings.Join([]string{userID.StringValue(), cacheKey}, "::")) // want `^ristretto\.Cache\.Del key is not tenant-scoped`
	p.cc.Del(orgID.Prefixed("x") + cacheKey)                               // want `^ristretto\.Cache\.Del key is not tenant-scoped`
	s, _ := orgID.Short()
	p.cc.Del(s + cacheKey)                     // want `^ristretto\.Cache\.Del key is not tenant-scoped`
	p.cc.Del(string(orgID.Bytes()) + cacheKey) // want `^ristretto\.Cache\.Del key is not tenant-scoped`
}

type remote struct{ client *redis.Client }

func (c *remote) DeleteMany(ctx context.Context, orgID valuer.UUID, cacheKeys []string) {
	updatedCacheKeys := []string{}
	for _, cacheKey := range cacheKeys {
		updatedCacheKeys = append(updatedCacheKeys, strings.Join([]string{orgID.StringValue(), cacheKey}, "::"))
	}
	c.client.Del(ctx, updatedCacheKeys...)
}

func (c *remote) Get(ctx context.Context, orgID valuer.UUID, cacheKey string) {
	c.client.Get(ctx, strings.Join([]string{orgID.StringValue(), cacheKey}, "::"))
}

// Package lib declares key builders and cache helpers; the facts the
// helpers analyzer exports for them are what their callers in other
// packages see.
package lib

import (
	"context"
	"fmt"
	"strings"

	"github.com/redis/go-redis/v9"
)

func Key(ctx context.Context, key string) string { return key } // want Key:"builds from 1"

func Tenant(ctx context.Context) string { return "" }

func Current(ctx context.Context) string { return Tenant(ctx) } // want Current:"scoped"

func User(t, id string) string { return "user:" + t + ":" + id } // want User:"builds from 0,1"

func Named(tenantID, id string) string { return tenantID + id } // want Named:"scoped"

func Joined(sep string, parts ...string) string { return strings.Join(parts, sep) } // want Joined:"builds from 1"

func Wrapped(id string) (k string) { // want Wrapped:"builds from 0"
	k = fmt.Sprintf("w:%s", User(id, "x"))
	return
}

func Reassigned(t string) string { // no fact: t is given a new value
	t = strings.TrimSpace(t)
	return t
}

func NotString(t string) int { return len(t) } // no fact: not a string result

type Store struct{ rdb *redis.Client }

func (s *Store) Get(ctx context.Context, key string) { s.rdb.Get(ctx, key) } // want Get:"cache key 1 of redis.Client.Get"

func (s *Store) Both(ctx context.Context, a string, bs []string) { // want Both:"cache key 1,2\\[\\] of redis.Client.Get"
	s.rdb.Get(ctx, a)
	s.rdb.MGet(ctx, bs...)
}

func (s *Store) In(ctx context.Context, ns, key string) { s.rdb.Get(ctx, ns+":"+key) } // want In:"cache key 2\\|1 of redis.Client.Get"

func (s *Store) Chain(ctx context.Context, key string) { s.Get(ctx, "c:"+key) } // want Chain:"cache key 1 of redis.Client.Get"

func (s *Store) Scoped(ctx context.Context, tenantID string) { s.rdb.Get(ctx, tenantID) } // no fact: scoped

func (s *Store) KeyAndBuild(ctx context.Context, key string) string { // want KeyAndBuild:"builds from 1; cache key 1 of redis.Client.Get"
	s.rdb.Get(ctx, key)
	return key
}

// Early calls a helper declared after it: its fact comes in the second
// round, once Late has its own.
func (s *Store) Early(ctx context.Context, key string) { s.Late(ctx, "e:"+key) } // want Early:"cache key 1 of redis.Client.Get"

func (s *Store) Late(ctx context.Context, key string) { s.rdb.Get(ctx, key) } // want Late:"cache key 1 of redis.Client.Get"

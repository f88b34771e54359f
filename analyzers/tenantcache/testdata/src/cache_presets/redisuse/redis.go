package redisuse

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"

	"cache_presets/tenant"
)

func single(ctx context.Context, rdb *redis.Client, id string) {
	rdb.Get(ctx, "user:"+id) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
	rdb.Get(ctx, tenant.Key(ctx, "user:"+id))
	rdb.Set(ctx, "user:"+id, "v", time.Minute) // want `^redis\.Client\.Set key is not tenant-scoped`
	rdb.Set(ctx, tenant.Key(ctx, id), "value:"+id, 0)
	rdb.Incr(ctx, id)                       // want `^redis\.Client\.Incr key is not tenant-scoped`
	rdb.Expire(ctx, "session", time.Second) // want `^redis\.Client\.Expire key is not tenant-scoped`
	rdb.TTL(ctx, tenant.Key(ctx, "session"))
	rdb.HGet(ctx, tenant.Key(ctx, "h"), "field") // the field is not a key
	rdb.HGet(ctx, "h", tenant.Key(ctx, "field")) // want `^redis\.Client\.HGet key is not tenant-scoped`
	rdb.SAdd(ctx, tenant.Key(ctx, "set"), "member", id)
	rdb.LPush(ctx, "list", tenant.Key(ctx, "value")) // want `^redis\.Client\.LPush key is not tenant-scoped`
}

// Multi-key commands: every variadic key counts.
func variadic(ctx context.Context, rdb *redis.Client, a, b string, keys []string) {
	rdb.Del(ctx, a, b)                  // want `^redis\.Client\.Del keys \(2\) are not tenant-scoped; wrap each as tenant\.Key\(ctx, key\)$`
	rdb.Del(ctx, tenant.Key(ctx, a), b) // want `^redis\.Client\.Del key is not tenant-scoped; wrap it as`
	rdb.Del(ctx, tenant.Key(ctx, a), tenant.Key(ctx, b))
	rdb.Del(ctx)
	rdb.Exists(ctx, "a", "b", "c")       // want `^redis\.Client\.Exists keys \(3\) are not tenant-scoped`
	rdb.MGet(ctx, tenant.Key(ctx, a), a) // want `^redis\.Client\.MGet key is not tenant-scoped`

	// keys... spreads a slice: its elements are the keys.
	rdb.Del(ctx, keys...) // want `^redis\.Client\.Del key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\) \(manual fix: the keys are built where the fix cannot wrap them one by one\)$`
	scoped := []string{tenant.Key(ctx, a), tenant.Key(ctx, b)}
	rdb.Del(ctx, scoped...)
	mixed := []string{tenant.Key(ctx, a), b}
	rdb.Exists(ctx, mixed...)                        // want `^redis\.Client\.Exists key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
	rdb.Del(ctx, []string{a, tenant.Key(ctx, b)}...) // want `^redis\.Client\.Del key is not tenant-scoped`
}

// Commands with several fixed keys, and fixed keys before variadic ones.
func multi(ctx context.Context, rdb *redis.Client, a, b string) {
	rdb.Rename(ctx, a, b)                  // want `^redis\.Client\.Rename keys \(2\) are not tenant-scoped`
	rdb.Rename(ctx, tenant.Key(ctx, a), b) // want `^redis\.Client\.Rename key is not tenant-scoped`
	rdb.Rename(ctx, a, tenant.Key(ctx, b)) // want `^redis\.Client\.Rename key is not tenant-scoped`
	rdb.Rename(ctx, tenant.Key(ctx, a), tenant.Key(ctx, b))
	rdb.LMove(ctx, a, tenant.Key(ctx, b), "LEFT", "RIGHT") // want `^redis\.Client\.LMove key is not tenant-scoped`
	rdb.LMove(ctx, tenant.Key(ctx, a), tenant.Key(ctx, b), "LEFT", "RIGHT")

	rdb.SInterStore(ctx, "dst", a, b)               // want `^redis\.Client\.SInterStore keys \(3\) are not tenant-scoped`
	rdb.SInterStore(ctx, "dst", tenant.Key(ctx, a)) // want `^redis\.Client\.SInterStore key is not tenant-scoped`
	rdb.SInterStore(ctx, tenant.Key(ctx, "dst"), a) // want `^redis\.Client\.SInterStore key is not tenant-scoped`
	rdb.SInterStore(ctx, tenant.Key(ctx, "dst"), tenant.Key(ctx, a), tenant.Key(ctx, b))
	srcs := []string{tenant.Key(ctx, a), b}
	rdb.SInterStore(ctx, tenant.Key(ctx, "dst"), srcs...)         // want `^redis\.Client\.SInterStore key is not tenant-scoped`
	rdb.SInterStore(ctx, "dst2", []string{tenant.Key(ctx, a)}...) // want `^redis\.Client\.SInterStore key is not tenant-scoped`
}

// Eval takes its keys as a []string; the script and the args are not keys.
func scripts(ctx context.Context, rdb *redis.Client, a, b string, keys []string) {
	const script = "return redis.call('GET', KEYS[1])"
	rdb.Eval(ctx, script, []string{a, tenant.Key(ctx, b)}, "arg") // want `^redis\.Client\.Eval key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
	rdb.Eval(ctx, script, []string{a, b})                         // want `^redis\.Client\.Eval keys \(2\) are not tenant-scoped`
	rdb.Eval(ctx, script, []string{tenant.Key(ctx, a)}, a, b)
	rdb.Eval(ctx, script, nil)
	rdb.Eval(ctx, script, keys) // want `^redis\.Client\.Eval key is not tenant-scoped.*\(manual fix: the keys are built where the fix cannot wrap them one by one\)$`
}

// Pub/sub channels are not keys.
func pubsub(ctx context.Context, rdb *redis.Client, room string) {
	rdb.Publish(ctx, "room:"+room, "hello")
	rdb.Publish(ctx, room, tenant.Key(ctx, room))
}

// Every client type of the preset.
func clients(ctx context.Context, c *redis.ClusterClient, r *redis.Ring, conn *redis.Conn, tx *redis.Tx, p redis.Pipeliner, sc redis.StatefulCmdable, pl *redis.Pipeline) {
	c.Get(ctx, "k")    // want `^redis\.ClusterClient\.Get key is not tenant-scoped`
	r.Get(ctx, "k")    // want `^redis\.Ring\.Get key is not tenant-scoped`
	conn.Get(ctx, "k") // want `^redis\.Conn\.Get key is not tenant-scoped`
	tx.Get(ctx, "k")   // want `^redis\.Tx\.Get key is not tenant-scoped`
	p.Get(ctx, "k")    // want `^redis\.Pipeliner\.Get key is not tenant-scoped`
	sc.Get(ctx, "k")   // want `^redis\.StatefulCmdable\.Get key is not tenant-scoped`
	pl.Get(ctx, "k")   // want `^redis\.Pipeline\.Get key is not tenant-scoped`
	conn.Select(ctx, 2)
	c.Get(ctx, tenant.Key(ctx, "k"))
	_, _ = c.Pipelined(ctx, func(pipe redis.Pipeliner) error {
		pipe.Set(ctx, "k", 1, 0) // want `^redis\.Pipeliner\.Set key is not tenant-scoped`
		pipe.Set(ctx, tenant.Key(ctx, "k"), 1, 0)
		return nil
	})
}

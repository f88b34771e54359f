package text

import (
	"context"
	"fmt"

	"github.com/bradfitz/gomemcache/memcache"
	"github.com/redis/go-redis/v9"

	"cache_fix_text/tenant"
)

var rdb = redis.NewClient(nil)

// Comments around and inside key expressions are kept, byte for byte.
func comments(ctx context.Context, id string) {
	// want +1 `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx /* before */, id)

	// want +1 `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, "user:" /* inside */ +id)

	// want +1 `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, id /* after */)

	// want +1 `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, id) // a trailing comment

	// want +1 `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, "a:"+ // a line comment inside
		id)

	// want +1 `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx,
		// a comment line before the key
		id,
	)

	// want +1 `^redis\.Client\.Del keys \(2\) are not tenant-scoped`
	rdb.Del(ctx,
		"a", // first
		"b", // second
	)
}

// A cache call in the key of another: both fixes apply together.
func nested(ctx context.Context) {
	// want +1 `^redis\.Client\.Get key is not tenant-scoped` `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, rdb.Get(ctx, "inner").Val())
}

// Keys over several lines.
func multiline(ctx context.Context, a, b string, v []byte) {
	// want +1 `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, "user:"+
		a+
		":x")

	// want +1 `^redis\.Client\.Set key is not tenant-scoped`
	rdb.Set(ctx, fmt.Sprintf("%s:%s",
		a,
		b), v, 0)

	// want +1 `^redis\.Client\.Eval keys \(2\) are not tenant-scoped`
	rdb.Eval(ctx, "return 1", []string{
		a,
		tenant.Key(ctx, b),
		"c:" +
			b,
	})

	mc := memcache.New()
	// want +1 `^memcache\.Client\.Set key is not tenant-scoped`
	mc.Set(&memcache.Item{
		Key: fmt.Sprint(
			a, b),
		Value: v,
	})
}

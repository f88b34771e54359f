package app

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"hash"
	"hash/crc32"
	"hash/fnv"
	"hash/maphash"
	"io"
	"strconv"

	"github.com/cespare/xxhash/v2"
	"github.com/redis/go-redis/v9"
)

var seed = maphash.MakeSeed()

// A hash or an encoding of bytes that contain the tenant differs per
// tenant: the key is scoped.
func scoped(ctx context.Context, rdb *redis.Client, tenantID, id string) {
	rdb.Get(ctx, strconv.FormatUint(xxhash.Sum64String(tenantID+":"+id), 16))
	rdb.Get(ctx, fmt.Sprint(xxhash.Sum64([]byte(tenantID+id))))
	sum := sha256.Sum256([]byte(tenantID + ":" + id))
	rdb.Get(ctx, hex.EncodeToString(sum[:]))
	rdb.Get(ctx, base64.StdEncoding.EncodeToString([]byte(tenantID)))
	rdb.Get(ctx, strconv.FormatUint(maphash.String(seed, tenantID+id), 36))
	rdb.Get(ctx, strconv.FormatUint(uint64(crc32.ChecksumIEEE([]byte(tenantID))), 10))
	b := append([]byte("user:"), tenantID...)
	rdb.Get(ctx, hex.EncodeToString(b))

	h := fnv.New64a()
	h.Write([]byte(tenantID))
	h.Write([]byte(id))
	rdb.Get(ctx, strconv.FormatUint(h.Sum64(), 16))

	s := sha256.New()
	io.WriteString(s, tenantID)
	rdb.Get(ctx, fmt.Sprintf("%x", s.Sum(nil)))

	var mh maphash.Hash
	mh.SetSeed(seed)
	mh.WriteString(tenantID)
	rdb.Get(ctx, strconv.FormatUint(mh.Sum64(), 16))

	d := xxhash.New()
	fmt.Fprintf(d, "%s:%s", tenantID, id)
	if _, err := d.WriteString(id); err == nil {
		rdb.Get(ctx, strconv.FormatUint(d.Sum64(), 16))
	}

	if _, err := io.WriteString(&mh, tenantID); err == nil {
		rdb.Get(ctx, strconv.FormatUint(mh.Sum64(), 16))
	}
	rdb.Get(ctx, hashKey(tenantID, id))

	i := fnv.New32()
	if _, err := i.Write([]byte(tenantID)); err == nil {
		rdb.Get(ctx, fmt.Sprint(i.Sum32())) // the if's init runs first
	}
}

// hashKey is a key builder through a hasher: scoped when its first
// argument is.
func hashKey(t, id string) string {
	h := fnv.New64a()
	h.Write([]byte(t))
	io.WriteString(h, id)
	return strconv.FormatUint(h.Sum64(), 36)
}

// The hash of an input without the tenant is not scoped.
func unscoped(ctx context.Context, rdb *redis.Client, tenantID, id string, n int) {
	rdb.Get(ctx, strconv.FormatUint(xxhash.Sum64String(id), 16)) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
	sum := sha256.Sum256([]byte(id))
	rdb.Get(ctx, hex.EncodeToString(sum[:]))                    // want `^redis\.Client\.Get key is not tenant-scoped; wrap`
	rdb.Get(ctx, hex.EncodeToString([]byte(tenantID + id))[:8]) // want `^redis\.Client\.Get key is not tenant-scoped; wrap`
	rdb.Get(ctx, hashKey(id, "x"))                              // want `^redis\.Client\.Get key is not tenant-scoped; wrap`

	h := fnv.New64a()
	h.Write([]byte(id))
	rdb.Get(ctx, strconv.FormatUint(h.Sum64(), 16)) // want `^redis\.Client\.Get key is not tenant-scoped; wrap`

	// A reset drops what was written; a hasher handed elsewhere may be
	// reset there.
	r := fnv.New64a()
	r.Write([]byte(tenantID))
	r.Reset()
	r.Write([]byte(id))
	rdb.Get(ctx, strconv.FormatUint(r.Sum64(), 16)) // want `^redis\.Client\.Get key is not tenant-scoped; wrap`

	ra := fnv.New64a()
	ra.Write([]byte(tenantID))
	ra = fnv.New64a()
	ra.Write([]byte(id))
	rdb.Get(ctx, strconv.FormatUint(ra.Sum64(), 16)) // want `^redis\.Client\.Get key is not tenant-scoped; wrap`

	p := fnv.New64a()
	p.Write([]byte(tenantID))
	mix(p)
	rdb.Get(ctx, strconv.FormatUint(p.Sum64(), 16)) // want `^redis\.Client\.Get key is not tenant-scoped; wrap`
}

func mix(h hash.Hash64) { h.Reset() }

// The tenant added on one path only: the message says which.
func paths(ctx context.Context, rdb *redis.Client, tenantID, id, kind string, cond bool, n int) {
	h := fnv.New64a()
	if cond {
		h.Write([]byte(tenantID))
	}
	h.Write([]byte(id))
	rdb.Get(ctx, strconv.FormatUint(h.Sum64(), 16)) // want `^redis\.Client\.Get key is not tenant-scoped; the tenant is written into h only inside the if at line 112; wrap it as tenant\.Key\(ctx, key\)$`

	l := sha256.New()
	for i := 0; i < n; i++ {
		l.Write([]byte(tenantID))
	}
	rdb.Get(ctx, hex.EncodeToString(l.Sum(nil))) // want `; the tenant is written into l only inside the loop at line 119; wrap`

	s := xxhash.New()
	switch kind {
	case "org":
		s.WriteString(tenantID)
	}
	rdb.Get(ctx, fmt.Sprintf("%x", s.Sum64())) // want `; the tenant is written into s only in one case of the switch at line 125; wrap`

	a := xxhash.New()
	_ = cond && writeOK(a.WriteString(tenantID))
	rdb.Get(ctx, fmt.Sprint(a.Sum64())) // want `; the tenant is written into a only on the right of the && at line 132; wrap`

	key := hex.EncodeToString([]byte(tenantID))
	if cond {
		sum := sha256.Sum256([]byte(id))
		key = hex.EncodeToString(sum[:])
	}
	rdb.Get(ctx, key) // want `; key is assigned no tenant value at line 138; wrap`

	hashed := fnv.New32a()
	if cond {
		hashed.Write([]byte(tenantID))
	}
	k := strconv.FormatUint(uint64(hashed.Sum32()), 10)
	rdb.Get(ctx, k) // want `; the tenant is written into hashed only inside the if at line 143; wrap`
}

func writeOK(n int, err error) bool { return err == nil }

package app

import (
	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/patrickmn/go-cache"
)

type ID [16]byte

type Key struct{ A, B string }

func Use(c *lru.Cache[ID, string], k *lru.Cache[Key, string], s *lru.Cache[string, string], gc *cache.Cache, id ID, tenantID, name string) {
	c.Get(id)             // unchecked: non-string key
	k.Get(Key{A: name})   // unchecked: non-string key
	s.Get("user:" + name) // want `^lru\.Cache\.Get key is not tenant-scoped; the key has no tenant value \(looked for: params tenantID; fields TenantID\) \(manual fix: no cache\.key_func is configured\)$`
	s.Get(tenantID + ":" + name)
	gc.Set("user:"+name, 1, 0) // want `^cache\.Cache\.Set key is not tenant-scoped; the key has no tenant value \(looked for: params tenantID; fields TenantID\) \(manual fix: no cache\.key_func is configured\)$`
}

// Generic: its key's type is known only where it is instantiated.
func Generic[K comparable](c *lru.Cache[K, string], key K) {
	c.Get(key) // unchecked: key of a type parameter
}

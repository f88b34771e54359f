// Package kv declares a cache interface, configured in cache.apis.
package kv

// KV is a cache interface.
type KV interface {
	Load(key string) ([]byte, bool)
	Store(key string, v []byte)
}

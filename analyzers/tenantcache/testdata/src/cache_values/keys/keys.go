// Package keys builds cache keys in another package than its callers:
// what its functions do with their parameters reaches them as facts.
package keys

import (
	"context"
	"crypto/sha256"
	"fmt"
	"strings"

	"cache_values/tenant"
)

// User's result contains both parameters.
func User(t, id string) string { return fmt.Sprintf("user:%s:%s", t, id) }

// Order calls User: a chain of builders.
func Order(t, id string) string {
	k := User(t, "orders")
	return k + ":" + id
}

// Parts joins its variadic parameters.
func Parts(parts ...string) string { return strings.Join(parts, ":") }

// Of is generic.
func Of[T any](t T, id string) string { return fmt.Sprint(t) + ":" + id }

// Prefix builds keys with a method.
type Prefix string

// Key's result contains t and id.
func (p Prefix) Key(t, id string) string { return string(p) + t + ":" + id }

// Current is always scoped: it returns the tenant.
func Current(ctx context.Context) string { return tenant.FromContext(ctx) }

// Hashed hashes its parameter: a hash of the tenant differs per tenant, so
// it is followed (issue 16; it was not before).
func Hashed(t string) string { return fmt.Sprintf("%x", sha256.Sum256([]byte(t))) }

// Lower gives its parameter a new value: not followed.
func Lower(t string) string {
	t = strings.ToLower(t)
	return t
}

// Either returns its parameter on one path only: not followed.
func Either(t string, cond bool) string {
	if cond {
		return t
	}
	return "global"
}

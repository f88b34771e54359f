// Package tenant lives in directory tenantkeys: its name is not the last
// element of its path.
package tenant

import "context"

// Key scopes a cache key to the tenant carried by ctx.
func Key(ctx context.Context, key string) string {
	id, _ := ctx.Value("tenant").(string)
	return "t:" + id + ":" + key
}

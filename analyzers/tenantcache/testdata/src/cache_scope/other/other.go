// Package other has a function named like key_func.
package other

import "context"

// Key is not key_func: only the configured function scopes keys.
func Key(ctx context.Context, key string) string { return key }

package pkg

import (
	"context"
	"testing"
)

// Test files are skipped: no findings, and their directives are not judged.
func TestGet(t *testing.T) {
	ctx := context.Background()
	Client.Get(ctx, "fixture")
	get(ctx, "x")
	//tenantlint:ignore tenantcache not judged in a skipped file
	_ = ctx
}

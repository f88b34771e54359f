package pkg

import "testing"

// With ignore.tests: false, test files are checked.
func TestGet(t *testing.T) {
	ctx := t.Context()
	Client.Get(ctx, "fixture") // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`

	get(ctx, "x")
	//tenantlint:ignore tenantcache judged in a checked file // want `^unused //tenantlint:ignore directive`
	_ = ctx
}

package pkg_test

import (
	"context"
	"testing"

	"cache_tests_checked/pkg"
)

func TestExternal(t *testing.T) {
	pkg.Client.Del(context.Background(), "a", "b") // want `^redis\.Client\.Del keys \(2\) are not tenant-scoped.*\(manual fix: no context\.Context in scope`

	ctx := t.Context()
	pkg.Client.Del(ctx, "c") // want `^redis\.Client\.Del key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
}

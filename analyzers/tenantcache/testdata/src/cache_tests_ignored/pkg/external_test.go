package pkg_test

import (
	"context"
	"testing"

	"cache_tests_ignored/pkg"
)

func TestExternal(t *testing.T) {
	pkg.Client.Del(context.Background(), "a", "b")
}

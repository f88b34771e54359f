package testfs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ShopModule copies examples/shop (repoRoot is the repository's root)
// without its .tenantlint.yaml to a new directory, its go-redis and
// gomemcache requirements replaced by the stubs of tenantlint's
// analysistest fixtures, so that it loads offline (the required versions,
// which `tenantlint init` writes into its proposal, stay the example's).
func ShopModule(t testing.TB, repoRoot string) string {
	t.Helper()
	dir := t.TempDir()
	skip := func(path string, data []byte) ([]byte, bool) {
		base := filepath.Base(path)
		return data, base != ".tenantlint.yaml" && base != "go.sum"
	}
	if err := Copy(filepath.Join(repoRoot, "examples", "shop"), dir, skip); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(repoRoot, "analyzers", "tenantcache", "testdata", "src", "github.com")
	for stub, mod := range map[string]string{"redis": "redis/go-redis/v9", "memcache": "bradfitz/gomemcache"} {
		if err := Copy(filepath.Join(src, mod), filepath.Join(dir, "stubs", stub), nil); err != nil {
			t.Fatal(err)
		}
		WriteFile(t, filepath.Join(dir, "stubs", stub, "go.mod"), "module github.com/"+mod+"\n\ngo 1.26\n")
	}
	gomod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	// The indirect requirements are go-redis's, which the stub does not need.
	keep, _, found := strings.Cut(string(gomod), "require (\n\tgithub.com/cespare")
	if !found {
		t.Fatalf("examples/shop/go.mod has no indirect requirements block to drop:\n%s", gomod)
	}
	WriteFile(t, filepath.Join(dir, "go.mod"), keep+
		"replace github.com/redis/go-redis/v9 => ./stubs/redis\n\nreplace github.com/bradfitz/gomemcache => ./stubs/memcache\n")
	return dir
}

package index_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/tenantlint/tenantlint/internal/benchgen"
	"github.com/tenantlint/tenantlint/internal/index"
)

// TestFastBuildMatchesFullLoad: the index that go vet mode builds (go list
// export data, function bodies skipped) equals the one that the
// standalone driver derives from fully type-checked packages.
func TestFastBuildMatchesFullLoad(t *testing.T) {
	for _, tests := range []bool{false, true} {
		t.Run(fmt.Sprintf("tests=%v", tests), func(t *testing.T) { fastMatchesFull(t, tests) })
	}
}

// testFiles cover a model in an internal and an external test file, so
// that the test variants' sites (marked Test) and imports are compared.
var testFiles = map[string]string{
	"internal/svc/s000/models_test.go": `package s000

import "example.com/bench/internal/tenant"

var testDeliveries = tenant.NewRepository[Delivery]("test")
`,
	"internal/svc/s000/ext_test.go": `package s000_test

import (
	"fmt"
	"os"
	"path/filepath"
	"example.com/bench/internal/svc/s000"
	"example.com/bench/internal/tenant"
)

var extAccounts = tenant.NewRepository[s000.Account]("ext")
`,
}

func fastMatchesFull(t *testing.T, tests bool) {
	dir := t.TempDir()
	if _, err := benchgen.Generate(dir, benchgen.Options{Packages: 6, Files: 2}); err != nil {
		t.Fatal(err)
	}
	for name, src := range testFiles {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("TENANTLINT_CACHE", t.TempDir())
	fast, err := index.Build(dir, tests)
	if err != nil {
		t.Fatal(err)
	}
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedImports | packages.NeedTypes |
			packages.NeedSyntax | packages.NeedTypesInfo,
		Dir:   dir,
		Tests: tests,
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	full := index.FromPackages(dir, tests, pkgs)
	testSites := 0
	for _, ss := range full.Sites {
		for _, s := range ss {
			if s.Test {
				testSites++
			}
		}
	}
	if want := map[bool]int{false: 0, true: 2}[tests]; testSites != want {
		t.Errorf("the full load found %d sites in test files, want %d", testSites, want)
	}
	if len(full.Sites) == 0 {
		t.Fatal("the generated module has no package-level instantiations")
	}
	if !reflect.DeepEqual(fast.Sites, full.Sites) {
		t.Errorf("sites differ:\nfast: %v\nfull: %v", fast.Sites, full.Sites)
	}
	if !reflect.DeepEqual(fast.Imports, full.Imports) || !reflect.DeepEqual(fast.Names, full.Names) {
		t.Errorf("import graphs differ:\nfast: %v %v\nfull: %v %v", fast.Imports, fast.Names, full.Imports, full.Names)
	}
	if fast.Hash != full.Hash {
		t.Errorf("hashes differ: %s vs %s", fast.Hash, full.Hash)
	}
}

// TestScanCache: a second build reads each package's scan from the cache
// and gives the same index; an edit that adds a repository is seen,
// because the edited package's key changed.
func TestScanCache(t *testing.T) {
	dir := t.TempDir()
	if _, err := benchgen.Generate(dir, benchgen.Options{Packages: 4, Files: 1}); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOFLAGS", "-mod=mod")
	cache := t.TempDir()
	t.Setenv("TENANTLINT_CACHE", cache)
	first, err := index.Build(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	scans, _ := filepath.Glob(filepath.Join(cache, "scans", "*", "*.json"))
	if len(scans) == 0 {
		t.Fatal("no package scan was cached")
	}
	second, err := index.Build(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if second.Hash != first.Hash {
		t.Error("the index built from cached scans differs")
	}
	const model = "example.com/bench/internal/svc/s000.Role"
	if len(first.Sites[model]) != 0 {
		t.Fatalf("%s is already covered: %v", model, first.Sites[model])
	}
	extra := "package s000\n\nimport \"example.com/bench/internal/tenant\"\n\nvar roleRepo = tenant.NewRepository[Role](\"roles\")\n"
	if err := os.WriteFile(filepath.Join(dir, "internal/svc/s000/extra.go"), []byte(extra), 0o644); err != nil {
		t.Fatal(err)
	}
	third, err := index.Build(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(third.Sites[model]) != 1 {
		t.Errorf("the new repository of %s is not in the index: %v", model, third.Sites[model])
	}
}

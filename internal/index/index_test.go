package index_test

import (
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
	dir := t.TempDir()
	if _, err := benchgen.Generate(dir, benchgen.Options{Packages: 6, Files: 2}); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOFLAGS", "-mod=mod")
	fast, err := index.Build(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedImports | packages.NeedTypes |
			packages.NeedSyntax | packages.NeedTypesInfo,
		Dir: dir,
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	full := index.FromPackages(dir, false, pkgs)
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

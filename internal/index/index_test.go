package index_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/tenantlint/tenantlint/internal/benchgen"
	"github.com/tenantlint/tenantlint/internal/index"
	"github.com/tenantlint/tenantlint/internal/rules"

	"github.com/tenantlint/tenantlint/internal/testfs"
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
	if !reflect.DeepEqual(fast.Repos, full.Repos) || !reflect.DeepEqual(fast.ByModel, full.ByModel) {
		t.Errorf("method repositories differ:\nfast: %v\nfull: %v", fast.ByModel, full.ByModel)
	}
	if fast.Hash != full.Hash {
		t.Errorf("hashes differ: %s vs %s", fast.Hash, full.Hash)
	}
}

// reposModule (testdata/repos.txtar) has types described by their
// methods in a package apart from the models, a type declared in a test
// file, and a method declared in a test file.
var reposModule = testfs.MustReadTxtar("testdata/repos.txtar")

func writeReposModule(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	testfs.Write(t, dir, reposModule)
	return dir
}

// TestMethodRepos: both builds describe the same types by their methods;
// test files count only in the index that includes tests.
func TestMethodRepos(t *testing.T) {
	dir := writeReposModule(t)
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("TENANTLINT_CACHE", t.TempDir()) // not the user's cache
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
	want := map[string]*index.Repo{
		"example.com/r/store.Persister": {Pkg: "example.com/r/store", Pos: "store/store.go:11:6",
			Params: []string{"ctx", "id", "orgID"}, Getters: []string{"GetUser", "NetworkID"},
			Models: []string{"example.com/r/models.User"}},
		"example.com/r/store.Orders": {Pkg: "example.com/r/store", Pos: "store/store.go:21:6",
			Params: []string{"o2", "orgID", "since"}, Getters: []string{"List"},
			Models: []string{"example.com/r/models.Order"}},
	}
	for name, ix := range map[string]*index.Index{"fast": fast, "full": full} {
		if !reflect.DeepEqual(ix.Repos, want) {
			t.Errorf("%s: repos\n%s\nwant\n%s", name, dump(ix.Repos), dump(want))
		}
		wantBy := map[string][]string{
			"example.com/r/models.User":  {"example.com/r/store.Persister"},
			"example.com/r/models.Order": {"example.com/r/store.Orders"},
		}
		if !reflect.DeepEqual(ix.ByModel, wantBy) {
			t.Errorf("%s: by model %v, want %v", name, ix.ByModel, wantBy)
		}
	}
	if fast.Hash != full.Hash {
		a, _ := json.Marshal(fast)
		b, _ := json.Marshal(full)
		t.Errorf("hashes differ (a package without imports included):\nfast: %s\nfull: %s", a, b)
	}

	withTests, err := index.Build(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	orders := withTests.Repos["example.com/r/store.Orders"]
	if orders == nil || !reflect.DeepEqual(orders.Models, []string{"example.com/r/models.Note", "example.com/r/models.Order"}) {
		t.Errorf("with tests: Orders = %+v, want the Note of its test-file method too", orders)
	}
	tr := withTests.Repos["example.com/r/store.testRepo"]
	if tr == nil || !tr.Test || tr.Pos != "store/store_test.go:7:6" {
		t.Errorf("with tests: testRepo = %+v, want it marked as declared in a test file", tr)
	}
	isRepo := func(params, _ []string) bool { return slices.Contains(params, "orgID") }
	user := rules.QName{Pkg: "example.com/r/models", Name: "User"}
	if name, r, ok := withTests.CoveringByMethods(user, isRepo, false); !ok || name != "example.com/r/store.Persister" || r.Pos != "store/store.go:11:6" {
		t.Errorf("CoveringByMethods(User) = %q, %+v, %v", name, r, ok)
	}
	note := rules.QName{Pkg: "example.com/r/models", Name: "Note"}
	if _, _, ok := withTests.CoveringByMethods(note, func([]string, []string) bool { return false }, true); ok {
		t.Errorf("CoveringByMethods(Note) with a rule that accepts nothing covers")
	}
}

func dump(m map[string]*index.Repo) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(m)) {
		fmt.Fprintf(&b, "  %s: %+v\n", k, *m[k])
	}
	return b.String()
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
	scans, _ := filepath.Glob(filepath.Join(cache, "scans", "*.gob"))
	if len(scans) != 1 {
		t.Fatalf("scan packs %v, want one", scans)
	}
	before, err := os.Stat(scans[0])
	if err != nil {
		t.Fatal(err)
	}
	second, err := index.Build(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if second.Hash != first.Hash {
		t.Error("the index built from cached scans differs")
	}
	if after, err := os.Stat(scans[0]); err != nil || !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("a build that scanned nothing new rewrote the scans (%v)", err)
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

// TestUnreferenced: the three builds (go list's scans, a full load, the
// sources) agree on the types that nothing refers to outside their own
// declaration and methods: Note is referred to only by a test file, so it
// is unreferenced unless tests are indexed; testRepo exists only with
// them; base is embedded by Orders, User and Order appear in signatures.
func TestUnreferenced(t *testing.T) {
	dir := writeReposModule(t)
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("TENANTLINT_CACHE", t.TempDir())
	want := map[bool]map[string]bool{
		false: {"example.com/r/models.Note": true, "example.com/r/store.Orders": true, "example.com/r/store.Persister": true},
		true:  {"example.com/r/store.Orders": true, "example.com/r/store.Persister": true, "example.com/r/store.testRepo": true},
	}
	for _, tests := range []bool{false, true} {
		fast, err := index.Build(dir, tests)
		if err != nil {
			t.Fatal(err)
		}
		pkgs, err := packages.Load(&packages.Config{
			Mode: packages.NeedName | packages.NeedFiles | packages.NeedImports | packages.NeedTypes |
				packages.NeedSyntax | packages.NeedTypesInfo,
			Dir:   dir,
			Tests: tests,
		}, "./...")
		if err != nil {
			t.Fatal(err)
		}
		source, err := index.FromSource(dir, tests)
		if err != nil {
			t.Fatal(err)
		}
		for name, ix := range map[string]*index.Index{"fast": fast, "full": index.FromPackages(dir, tests, pkgs), "source": source} {
			if !reflect.DeepEqual(ix.Unreferenced, want[tests]) {
				t.Errorf("%s, tests=%v: unreferenced %v, want %v", name, tests, ix.Unreferenced, want[tests])
			}
			if !ix.IsUnreferenced("example.com/r/store.Orders") || ix.IsUnreferenced("example.com/r/models.User") {
				t.Errorf("%s, tests=%v: IsUnreferenced does not answer from Unreferenced", name, tests)
			}
		}
	}
}

// TestSQLPackageCount: the module's packages that import a package of
// an SQL preset, an external test package apart (go vet runs it in a
// process of its own), whichever way the index is built.
func TestSQLPackageCount(t *testing.T) {
	dir := t.TempDir()
	testfs.Write(t, dir, map[string]string{
		"go.mod":          "module example.com/s\n\ngo 1.22\n",
		"raw/raw.go":      "package raw\n\nimport \"database/sql\"\n\nvar DB *sql.DB\n",
		"both/both.go":    "package both\n\nimport (\n\t\"database/sql\"\n\t_ \"example.com/s/raw\"\n)\n\nvar DB *sql.DB\n",
		"plain/plain.go":  "package plain\n\nimport \"fmt\"\n\nvar S = fmt.Sprint(1)\n",
		"plain/x_test.go": "package plain_test\n\nimport (\n\t\"database/sql\"\n\t\"testing\"\n)\n\nfunc TestX(t *testing.T) { _ = sql.ErrNoRows }\n",
	})
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("TENANTLINT_CACHE", t.TempDir())
	for _, tests := range []bool{false, true} {
		want := 2
		if tests {
			want = 3
		}
		built, err := index.Build(dir, tests)
		if err != nil {
			t.Fatal(err)
		}
		source, err := index.FromSource(dir, tests)
		if err != nil {
			t.Fatal(err)
		}
		for name, ix := range map[string]*index.Index{"built": built, "source": source} {
			if got := ix.SQLPackageCount(); got != want {
				t.Errorf("%s, tests=%v: SQLPackageCount() = %d, want %d", name, tests, got, want)
			}
		}
	}
}

package tenantrepo_test

// Each Test function runs the analyzer on one case directory of
// testdata/src (GOPATH layout). A case holds its own .tenantlint.yaml and
// its own small tenant package; its module index is built from the whole
// case directory. Expectations are // want comments; fixes are checked
// against <file>.go.golden files by internal/fixtest.
//
// Run `go test ./analyzers/... -update` to rewrite the golden files from
// the fixes (then review the diff).

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/tenantlint/tenantlint/analyzers/tenantrepo"
	"github.com/tenantlint/tenantlint/internal/check"
	"github.com/tenantlint/tenantlint/internal/fixtest"
	"github.com/tenantlint/tenantlint/internal/registry"
)

func TestMain(m *testing.M) {
	// Keep the module indexes of the fixtures out of the user's cache.
	dir, err := os.MkdirTemp("", "tenantrepo-test-cache")
	if err != nil {
		panic(err)
	}
	os.Setenv("TENANTLINT_CACHE", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func testdata(t *testing.T) string {
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// run checks the diagnostics of the case against its // want comments.
func run(t *testing.T, pattern string) []*analysistest.Result {
	t.Helper()
	t.Parallel()
	results := analysistest.Run(t, testdata(t), tenantrepo.New(registry.NewSourceEnv()), pattern)
	checkPositions(t, results)
	return results
}

var modelMessage = regexp.MustCompile(`^(\w+) is tenant-scoped `)

// checkPositions checks the columns that // want comments do not: a model
// is reported at its name, a directive at its start.
func checkPositions(t *testing.T, results []*analysistest.Result) {
	t.Helper()
	for _, r := range results {
		fset := r.Action.Package.Fset
		for _, d := range r.Diagnostics {
			tf := fset.File(d.Pos)
			src, err := os.ReadFile(tf.Name())
			if err != nil {
				t.Fatal(err)
			}
			at := string(src[tf.Offset(d.Pos):])
			if m := modelMessage.FindStringSubmatch(d.Message); m != nil {
				if !d.End.IsValid() || string(src[tf.Offset(d.Pos):tf.Offset(d.End)]) != m[1] {
					t.Errorf("%s: finding for %s is not at its name", fset.Position(d.Pos), m[1])
				}
			} else if !strings.HasPrefix(at, "//tenantlint:ignore") {
				t.Errorf("%s: directive finding %q is not at a directive", fset.Position(d.Pos), d.Message)
			}
		}
	}
}

// stats adds up the analyzer's results over the packages whose path is
// pkgPath (the package and its test variant count once).
func stats(t *testing.T, results []*analysistest.Result, pkgPath string) tenantrepo.Stats {
	t.Helper()
	var sum tenantrepo.Stats
	for _, r := range results {
		if r.Action.Package.PkgPath != pkgPath || strings.HasSuffix(r.Action.Package.ID, ".test]") {
			continue
		}
		s, ok := r.Result.(*tenantrepo.Stats)
		if !ok {
			t.Fatalf("%s: result is %T", r.Action.Package.ID, r.Result)
		}
		sum.Models += s.Models
		sum.Covered += s.Covered
		sum.Global += s.Global
		sum.SuppressedModels += s.SuppressedModels
		sum.Unreferenced += s.Unreferenced
	}
	return sum
}

// runFix also checks the fixes (internal/fixtest): byte for byte against
// the golden files (the edits must leave gofmt-clean files that equal the
// golden files exactly), and by running the analyzer again on the fixed
// case, where the fixed findings must be gone and only the manual ones
// (those without a fix) may remain.
func runFix(t *testing.T, caseDir string) {
	t.Helper()
	t.Parallel()
	results := fixtest.Run(t, fixtest.Case{
		GOPATH: testdata(t),
		Dir:    caseDir,
		New:    func() *analysis.Analyzer { return tenantrepo.New(registry.NewSourceEnv()) },
		Exact:  true,
	})
	checkPositions(t, results)
}

// TestGoldenFilesAreGofmtClean checks every golden file of the tenantrepo
// cases with go/format.
func TestGoldenFilesAreGofmtClean(t *testing.T) {
	fixtest.GoldensGofmtClean(t, filepath.Join(testdata(t), "src"))
}

func TestBasic(t *testing.T) { run(t, "repobasic/...") }

// TestMarkers: embedding a marker by value or pointer, directly or
// through embedded structs (by value or pointer, of any package);
// named fields do not propagate; markers are not models.
func TestMarkers(t *testing.T) { run(t, "repo_markers/...") }

// TestFields: a field named exactly as configured, directly or through
// embedded structs; named fields of struct type do not propagate.
func TestFields(t *testing.T) { run(t, "repo_fields/...") }

// TestCover: every package-level form that covers a model, and the
// instantiations that do not (in bodies and signatures, *M, other
// generic types, other packages' types of the same name).
func TestCover(t *testing.T) { run(t, "repo_cover/...") }

// TestCoverOnePackage analyzes only the models package of repo_cover, as
// go vet does one package at a time: the repositories declared in
// package store, which is not analyzed, still cover through the index.
func TestCoverOnePackage(t *testing.T) { run(t, "repo_cover/models") }

// TestAliasRepositoryType configures a generic alias as the repository
// type: instantiations written through the alias cover.
func TestAliasRepositoryType(t *testing.T) { run(t, "repo_alias_cfg/...") }

// TestScopePackage: with scope: package only a repository in the model's
// own package covers it.
func TestScopePackage(t *testing.T) { run(t, "repo_scope_pkg/...") }

// TestGlobal: //tenantlint:global in a spec's doc or, ungrouped, in the
// type keyword's doc; not in a group's outer doc.
func TestGlobal(t *testing.T) { run(t, "repo_global/...") }

// TestIgnorePackages: "a/b/..." matches a/b and a/b/c by path segment, not
// a/bc; a pattern without /... matches one package.
func TestIgnorePackages(t *testing.T) { run(t, "repo_ignore/...") }

// TestTestsIgnored: with ignore.tests true (the default), models,
// repositories and directives in _test.go files are skipped.
func TestTestsIgnored(t *testing.T) { run(t, "repo_tests/...") }

// TestTestsChecked: with ignore.tests false, models in _test.go files
// (internal and external test packages) are reported and fixed there,
// and repositories in them cover; the fix of a model in a generated test
// file goes to a non-generated test file.
func TestTestsChecked(t *testing.T) { runFix(t, "repo_tests_on") }

// TestSuppress: //tenantlint:ignore on the line and the line above;
// malformed, unknown and unused directives.
func TestSuppress(t *testing.T) {
	results := run(t, "repo_suppress/...")
	got := stats(t, results, "repo_suppress/models")
	want := tenantrepo.Stats{Models: 18, Covered: 1, Global: 1, SuppressedModels: 6}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stats: got %+v, want %+v", got, want)
	}
}

// TestFixImports: the import the fix needs, for each shape of a file's
// imports.
func TestFixImports(t *testing.T) { runFix(t, "repo_fix_imports") }

// TestFixTable: the table name is TableName()'s constant, else the
// snake_case plural; declarations go after the model's declaration (a
// group's, for a model in a group); a multi-line template.
func TestFixTable(t *testing.T) { runFix(t, "repo_fix_table") }

// TestFixAlias: when the name tenant is taken in the file, the import
// gets another name and the template's qualifier follows it.
func TestFixAlias(t *testing.T) { runFix(t, "repo_fix_alias") }

// TestFixSelf: a model in the repository package itself is declared
// without import or qualifier; the marker and the repository type are
// not models.
func TestFixSelf(t *testing.T) { runFix(t, "repo_fix_self") }

// TestFixGenerated: models in generated files are reported; the fix goes
// to a sibling non-generated file, or is manual when there is none.
func TestFixGenerated(t *testing.T) { runFix(t, "repo_fix_generated") }

// TestFixCycle: no fix when importing the repository package would make
// an import cycle (directly or through other packages).
func TestFixCycle(t *testing.T) { runFix(t, "repo_fix_cycle") }

// TestFixManual: no fix when the declaration would redeclare a name of
// the package, or when the model is generic.
func TestFixManual(t *testing.T) { runFix(t, "repo_fix_manual") }

// TestFixNoReference: a template that does not use the configured import
// gets no import.
func TestFixNoReference(t *testing.T) { runFix(t, "repo_fix_noref") }

// TestGeneratedOnlyCreates: a model in a package made only of generated
// files asks, through the analyzer's result, for a new non-generated
// file holding its repository (tenantfix writes it).
func TestGeneratedOnlyCreates(t *testing.T) {
	results := run(t, "repo_fix_generated/genonly")
	var creates []check.NewDecl
	for _, r := range results {
		if s, ok := r.Result.(*tenantrepo.Stats); ok {
			creates = append(creates, s.Creates...)
		}
	}
	if len(creates) != 1 {
		t.Fatalf("Creates = %+v, want one declaration", creates)
	}
	c := creates[0]
	if c.File != tenantrepo.NewFileName || c.Package != "genonly" ||
		c.Decl != `var LedgerRepo = tenant.NewRepository[Ledger]("ledgers")` ||
		c.ImportPath != "repo_fix_generated/tenant" || c.ImportName != "tenant" {
		t.Errorf("Creates[0] = %+v", c)
	}
}

// TestFieldsTagAndType: models.fields entries with a tag (the struct tag
// contains the text) and a type (the type, an alias of it, or a pointer
// to either; not a type defined from it); both together; two entries for
// one name; the conditions through embedded structs.
func TestFieldsTagAndType(t *testing.T) { run(t, "repo_fields_tag/...") }

// TestExclude: structs in models.exclude packages are never models
// ("/..." takes the packages below, by path segment; without it only the
// package itself); a struct elsewhere that embeds one still is.
func TestExclude(t *testing.T) { run(t, "repo_exclude/...") }

// TestMethods: repository.methods. A type with a method that takes a
// tenant_param, or with a tenant_method that returns something, covers
// every model its methods (exported or not, pointer or value receivers,
// promoted, an interface's embedded ones) take or return as M, *M, []M,
// []*M or a map value; not as a map key, channel, func, array, named
// slice, **M or [][]*M, nor its type parameter, nor itself.
func TestMethods(t *testing.T) { run(t, "repo_methods/...") }

// TestMethodsOnePackage analyzes only the models of repo_methods, as go
// vet does: the repositories of package store cover through the index.
func TestMethodsOnePackage(t *testing.T) { run(t, "repo_methods/models") }

// TestMethodsScopePackage: with scope: package, only a repository by
// methods declared in the model's own package covers it.
func TestMethodsScopePackage(t *testing.T) { run(t, "repo_methods_scope/...") }

// TestMethodsFix: tenantfix leaves a model covered by repository.methods
// alone and fixes an uncovered one as before.
func TestMethodsFix(t *testing.T) { runFix(t, "repo_methods_fix") }

// TestUnreferenced: with models.unreferenced: skip, a model that nothing
// in the module refers to outside its own declaration and methods is no
// finding (namesakes are not references; test files count only when
// tests are checked); one referred to by a signature, a function body of
// another package, a field, a dot import or a local function still is.
// With unreferenced: report, nothing changes.
func TestUnreferenced(t *testing.T) {
	results := run(t, "repo_unreferenced/...")
	got := stats(t, results, "repo_unreferenced/models")
	want := tenantrepo.Stats{Models: 11, Covered: 1, Global: 1, Unreferenced: 3}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stats: got %+v, want %+v", got, want)
	}
}

// TestUnreferencedOnePackage analyzes only the models, as go vet does:
// the references of the other packages come from the index.
func TestUnreferencedOnePackage(t *testing.T) { run(t, "repo_unreferenced/models") }

// A reduction of Ory Kratos's persister (docs/real-world/kratos.md):
// repository.methods also covers the models that a repository's method
// bodies construct or declare (composite literal, new, make, var type,
// conversion to *M, also in closures), not those of plain functions, of
// types that are no repository, or array elements.
func TestRealWorldKratosBodies(t *testing.T) { run(t, "realworld_kratos/...") }

// The same through the module index only, as go vet analyzes the models'
// package without the persister's.
func TestRealWorldKratosBodiesIndex(t *testing.T) { run(t, "realworld_kratos/courier") }

package driver

import (
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/tenantlint/tenantlint/internal/benchgen"
	"github.com/tenantlint/tenantlint/internal/registry"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

// generate writes a benchmark module and isolates the caches.
func generate(t *testing.T, pkgs, files int) string {
	t.Helper()
	return generateModule(t, benchgen.Options{Packages: pkgs, Files: files})
}

// generateModule writes the benchmark module of opts and isolates the
// caches.
func generateModule(t *testing.T, opts benchgen.Options) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := benchgen.Generate(dir, opts); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TENANTLINT_CACHE", t.TempDir())
	t.Setenv("TENANTLINT_CONFIG", "")
	t.Setenv("GOFLAGS", "-mod=mod")
	return dir
}

func mustRun(t *testing.T, opts Options, extra ...*analysis.Analyzer) *Result {
	t.Helper()
	res, err := run(opts, []string{"./..."}, extra)
	if err != nil {
		t.Fatalf("run (legacy=%v): %v", opts.Legacy, err)
	}
	return res
}

// sameResults compares everything a run reports.
func sameResults(t *testing.T, what string, got, want *Result) {
	t.Helper()
	if !reflect.DeepEqual(got.Findings, want.Findings) {
		t.Errorf("%s: findings differ: %d vs %d\n%s", what, len(got.Findings), len(want.Findings), firstDiff(got.Findings, want.Findings))
	}
	if !reflect.DeepEqual(got.Stats, want.Stats) {
		t.Errorf("%s: stats differ:\n%s\n%s", what, dump(got.Stats), dump(want.Stats))
	}
	if !reflect.DeepEqual(got.PackageStats, want.PackageStats) {
		t.Errorf("%s: per-package stats differ", what)
	}
	if !reflect.DeepEqual(got.Fixes, want.Fixes) {
		t.Errorf("%s: fixes differ: %d vs %d", what, len(got.Fixes), len(want.Fixes))
	}
}

func firstDiff[T any](a, b []T) string {
	for i := 0; i < len(a) && i < len(b); i++ {
		if !reflect.DeepEqual(a[i], b[i]) {
			return fmt.Sprintf("first difference at %d:\n%+v\n%+v", i, a[i], b[i])
		}
	}
	return ""
}

func dump(v any) string {
	data, _ := json.Marshal(v)
	return string(data)
}

// TestStreamMatchesLegacy: the streaming driver reports what the
// go/packages driver does (findings, stats, fixes), with and without
// test variants, and it does not fall back to get there.
func TestStreamMatchesLegacy(t *testing.T) {
	for _, tests := range []bool{false, true} {
		t.Run(fmt.Sprintf("tests=%v", tests), func(t *testing.T) {
			dir := generate(t, 6, 2)
			if tests {
				writeTestFiles(t, dir)
			}
			legacy := mustRun(t, Options{Dir: dir, Legacy: true})
			stream := mustRun(t, Options{Dir: dir, NoCache: true})
			if len(legacy.Findings) == 0 || len(legacy.Fixes) == 0 {
				t.Fatal("the legacy driver found nothing to compare")
			}
			if stream.analyzed == nil {
				t.Fatal("the streaming driver fell back to the legacy one")
			}
			sameResults(t, "stream vs legacy", stream, legacy)
			if tests && !hasFindingIn(stream, "_test.go") {
				t.Error("no finding in a test file although tests are checked")
			}
		})
	}
}

// writeTestFiles checks tests and adds an internal and an external test
// file with a raw cache key each.
func writeTestFiles(t *testing.T, dir string) {
	t.Helper()
	cfg := filepath.Join(dir, ".tenantlint.yaml")
	data, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	testfs.WriteFile(t, cfg, strings.Replace(string(data), "tests: true", "tests: false", 1))
	testfs.WriteFile(t, filepath.Join(dir, "internal/svc/s001/in_test.go"), `package s001

import (
	"context"

	"example.com/bench/internal/kv"
)

func rawInTest(ctx context.Context, st *kv.Store) { st.Get(ctx, "in-test") }
`)
	testfs.WriteFile(t, filepath.Join(dir, "internal/svc/s001/ext_test.go"), `package s001_test

import (
	"context"

	"example.com/bench/internal/kv"
	_ "example.com/bench/internal/svc/s001"
)

func rawExtTest(ctx context.Context, st *kv.Store) { st.Get(ctx, "ext-test") }
`)
}

func hasFindingIn(res *Result, suffix string) bool {
	for _, f := range res.Findings {
		if strings.HasSuffix(f.File, suffix) {
			return true
		}
	}
	return false
}

// constFunc is the fact of a function whose body is `return "literal"`.
type constFunc struct{ Value string }

func (*constFunc) AFact()           {}
func (f *constFunc) String() string { return "const " + f.Value }

// constCalls exports constFunc facts and reports calls of functions of
// other packages that carry one: it needs facts to flow from each
// dependency, through the pass runner's Requires and ResultOf.
var constCalls = &analysis.Analyzer{
	Name:      "constcalls",
	Doc:       "test: reports calls of imported functions that return a constant",
	Requires:  []*analysis.Analyzer{inspect.Analyzer},
	FactTypes: []analysis.Fact{new(constFunc)},
	Run: func(pass *analysis.Pass) (any, error) {
		ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		ins.Preorder([]ast.Node{(*ast.FuncDecl)(nil), (*ast.CallExpr)(nil)}, func(n ast.Node) {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if n.Body == nil || len(n.Body.List) != 1 {
					return
				}
				ret, ok := n.Body.List[0].(*ast.ReturnStmt)
				if !ok || len(ret.Results) != 1 {
					return
				}
				if lit, ok := ret.Results[0].(*ast.BasicLit); ok {
					pass.ExportObjectFact(pass.TypesInfo.Defs[n.Name], &constFunc{Value: lit.Value})
				}
			case *ast.CallExpr:
				sel, ok := n.Fun.(*ast.SelectorExpr)
				if !ok {
					return
				}
				fn, ok := pass.TypesInfo.Uses[sel.Sel].(*types.Func)
				if !ok || fn.Pkg() == pass.Pkg {
					return
				}
				var f constFunc
				if pass.ImportObjectFact(fn, &f) {
					pass.Reportf(n.Pos(), "call of %s.%s returns %s", fn.Pkg().Name(), fn.Name(), f.Value)
				}
			}
		})
		return nil, nil
	},
}

// TestFactsFlowFromDependencies: a fact exported in one package is seen
// by its importers and their importers' own facts by theirs, through the
// streaming driver as through go/analysis' checker, and from the cache:
// the last run analyzes nothing, not even a dependency from another
// module that no configuration covers.
func TestFactsFlowFromDependencies(t *testing.T) {
	top := t.TempDir()
	dir := filepath.Join(top, "f")
	t.Setenv("TENANTLINT_CACHE", t.TempDir())
	t.Setenv("TENANTLINT_CONFIG", "")
	t.Setenv("GOFLAGS", "-mod=mod")
	testfs.WriteTxtar(t, top, "testdata/facts.txtar")
	var want []string
	runs := []Options{{Dir: dir, Legacy: true}, {Dir: dir, NoCache: true}, {Dir: dir}, {Dir: dir}}
	for i, opts := range runs {
		res := mustRun(t, opts, constCalls)
		if !opts.Legacy && opts.NoCache && res.analyzed == nil {
			t.Fatal("the streaming driver fell back to the legacy one")
		}
		if i == len(runs)-1 && len(res.analyzed) != 0 {
			t.Errorf("the last run analyzed %v; everything should come from the cache", res.analyzed)
		}
		var got []string
		for _, f := range res.Findings {
			if f.Check == "constcalls" {
				got = append(got, fmt.Sprintf("%s:%d: %s", filepath.Base(f.File), f.Line, f.Message))
			}
		}
		sort.Strings(got)
		if want == nil {
			want = []string{
				`b.go:5: call of a.Name returns "a"`,
				`c.go:8: call of a.Name returns "a"`,
				`c.go:8: call of b.Label returns "b"`,
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%+v: got\n%s\nwant\n%s", opts, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}

	// A dependency analyzed for its facts alone runs only the analyzers
	// that export facts: an analyzer without facts sees a, b and c, not dep.
	var mu sync.Mutex
	var ran []string
	noFacts := &analysis.Analyzer{Name: "nofacts", Doc: "test: records the packages it runs on",
		Run: func(pass *analysis.Pass) (any, error) {
			mu.Lock()
			defer mu.Unlock()
			ran = append(ran, pass.Pkg.Path())
			return nil, nil
		}}
	mustRun(t, Options{Dir: dir, NoCache: true}, constCalls, noFacts)
	sort.Strings(ran)
	if want := []string{"example.com/f/a", "example.com/f/b", "example.com/f/c"}; !reflect.DeepEqual(ran, want) {
		t.Errorf("an analyzer without facts ran on %v, want %v", ran, want)
	}
}

// TestPackageCacheInvalidation: a second run replays every package; an
// edit re-analyzes the edited package and those whose inputs it changed,
// and nothing else; a configuration edit or a repository added in another
// package (which changes a model's finding) re-analyzes everything.
func TestPackageCacheInvalidation(t *testing.T) {
	// The core module: the full one depends on a squirrel stub, which the
	// streaming driver analyzes for facts and the legacy one lists
	// nowhere in PackageStats.
	dir := generateModule(t, benchgen.Options{Packages: 6, Files: 1, Core: true})
	all := func() []string {
		res := mustRun(t, Options{Dir: dir, Legacy: true})
		var ids []string
		for p := range res.PackageStats {
			ids = append(ids, p)
		}
		sort.Strings(ids)
		return ids
	}()
	check := func(what string, want []string) *Result {
		t.Helper()
		res := mustRun(t, Options{Dir: dir})
		got := append([]string(nil), res.analyzed...)
		sort.Strings(got)
		if want == nil {
			want = []string{}
		}
		if got == nil {
			got = []string{}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: analyzed %v, want %v", what, got, want)
		}
		fresh := mustRun(t, Options{Dir: dir, NoCache: true})
		sameResults(t, what+": cached vs fresh", res, fresh)
		return res
	}
	first := check("first run", all)
	check("second run", nil)

	const svc = "example.com/bench/internal/svc/"
	top := svc + "s005" // imported by no package
	appendTo(t, filepath.Join(dir, "internal/svc/s005/models.go"), "\nfunc unexported() int { return 1 }\n")
	check("a body edit in a package nothing imports", []string{top})

	// s000 is imported by s001 directly; adding to its API changes its
	// export data and so its importers' keys.
	appendTo(t, filepath.Join(dir, "internal/svc/s000/models.go"), "\n// Extra is new API.\nfunc Extra() int { return 2 }\n")
	res := mustRun(t, Options{Dir: dir})
	direct, closure := importersOf(t, dir, svc+"s000")
	analyzed := map[string]bool{}
	for _, id := range res.analyzed {
		analyzed[id] = true
	}
	for _, id := range direct {
		if !analyzed[id] {
			t.Errorf("an exported API edit: %s was not analyzed again (analyzed %v)", id, res.analyzed)
		}
	}
	for _, id := range res.analyzed {
		if !closure[id] {
			t.Errorf("an exported API edit: %s does not depend on s000 but was analyzed again", id)
		}
	}
	if len(res.analyzed) == len(all) {
		t.Errorf("an exported API edit re-analyzed every package: %v", res.analyzed)
	}
	if !reflect.DeepEqual(res.Findings, first.Findings) {
		t.Error("an unrelated API edit changed the findings")
	}

	appendTo(t, filepath.Join(dir, ".tenantlint.yaml"), "# an edit\n")
	check("a configuration edit", all)

	testfs.WriteFile(t, filepath.Join(dir, "internal/extra/extra.go"), `package extra

import (
	"example.com/bench/internal/svc/s000"
	"example.com/bench/internal/tenant"
)

// RoleRepo covers s000.Role from another package.
var RoleRepo = tenant.NewRepository[s000.Role]("roles")
`)
	withExtra := append(append([]string(nil), all...), "example.com/bench/internal/extra")
	sort.Strings(withExtra)
	after := check("a repository added in another package", withExtra)
	if len(after.Findings) != len(first.Findings)-1 || hasRoleFinding(after) || !hasRoleFinding(first) {
		t.Errorf("the new repository did not remove s000.Role's finding: %d findings, then %d", len(first.Findings), len(after.Findings))
	}
}

func hasRoleFinding(res *Result) bool {
	for _, f := range res.Findings {
		if f.Check == "tenantrepo" && strings.Contains(f.File, "s000") && strings.HasPrefix(f.Message, "Role ") {
			return true
		}
	}
	return false
}

func appendTo(t *testing.T, path, text string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	testfs.WriteFile(t, path, string(data)+text)
}

// importersOf returns pkg with the module packages that import it
// directly (whose export data inputs change with its API), and pkg with
// all that depend on it (whose inputs may change with their imports').
func importersOf(t *testing.T, dir, pkg string) ([]string, map[string]bool) {
	t.Helper()
	imports := mustIndex(t, dir)
	direct := []string{pkg}
	for p, qs := range imports {
		for _, q := range qs {
			if q == pkg {
				direct = append(direct, p)
			}
		}
	}
	closure := map[string]bool{}
	var reaches func(p string) bool
	reaches = func(p string) bool {
		if p == pkg {
			return true
		}
		for _, q := range imports[p] {
			if reaches(q) {
				return true
			}
		}
		return false
	}
	for p := range imports {
		if reaches(p) {
			closure[p] = true
		}
	}
	return direct, closure
}

func mustIndex(t *testing.T, dir string) map[string][]string {
	t.Helper()
	env := registry.NewEnv()
	ix, err := env.Index.Get(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	return ix.Imports
}

// TestStreamFallsBackOnErrors: what the streaming driver cannot load is
// reported by the go/packages driver, in its words: a type error with
// its position, and patterns that match nothing.
func TestStreamFallsBackOnErrors(t *testing.T) {
	dir := generate(t, 2, 1)
	testfs.WriteFile(t, filepath.Join(dir, "nothing", "README"), "no Go files here\n")
	if _, err := run(Options{Dir: dir}, []string{"./nothing/..."}, nil); err == nil || !strings.Contains(err.Error(), "no packages match ./nothing/...") {
		t.Errorf("a pattern matching nothing gave %v", err)
	}
	testfs.WriteFile(t, filepath.Join(dir, "internal/svc/s001/bad.go"), "package s001\n\nvar bad int = \"x\"\n")
	_, err := run(Options{Dir: dir}, []string{"./..."}, nil)
	var de *Error
	if !errors.As(err, &de) || len(de.Msgs) != 1 || !strings.Contains(de.Msgs[0], "bad.go:3:15: cannot use \"x\"") {
		t.Errorf("a type error gave %v", err)
	}
}

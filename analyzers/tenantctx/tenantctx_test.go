package tenantctx_test

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/tenantlint/tenantlint/analyzers/tenantctx"
	"github.com/tenantlint/tenantlint/internal/fixtest"
	"github.com/tenantlint/tenantlint/internal/registry"
	"github.com/tenantlint/tenantlint/internal/testfs"
)

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "tenantctx-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("TENANTLINT_CACHE", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func testdata(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// run checks the // want comments of the packages of one case, its
// golden files (the files after all their fixes, formatted) and that the
// fixes are idempotent, with the shared harness (internal/fixtest), whose
// -update flag rewrites the goldens.
func run(t *testing.T, name string) []*analysistest.Result {
	t.Helper()
	return fixtest.Run(t, fixtest.Case{
		GOPATH: testdata(t),
		Dir:    name,
		New:    func() *analysis.Analyzer { return tenantctx.New(registry.NewSourceEnv()) },
	})
}

// Every shape of issue 11: a parameter, r.Context(), closures,
// goroutines, derived contexts, WithoutCancel, shadowed ctx, method
// values, helpers (in this package and others, through facts), nil
// contexts, generics, directives; no finding without a tenant context.
func TestShapes(t *testing.T) {
	t.Parallel()
	run(t, "ctx_shapes")
}

// The facts: which parameter a helper passes on, and to what.
func TestSinkFacts(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, testdata(t), tenantctx.NewFacts(registry.NewSourceEnv()), "ctx_facts/...")
}

// TestFixesCompileAndAreIdempotent applies the golden files to a copy of
// the case: the packages type-check, and the analyzer finds only the
// manual findings of the original (the fixed ones are gone and nothing
// new appears).
func TestFixesCompileAndAreIdempotent(t *testing.T) {
	t.Parallel()
	src := filepath.Join(testdata(t), "src")
	gopath := t.TempDir()
	for _, dir := range []string{"github.com", "ctx_shapes"} {
		if err := testfs.Copy(filepath.Join(src, dir), filepath.Join(gopath, "src", dir), nil); err != nil {
			t.Fatal(err)
		}
	}
	before, _ := analyze(t, gopath, "ctx_shapes/...")
	goldens := 0
	err := filepath.WalkDir(filepath.Join(gopath, "src", "ctx_shapes"), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if target, ok := strings.CutSuffix(path, ".golden"); ok {
			goldens++
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			return os.WriteFile(target, data, 0o644)
		}
		return nil
	})
	if err != nil || goldens == 0 {
		t.Fatalf("applying the goldens: %d applied, %v", goldens, err)
	}
	after, stats := analyze(t, gopath, "ctx_shapes/...")
	var want []string
	fixable := 0
	for _, f := range before {
		if strings.Contains(f, "manual fix") || strings.Contains(f, "unused //tenantlint:ignore") {
			want = append(want, f)
		} else {
			fixable++
		}
	}
	if fixable < 20 {
		t.Errorf("%d fixable findings to start with, want at least 20", fixable)
	}
	if !slices.Equal(after, want) {
		t.Errorf("after the fixes, got:\n\t%s\nwant:\n\t%s", strings.Join(after, "\n\t"), strings.Join(want, "\n\t"))
	}
	if stats.Fixable != 0 || stats.Manual != 2 || stats.Suppressed != 1 {
		t.Errorf("after the fixes, stats = %+v; want 0 fixable, 2 manual, 1 suppressed", stats)
	}
}

// analyze loads the packages matching pattern in the GOPATH tree at
// gopath, failing on any load or type error, and runs tenantctx on them.
// It returns the findings as "file: message", sorted, and the added-up
// statistics.
func analyze(t *testing.T, gopath, pattern string) ([]string, tenantctx.Stats) {
	t.Helper()
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports |
			packages.NeedTypes | packages.NeedTypesSizes | packages.NeedSyntax | packages.NeedTypesInfo |
			packages.NeedDeps | packages.NeedModule,
		Dir: gopath,
		Env: append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, pattern)
	if err != nil {
		t.Fatal(err)
	}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			t.Errorf("loading %s: %v", p.PkgPath, e)
		}
	})
	g, err := checker.Analyze([]*analysis.Analyzer{tenantctx.New(registry.NewSourceEnv())}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var total tenantctx.Stats
	for _, act := range g.Roots {
		if act.Err != nil {
			t.Errorf("%s: %v", act, act.Err)
			continue
		}
		if s, ok := act.Result.(*tenantctx.Stats); ok {
			total.Add(s)
		}
		for _, d := range act.Diagnostics {
			rel, _ := filepath.Rel(gopath, act.Package.Fset.Position(d.Pos).Filename)
			out = append(out, filepath.ToSlash(rel)+": "+d.Message)
		}
	}
	sort.Strings(out)
	return out, total
}

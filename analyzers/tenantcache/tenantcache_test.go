package tenantcache_test

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/token"
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

	"github.com/tenantlint/tenantlint/analyzers/tenantcache"
	"github.com/tenantlint/tenantlint/internal/fixtest"
	"github.com/tenantlint/tenantlint/internal/lint"
	"github.com/tenantlint/tenantlint/internal/testfs"
)

// update rewrites the .golden files from the suggested fixes. Review the
// result: the goldens are the specification of the fixes.
var update = flag.Bool("update", false, "write the .golden files of testdata/src/cache* from the suggested fixes")

func TestMain(m *testing.M) {
	flag.Parse()
	// The module index (import cycles, package names) is cached on disk;
	// keep the tests' copies out of the user's cache.
	dir, err := os.MkdirTemp("", "tenantcache-test-")
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
	dir, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// run checks the case's // want comments and its golden files. A golden
// file holds the file after all its fixes, formatted as go fix leaves it.
// Beyond analysistest (which formats both sides before comparing), the
// applied edits, formatted, must equal the golden text byte for byte; with
// exact, they must equal it before formatting too, so the edits alone
// leave gofmt-clean code. (They cannot when a fixed line sits in a run of
// lines whose trailing comments gofmt aligns: the fix would have to
// re-align its neighbours, and two fixes on neighbouring lines would then
// conflict. go fix formats what it writes.)
func run(t *testing.T, name string, exact bool) []*analysistest.Result {
	t.Helper()
	dir := testdata(t)
	a := tenantcache.New(lint.NewSourceEnv())
	if *update {
		results := analysistest.Run(t, dir, a, name+"/...")
		writeGoldens(t, results)
		return results
	}
	results := analysistest.RunWithSuggestedFixes(t, dir, a, name+"/...")
	checkGoldensExact(t, filepath.Join(dir, "src", name), results, exact)
	checkDiagnostics(t, results)
	return results
}

// checkDiagnostics checks what the // want comments do not: a cache
// finding spans exactly the reported call, carries a fix exactly when its
// message does not say "manual fix", and every finding has the check's
// category; directive findings carry no fix.
func checkDiagnostics(t *testing.T, results []*analysistest.Result) {
	t.Helper()
	for _, r := range results {
		if r.Pass == nil {
			continue
		}
		calls := map[[2]token.Pos]bool{}
		for _, f := range r.Pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				if c, ok := n.(*ast.CallExpr); ok {
					calls[[2]token.Pos{c.Pos(), c.End()}] = true
				}
				return true
			})
		}
		for _, d := range r.Diagnostics {
			posn := r.Pass.Fset.Position(d.Pos)
			if d.Category != "tenantcache" {
				t.Errorf("%s: category %q, want tenantcache", posn, d.Category)
			}
			if !strings.Contains(d.Message, " not tenant-scoped; ") {
				if len(d.SuggestedFixes) > 0 {
					t.Errorf("%s: a directive finding carries a fix: %s", posn, d.Message)
				}
				continue
			}
			if !calls[[2]token.Pos{d.Pos, d.End}] {
				t.Errorf("%s: the finding does not span a call: %s", posn, d.Message)
			}
			manual := strings.Contains(d.Message, " (manual fix: ")
			if manual == (len(d.SuggestedFixes) > 0) {
				t.Errorf("%s: %d fixes for %q", posn, len(d.SuggestedFixes), d.Message)
			}
		}
	}
}

func writeGoldens(t *testing.T, results []*analysistest.Result) {
	for name, text := range fixtest.Apply(t, results) {
		if out, err := format.Source(text); err == nil {
			text = out
		} else {
			t.Errorf("%s: the fixed file does not parse: %v", name, err)
		}
		if err := os.WriteFile(name+".golden", text, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s.golden", name)
	}
}

// checkGoldensExact compares the result of the fixes with the golden
// files, and checks that every golden file belongs to a fixed file.
func checkGoldensExact(t *testing.T, caseDir string, results []*analysistest.Result, exact bool) {
	t.Helper()
	fixed := fixtest.Apply(t, results)
	for name, raw := range fixed {
		want, err := os.ReadFile(name + ".golden")
		if err != nil {
			continue // analysistest reported it
		}
		got, err := format.Source(raw)
		if err != nil {
			t.Errorf("%s: the fixed file does not parse: %v\n%s", name, err, raw)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the fixes, formatted, differ from the golden file; got:\n%s", name, got)
		}
		if exact && !bytes.Equal(raw, want) {
			t.Errorf("%s: the edits alone do not leave gofmt-clean code equal to the golden file; got:\n%s", name, raw)
		}
	}
	_ = filepath.WalkDir(caseDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if src, ok := strings.CutSuffix(path, ".golden"); ok {
			if _, ok := fixed[src]; !ok {
				t.Errorf("%s: stale golden file: no fix edits %s", path, filepath.Base(src))
			}
		}
		return nil
	})
}

// TestGoldensAreGofmtClean checks that every fix leaves gofmt-clean code.
func TestGoldensAreGofmtClean(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(testdata(t), "src")
	n := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !strings.HasSuffix(path, ".go.golden") || !strings.HasPrefix(relTo(dir, path), "cache") {
			return nil
		}
		n++
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		out, err := format.Source(src)
		if err != nil {
			t.Errorf("%s: %v", path, err)
		} else if !bytes.Equal(out, src) {
			t.Errorf("%s is not gofmt-clean; gofmt gives:\n%s", path, out)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no golden files found")
	}
}

func relTo(base, path string) string {
	rel, err := filepath.Rel(base, path)
	if err != nil {
		return path
	}
	return filepath.ToSlash(rel)
}

// finding is a diagnostic reduced to what survives a fix elsewhere in
// the file.
type finding struct {
	file, msg string
	fixable   bool
}

func (f finding) String() string { return fmt.Sprintf("%s: %s (fixable=%v)", f.file, f.msg, f.fixable) }

func findings(gopath string, acts []*checker.Action) []finding {
	var out []finding
	seen := map[string]bool{}
	for _, act := range acts {
		for _, d := range act.Diagnostics {
			p := act.Package.Fset.Position(d.Pos)
			key := fmt.Sprintf("%s:%d:%d:%s", p.Filename, p.Line, p.Column, d.Message)
			if seen[key] {
				continue // the same file in the package and its test variant
			}
			seen[key] = true
			out = append(out, finding{relTo(gopath, p.Filename), d.Message, len(d.SuggestedFixes) > 0})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// analyze runs a fresh tenantcache on the packages matching pattern in the
// GOPATH tree at gopath.
func analyze(t *testing.T, gopath, pattern string) []*checker.Action {
	t.Helper()
	roots := analyzeLoose(t, gopath, pattern)
	for _, act := range roots {
		if act.Err != nil {
			t.Errorf("%s: %v", act, act.Err)
		}
	}
	return roots
}

// analyzeLoose is analyze without failing on the analyzer's errors.
func analyzeLoose(t *testing.T, gopath, pattern string) []*checker.Action {
	t.Helper()
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports |
			packages.NeedTypes | packages.NeedTypesSizes | packages.NeedSyntax | packages.NeedTypesInfo |
			packages.NeedDeps | packages.NeedModule,
		Dir:   gopath,
		Tests: true,
		Env:   append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOWORK=off"),
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
	g, err := checker.Analyze([]*analysis.Analyzer{tenantcache.New(lint.NewSourceEnv())}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	return g.Roots
}

// copyTree copies the files below src into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	if err := testfs.Copy(src, dst, nil); err != nil {
		t.Fatal(err)
	}
}

// checkIdempotent applies the golden files to a copy of the case and runs
// the analyzer again: the fixable findings are gone, the others remain.
func checkIdempotent(t *testing.T, name string) {
	t.Helper()
	if *update {
		return
	}
	src := filepath.Join(testdata(t), "src")
	gopath := t.TempDir()
	copyTree(t, filepath.Join(src, "github.com"), filepath.Join(gopath, "src", "github.com"))
	copyTree(t, filepath.Join(src, name), filepath.Join(gopath, "src", name))

	before := findings(gopath, analyze(t, gopath, name+"/..."))
	goldens := 0
	_ = filepath.WalkDir(filepath.Join(gopath, "src", name), func(path string, d fs.DirEntry, err error) error {
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
	if goldens == 0 {
		t.Fatalf("%s has no golden files", name)
	}
	after := findings(gopath, analyze(t, gopath, name+"/..."))

	var wantAfter []finding
	fixable := 0
	for _, f := range before {
		if f.fixable {
			fixable++
		} else {
			wantAfter = append(wantAfter, f)
		}
	}
	if fixable == 0 {
		t.Errorf("%s: no fixable findings to start with", name)
	}
	// Positions move with the fixes; files and messages do not.
	if !slices.Equal(after, wantAfter) {
		t.Errorf("%s: after applying the fixes, got findings:\n%s\nwant (the manual findings of the original):\n%s",
			name, lines(after), lines(wantAfter))
	}
}

func lines[T fmt.Stringer](xs []T) string {
	var b strings.Builder
	for _, x := range xs {
		b.WriteString("\t" + x.String() + "\n")
	}
	return b.String()
}

// Every preset's methods, with string keys checked and others not.
func TestPresets(t *testing.T) {
	t.Parallel()
	run(t, "cache_presets", false)
	checkIdempotent(t, "cache_presets")
}

// Receivers: client types, interfaces, embedding, type parameters,
// method expressions, aliases and safe types.
func TestReceivers(t *testing.T) {
	t.Parallel()
	run(t, "cache_receivers", true)
	checkIdempotent(t, "cache_receivers")
}

// User-declared APIs (cache.apis): a struct type, an interface and
// package-level functions, with single, multiple, variadic, slice and
// item keys.
func TestAPIs(t *testing.T) {
	t.Parallel()
	run(t, "cache_apis", true)
	checkIdempotent(t, "cache_apis")
}

// A user-declared interface API (its methods are looked up on the
// interface itself, not on a pointer to it).
func TestAPIInterface(t *testing.T) {
	t.Parallel()
	run(t, "cache_apis_iface", true)
	checkIdempotent(t, "cache_apis_iface")
}

// Key scoping: expressions, locals, +=, grounding, parameters, shadowing,
// closures, address-taken and range variables.
func TestScope(t *testing.T) {
	t.Parallel()
	run(t, "cache_scope", true)
	checkIdempotent(t, "cache_scope")
}

// Slices of keys and items: which are scoped, and where the fix wraps.
func TestSlicesAndItems(t *testing.T) {
	t.Parallel()
	run(t, "cache_slices", true)
	checkIdempotent(t, "cache_slices")
}

// Which context the fix uses, and when there is none.
func TestFixContext(t *testing.T) {
	t.Parallel()
	run(t, "cache_fix_ctx", true)
}

// How the fix refers to key_func: adding the import (no imports, a single
// import, groups, sorted position, doc comments), under another name when
// tenant is taken, or through an existing import.
func TestFixImport(t *testing.T) {
	t.Parallel()
	run(t, "cache_fix_import", true)
	checkIdempotent(t, "cache_fix_import")
}

// Inside key_func's own package the fix calls it unqualified.
func TestFixSamePackage(t *testing.T) {
	t.Parallel()
	run(t, "cache_fix_samepkg", true)
}

// A fix that would import key_func's package into a package it imports
// is manual, and says so.
func TestFixImportCycle(t *testing.T) {
	t.Parallel()
	run(t, "cache_fix_cycle", true)
}

// The fix keeps comments and line breaks; generated files get no fix.
func TestFixText(t *testing.T) {
	t.Parallel()
	run(t, "cache_fix_text", true)
	checkIdempotent(t, "cache_fix_text")
}

// //tenantlint:ignore directives: where they apply, and the ones that are
// malformed or unused.
func TestSuppress(t *testing.T) {
	t.Parallel()
	run(t, "cache_suppress", true)
	checkIdempotent(t, "cache_suppress")
}

// _test.go files are skipped by default (ignore.tests: true) ...
func TestTestsIgnored(t *testing.T) {
	t.Parallel()
	run(t, "cache_tests_ignored", true)
}

// ... and checked with ignore.tests: false.
func TestTestsChecked(t *testing.T) {
	t.Parallel()
	run(t, "cache_tests_checked", true)
	checkIdempotent(t, "cache_tests_checked")
}

// Ignored packages are never checked; /... covers the packages below by
// path segment.
func TestIgnoredPackages(t *testing.T) {
	t.Parallel()
	run(t, "cache_ignore", true)
}

// Without a key_func every finding is manual.
func TestNoKeyFunc(t *testing.T) {
	t.Parallel()
	run(t, "cache_nokeyfunc", true)
}

// key_func's package is named tenant in directory tenantkeys: the fix
// and its message use the package's name once it has been looked up.
func TestFixPackageName(t *testing.T) {
	t.Parallel()
	run(t, "cache_fix_pkgname", true)
	checkIdempotent(t, "cache_fix_pkgname")
}

// cache.tenant_values: keys that contain a tenant value (parameter, field,
// func) are scoped, through concatenation, fmt, strings.Join, strconv,
// .String(), locals, closures and key builders of this and other
// packages (facts); shadowed and reassigned parameters are not.
func TestTenantValues(t *testing.T) {
	t.Parallel()
	run(t, "cache_values", true)
	checkIdempotent(t, "cache_values")
}

// Without cache.tenant_values none of cache_values' scoped keys count:
// only key_func does, and key builders are not followed.
func TestStrictWithoutTenantValues(t *testing.T) {
	t.Parallel()
	run(t, "cache_strict", true)
}

// cache.follow_helpers: functions and methods that pass a string parameter
// into a cache key unscoped are checked at their callers (across packages
// through facts, transitively, generic, variadic, slice and item keys,
// closures); parameters that cannot be followed leave the finding in the
// helper's body.
func TestFollowHelpers(t *testing.T) {
	t.Parallel()
	run(t, "cache_helpers", false) // the fixed calls sit in a run of aligned comments
	checkIdempotent(t, "cache_helpers")
}

// The facts of the helpers analyzer: which parameters a key builder's
// result is built from, whether it is always scoped, and which
// parameters a cache helper passes into keys, of which API.
func TestHelperFacts(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, testdata(t), tenantcache.NewHelpers(lint.NewSourceEnv()), "cache_facts/...")
}

// A reduction of SigNoz's cache providers (docs/real-world/signoz.md): a
// tenant value's string form is any method that takes nothing and
// returns only a string (valuer.UUID.StringValue), not only String.
func TestRealWorldSigNoz(t *testing.T) {
	t.Parallel()
	run(t, "realworld_signoz", true)
}

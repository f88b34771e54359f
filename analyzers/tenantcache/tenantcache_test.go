package tenantcache_test

import (
	"flag"
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/tenantlint/tenantlint/analyzers/tenantcache"
	"github.com/tenantlint/tenantlint/internal/fixtest"
	"github.com/tenantlint/tenantlint/internal/registry"
)

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
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// run checks the case's // want comments, its golden files and that its
// fixes are idempotent (internal/fixtest). A golden file holds the file
// after all its fixes, formatted as go fix leaves it. With exact, the
// edits alone must equal the golden text byte for byte, so they leave
// gofmt-clean code. (They cannot when a fixed line sits in a run of
// lines whose trailing comments gofmt aligns: the fix would have to
// re-align its neighbours, and two fixes on neighbouring lines would then
// conflict. go fix formats what it writes.)
func run(t *testing.T, name string, exact bool) []*analysistest.Result {
	t.Helper()
	results := fixtest.Run(t, fixtest.Case{
		GOPATH: testdata(t),
		Dir:    name,
		New:    func() *analysis.Analyzer { return tenantcache.New(registry.NewSourceEnv()) },
		Exact:  exact,
	})
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
				switch c := n.(type) {
				case *ast.CallExpr, *ast.IndexExpr: // an index of a map field (cache.apis field)
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

// TestGoldensAreGofmtClean checks that every fix leaves gofmt-clean code.
func TestGoldensAreGofmtClean(t *testing.T) {
	t.Parallel()
	fixtest.GoldensGofmtClean(t, filepath.Join(testdata(t), "src"))
}

// Every preset's methods, with string keys checked and others not.
func TestPresets(t *testing.T) {
	t.Parallel()
	run(t, "cache_presets", false)
}

// Receivers: client types, interfaces, embedding, type parameters,
// method expressions, aliases and safe types.
func TestReceivers(t *testing.T) {
	t.Parallel()
	run(t, "cache_receivers", true)
}

// User-declared APIs (cache.apis): a struct type, an interface and
// package-level functions, with single, multiple, variadic, slice and
// item keys.
func TestAPIs(t *testing.T) {
	t.Parallel()
	run(t, "cache_apis", true)
}

// A user-declared interface API (its methods are looked up on the
// interface itself, not on a pointer to it).
func TestAPIInterface(t *testing.T) {
	t.Parallel()
	run(t, "cache_apis_iface", true)
}

// Key scoping: expressions, locals, +=, grounding, parameters, shadowing,
// closures, address-taken and range variables.
func TestScope(t *testing.T) {
	t.Parallel()
	run(t, "cache_scope", true)
}

// Slices of keys and items: which are scoped, and where the fix wraps.
func TestSlicesAndItems(t *testing.T) {
	t.Parallel()
	run(t, "cache_slices", true)
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
}

// The calls on one cache with one key form are fixed together or not at
// all: a group wrapped whole, one left whole (both messages name the
// other), another cache, another key form, a call joining two forms, a
// suppressed member, and keys of no visible form.
func TestFixGroups(t *testing.T) {
	t.Parallel()
	run(t, "cache_fix_groups", true)
}

// //tenantlint:ignore directives: where they apply, and the ones that are
// malformed or unused.
func TestSuppress(t *testing.T) {
	t.Parallel()
	run(t, "cache_suppress", true)
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
}

// cache.tenant_values: keys that contain a tenant value (parameter, field,
// func) are scoped, through concatenation, fmt, strings.Join, strconv,
// .String(), locals, closures and key builders of this and other
// packages (facts); shadowed and reassigned parameters are not.
func TestTenantValues(t *testing.T) {
	t.Parallel()
	run(t, "cache_values", true)
}

// Key builders written as closures (issue 12): a closure assigned once
// to a local is a key builder where it is called (captured tenant values,
// parameters given one); a reassigned closure, one whose address is taken
// and a function value received as a parameter are not followed; without
// tenant_values, closures are no builders either.
func TestClosureBuilders(t *testing.T) {
	t.Parallel()
	run(t, "cache_closures", true)
}

// Keys through a hash (issue 16): hashes, checksums and encodings of an
// input that contains the tenant, []byte conversions, append, sum[:], and
// hashers written with the tenant on every path are scoped; a hasher
// reset or handed elsewhere is not; a tenant written on one path only is
// a finding whose message names that path; without tenant_values hashes
// are not followed.
func TestHashedKeys(t *testing.T) {
	t.Parallel()
	run(t, "cache_hashes", true)
}

// Keys built from a request or record (issue 16): a builder whose result
// contains a field of its struct parameter (directly or through a
// generated getter) is scoped where the argument carries a tenant value
// in that field, across packages through facts; a getter named in
// tenant_values.funcs is a tenant value anywhere.
func TestRequestBuilders(t *testing.T) {
	t.Parallel()
	run(t, "cache_reqs", true)
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
}

// The facts of the helpers analyzer: which parameters a key builder's
// result is built from, whether it is always scoped, and which
// parameters a cache helper passes into keys, of which API.
func TestHelperFacts(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, testdata(t), tenantcache.NewHelpers(registry.NewSourceEnv()), "cache_facts/...")
}

// The facts of functions that return tenant data (cache.report:
// tenant-data): a model, what a tenant-filtered lookup returns, through
// another function of the package and encoded; not a value built from
// nothing a tenant owns, nor a bool.
func TestDataFacts(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, testdata(t), tenantcache.NewHelpers(registry.NewSourceEnv()), "cache_datafacts/...")
}

// A reduction of SigNoz's cache providers (docs/real-world/signoz.md): a
// tenant value's string form is any method that takes nothing and
// returns only a string (valuer.UUID.StringValue), not only String.
func TestRealWorldSigNoz(t *testing.T) {
	t.Parallel()
	run(t, "realworld_signoz", true)
}

// cache.report: tenant-data: the calls about tenant data (a model, what a
// tenant-filtered lookup returns, encoded, through facts, asserted, the
// other calls on the same cache) are findings whatever their key's type
// (UUID, struct, array, integer, cache.apis keyed by integers); route
// metadata, dedupe flags and LRUs of values no tenant owns are not.
func TestTenantData(t *testing.T) {
	t.Parallel()
	results := run(t, "cache_tenantdata", true)
	s := statsOf(t, results, "cache_tenantdata/app")
	if got := s.Unchecked[cachekeysUncheckedCall]; got != 1 {
		t.Errorf("unchecked %v, want 1 %q", s.Unchecked, cachekeysUncheckedCall)
	}
	wantNot := map[string]int{"holds *app.RouteMeta": 2, "holds bool": 1, "holds *app.Product": 2, "holds []byte": 1, "holds *redis.StringCmd": 2}
	if fmt.Sprint(s.NotTenantData) != fmt.Sprint(wantNot) {
		t.Errorf("not tenant data %v, want %v", s.NotTenantData, wantNot)
	}
	if s.Calls != s.Scoped+s.Fixable+s.Manual+s.Suppressed+s.UncheckedCalls()+s.NotTenantDataCalls() {
		t.Errorf("the outcomes do not add up to the calls: %+v", s)
	}
	// sync.Map (the sync-map preset): keys of any type judged, a dedupe
	// flag is no tenant data.
	m := statsOf(t, results, "cache_tenantdata/syncmapuse")
	if m.Calls != 9 || m.Scoped != 3 || m.Manual != 4 || fmt.Sprint(m.NotTenantData) != "map[holds bool:2]" {
		t.Errorf("sync.Map: calls %d, scoped %d, manual %d, not tenant data %v; want 9, 3, 4, map[holds bool:2]", m.Calls, m.Scoped, m.Manual, m.NotTenantData)
	}
	// cache.apis keyed by any, a struct and an array.
	a := statsOf(t, results, "cache_tenantdata/apisuse")
	if a.Calls != 9 || a.Scoped != 4 || a.Manual != 4 || fmt.Sprint(a.NotTenantData) != "map[holds bool:1]" {
		t.Errorf("cache.apis: calls %d, scoped %d, manual %d, not tenant data %v; want 9, 4, 4, map[holds bool:1]", a.Calls, a.Scoped, a.Manual, a.NotTenantData)
	}
	// Map fields: the map's value type, or what a read is asserted to,
	// says what they cache.
	mf := statsOf(t, results, "cache_tenantdata/mapuse")
	if mf.Calls != 8 || mf.Scoped != 2 || mf.Manual != 5 || fmt.Sprint(mf.NotTenantData) != "map[holds bool:1]" {
		t.Errorf("map fields: calls %d, scoped %d, manual %d, not tenant data %v; want 8, 2, 5, map[holds bool:1]", mf.Calls, mf.Scoped, mf.Manual, mf.NotTenantData)
	}
}

// Caches keyed by any or by a struct under the strict rule (the sync-map
// preset, cache.apis with such keys): a string given for an any key is
// checked and fixed like any string key (every keyed method of sync.Map;
// Range and Clear are no cache calls); other keys are unchecked, counted
// apart.
func TestAnyKeyedCaches(t *testing.T) {
	t.Parallel()
	results := run(t, "cache_syncmap", false)
	s := statsOf(t, results, "cache_syncmap/app")
	want := map[string]int{"non-string key": 3}
	if fmt.Sprint(s.Unchecked) != fmt.Sprint(want) || s.Calls != 15 || s.Scoped != 3 || s.Fixable != 9 {
		t.Errorf("calls %d, scoped %d, fixable %d, unchecked %v; want 15, 3, 9, %v", s.Calls, s.Scoped, s.Fixable, s.Unchecked, want)
	}
	// cache.apis keyed by any and by a struct.
	a := statsOf(t, results, "cache_syncmap/apisuse")
	if fmt.Sprint(a.Unchecked) != fmt.Sprint(want) || a.Calls != 5 || a.Scoped != 1 || a.Fixable != 1 {
		t.Errorf("cache.apis: calls %d, scoped %d, fixable %d, unchecked %v; want 5, 1, 1, %v", a.Calls, a.Scoped, a.Fixable, a.Unchecked, want)
	}
}

// A map field named in cache.apis is a cache: its index expressions
// (read, write, comma-ok, ++, through an embedding type) and delete calls
// are cache calls keyed by the index; an unconfigured map is not.
func TestMapFieldCache(t *testing.T) {
	t.Parallel()
	s := statsOf(t, run(t, "cache_mapfield", false), "cache_mapfield/app")
	want := map[string]int{"non-string key": 2}
	if fmt.Sprint(s.Unchecked) != fmt.Sprint(want) || s.Calls != 10 || s.Scoped != 3 || s.Fixable != 5 {
		t.Errorf("calls %d, scoped %d, fixable %d, unchecked %v; want 10, 3, 5, %v", s.Calls, s.Scoped, s.Fixable, s.Unchecked, want)
	}
}

const cachekeysUncheckedCall = "key from a call not followed"

// statsOf returns the statistics of the package at path.
func statsOf(t *testing.T, results []*analysistest.Result, path string) *tenantcache.Stats {
	t.Helper()
	for _, r := range results {
		if r.Pass != nil && r.Pass.Pkg.Path() == path {
			s, ok := r.Result.(*tenantcache.Stats)
			if !ok {
				t.Fatalf("%s: result %T", path, r.Result)
			}
			return s
		}
	}
	t.Fatalf("no result for %s", path)
	return nil
}

// Under the strict rule, non-string keys and keys of a type parameter are
// unchecked, counted by reason, never as scoped; with tenant_values and
// no key_func the message names the tenant values looked for.
func TestUncheckedUnderStrictRule(t *testing.T) {
	t.Parallel()
	s := statsOf(t, run(t, "cache_unchecked", true), "cache_unchecked/app")
	want := map[string]int{"non-string key": 2, "key of a type parameter": 1}
	if fmt.Sprint(s.Unchecked) != fmt.Sprint(want) || s.Scoped != 1 || s.Calls != 6 {
		t.Errorf("calls %d, scoped %d, unchecked %v; want 6, 1, %v", s.Calls, s.Scoped, s.Unchecked, want)
	}
	const line = "cache calls: 1/6 scoped, 0 raw fixable, 2 raw manual, 0 suppressed, 3 unchecked (key of a type parameter: 1; non-string key: 2)"
	if got := s.Summary(); got != line {
		t.Errorf("summary\n%s\nwant\n%s", got, line)
	}
}

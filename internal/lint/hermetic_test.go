package lint_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/tenantlint/tenantlint/analyzers/tenantcache"
	"github.com/tenantlint/tenantlint/analyzers/tenantrepo"
	"github.com/tenantlint/tenantlint/internal/golist"
	"github.com/tenantlint/tenantlint/internal/lint"
	"github.com/tenantlint/tenantlint/internal/registry"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

const hermeticConfig = `version: 1
models:
  fields: [TenantID]
repository:
  types: [shop/tenant.Repository]
  scope: module
cache:
  key_func: shop/tenant.Key
  apis:
    - type: shop/tenant.Store
      methods:
        Get: {key: 1}
`

// The same configuration on one line, as a nogo analyzer_flags value.
const hermeticConfigFlow = `{version: 1, models: {fields: [TenantID]}, repository: {types: [shop/tenant.Repository], scope: module},` +
	` cache: {key_func: shop/tenant.Key, apis: [{type: shop/tenant.Store, methods: {Get: {key: 1}}}]}}`

// The same again in JSON, which is YAML too (what `yq -o=json -I=0` prints).
const hermeticConfigJSON = `{"version":1,"models":{"fields":["TenantID"]},"repository":{"types":["shop/tenant.Repository"],"scope":"module"},` +
	`"cache":{"key_func":"shop/tenant.Key","apis":[{"type":"shop/tenant.Store","methods":{"Get":{"key":1}}}]}}`

// writeHermeticFixture writes a GOPATH tree outside any module: Order is
// covered only by a repository in package store (which imports models),
// Item by one in its own package. wantOrder says whether Order's
// finding is expected. Files are dated an hour back so that a module
// index built from them is stored in the cache (see index.Cached).
func writeHermeticFixture(t *testing.T, wantOrder bool) (gopath, configPath string) {
	t.Helper()
	gopath = t.TempDir()
	if root := golist.ModuleRoot(gopath, ""); root != "" {
		t.Fatalf("the fixture must be outside any module, but %s has a go.mod", root)
	}
	orderWant := ""
	if wantOrder {
		orderWant = ` // want "Order is tenant-scoped"`
	}
	files := map[string]string{
		".tenantlint.yaml": hermeticConfig,
		"shop/tenant/tenant.go": `package tenant

import "context"

type Repository[M any] struct{}

func Key(ctx context.Context, key string) string { return key }

type Store struct{}

func (s *Store) Get(ctx context.Context, key string) string { return key }
`,
		"shop/models/models.go": `package models

import "shop/tenant"

type Order struct{ TenantID string }` + orderWant + `

type Item struct{ TenantID string }

var ItemRepo tenant.Repository[Item]
`,
		"shop/store/store.go": `package store

import (
	"shop/models"
	"shop/tenant"
)

var OrderRepo tenant.Repository[models.Order]
`,
		"shop/jobs/jobs.go": `package jobs

import (
	"context"

	"shop/tenant"
)

func Warm(ctx context.Context, s *tenant.Store) string {
	return s.Get(ctx, "warm") // want "tenant.Store.Get key is not tenant-scoped"
}
`,
	}
	old := time.Now().Add(-time.Hour)
	testfs.Write(t, filepath.Join(gopath, "src"), files)
	for name := range files {
		if err := os.Chtimes(filepath.Join(gopath, "src", name), old, old); err != nil {
			t.Fatal(err)
		}
	}
	return gopath, filepath.Join(gopath, "src", ".tenantlint.yaml")
}

// patterns are the fixture packages each check has // want comments in.
var patterns = map[string][]string{"tenantrepo": {"shop/models", "shop/store"}, "tenantcache": {"shop/jobs"}}

// nogoAnalyzers builds the two analyzers as a nogo binary has them (each
// its own package-level Analyzer with its own environment) and sets
// their flags as nogo does, with Flags.Set.
func nogoAnalyzers(t *testing.T, flags map[string]string, hermetic bool) []*analysis.Analyzer {
	t.Helper()
	var out []*analysis.Analyzer
	for _, build := range []func(*lint.Env) *analysis.Analyzer{tenantrepo.New, tenantcache.New} {
		env := registry.NewEnv()
		if hermetic {
			env.Index = nil // a hermetic run must never reach the module index provider
		}
		a := build(env)
		for name, value := range flags {
			if err := a.Flags.Set(name, value); err != nil {
				t.Fatalf("%s: -%s: %v", a.Name, name, err)
			}
		}
		out = append(out, a)
	}
	return out
}

// cacheEntries lists what the module index cache holds.
func cacheEntries(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestHermeticConfigFlag: with -hermetic and the configuration passed by
// -config (or -config-yaml), the analyzers read no go.mod, build no
// module index and run no go list; repositories cover only the models of
// their own package.
func TestHermeticConfigFlag(t *testing.T) {
	for name, flags := range map[string]func(configPath string) map[string]string{
		"config": func(p string) map[string]string { return map[string]string{"config": p, "hermetic": "true"} },
		"config-yaml": func(string) map[string]string {
			return map[string]string{"config-yaml": hermeticConfigFlow, "hermetic": "true"}
		},
		"config-yaml JSON": func(string) map[string]string {
			return map[string]string{"config-yaml": hermeticConfigJSON, "hermetic": "true"}
		},
	} {
		t.Run(name, func(t *testing.T) {
			cache := t.TempDir()
			t.Setenv("TENANTLINT_CACHE", cache)
			gopath, configPath := writeHermeticFixture(t, true)
			for _, a := range nogoAnalyzers(t, flags(configPath), true) {
				analysistest.Run(t, gopath, a, patterns[a.Name]...)
			}
			if got := cacheEntries(t, cache); len(got) != 0 {
				t.Errorf("a hermetic run stored module indexes: %v", got)
			}
		})
	}
}

// TestConfigFlagModuleIndex is the control: the same fixture and -config
// without -hermetic builds the module index (it is stored in the cache),
// which finds store's repository for Order.
func TestConfigFlagModuleIndex(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("TENANTLINT_CACHE", cache)
	gopath, configPath := writeHermeticFixture(t, false)
	for _, a := range nogoAnalyzers(t, map[string]string{"config": configPath}, false) {
		analysistest.Run(t, gopath, a, patterns[a.Name]...)
	}
	if got := cacheEntries(t, cache); len(got) == 0 {
		t.Error("the module index was not stored; the hermetic test's check of the cache proves nothing")
	}
}

// errorRecorder is an analysistest.Testing that keeps the errors instead
// of failing the test, so that a run expected to fail can be checked.
type errorRecorder struct{ errs []string }

func (r *errorRecorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// TestHermeticNeedsConfig: -hermetic does not search for a configuration
// file; without -config or -config-yaml each package fails with one line
// saying so.
func TestHermeticNeedsConfig(t *testing.T) {
	gopath, _ := writeHermeticFixture(t, false)
	for _, a := range nogoAnalyzers(t, map[string]string{"hermetic": "true"}, true) {
		rec := new(errorRecorder)
		analysistest.Run(rec, gopath, a, "shop/jobs")
		if len(rec.errs) == 0 || !strings.Contains(strings.Join(rec.errs, "\n"), "-hermetic needs -config or -config-yaml") {
			t.Errorf("%s: errors %q", a.Name, rec.errs)
		}
	}
}

// TestConfigYAMLFlagErrors: a bad -config-yaml fails when the flag is
// set (nogo then stops before analyzing anything), naming the flag and
// the position.
func TestConfigYAMLFlagErrors(t *testing.T) {
	a := tenantrepo.New(registry.NewEnv())
	err := a.Flags.Set("config-yaml", "{version: 1, modles: {fields: [TenantID]}}")
	if err == nil || !strings.HasPrefix(err.Error(), "-config-yaml:1:") || !strings.Contains(err.Error(), "modles") {
		t.Errorf("error %v, want one naming -config-yaml:1:col and the unknown key", err)
	}
}

var readmeNogoJSON = regexp.MustCompile("(?s)```json\n(\\{\n  \"tenantrepo\".*?)```")

// TestREADMENogoConfig: the nogo.json of the README sets flags that both
// analyzers accept, with configurations that parse.
func TestREADMENogoConfig(t *testing.T) {
	cfg := readmeNogo(t)
	for _, build := range []func(*lint.Env) *analysis.Analyzer{tenantrepo.New, tenantcache.New} {
		a := build(registry.NewEnv())
		flags := cfg[a.Name].AnalyzerFlags
		if flags["hermetic"] != "true" || flags["config-yaml"] == "" {
			t.Errorf("%s: analyzer_flags %v, want hermetic and config-yaml", a.Name, flags)
		}
		for name, value := range flags {
			if err := a.Flags.Set(name, value); err != nil {
				t.Errorf("%s: -%s: %v", a.Name, name, err)
			}
		}
	}
}

// TestConfigYAMLFactAnalyzer: -config-yaml reaches the fact analyzer too.
// The file on disk does not follow helpers and the inline configuration
// does; only with the inline one is cachex.Load a cache API, so the raw
// key at its caller is a finding (and the call inside Load is not).
func TestConfigYAMLFactAnalyzer(t *testing.T) {
	t.Setenv("TENANTLINT_CACHE", t.TempDir())
	gopath, _ := writeHermeticFixture(t, true)
	testfs.Write(t, filepath.Join(gopath, "src"), map[string]string{
		"shop/cachex/cachex.go": `package cachex

import (
	"context"

	"shop/tenant"
)

func Load(ctx context.Context, s *tenant.Store, key string) string {
	return s.Get(ctx, key)
}
`,
		"shop/jobs2/jobs2.go": `package jobs2

import (
	"context"

	"shop/cachex"
	"shop/tenant"
)

func Run(ctx context.Context, s *tenant.Store) string {
	return cachex.Load(ctx, s, "warm") // want "cachex.Load key, passed on to tenant.Store.Get, is not tenant-scoped"
}
`,
	})
	inline := strings.Replace(hermeticConfigFlow, "cache: {", "cache: {follow_helpers: true, ", 1)
	for _, a := range nogoAnalyzers(t, map[string]string{"config-yaml": inline, "hermetic": "true"}, true) {
		if a.Name == "tenantcache" {
			analysistest.Run(t, gopath, a, "shop/cachex", "shop/jobs2")
		}
	}
}

// vetFlags sets flags on analyzers as go vet does (x/tools'
// analysisflags): each analyzer's flag -f is -<analyzer>.f on one
// command line, whose value is the analyzer's own flag.Value.
func vetFlags(t *testing.T, analyzers []*analysis.Analyzer, args []string) {
	t.Helper()
	fs := flag.NewFlagSet("vet", flag.ContinueOnError)
	for _, a := range analyzers {
		a.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, a.Name+"."+f.Name, f.Usage) })
	}
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
}

// readmeNogo returns the README's nogo.json.
func readmeNogo(t *testing.T) map[string]struct {
	AnalyzerFlags map[string]string `json:"analyzer_flags"`
} {
	t.Helper()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := readmeNogoJSON.FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md has no ```json nogo configuration for tenantrepo")
	}
	var cfg map[string]struct {
		AnalyzerFlags map[string]string `json:"analyzer_flags"`
	}
	if err := json.Unmarshal(m[1], &cfg); err != nil {
		t.Fatalf("README's nogo.json: %v", err)
	}
	return cfg
}

// readmeNogoFlags returns the analyzer_flags of the README's nogo.json
// as go vet's command line: tenantrepo's, then tenantcache's.
func readmeNogoFlags(t *testing.T) []string {
	t.Helper()
	cfg := readmeNogo(t)
	var args []string
	for _, name := range []string{"tenantrepo", "tenantcache"} {
		flags := cfg[name].AnalyzerFlags
		if len(flags) == 0 {
			t.Fatalf("README's nogo.json has no analyzer_flags for %s", name)
		}
		keys := make([]string, 0, len(flags))
		for k := range flags {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			args = append(args, "-"+name+"."+k+"="+flags[k])
		}
	}
	return args
}

// TestREADMENogoPerAnalyzerConfig: the README's nogo.json gives each
// analyzer its own part of the configuration. Passed as go vet passes
// per-analyzer flags to the analyzers of one process (which share one
// Env), each analyzer checks with its own: tenantrepo reports the model
// and uses the directive, tenantcache reports the go-redis call. When the
// flags set last configured every analyzer, tenantrepo checked nothing
// and reported the directive as unused.
func TestREADMENogoPerAnalyzerConfig(t *testing.T) {
	t.Setenv("TENANTLINT_CACHE", t.TempDir())
	gopath := t.TempDir()
	testfs.Write(t, filepath.Join(gopath, "src"), map[string]string{
		"example.com/app/internal/tenant/tenant.go": `package tenant

import "context"

type Repository[M any] struct{}

func Key(ctx context.Context, key string) string { return key }
`,
		"example.com/app/models/models.go": `package models

import "example.com/app/internal/tenant"

type Order struct{ TenantID string } // want "Order is tenant-scoped"

//tenantlint:ignore tenantrepo generated, covered by hand elsewhere
type Item struct{ TenantID string }

type User struct{ TenantID string }

var Users tenant.Repository[User]
`,
		"github.com/redis/go-redis/v9/redis.go": `package redis

import "context"

type Client struct{}

type StringCmd struct{}

func (c *Client) Get(ctx context.Context, key string) *StringCmd { return nil }
`,
		"example.com/app/jobs/jobs.go": `package jobs

import (
	"context"

	"github.com/redis/go-redis/v9"
)

func Warm(ctx context.Context, rdb *redis.Client) {
	rdb.Get(ctx, "warm") // want "redis.Client.Get key is not tenant-scoped"
}
`,
	})
	env := registry.NewEnv()
	env.Index = nil // hermetic: never the module index
	analyzers, err := registry.Analyzers(env, nil)
	if err != nil {
		t.Fatal(err)
	}
	vetFlags(t, analyzers, readmeNogoFlags(t))
	for _, a := range analyzers {
		switch a.Name {
		case "tenantrepo":
			analysistest.Run(t, gopath, a, "example.com/app/models")
		case "tenantcache":
			analysistest.Run(t, gopath, a, "example.com/app/jobs")
		}
	}
}

// TestConfigGivenOnceAppliesToAll: a configuration given to one analyzer
// only (go vet has no flag for every analyzer at once) configures the
// checks given none.
func TestConfigGivenOnceAppliesToAll(t *testing.T) {
	t.Setenv("TENANTLINT_CACHE", t.TempDir())
	gopath, _ := writeHermeticFixture(t, true)
	env := registry.NewEnv()
	env.Index = nil
	analyzers, err := registry.Analyzers(env, nil)
	if err != nil {
		t.Fatal(err)
	}
	vetFlags(t, analyzers, []string{"-tenantrepo.hermetic=true", "-tenantrepo.config-yaml=" + hermeticConfigFlow})
	for _, a := range analyzers {
		if pkgs := patterns[a.Name]; pkgs != nil {
			analysistest.Run(t, gopath, a, pkgs...)
		}
	}
}

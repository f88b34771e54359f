package golangci_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/tenantlint/tenantlint/internal/registry"
	_ "github.com/tenantlint/tenantlint/plugin/golangci" // registers the plugin, as golangci-lint's custom build does
)

func TestMain(m *testing.M) {
	// Keep the fixtures' module indexes out of the user's cache.
	dir, err := os.MkdirTemp("", "golangci-plugin-test-cache")
	if err != nil {
		panic(err)
	}
	os.Setenv("TENANTLINT_CACHE", dir)
	os.Unsetenv("TENANTLINT_CONFIG")
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// build constructs the registered plugin from settings the way
// golangci-lint does (the YAML decoded into generic values).
func build(t *testing.T, settings any) (register.LinterPlugin, error) {
	t.Helper()
	newPlugin, err := register.GetPlugin("tenantlint")
	if err != nil {
		t.Fatal(err)
	}
	return newPlugin(settings)
}

func analyzers(t *testing.T, settings any) []*analysis.Analyzer {
	t.Helper()
	p, err := build(t, settings)
	if err != nil {
		t.Fatal(err)
	}
	if p.GetLoadMode() != register.LoadModeTypesInfo {
		t.Errorf("load mode %q, want %q", p.GetLoadMode(), register.LoadModeTypesInfo)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	return as
}

func names(as []*analysis.Analyzer) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	return out
}

func testdata(t *testing.T) string {
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// patterns are the fixture packages each check has // want comments in.
var patterns = map[string][]string{"tenantrepo": {"plugin/models"}, "tenantcache": {"plugin/jobs"}}

// TestPluginAnalyzers runs the plugin's analyzers over the fixtures with
// the configuration named by the config setting.
func TestPluginAnalyzers(t *testing.T) {
	settings := map[string]any{"config": filepath.Join("testdata", "plugin.tenantlint.yaml")}
	as := analyzers(t, settings)
	// Every registered check, in report order.
	if got := names(as); !slices.Equal(got, registry.Names()) {
		t.Fatalf("analyzers %v, want %v", got, registry.Names())
	}
	for _, a := range as {
		if ps := patterns[a.Name]; len(ps) > 0 { // the fixtures exercise tenantrepo and tenantcache
			analysistest.Run(t, testdata(t), a, ps...)
		}
	}
}

func TestPluginChecksSetting(t *testing.T) {
	settings := map[string]any{"config": filepath.Join("testdata", "plugin.tenantlint.yaml"), "checks": []any{"tenantcache"}}
	as := analyzers(t, settings)
	if got := names(as); !slices.Equal(got, []string{"tenantcache"}) {
		t.Fatalf("analyzers %v, want tenantcache only", got)
	}
	analysistest.Run(t, testdata(t), as[0], patterns["tenantcache"]...)
}

// errorRecorder collects what analysistest reports.
type errorRecorder struct{ errs []string }

func (r *errorRecorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, format)
}

// TestPluginWithoutSettings: with no settings the configuration is the
// nearest .tenantlint.yaml above each package, and the fixtures have
// none (only the config setting names theirs).
func TestPluginWithoutSettings(t *testing.T) {
	as := analyzers(t, nil)
	if got := names(as); !slices.Equal(got, registry.Names()) {
		t.Fatalf("analyzers %v, want %v", got, registry.Names())
	}
	rec := new(errorRecorder)
	analysistest.Run(rec, testdata(t), as[0], "plugin/models")
	if len(rec.errs) == 0 {
		t.Error("the fixtures were analyzed without a configuration file")
	}
}

func TestPluginBadSettings(t *testing.T) {
	cases := map[string]struct {
		settings any
		want     []string
	}{
		"unknown setting":  {map[string]any{"confg": "x.yaml"}, []string{"tenantlint plugin settings", `unknown field "confg"`}},
		"unknown check":    {map[string]any{"checks": []any{"tenantfoo"}}, []string{"tenantlint plugin settings: checks", `unknown check "tenantfoo"`}},
		"checks not list":  {map[string]any{"checks": "tenantrepo"}, []string{"tenantlint plugin settings", "checks"}},
		"missing config":   {map[string]any{"config": "testdata/missing.yaml"}, []string{"tenantlint plugin settings: config", "missing.yaml"}},
		"invalid config":   {map[string]any{"config": "testdata/bad.tenantlint.yaml"}, []string{"bad.tenantlint.yaml:5:", "no-such-preset"}},
		"settings not map": {[]any{"tenantrepo"}, []string{"tenantlint plugin settings"}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := build(t, c.settings)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
}

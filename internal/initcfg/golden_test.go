package initcfg

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/benchgen"
	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/testfs"
)

// golden compares the proposal for the module in dir with
// testdata/<name>.golden (go test -update rewrites it) and returns the
// proposal, which must be a configuration tenantlint accepts.
func golden(t *testing.T, dir, name string) *config.Config {
	t.Helper()
	f := scan(t, dir)
	got := Render(f)
	if err := f.Check(filepath.Join(dir, config.FileName), got); err != nil {
		t.Fatalf("the proposal is rejected: %v\n%s", err, got)
	}
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("proposal differs from %s (go test -update rewrites it):\n%s", path, got)
	}
	cfg, err := config.Parse(path, got)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// essentials is what a configuration says, without comments and order.
func essentials(c *config.Config) map[string][]string {
	vals := func(ss []config.Str) []string {
		var out []string
		for _, s := range ss {
			out = append(out, s.Value)
		}
		return out
	}
	m := map[string][]string{
		"markers":    vals(c.Models.Markers),
		"types":      vals(c.Repository.Types),
		"key_func":   {c.Cache.KeyFunc.Value},
		"safe_types": vals(c.Cache.SafeTypes),
		"presets":    vals(c.Cache.Presets),
		"ignore":     vals(c.Ignore.Packages),
		"exclude":    vals(c.Models.Exclude),
	}
	for _, f := range c.Models.Fields {
		m["fields"] = append(m["fields"], f.Name+" "+f.Tag.Value+" "+f.Type.Value)
	}
	if fix := c.Repository.Fix; fix != nil {
		m["fix"] = []string{fix.Import.Value, fix.Template.Value}
	}
	for _, a := range c.Cache.APIs {
		var ms []string
		for name, k := range a.Methods {
			ms = append(ms, name+" "+strings.TrimSpace(strings.ReplaceAll(keyArgsText(k), "\n", "")))
		}
		sort.Strings(ms)
		m["apis"] = append(m["apis"], a.Type.Value+": "+strings.Join(ms, ", "))
	}
	return m
}

// TestShopGolden: on the example shop, init proposes what its
// hand-written .tenantlint.yaml says (the tenant.Cache safe type and the
// platform ignore included), so that tenantlint reports the 7 findings
// of EXPECTED.md (the end-to-end test of cmd/tenantlint runs it).
func TestShopGolden(t *testing.T) {
	offline(t)
	dir := testfs.ShopModule(t, "../..")
	cfg := golden(t, dir, "shop")
	hand, err := config.Load("../../examples/shop/.tenantlint.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := essentials(cfg), essentials(hand); !reflect.DeepEqual(got, want) {
		t.Errorf("the proposal differs from examples/shop/.tenantlint.yaml:\n got %v\nwant %v", got, want)
	}
}

// TestBenchGolden: on a small benchmark module, init proposes what the
// generator's hand-written .tenantlint.yaml says, its kv.Store cache API
// and tenant.Cache safe type included. The core module: the full one
// also needs keys that init does not propose for it (tenant_values from
// tenantID alone, the sync-map preset, a map field).
func TestBenchGolden(t *testing.T) {
	offline(t)
	dir := t.TempDir()
	if _, err := benchgen.Generate(dir, benchgen.Options{Packages: 4, Files: 2, Core: true}); err != nil {
		t.Fatal(err)
	}
	hand, err := config.Load(filepath.Join(dir, config.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, config.FileName)); err != nil {
		t.Fatal(err)
	}
	cfg := golden(t, dir, "bench")
	if got, want := essentials(cfg), essentials(hand); !reflect.DeepEqual(got, want) {
		t.Errorf("the proposal differs from the generator's .tenantlint.yaml:\n got %v\nwant %v", got, want)
	}
}

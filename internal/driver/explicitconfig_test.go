package driver_test

import (
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"github.com/tenantlint/tenantlint/internal/driver"
	"github.com/tenantlint/tenantlint/internal/index"
	"github.com/tenantlint/tenantlint/internal/testfs"
)

// TestExplicitConfigIndexesOnlyTheMainModule: a configuration named by
// --config or TENANTLINT_CONFIG applies to every package, the
// dependencies analyzed for their facts included; the run must still
// index only the module it checks, as with a discovered configuration,
// not every dependency module (go list of each one: on a real service,
// minutes).
func TestExplicitConfigIndexesOnlyTheMainModule(t *testing.T) {
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("GOWORK", "off")
	dir := t.TempDir()
	main, dep := filepath.Join(dir, "main"), filepath.Join(dir, "dep")
	files := map[string]string{
		"go.mod": "module example.com/changed\n\ngo 1.26\n\nrequire example.com/dep v0.0.0\n\nreplace example.com/dep => ../dep\n",
	}
	for name, src := range changedModule {
		if name != "go.mod" {
			files[name] = src
		}
	}
	// app imports the dependency module, which is analyzed for facts.
	files["app/use.go"] = "package app\n\nimport \"example.com/dep/lib\"\n\nvar _ = lib.Name\n"
	testfs.Write(t, main, files)
	testfs.Write(t, dep, map[string]string{
		"go.mod":     "module example.com/dep\n\ngo 1.26\n",
		"lib/lib.go": "package lib\n\nconst Name = \"lib\"\n",
	})
	cfg := filepath.Join(main, ".tenantlint.yaml")
	cases := []struct {
		name, config, env string
	}{
		{"discovered", "", ""},
		{"--config", cfg, ""},
		{"TENANTLINT_CONFIG", "", cfg},
	}
	var want []string
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("TENANTLINT_CACHE", t.TempDir())
			t.Setenv("TENANTLINT_CONFIG", c.env)
			var mu sync.Mutex
			var indexed []string
			res, err := driver.RunBuildIndex(driver.Options{Dir: main, Config: c.config}, []string{"./..."},
				func(root string, tests bool) (*index.Index, error) {
					mu.Lock()
					indexed = append(indexed, root)
					mu.Unlock()
					return index.Build(root, tests)
				})
			if err != nil {
				t.Fatalf("run: %v", err)
			}
			for _, root := range indexed {
				if root != main {
					t.Errorf("indexed the module at %s; only %s is checked", root, main)
				}
			}
			var got []string
			for _, f := range res.Findings {
				got = append(got, f.Message)
			}
			if len(got) != 1 {
				t.Fatalf("findings = %q, want one", got)
			}
			if want == nil {
				want = got
			} else if !reflect.DeepEqual(got, want) {
				t.Errorf("findings = %q, want those of the discovered configuration %q", got, want)
			}
		})
	}
}

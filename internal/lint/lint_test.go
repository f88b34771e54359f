package lint

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// TestExplicitConfig: drivers with no module tree to search (nogo) pass
// the configuration with an analyzer's -config flag, or through
// TENANTLINT_CONFIG; either one wins over the file found by walking up.
func TestExplicitConfig(t *testing.T) {
	dir := t.TempDir()
	found := filepath.Join(dir, ".tenantlint.yaml")
	explicit := filepath.Join(dir, "other.yaml")
	for path, fields := range map[string]string{found: "[TenantID]", explicit: "[OrgID]"} {
		if err := os.WriteFile(path, []byte("version: 1\nmodels:\n  fields: "+fields+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	field := func(e *Env) string {
		t.Helper()
		c, err := e.Loader.ForDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		return c.Models.Fields[0].Name
	}

	t.Setenv("TENANTLINT_CONFIG", "")
	if got := field(NewEnv()); got != "TenantID" {
		t.Errorf("walking up found %s, want TenantID", got)
	}

	e := NewEnv()
	fs := flag.NewFlagSet("tenantrepo", flag.ContinueOnError)
	e.ConfigFlag(fs)
	if err := fs.Parse([]string{"-config", explicit}); err != nil {
		t.Fatal(err)
	}
	if got := field(e); got != "OrgID" {
		t.Errorf("-config: got %s, want OrgID", got)
	}

	t.Setenv("TENANTLINT_CONFIG", explicit)
	if got := field(NewEnv()); got != "OrgID" {
		t.Errorf("TENANTLINT_CONFIG: got %s, want OrgID", got)
	}
}

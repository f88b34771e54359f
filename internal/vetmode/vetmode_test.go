package vetmode

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func TestFactsOnly(t *testing.T) {
	dir := t.TempDir()
	for name, tc := range map[string]struct {
		content string
		want    bool
	}{
		"facts only":   {`{"ID":"p","VetxOnly":true}`, true},
		"full run":     {`{"ID":"p","VetxOnly":false}`, false},
		"field absent": {`{"ID":"p"}`, false},
		"not json":     {`VetxOnly: true`, false},
	} {
		path := filepath.Join(dir, name+".cfg")
		if err := os.WriteFile(path, []byte(tc.content), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := readVetConfig(path).VetxOnly; got != tc.want {
			t.Errorf("%s: VetxOnly = %v, want %v", name, got, tc.want)
		}
	}
	if readVetConfig(filepath.Join(dir, "missing.cfg")).VetxOnly {
		t.Error("a missing file is not facts-only")
	}
}

// TestFailFast: an analyzer's error ends the process with status 1 and
// the error on stderr (go vet then stores nothing); a success returns.
func TestFailFast(t *testing.T) {
	boom := errors.New("bad config")
	a := &analysis.Analyzer{Name: "x", Doc: "x", Run: func(*analysis.Pass) (any, error) { return nil, boom }}
	var stderr strings.Builder
	code := -1
	failFast(a, &stderr, func(c int) { code = c })
	a.Run(&analysis.Pass{})
	if code != 1 || stderr.String() != "tenantlint: bad config\n" {
		t.Errorf("exit %d, stderr %q; want 1 and the error", code, stderr.String())
	}
	ok := &analysis.Analyzer{Name: "y", Doc: "y", Run: func(*analysis.Pass) (any, error) { return 42, nil }}
	code = -1
	failFast(ok, &stderr, func(c int) { code = c })
	if res, err := ok.Run(&analysis.Pass{}); res != 42 || err != nil || code != -1 {
		t.Errorf("success: %v, %v, exit %d", res, err, code)
	}
}

func TestFailedImport(t *testing.T) {
	dir := t.TempDir()
	for name, tc := range map[string]struct{ content, want string }{
		"all facts": {`{"ImportPath":"a/p","ImportMap":{"fmt":"fmt","unsafe":"unsafe","b":"a/b"},"PackageVetx":{"fmt":"x","a/b":"y"}}`, ""},
		"one failed": {`{"ImportPath":"a/p","ImportMap":{"fmt":"fmt","b":"a/b","c":"a/c"},"PackageVetx":{"fmt":"x","a/b":"y"}}`,
			"a/p not analyzed: the analysis of a/c, which it imports, failed"},
		"vendored, two failed": {`{"ImportPath":"a/p","ImportMap":{"b":"v/a/b","c":"a/c"},"PackageVetx":{}}`,
			"a/p not analyzed: the analysis of a/c, v/a/b, which it imports, failed"},
		"not json": {`ImportPath: a/p`, ""},
	} {
		path := filepath.Join(dir, name+".cfg")
		if err := os.WriteFile(path, []byte(tc.content), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg := readVetConfig(path)
		if got := failedImport(&cfg); got != tc.want {
			t.Errorf("%s: %q, want %q", name, got, tc.want)
		}
	}
}

// TestEnabledByFlags: the checks that run under unitchecker's -NAME
// flags, which tenantrepo asks about tenantsql.
func TestEnabledByFlags(t *testing.T) {
	all := []string{"tenantrepo", "tenantcache", "tenantctx", "tenantsql"}
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"vet.cfg"}, all},
		{[]string{"-tenantrepo", "vet.cfg"}, []string{"tenantrepo"}},
		{[]string{"--tenantrepo=true", "-tenantsql=1", "vet.cfg"}, []string{"tenantrepo", "tenantsql"}},
		{[]string{"-tenantsql=false", "vet.cfg"}, []string{"tenantrepo", "tenantcache", "tenantctx"}},
		{[]string{"-tenantrepo", "-tenantsql=false", "vet.cfg"}, []string{"tenantrepo"}},
		{[]string{"-tenantrepo.config=x.yaml", "-json", "-tenantsql=maybe", "vet.cfg"}, all},
	} {
		if got := enabledByFlags(c.args, all); !slices.Equal(got, c.want) {
			t.Errorf("%q: %v, want %v", c.args, got, c.want)
		}
	}
}

// TestBuildWorkDir: go's $WORK is the parent of a vet.cfg's action
// directory, b and digits; anything else is no build's.
func TestBuildWorkDir(t *testing.T) {
	for cfg, want := range map[string]string{
		"/tmp/go-build1/b001/vet.cfg":  "/tmp/go-build1",
		"/tmp/go-build1/b1234/vet.cfg": "/tmp/go-build1",
		"/tmp/go-build1/b/vet.cfg":     "",
		"/tmp/go-build1/b01x/vet.cfg":  "",
		"/tmp/go-build1/c001/vet.cfg":  "",
		"/tmp/go-build1/xb001/vet.cfg": "",
		"/tmp/go-build1/b 01/vet.cfg":  "",
	} {
		if got := buildWorkDir(cfg); got != want {
			t.Errorf("buildWorkDir(%q) = %q, want %q", cfg, got, want)
		}
	}
}

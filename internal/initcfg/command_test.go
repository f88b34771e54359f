package initcfg

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/config"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

func runMain(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = Main(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// wantOneLine fails unless s is a single line that contains every part.
func wantOneLine(t *testing.T, what, s string, parts ...string) {
	t.Helper()
	if strings.Count(s, "\n") != 1 || !strings.HasSuffix(s, "\n") {
		t.Errorf("%s: want one line, got %q", what, s)
	}
	for _, p := range parts {
		if !strings.Contains(s, p) {
			t.Errorf("%s: %q lacks %q", what, s, p)
		}
	}
}

// TestMainWritesRefusesAndForces runs init from a subdirectory: the file
// goes to the module root; a second run refuses to replace it and leaves
// it alone; --force replaces it, through a temporary file that does not
// stay behind.
func TestMainWritesRefusesAndForces(t *testing.T) {
	offline(t)
	dir := shapesModule(t)
	target := filepath.Join(dir, config.FileName)
	golden, err := os.ReadFile("testdata/shapes.golden")
	if err != nil {
		t.Fatal(err)
	}

	code, stdout, stderr := runMain(filepath.Join(dir, "internal", "models"))
	if code != ExitWritten || stderr != "" {
		t.Fatalf("init: exit %d, stderr %q; want 0 and nothing", code, stderr)
	}
	for _, want := range []string{
		"scanned example.com/shapes: 8 packages, 14 structs\n",
		"  tenant field: TenantID on 5 structs (proposed); also OrgID on 2 (commented out)\n",
		"  marker:       example.com/shapes/internal/tenant.Model, embedded by 3 of them (proposed); 1 more commented out\n",
		"  repository:   example.com/shapes/internal/store.Repo, instantiated with 3 of them (proposed); 1 more commented out\n",
		"  key_func:     example.com/shapes/internal/tenant.Key: named like a key function, in tenant code, used 2 times (proposed); 1 more commented out\n",
		"  presets:      go-redis (github.com/redis/go-redis/v9 in go.mod)\n",
		"wrote " + target + ": review it, then run tenantlint ./...\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if got, _ := os.ReadFile(target); !bytes.Equal(got, golden) {
		t.Errorf("%s differs from testdata/shapes.golden:\n%s", target, got)
	}

	const edited = "version: 1\n# edited by hand\n"
	testfs.WriteFile(t, target, edited)
	code, stdout, stderr = runMain(dir)
	if code != ExitError || stdout != "" {
		t.Errorf("init over an existing file: exit %d, stdout %q; want 2 and nothing", code, stdout)
	}
	wantOneLine(t, "refusal", stderr, "tenantlint init: ", target, "already exists", "--force")
	if got, _ := os.ReadFile(target); string(got) != edited {
		t.Errorf("the refusal changed the file: %q", got)
	}

	code, _, stderr = runMain("--force", dir)
	if code != ExitWritten || stderr != "" {
		t.Fatalf("init --force: exit %d, stderr %q", code, stderr)
	}
	if got, _ := os.ReadFile(target); !bytes.Equal(got, golden) {
		t.Errorf("--force did not write the proposal:\n%s", got)
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, config.FileName+".tmp-*"))
	if len(leftovers) != 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
}

// TestMainNoFields: a module without tenant fields gets no file (a file
// naming no field would make tenantrepo check nothing and look green),
// exit status 1, and a one-line reason.
func TestMainNoFields(t *testing.T) {
	offline(t)
	dir := writeModule(t, map[string]string{
		"go.mod": "module example.com/plain\n\ngo 1.26\n",
		"a/a.go": "package a\n\ntype Country struct{ Code string }\n",
	})
	code, stdout, stderr := runMain(dir)
	if code != ExitNoFields {
		t.Errorf("exit %d, want %d", code, ExitNoFields)
	}
	if !strings.Contains(stdout, "  tenant field: none found\n") {
		t.Errorf("stdout lacks the summary:\n%s", stdout)
	}
	wantOneLine(t, "no fields", stderr, "no tenant field in the 1 struct of example.com/plain", "TenantID", "wrote nothing")
	if _, err := os.Stat(filepath.Join(dir, config.FileName)); !os.IsNotExist(err) {
		t.Errorf("a file was written: %v", err)
	}
}

func TestMainErrors(t *testing.T) {
	offline(t)
	noModule := t.TempDir()
	aFile := filepath.Join(noModule, "file.txt")
	testfs.WriteFile(t, aFile, "x")
	withDir := writeModule(t, map[string]string{"go.mod": "module example.com/d\n\ngo 1.26\n", "a/a.go": "package a\n"})
	if err := os.Mkdir(filepath.Join(withDir, config.FileName), 0o755); err != nil {
		t.Fatal(err)
	}
	broken := writeModule(t, map[string]string{"go.mod": "module example.com/b\n\ngo 1.26\n", "a/a.go": "package a\n\ntype T struct { TenantID string }\n\nfunc f() { undefined() }\n"})

	for _, tc := range []struct {
		name  string
		args  []string
		parts []string
	}{
		{"no module", []string{noModule}, []string{"no go.mod in " + noModule + " or any directory above it; run it inside a Go module"}},
		{"not a directory", []string{aFile}, []string{aFile + " is not a directory"}},
		{"missing directory", []string{filepath.Join(noModule, "nope")}, []string{"no such file or directory"}},
		{"two directories", []string{noModule, noModule}, []string{"takes one directory, not 2 arguments"}},
		{"unknown flag", []string{"--bogus"}, []string{"unknown flag: --bogus"}},
		{"target is a directory", []string{"--force", withDir}, []string{"exists and is not a regular file"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runMain(tc.args...)
			if code != ExitError || stdout != "" {
				t.Errorf("exit %d, stdout %q; want 2 and nothing", code, stdout)
			}
			wantOneLine(t, tc.name, stderr, tc.parts...)
		})
	}

	// A package that does not type-check is scanned for what it has, and
	// named in a warning.
	code, stdout, stderr := runMain(broken)
	if code != ExitWritten || stderr != "" {
		t.Fatalf("broken package: exit %d, stderr %q", code, stderr)
	}
	if !strings.Contains(stdout, "warning: 1 package had load or type errors, their types may be incomplete:\n"+
		"  example.com/b/a: "+filepath.Join("a", "a.go")+":5:12: undefined: undefined\n") {
		t.Errorf("no warning about the broken package:\n%s", stdout)
	}
}

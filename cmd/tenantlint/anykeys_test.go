package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

// anykeyFiles (testdata/anykeys.txtar) caches in a sync.Map, a cache.apis
// type keyed by any and a map field (issue 16 point 3).
var anykeyFiles = testfs.MustReadTxtar("testdata/anykeys.txtar")

// TestAnyKeyedCaches: standalone and go vet -vettool report the string
// keys given to a sync.Map and to an any-keyed cache.apis method, and the
// index of a configured map field; the struct key is unchecked and the
// unconfigured map is no cache.
func TestAnyKeyedCaches(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, src := range anykeyFiles {
		testfs.WriteFile(t, filepath.Join(dir, name), src)
	}
	want := []string{
		"app/app.go:19:2: sync.Map.Load key is not tenant-scoped; wrap it as tenant.Key(ctx, key)",
		"app/app.go:21:2: kv.Store.Get key is not tenant-scoped; wrap it as tenant.Key(ctx, key)",
		"app/app.go:23:2: app.Service.users key is not tenant-scoped; wrap it as tenant.Key(ctx, key)",
	}
	diffLines(t, "standalone findings", standalone(t, dir), want)
	diffLines(t, "go vet -vettool findings", vet(t, dir), want)
}

// TestMapFieldConfigErrors: a cache.apis field that does not exist or is
// not a map stops tenantlint with one line naming the file, line and
// column, and exit status 2.
func TestMapFieldConfigErrors(t *testing.T) {
	t.Parallel()
	configErrors(t, anykeyFiles, []configEdit{
		{"app.Service.users", "app.Service.user",
			`^tenantlint: .*/\.tenantlint\.yaml:9:14: cache\.apis\.field: example\.com/anykeys/app\.Service has no field user$`},
		{"app.Service.users", "app.Service.kv",
			`^tenantlint: .*/\.tenantlint\.yaml:9:14: cache\.apis\.field: example\.com/anykeys/app\.Service\.kv has type kv\.Store, not a map$`},
	})
}

// configEdit replaces old by new in a module's .tenantlint.yaml; the run
// must stop with one line on stderr matching want.
type configEdit struct{ old, new, want string }

// configErrors runs tenantlint on files with each edit of the
// configuration and checks that it exits 2 with one line matching the
// edit's want, and writes nothing on stdout.
func configErrors(t *testing.T, files map[string]string, edits []configEdit) {
	t.Helper()
	for _, tt := range edits {
		dir := t.TempDir()
		for name, src := range files {
			if name == ".tenantlint.yaml" {
				src = strings.Replace(src, tt.old, tt.new, 1)
			}
			testfs.WriteFile(t, filepath.Join(dir, name), src)
		}
		r := lint(t, dir, "./...")
		if ls := lines(r.stderr); r.code != 2 || r.stdout != "" || len(ls) != 1 || !regexp.MustCompile(tt.want).MatchString(ls[0]) {
			t.Errorf("%s: exit %d, stdout %q, stderr:\n%s\nwant one line matching %s", tt.new, r.code, r.stdout, r.stderr, tt.want)
		}
	}
}

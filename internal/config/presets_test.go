package config

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestPresetsMatchTheLibraries keeps the preset table in step with what
// internal/cmd/presetcheck verified against the real method set of every
// major version of each library: every type of every preset API has a
// snapshot line for each version checked, with the digest of the table
// as it is now, and the snapshot has no line the table lacks. After
// changing a preset, run
//
//	go run ./internal/cmd/presetcheck -w internal/config/testdata/presets.txt
func TestPresetsMatchTheLibraries(t *testing.T) {
	f, err := os.Open("testdata/presets.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type key struct{ preset, pkg, typ string }
	checked := map[key][]string{} // the versions checked
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 7 {
			t.Fatalf("malformed snapshot line: %q", line)
		}
		k := key{cols[0], cols[2], cols[3]}
		api, ok := presetAPI(cols[0], cols[2])
		if !ok || !slices.Contains(api.Types, cols[3]) {
			t.Errorf("the snapshot checked %s %s.%s at %s, which the table no longer has", k.preset, k.pkg, k.typ, cols[1])
			continue
		}
		if cols[4] != api.Digest() {
			t.Errorf("preset %s: %s.%s changed since it was checked against %s: run go run ./internal/cmd/presetcheck -w internal/config/testdata/presets.txt", k.preset, k.pkg, k.typ, cols[1])
		}
		if cols[5] == "0" {
			t.Errorf("preset %s: %s.%s at %s has none of the table's methods", k.preset, k.pkg, k.typ, cols[1])
		}
		checked[k] = append(checked[k], cols[1])
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for name, apis := range Presets() {
		for _, api := range apis {
			for _, typ := range api.Types {
				if len(checked[key{name, api.Pkg, typ}]) == 0 {
					t.Errorf("preset %s: %s.%s was never checked against its library: run go run ./internal/cmd/presetcheck -w internal/config/testdata/presets.txt", name, api.Pkg, typ)
				}
			}
		}
	}
}

func presetAPI(preset, pkg string) (PresetAPI, bool) {
	for _, api := range Presets()[preset] {
		if api.Pkg == pkg {
			return api, true
		}
	}
	return PresetAPI{}, false
}

// TestPresetModules: a preset matches the modules that provide one of its
// packages (a module below the package path does not), and the other
// major versions of its libraries are named as such.
func TestPresetModules(t *testing.T) {
	for _, tt := range []struct {
		name    string
		sql     bool
		modules []string
		match   bool
		other   []string
	}{
		{"ristretto", false, []string{"github.com/dgraph-io/ristretto"}, true, nil},
		{"ristretto", false, []string{"github.com/dgraph-io/ristretto/v2"}, true, nil},
		{"ristretto", false, []string{"github.com/dgraph-io/ristretto/v3"}, false, []string{"github.com/dgraph-io/ristretto/v3"}},
		{"ristretto", false, []string{"github.com/dgraph-io/ristretto-extra"}, false, nil},
		{"golang-lru", false, []string{"github.com/hashicorp/golang-lru/arc/v2"}, true, nil},
		{"golang-lru", false, []string{"github.com/hashicorp/golang-lru/v3"}, false, []string{"github.com/hashicorp/golang-lru/v3"}},
		{"bigcache", false, []string{"github.com/allegro/bigcache/v4", "example.com/x"}, false, []string{"github.com/allegro/bigcache/v4"}},
		{"sync-map", false, nil, true, nil},
		{"pgx", true, []string{"github.com/jackc/pgx/v4"}, false, []string{"github.com/jackc/pgx/v4"}},
		{"pgx", true, []string{"github.com/jackc/pgx/v5/pgxpool/sub"}, false, nil},
		{"pop", true, []string{"github.com/ory/pop/v6"}, true, nil},
		{"squirrel", true, []string{"github.com/Masterminds/squirrel"}, true, nil},
		{"database/sql", true, nil, true, nil},
	} {
		if got := PresetMatchesModules(tt.name, tt.sql, tt.modules); got != tt.match {
			t.Errorf("PresetMatchesModules(%s, %v) = %v, want %v", tt.name, tt.modules, got, tt.match)
		}
		if got := OtherMajorVersions(tt.name, tt.sql, tt.modules); !slices.Equal(got, tt.other) {
			t.Errorf("OtherMajorVersions(%s, %v) = %v, want %v", tt.name, tt.modules, got, tt.other)
		}
	}
	if got, want := FormatPresetPackages(PresetPackages("golang-lru", false)),
		"github.com/hashicorp/golang-lru, .../arc/v2, .../v2, .../v2/expirable"; got != want {
		t.Errorf("golang-lru covers %q, want %q", got, want)
	}
}

// TestReadGoMod: the module and its requirements are read; a go.mod with
// several errors gives one line that names each.
func TestReadGoMod(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/go.mod"
	write := func(src string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("module example.com/p\n\nrequire github.com/redis/go-redis/v9 v9.0.0\n\nreplace example.com/x => ./x\n")
	mods, err := ReadRequiredModules(path)
	if want := []string{"example.com/p", "github.com/redis/go-redis/v9"}; err != nil || !slices.Equal(mods, want) {
		t.Errorf("ReadRequiredModules = %q, %v; want %q", mods, err, want)
	}
	write("module example.com/p\n\nrequire a\n\nrequire b\n")
	_, err = ReadGoMod(path)
	if err == nil || strings.Contains(err.Error(), "\n") || !strings.HasPrefix(err.Error(), "parsing go.mod: "+path+":3:") ||
		!strings.Contains(err.Error(), " | "+path+":5:") {
		t.Errorf("two errors: got %v, want one line naming lines 3 and 5", err)
	}
	if _, err := ReadGoMod(dir + "/none"); err == nil || !strings.HasPrefix(err.Error(), "reading go.mod: ") {
		t.Errorf("a missing go.mod: got %v", err)
	}
}

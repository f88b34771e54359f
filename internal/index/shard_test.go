package index_test

import (
	"encoding/binary"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tenantlint/tenantlint/internal/benchgen"
	"github.com/tenantlint/tenantlint/internal/index"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// TestShardsAnswerAsTheWholeIndex: in a go vet build, every process after
// the first reads only its package's shard, without walking the module
// (the module is deleted before they run here), and every question gets
// the answer the whole index gives: coverage of the package's own models
// from the shard, anything else from the whole index, read on demand.
func TestShardsAnswerAsTheWholeIndex(t *testing.T) {
	t.Setenv("GOFLAGS", "-mod=mod")
	for name, dir := range map[string]string{"sites": benchgenModule(t), "methods": writeReposModule(t)} {
		t.Run(name, func(t *testing.T) {
			t.Setenv("TENANTLINT_CACHE", t.TempDir())
			work := t.TempDir()
			first := &index.Provider{WorkDir: work}
			whole, err := first.ForPackage(dir, true, "any")
			if err != nil {
				t.Fatal(err)
			}
			if whole.Shard != "" {
				t.Fatalf("the build's first process got shard %q, want the whole index", whole.Shard)
			}
			if err := os.RemoveAll(dir); err != nil {
				t.Fatal(err)
			}
			checkShards(t, work, dir, whole)
		})
	}
}

func benchgenModule(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := benchgen.Generate(dir, benchgen.Options{Packages: 6, Files: 1}); err != nil {
		t.Fatal(err)
	}
	for name, src := range testFiles {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func checkShards(t *testing.T, work, dir string, whole *index.Index) {
	t.Helper()
	models := indexedModels(whole)
	if len(models) == 0 {
		t.Fatal("the index names no model")
	}
	repoTypes := map[rules.QName]bool{}
	for _, sites := range whole.Sites {
		for _, s := range sites {
			i := strings.LastIndex(s.Generic, ".")
			repoTypes[rules.QName{Pkg: s.Generic[:i], Name: s.Generic[i+1:]}] = true
		}
	}
	anyRepo := func(_, _ []string) bool { return true }
	pkgs := slices.Sorted(maps.Keys(whole.Names))
	for _, pkg := range pkgs {
		later := &index.Provider{WorkDir: work} // another process of the build
		shard, err := later.ForPackage(dir, true, pkg)
		if err != nil {
			t.Fatalf("%s: %v", pkg, err)
		}
		if shard.Shard != pkg || shard.Hash != whole.Hash {
			t.Fatalf("%s: got shard %q with hash %s, want its own shard of index %s", pkg, shard.Shard, shard.Hash, whole.Hash)
		}
		if got, want := shard.SQLPackageCount(), whole.SQLPackageCount(); got != want {
			t.Errorf("shard %s: SQLPackageCount() = %d, want the whole index's %d", pkg, got, want)
		}
		for _, m := range models {
			for _, tests := range []bool{false, true} {
				gs, gok := shard.Covering(m, repoTypes, tests)
				ws, wok := whole.Covering(m, repoTypes, tests)
				if gs != ws || gok != wok {
					t.Errorf("shard %s: Covering(%s, tests=%v) = %+v %v, want %+v %v", pkg, m, tests, gs, gok, ws, wok)
				}
				gn, gr, gok := shard.CoveringByMethods(m, anyRepo, tests)
				wn, wr, wok := whole.CoveringByMethods(m, anyRepo, tests)
				if gn != wn || !reflect.DeepEqual(gr, wr) || gok != wok {
					t.Errorf("shard %s: CoveringByMethods(%s, tests=%v) = %s %v, want %s %v", pkg, m, tests, gn, gok, wn, wok)
				}
			}
		}
		for _, typ := range append(slices.Sorted(maps.Keys(whole.Unreferenced)), pkg+".NotAType") {
			if got, want := shard.IsUnreferenced(typ), whole.IsUnreferenced(typ); got != want {
				t.Errorf("shard %s: IsUnreferenced(%s) = %v, want %v", pkg, typ, got, want)
			}
		}
		for _, other := range pkgs {
			if got, want := shard.PackageName(other), whole.PackageName(other); got != want {
				t.Errorf("shard %s: PackageName(%s) = %q, want %q", pkg, other, got, want)
			}
			if got, want := shard.Reaches(other, pkg), whole.Reaches(other, pkg); got != want {
				t.Errorf("shard %s: Reaches(%s) = %v, want %v", pkg, other, got, want)
			}
		}
	}
}

// indexedModels lists every model the index has a site or a
// method-described repository for.
func indexedModels(ix *index.Index) []rules.QName {
	var out []rules.QName
	for _, key := range append(slices.Sorted(maps.Keys(ix.Sites)), slices.Sorted(maps.Keys(ix.ByModel))...) {
		i := strings.LastIndex(key, ".")
		out = append(out, rules.QName{Pkg: key[:i], Name: key[i+1:]})
	}
	return out
}

// TestDamagedShards: a shards file that is missing, cut short or not one
// (a cache folder cleaned or a disk filled in the middle of a build)
// sends its reader to the whole index.
func TestDamagedShards(t *testing.T) {
	t.Setenv("GOFLAGS", "-mod=mod")
	cache := t.TempDir()
	t.Setenv("TENANTLINT_CACHE", cache)
	dir := writeReposModule(t)
	work := t.TempDir()
	whole, err := (&index.Provider{WorkDir: work}).Get(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(cache, "shards", "*"))
	if len(files) != 1 || filepath.Base(files[0]) != whole.Hash {
		t.Fatalf("shards files %v, want one named by the index hash %s", files, whole.Hash)
	}
	good, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	const pkg = "example.com/r/models"
	for name, data := range map[string][]byte{
		"intact":    good,
		"cut short": good[:12+16*int(binary.LittleEndian.Uint32(good[8:12]))+1], // the table, no whole shard
		"no table":  good[:12],
		"not one":   []byte("not a shards file at all"),
		"missing":   nil,
	} {
		os.Remove(files[0])
		if data != nil {
			if err := os.WriteFile(files[0], data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := (&index.Provider{WorkDir: work}).ForPackage(dir, false, pkg)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		wantShard := map[bool]string{true: pkg, false: ""}[name == "intact"]
		if got.Shard != wantShard || got.Hash != whole.Hash {
			t.Errorf("%s: got shard %q of index %s, want shard %q of %s", name, got.Shard, got.Hash, wantShard, whole.Hash)
		}
	}
}

// TestShardsShared: a state of the module whose index did not change (an
// edit inside a function body) reuses the shards file.
func TestShardsShared(t *testing.T) {
	t.Setenv("GOFLAGS", "-mod=mod")
	cache := t.TempDir()
	t.Setenv("TENANTLINT_CACHE", cache)
	dir := writeReposModule(t)
	build := func() *index.Index {
		t.Helper()
		tree, err := index.Walk(dir)
		if err != nil {
			t.Fatal(err)
		}
		ix, err := index.Cached(tree, false)
		if err != nil {
			t.Fatal(err)
		}
		return ix
	}
	first := build()
	shards := filepath.Join(cache, "shards", first.Hash)
	old := time.Now().Add(-time.Minute)
	if err := os.Chtimes(shards, old, old); err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(dir, "models", "models.go")
	src, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f, append(src, "\nfunc helper() int { return 1 }\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	second := build()
	if second.Hash != first.Hash {
		t.Fatalf("a new function changed the index: %s → %s", first.Hash, second.Hash)
	}
	indexes, _ := filepath.Glob(filepath.Join(cache, "*-tests=false.gob"))
	if len(indexes) != 2 {
		t.Errorf("index files %v, want one per module state", indexes)
	}
	if st, err := os.Stat(shards); err != nil || !st.ModTime().Equal(old) {
		t.Errorf("the shards file was written again (or is gone: %v)", err)
	}
}

// TestCachedHash: go vet's -V=full reads the index's hash alone; without
// the hash file it reads the index.
func TestCachedHash(t *testing.T) {
	t.Setenv("GOFLAGS", "-mod=mod")
	cache := t.TempDir()
	t.Setenv("TENANTLINT_CACHE", cache)
	dir := writeReposModule(t)
	tree, err := index.Walk(dir)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Cached(tree, false)
	if err != nil {
		t.Fatal(err)
	}
	hashes, _ := filepath.Glob(filepath.Join(cache, "*.hash"))
	if len(hashes) != 1 {
		t.Fatalf("hash files: %v, want one", hashes)
	}
	indexFile := strings.TrimSuffix(hashes[0], ".hash")
	// The hash alone is read: a damaged index file does not matter.
	if err := os.WriteFile(indexFile, []byte("damaged"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := index.CachedHash(tree, false); err != nil || got != ix.Hash {
		t.Errorf("CachedHash = %q, %v; want %s", got, err, ix.Hash)
	}
	// Without the hash file the index is read (here rebuilt).
	if err := os.Remove(hashes[0]); err != nil {
		t.Fatal(err)
	}
	if got, err := index.CachedHash(tree, false); err != nil || got != ix.Hash {
		t.Errorf("without the hash file: CachedHash = %q, %v; want %s", got, err, ix.Hash)
	}
}

// TestShardsWithoutCache: with no usable cache folder, the build's work
// folder holds the index and its shards, and later processes still read
// only their shard.
func TestShardsWithoutCache(t *testing.T) {
	t.Setenv("GOFLAGS", "-mod=mod")
	notADir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notADir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TENANTLINT_CACHE", notADir) // MkdirAll under it fails
	dir := writeReposModule(t)
	work := t.TempDir()
	whole, err := (&index.Provider{WorkDir: work}).Get(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	const pkg = "example.com/r/models"
	got, err := (&index.Provider{WorkDir: work}).ForPackage(dir, false, pkg)
	if err != nil {
		t.Fatal(err)
	}
	if got.Shard != pkg || got.Hash != whole.Hash {
		t.Errorf("got shard %q of index %s, want shard %q of %s", got.Shard, got.Hash, pkg, whole.Hash)
	}
	if files, _ := filepath.Glob(filepath.Join(work, "shards", "*")); len(files) != 1 {
		t.Errorf("shards files in the work folder: %v, want one", files)
	}
}

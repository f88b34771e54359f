package index

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/diskcache"
	"github.com/tenantlint/tenantlint/internal/golist"
	"github.com/tenantlint/tenantlint/internal/modfacts"
)

// Tree is what a walk of the module's directory found: every Go file and
// build-relevant file with its size and modification time, and every
// configuration file. Its Key changes whenever one of them does.
type Tree struct {
	Root    string
	Configs []string        // .tenantlint.yaml files inside the module
	Dirs    map[string]bool // directories with non-test Go files
	Key     string
	// Racy is set when a file changed too recently for its time and
	// size to name its content; Key then includes the content of such
	// files, so it can still be trusted (the module index is cached
	// under it), but the standalone whole-run cache, which could not
	// tell a later same-size rewrite, stores nothing for it.
	Racy bool
	// statKey is Key without the racy files' contents: the Key the same
	// files get once they are no longer racy (see aliasFor).
	statKey string
	racy    []racyFile
}

// racyFile is a file that was racy when the tree was walked, with the
// hash of the content it had then.
type racyFile struct{ path, sum string }

// racyWindow is how recent a file's modification must be for results
// keyed by the walk not to be stored: a same-size rewrite within the file
// system's timestamp granularity would keep the key (git's racy entries).
const racyWindow = 2 * time.Second

// Walk lists the module under root. Directories that the go command
// ignores (testdata, vendor, names starting with . or _) and nested
// modules are skipped.
func Walk(root string) (*Tree, error) { return walkAt(root, time.Now()) }

func walkAt(root string, now time.Time) (*Tree, error) {
	h := sha256.New()
	fmt.Fprintf(h, "tenantlint index v3 %s %s %s/%s %s\n", root, runtime.Version(), runtime.GOOS, runtime.GOARCH, diskcache.ToolIdentity())
	for _, v := range []string{"GOFLAGS", "GOOS", "GOARCH", "CGO_ENABLED", "GOEXPERIMENT", "GOWORK", "GOPATH", "GO111MODULE"} {
		fmt.Fprintf(h, "%s=%s\n", v, os.Getenv(v))
	}
	t := &Tree{Root: root, Dirs: map[string]bool{}}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			if path != root {
				if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
					return filepath.SkipDir
				}
			}
			return nil
		}
		relevant := strings.HasSuffix(name, ".go") || name == "go.mod" || name == "go.sum" || name == "go.work" || name == config.FileName
		if !relevant {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			// The link's own size and time say nothing of its target,
			// which may change outside the walk: the key takes what is
			// read through the link (an error, for a dangling one).
			sum, err := diskcache.FileSum(path)
			fmt.Fprintf(h, "%s link %s %v\n", rel, sum, err)
		default:
			fmt.Fprintf(h, "%s %d %d\n", rel, info.Size(), info.ModTime().UnixNano())
		}
		if d.Type()&fs.ModeSymlink == 0 && now.Sub(info.ModTime()) < racyWindow {
			// A same-size rewrite could keep the time: the content
			// itself goes into the key (as git re-hashes racy entries).
			sum, err := diskcache.FileSum(path)
			if err != nil {
				return err
			}
			t.racy = append(t.racy, racyFile{path, sum})
		}
		switch {
		case name == config.FileName:
			t.Configs = append(t.Configs, path)
		case strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go"):
			t.Dirs[filepath.Dir(path)] = true
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("walking module %s: %w", root, err)
	}
	t.statKey = hex.EncodeToString(h.Sum(nil))
	t.Key, t.Racy = t.statKey, len(t.racy) > 0
	if t.Racy {
		for _, f := range t.racy {
			fmt.Fprintf(h, "racy %s %s\n", f.path, f.sum)
		}
		t.Key = hex.EncodeToString(h.Sum(nil))
	}
	return t, nil
}

// An index built while files were racy is stored under a key that
// includes their contents. Moments later the same files are no longer
// racy and the tree's key is its statKey: without more, the index would
// be built again (in a go vet run right after an edit, -V=full built it
// and then the first vet process built it a second time). So a racy
// tree also leaves an alias under its statKey that names its key and
// the racy files' contents; a later tree with that key uses the index
// if those files still have those contents (git's racily-clean check).

func aliasFile(key string) string { return filepath.Join(diskcache.Dir(), "aliases", key) }

// writeAlias records the racy tree t under its statKey.
func writeAlias(t *Tree) {
	var b strings.Builder
	b.WriteString(t.Key + "\n")
	for _, f := range t.racy {
		fmt.Fprintf(&b, "%s %s\n", f.sum, f.path)
	}
	_ = diskcache.WriteFile(aliasFile(t.statKey), []byte(b.String()))
}

// aliasFor returns the key of the racy tree recorded under t's key whose
// racy files still have the contents they had then.
func aliasFor(t *Tree) (string, bool) {
	if t.Racy {
		return "", false
	}
	data, err := diskcache.ReadFile(aliasFile(t.Key))
	if err != nil {
		return "", false
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	for _, line := range lines[1:] {
		sum, path, ok := strings.Cut(line, " ")
		if !ok {
			return "", false
		}
		if now, err := diskcache.FileSum(path); err != nil || now != sum {
			return "", false
		}
	}
	return lines[0], len(lines[0]) == sha256.Size*2
}

// Build indexes the module at root at a fraction of a full load's cost:
// only package-level declarations matter, so function bodies are not
// type-checked, dependencies outside the module come from the export
// data that the build cache already holds (those inside it too when
// scans are cached, see sourceOrder), and each package's syntax is
// dropped as soon as it is scanned.
func Build(root string, tests bool) (*Index, error) {
	pkgs, err := golist.List(root, tests, "./...")
	if err != nil {
		return nil, err
	}
	return FromList(root, tests, pkgs), nil
}

// Provider hands out indexes, building each at most once per process and
// reusing the on-disk cache across processes.
type Provider struct {
	// WorkDir, when set, is a directory shared by the processes of one
	// build (go vet's $WORK): the first process stores the index there
	// and the others read it without walking the module.
	WorkDir string
	// Build builds the index of the module at root when no cache holds
	// it; nil means Build (go list). The standalone driver's tests count
	// the modules indexed through it.
	Build func(root string, tests bool) (*Index, error)

	memos memoTable
}

// memoTable holds the indexes of one process by key, each built once.
type memoTable struct {
	mu    sync.Mutex
	byKey map[string]*entry
}

type entry struct {
	once sync.Once
	ix   *Index
	err  error
}

// Seed installs an index built by the caller (the standalone driver
// builds it from packages it has loaded anyway).
func (p *Provider) Seed(ix *Index) {
	e := &entry{ix: ix}
	e.once.Do(func() {})
	m := &p.memos
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.byKey == nil {
		m.byKey = map[string]*entry{}
	}
	m.byKey[memoKey(ix.Root, ix.Tests)] = e
}

func memoKey(root string, tests bool) string { return fmt.Sprintf("%s\x00%v", root, tests) }

// Get returns the whole index of the module at root.
func (p *Provider) Get(root string, tests bool) (*Index, error) {
	return p.memo(memoKey(root, tests), func() (*Index, error) { return p.load(root, tests) })
}

// ForPackage returns what the analysis of package pkg needs from the index
// of the module at root. In a go vet process (WorkDir set) that comes
// after the first one of its build, that is pkg's shard, read without
// walking the module; otherwise the whole index.
func (p *Provider) ForPackage(root string, tests bool, pkg string) (*Index, error) {
	if p.WorkDir == "" {
		return p.Get(root, tests)
	}
	return p.memo(memoKey(root, tests)+"\x00"+pkg, func() (*Index, error) {
		if _, shards, ok := p.readRef(root, tests); ok {
			if s, err := readShard(shards, pkg); err == nil {
				s.full = func() (*Index, error) { return p.Get(root, tests) }
				return s, nil
			}
		}
		return p.Get(root, tests)
	})
}

// Facts implements modfacts.Provider with ForPackage.
func (p *Provider) Facts(root string, tests bool, pkg string) (modfacts.Facts, error) {
	ix, err := p.ForPackage(root, tests, pkg)
	if err != nil {
		return nil, err
	}
	return ix, nil
}

// memo runs load once per key and process.
func (p *Provider) memo(key string, load func() (*Index, error)) (*Index, error) {
	return p.memos.do(key, load)
}

// do runs load once per key.
func (m *memoTable) do(key string, load func() (*Index, error)) (*Index, error) {
	m.mu.Lock()
	if m.byKey == nil {
		m.byKey = map[string]*entry{}
	}
	e, ok := m.byKey[key]
	if !ok {
		e = &entry{}
		m.byKey[key] = e
	}
	m.mu.Unlock()
	e.once.Do(func() { e.ix, e.err = load() })
	return e.ix, e.err
}

// refFile is where the processes of one go vet build leave each other the
// names of the module's index file and shards file.
func (p *Provider) refFile(root string, tests bool) string {
	sum := sha256.Sum256([]byte(memoKey(root, tests)))
	return filepath.Join(p.WorkDir, "tenantlint-index-"+hex.EncodeToString(sum[:8])+".ref")
}

func (p *Provider) readRef(root string, tests bool) (index, shards string, ok bool) {
	data, err := os.ReadFile(p.refFile(root, tests))
	if err != nil {
		return "", "", false
	}
	index, shards, ok = strings.Cut(string(data), "\n")
	return index, shards, ok
}

func (p *Provider) load(root string, tests bool) (*Index, error) {
	if p.WorkDir != "" {
		if file, _, ok := p.readRef(root, tests); ok {
			if ix, err := readIndex(file); err == nil {
				return ix, nil
			}
		}
	}
	t, err := Walk(root)
	if err != nil {
		return nil, err
	}
	build := p.Build
	if build == nil {
		build = Build
	}
	ix, file, err := cached(t, tests, func() (*Index, error) { return build(t.Root, tests) })
	if err != nil || p.WorkDir == "" {
		return ix, err
	}
	shards := shardsFile(diskcache.Dir(), ix.Hash)
	if file == "" {
		// No cache folder: the build's own folder holds it instead.
		file = strings.TrimSuffix(p.refFile(root, tests), ".ref") + ".gob"
		shards = shardsFile(p.WorkDir, ix.Hash)
		if storeIndex(file, shards, ix) != nil {
			return ix, nil
		}
	}
	_ = diskcache.WriteFile(p.refFile(root, tests), []byte(file+"\n"+shards))
	return ix, nil
}

// Cached returns the index for a walked tree from the on-disk cache, or
// builds and stores it. Concurrent processes building the same state
// take turns through a lock file so that only the first one does work.
func Cached(t *Tree, tests bool) (*Index, error) {
	return CachedWith(t, tests, func() (*Index, error) { return Build(t.Root, tests) })
}

// CachedWith is Cached with the index built by build when the cache
// lacks it (the standalone driver builds it from its own listing).
func CachedWith(t *Tree, tests bool, build func() (*Index, error)) (*Index, error) {
	ix, _, err := cached(t, tests, build)
	return ix, err
}

// CachedHash returns the hash of the tree's index, reading only the hash
// when the index is cached.
func CachedHash(t *Tree, tests bool) (string, error) {
	keys := []string{t.Key}
	if k, ok := aliasFor(t); ok {
		keys = append(keys, k)
	}
	for _, key := range keys {
		if data, err := diskcache.ReadFile(hashFile(indexFile(key, tests))); err == nil && len(data) == sha256.Size*2 {
			return string(data), nil
		}
	}
	ix, err := Cached(t, tests)
	if err != nil {
		return "", err
	}
	return ix.Hash, nil
}

func indexFile(key string, tests bool) string {
	return filepath.Join(diskcache.Dir(), fmt.Sprintf("%s-tests=%v.gob", key, tests))
}

// cached is CachedWith that also returns the index's file, or "" when it
// could not be stored.
func cached(t *Tree, tests bool, build func() (*Index, error)) (*Index, string, error) {
	file := indexFile(t.Key, tests)
	if ix, err := readIndex(file); err == nil {
		return ix, file, nil
	}
	if key, ok := aliasFor(t); ok {
		if ix, err := readIndex(indexFile(key, tests)); err == nil {
			return ix, indexFile(key, tests), nil
		}
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		ix, err := build() // no cache; still correct
		return ix, "", err
	}
	unlock := diskcache.Lock(file + ".lock")
	defer unlock()
	if ix, err := readIndex(file); err == nil {
		return ix, file, nil
	}
	ix, err := build()
	if err != nil {
		return nil, "", err
	}
	if storeIndex(file, shardsFile(diskcache.Dir(), ix.Hash), ix) != nil {
		return ix, "", nil
	}
	if t.Racy {
		writeAlias(t)
	}
	return ix, file, nil
}

// Covers reports whether the loaded packages include every package
// directory of the tree, so that an index built from them is complete.
func (t *Tree) Covers(dirs map[string]bool) bool {
	for d := range t.Dirs {
		if !dirs[d] {
			return false
		}
	}
	return true
}

// SortedConfigs returns the tree's configuration files, sorted.
func (t *Tree) SortedConfigs() []string {
	c := append([]string(nil), t.Configs...)
	sort.Strings(c)
	return c
}

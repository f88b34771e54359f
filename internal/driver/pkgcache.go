package driver

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/diskcache"
	"github.com/tenantlint/tenantlint/internal/golist"
)

// pkgCache keeps each package's analysis result (findings, statistics,
// fixes, facts) between standalone runs, keyed like the go command keys
// its actions: by everything the result depends on. After an edit, only
// the packages whose key changed are analyzed again: the edited package,
// and those whose dependencies' export data or facts changed with it.
type pkgCache struct {
	dir  string
	base string // what every key shares: tool, go, flags

	configSums sync.Map // path → SHA-256 of a configuration file, read once per run
}

// newPkgCache returns the cache of a run of the analyzers named checks.
func newPkgCache(checks []string, tests bool) *pkgCache {
	h := sha256.New()
	fmt.Fprintf(h, "tenantlint package results v2\n%s\n%s %s/%s\n", diskcache.ToolIdentity(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	for _, v := range []string{"GOOS", "GOARCH", "GOFLAGS", "CGO_ENABLED", "GOEXPERIMENT", "GOROOT", "GOTOOLCHAIN", "TENANTLINT_CONFIG"} {
		fmt.Fprintf(h, "%s=%s\n", v, os.Getenv(v))
	}
	fmt.Fprintf(h, "checks=%q tests=%v\n", checks, tests)
	return &pkgCache{dir: filepath.Join(diskcache.Dir(), "packages"), base: hex.EncodeToString(h.Sum(nil))}
}

// key names a unit's result, or is "" when an input cannot be read (then
// the unit is analyzed and not stored). The files it reads are kept in
// the unit: the analysis parses those bytes, so a result is stored only
// under the key of the content it was computed from, and a cache miss
// reads and hashes each file once. It covers the unit's identity,
// the content of each of its files, each import's export data (whose
// file name in the build cache is its content hash) and facts, the
// configuration that applies (its file's content, and the override's),
// and, for a package it reports on, the module index the analyzers
// consult (a repository added in another package changes the index and
// so every such key).
func (c *pkgCache) key(s *streamer, u *unit) string {
	p := u.p
	h := sha256.New()
	fmt.Fprintf(h, "%s\nid=%s dir=%s fortest=%s report=%v\n", c.base, p.ImportPath, p.Dir, p.ForTest, u.report)
	for _, name := range p.Files() {
		_, sum, err := u.read(s.readFile, name)
		if err != nil {
			return ""
		}
		fmt.Fprintf(h, "file %s %x\n", name, sum)
	}
	factsOf := map[string]string{}
	for _, d := range u.deps {
		factsOf[d.p.ImportPath] = d.factsID
	}
	imports := append([]string(nil), p.Imports...)
	sort.Strings(imports)
	for _, id := range imports {
		dep := s.byID[id]
		if dep == nil || (dep.Export == "" && id != "unsafe" && id != "C") {
			return ""
		}
		fmt.Fprintf(h, "import %s %s facts=%s\n", id, dep.Export, factsOf[id])
	}
	cfg, err := s.env.Loader.ForDir(p.Dir)
	if config.IsNotFound(err) && !u.report {
		// A dependency outside any configured tree (another module):
		// analyzed for its facts with no rules, as lint.RulesFor does.
		fmt.Fprintf(h, "config none\n")
		return hex.EncodeToString(h.Sum(nil))
	}
	if err != nil {
		return "" // reported by the analysis, never stored
	}
	// cfg.Path is the --config/TENANTLINT_CONFIG file when one is given.
	sum, ok := c.configSum(cfg.Path)
	if !ok {
		return ""
	}
	fmt.Fprintf(h, "config %s %s\n", cfg.Path, sum)
	if !u.report {
		// A dependency analyzed for its facts runs only the analyzers
		// that export facts, which read its rules (lint.RulesFor) and
		// never the module index: the index is no input of its result.
		// Asking for it anyway built an index of every dependency module
		// whenever --config or TENANTLINT_CONFIG gave the dependencies a
		// configuration (go list of each module: minutes on a service).
		return hex.EncodeToString(h.Sum(nil))
	}
	ix, err := s.env.Index.Get(golist.RootFor(p.Dir, p.PkgPath(), cfg.Dir()), !cfg.TestsIgnored())
	if err != nil {
		return ""
	}
	fmt.Fprintf(h, "index %s\n", ix.Hash)
	return hex.EncodeToString(h.Sum(nil))
}

// configSum hashes a configuration file once per run: every package of
// a module shares it.
func (c *pkgCache) configSum(path string) (string, bool) {
	if sum, ok := c.configSums.Load(path); ok {
		return sum.(string), true
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", false
	}
	sum := fmt.Sprintf("%x", sha256.Sum256(data))
	c.configSums.Store(path, sum)
	return sum, true
}

func (c *pkgCache) file(key string) string {
	return filepath.Join(c.dir, key[:2], key+".json")
}

func (c *pkgCache) load(key string) (*unitResult, bool) {
	if key == "" {
		return nil, false
	}
	out := new(unitResult)
	if !diskcache.LoadJSON(c.file(key), out) {
		return nil, false // missing or damaged: analyzed again, and stored anew
	}
	return out, true
}

// store writes a unit's result; failing to only costs a later run time.
func (c *pkgCache) store(key string, out *unitResult) {
	_ = diskcache.StoreJSON(c.file(key), out)
}

// Package vetmode runs the analyzers under the go vet protocol
// (go vet -vettool, go fix -fixtool): unitchecker does the work, and this
// package adds a -V=full identity that covers the configuration and the
// module index, so that go vet's cache never replays stale findings.
package vetmode

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/diskcache"
	"github.com/tenantlint/tenantlint/internal/golist"
	"github.com/tenantlint/tenantlint/internal/index"
	"github.com/tenantlint/tenantlint/internal/registry"
)

// Invoked reports whether the arguments follow the go vet protocol:
// -flags, a leading -V, or a trailing .cfg file.
func Invoked(args []string) bool {
	if len(args) == 0 {
		return false
	}
	if strings.HasPrefix(args[0], "-V") || strings.HasSuffix(args[len(args)-1], ".cfg") {
		return true
	}
	for _, a := range args {
		if a == "-flags" || a == "--flags" {
			return true
		}
	}
	return false
}

// Main runs the vet protocol and exits.
func Main(args []string) {
	if strings.HasPrefix(args[0], "-V") {
		if args[0] != "-V=full" {
			fmt.Fprintf(os.Stderr, "tenantlint: unsupported flag %s (use -V=full)\n", args[0])
			os.Exit(2)
		}
		fmt.Println(VersionLine())
		diskcache.Trim() // once per go vet run, as go trims its own cache
		os.Exit(0)
	}
	env := registry.NewEnv()
	if cfg := args[len(args)-1]; strings.HasSuffix(cfg, ".cfg") {
		env.Index.WorkDir = buildWorkDir(cfg)
		env.FactsOnly = factsOnly(cfg)
	}
	analyzers, err := registry.Analyzers(env, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, "tenantlint:", err)
		os.Exit(2)
	}
	unitchecker.Main(analyzers...)
}

// factsOnly reports whether the vet.cfg at path asks only for facts
// (VetxOnly). Any doubt answers false: unitchecker reports a bad file
// itself.
func factsOnly(path string) bool {
	data, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	var cfg struct{ VetxOnly bool }
	return json.Unmarshal(data, &cfg) == nil && cfg.VetxOnly
}

var actionDir = regexp.MustCompile(`^b[0-9]+$`)

// buildWorkDir returns go's $WORK for a vet.cfg in $WORK/bNNN/, shared by
// all the tool's processes of one go vet run, or "".
func buildWorkDir(cfg string) string {
	abs, err := filepath.Abs(cfg)
	if err != nil {
		return ""
	}
	dir := filepath.Dir(abs)
	if !actionDir.MatchString(filepath.Base(dir)) {
		return ""
	}
	return filepath.Dir(dir)
}

// VersionLine is the -V=full answer. go vet keys its cache on it, so it
// names the executable, every configuration file that can apply to the
// module (and their contents), and the module index: editing
// .tenantlint.yaml or adding a repository in another package must change
// the findings of packages whose own files did not change.
func VersionLine() string {
	h := sha256.New()
	// The executable by path, size and time: hashing its bytes on every
	// go vet run costs more than the rest of the answer.
	fmt.Fprintf(h, "tool %s\n", diskcache.ToolIdentity())
	wd, err := os.Getwd()
	if err == nil {
		hashModule(h, wd)
	}
	return fmt.Sprintf("tenantlint version devel buildID=%s", hex.EncodeToString(h.Sum(nil)))
}

func hashModule(h io.Writer, wd string) {
	root := golist.ModuleRoot(wd, wd)
	tree, err := index.Walk(root)
	if err != nil {
		fmt.Fprintf(h, "walk error %v\n", err)
		return
	}
	configs := tree.SortedConfigs()
	if above, err := config.Find(root); err == nil && !contains(configs, above) {
		configs = append(configs, above)
	}
	if env := os.Getenv("TENANTLINT_CONFIG"); env != "" {
		configs = append(configs, env)
	}
	testModes := map[bool]bool{}
	for _, path := range configs {
		data, err := os.ReadFile(path)
		fmt.Fprintf(h, "config %s %x %v\n", path, sha256.Sum256(data), err)
		if c, err := config.Parse(path, data); err == nil {
			testModes[!c.TestsIgnored()] = true
		}
	}
	modes := make([]bool, 0, len(testModes))
	for m := range testModes {
		modes = append(modes, m)
	}
	sort.Slice(modes, func(i, j int) bool { return !modes[i] && modes[j] })
	for _, tests := range modes {
		hash, err := index.CachedHash(tree, tests)
		if err != nil {
			fmt.Fprintf(h, "index error %v\n", err)
			continue
		}
		fmt.Fprintf(h, "index tests=%v %s\n", tests, hash)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

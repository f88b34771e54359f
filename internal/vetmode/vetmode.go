// Package vetmode runs the analyzers under the go vet protocol
// (go vet -vettool, go fix -fixtool): unitchecker does the work, and this
// package adds a -V=full identity that covers the configuration and the
// module index, so that go vet's cache never replays stale findings, and
// makes a failing package's run exit non-zero, so that go vet never
// replays a failure as a pass (failFast).
package vetmode

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
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
	delayFirstGC(nil)
	var cfg *vetConfig // nil for a run without a vet.cfg (-flags)
	if path := args[len(args)-1]; strings.HasSuffix(path, ".cfg") {
		c := readVetConfig(path)
		if writeStdVetx(&c) {
			os.Exit(0) // a package of std: its types, no facts (stdvetx.go)
		}
		cfg = &c
	}
	env := registry.NewEnv()
	if cfg != nil {
		env.Index.WorkDir = buildWorkDir(args[len(args)-1])
		env.ProcessPerPackage = true
		env.FactsOnly = cfg.VetxOnly
		if msg := failedImport(cfg); msg != "" {
			fmt.Fprintln(os.Stderr, "tenantlint:", msg)
			os.Exit(1)
		}
	}
	analyzers, err := registry.Analyzers(env, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, "tenantlint:", err)
		os.Exit(2)
	}
	env.Running = enabledByFlags(args, env.Running)
	for _, a := range analyzers {
		failFast(a, os.Stderr, os.Exit)
	}
	unitchecker.Main(analyzers...)
}

// enabledByFlags returns the checks of all that unitchecker will run
// given args: its -NAME flags (-NAME, -NAME=true, -NAME=false, with one
// or two dashes) run only the checks set true when any is, else all but
// those set false (analysisflags' rule). tenantrepo asks whether
// tenantsql runs (lint.Pass.Runs).
func enabledByFlags(args, all []string) []string {
	set := map[string]bool{}
	anyTrue := false
	for _, a := range args {
		name, value, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-"), "=")
		if a == name || !slices.Contains(all, name) {
			continue // not a flag, or not an analyzer's
		}
		on := true
		if hasValue {
			b, err := strconv.ParseBool(value)
			if err != nil {
				continue // unitchecker reports it
			}
			on = b
		}
		set[name] = on
		anyTrue = anyTrue || on
	}
	var out []string
	for _, name := range all {
		if on, given := set[name]; (anyTrue && on) || (!anyTrue && (!given || on)) {
			out = append(out, name)
		}
	}
	return out
}

// failFast makes a's errors end the process with exit status 1, after
// printing the error on stderr, instead of returning them to unitchecker.
//
// Why: go vet runs the tool with -json and reads each package's result
// from its stdout. unitchecker writes an analyzer's error into that JSON
// and exits 0, and cmd/go then stores the package's facts (vet.out) in
// its cache before it parses the JSON; it finds the error there, fails
// the package, and does not store the output. The next go vet run with
// the same inputs finds the facts, no output, and replays the failure as
// a pass (cmd/go/internal/work's (*Builder).vet). A tool that exits
// non-zero has nothing stored at all, so every run with the same
// failure runs the tool again and fails again. go fix -fixtool, whose
// unitchecker ignores analyzer errors, fails the same way.
func failFast(a *analysis.Analyzer, stderr io.Writer, exit func(int)) {
	run := a.Run
	a.Run = func(pass *analysis.Pass) (any, error) {
		res, err := run(pass)
		if err != nil {
			fmt.Fprintf(stderr, "tenantlint: %v\n", err)
			exit(1)
		}
		return res, err
	}
}

// vetConfig is the part of vet.cfg (unitchecker.Config) that the tool
// reads before unitchecker does: each process reads the file once.
type vetConfig struct {
	ImportPath  string
	Dir         string
	GoFiles     []string
	ModulePath  string
	ImportMap   map[string]string
	PackageVetx map[string]string
	VetxOnly    bool // facts only (go vet's dependencies)
	VetxOutput  string
	Stdout      string
	GoVersion   string
}

// readVetConfig reads the vet.cfg at path. Any doubt gives the zero
// config (not facts-only, no imports, not of std): unitchecker reports
// a bad file itself.
func readVetConfig(path string) vetConfig {
	var cfg vetConfig
	data, err := os.ReadFile(path)
	if err != nil || json.Unmarshal(data, &cfg) != nil {
		return vetConfig{}
	}
	return cfg
}

// failedImport says why the package of the vet.cfg cfg cannot be
// analyzed when the analysis of one of its imports failed, or "". A
// failed analysis (see failFast) leaves no facts file for go vet to hand
// to the packages that import it, and unitchecker would then fail on a
// type error ("could not import ... (no package vetx file ...)") that
// hides the cause, which go vet prints for the imported package. Any
// doubt answers "": unitchecker reports a bad file itself.
func failedImport(cfg *vetConfig) string {
	var failed []string
	for _, p := range cfg.ImportMap {
		if p == "unsafe" || p == "C" {
			continue // no package, no facts
		}
		if _, ok := cfg.PackageVetx[p]; !ok && !slices.Contains(failed, p) {
			failed = append(failed, p)
		}
	}
	if len(failed) == 0 {
		return ""
	}
	sort.Strings(failed)
	return fmt.Sprintf("%s not analyzed: the analysis of %s, which it imports, failed", cfg.ImportPath, strings.Join(failed, ", "))
}

// buildWorkDir returns go's $WORK for a vet.cfg in $WORK/bNNN/, shared by
// all the tool's processes of one go vet run, or "".
func buildWorkDir(cfg string) string {
	abs, err := filepath.Abs(cfg)
	if err != nil {
		return ""
	}
	dir := filepath.Dir(abs)
	if !isActionDir(filepath.Base(dir)) {
		return ""
	}
	return filepath.Dir(dir)
}

// isActionDir reports whether name is a go build action's directory,
// b followed by digits (^b[0-9]+$): a loop rather than a regexp compiled
// at the initialisation of every vet process.
func isActionDir(name string) bool {
	return len(name) > 1 && name[0] == 'b' && strings.Trim(name[1:], "0123456789") == ""
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

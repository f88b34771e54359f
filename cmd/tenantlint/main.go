// Command tenantlint reports tenant-scoped structs with no tenant-aware
// repository and cache calls whose keys are not tenant-scoped.
//
//	tenantlint [flags] [packages]                 # standalone
//	go vet -vettool=$(which tenantlint) ./...     # as a vet tool
//	go fix -fixtool=$(which tenantlint) ./...     # apply the fixable findings
//	tenantlint init [--force] [dir]               # propose a .tenantlint.yaml
//	tenantlint help [init]                        # the usage, or init's
//	tenantlint --version                          # module version and VCS revision
//
// Exit status: 0 clean, 1 findings, 2 usage, configuration or load errors.
// With --inventory: 0 once the inventory is written, 2 otherwise.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/pflag"

	"github.com/tenantlint/tenantlint/internal/buildinfo"
	"github.com/tenantlint/tenantlint/internal/diskcache"
	"github.com/tenantlint/tenantlint/internal/driver"
	"github.com/tenantlint/tenantlint/internal/golist"
	"github.com/tenantlint/tenantlint/internal/initcfg"
	"github.com/tenantlint/tenantlint/internal/progress"
	"github.com/tenantlint/tenantlint/internal/registry"
	"github.com/tenantlint/tenantlint/internal/runcache"
	"github.com/tenantlint/tenantlint/internal/vetmode"
	"github.com/tenantlint/tenantlint/report"
	"github.com/tenantlint/tenantlint/report/gate"
)

func main() {
	// go vet never passes "init" first (its arguments are -flags and a
	// .cfg file); a package directory named init is written ./init.
	if len(os.Args) > 1 && os.Args[1] == "init" {
		os.Exit(initcfg.Main(os.Args[2:], os.Stdout, os.Stderr))
	}
	if vetmode.Invoked(os.Args[1:]) {
		vetmode.Main(os.Args[1:])
		return
	}
	code := run(os.Args[1:], os.Stdout, os.Stderr)
	diskcache.Trim()
	os.Exit(code)
}

func run(args []string, stdout, stderr io.Writer) (code int) {
	fs := pflag.NewFlagSet("tenantlint", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "use this .tenantlint.yaml instead of searching up from each package")
	format := fs.String("format", "text", "output format: "+strings.Join(report.Formats, ", "))
	noCache := fs.Bool("no-cache", false, "analyze even when nothing changed since a run with the same inputs")
	checks := fs.StringSlice("checks", nil, registry.ChecksHelp("checks to run", "all"))
	inventory := fs.Bool("inventory", false, "write the tenancy inventory (--format text, json or html) instead of the findings; exit 0 once written")
	gating := gate.Options{Checks: registry.Names()}
	gating.Register(fs)
	files := fs.Bool("files", false, "the arguments are file names (as git hooks pass them): analyze the packages of the Go files among them")
	pathPrefix := fs.String("path-prefix", "", "with --format sarif, github or checkstyle: the module's folder in the repository, put in front of module-relative paths (default: the repository root, from git)")
	showVersion := fs.Bool("version", false, "print the version (module version and VCS revision of this build) and exit")
	verbose := fs.BoolP("verbose", "v", false, "print how long each phase (loading, analyzing, writing) took, and the configured presets that match no module go.mod requires, on stderr")
	var prof driver.Profiles
	prof.AddFlags(fs)
	fs.Usage = func() { usage(stderr, fs) }
	// "help" is a command only as the first argument: a package
	// directory named help is written ./help.
	if len(args) > 0 && args[0] == "help" {
		return help(stdout, stderr, fs, args[1:])
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return 0
		}
		// With ContinueOnError pflag prints nothing itself.
		fmt.Fprintf(stderr, "tenantlint: %v (see tenantlint --help)\n", err)
		return 2
	}
	if *showVersion {
		fmt.Fprintln(stdout, buildinfo.Read().Line("tenantlint"))
		return 0
	}
	if *inventory && fs.Changed("path-prefix") {
		fmt.Fprintln(stderr, "tenantlint: --inventory names files relative to the current directory; drop --path-prefix")
		return 2
	}
	if *inventory && (gating.Active() || *files) {
		fmt.Fprintln(stderr, "tenantlint: --inventory lists every type and call; drop --baseline, --write-baseline, --new-from-rev and --files")
		return 2
	}
	if *inventory {
		return runInventory(stdout, stderr, *format, *configPath, fs.Changed("checks"), fs.Args())
	}
	if !validFormat(*format) {
		fmt.Fprintf(stderr, "tenantlint: unknown --format %q (known: %s)\n", *format, strings.Join(report.Formats, ", "))
		return 2
	}
	// On a terminal, stderr shows the phase and the packages analyzed;
	// everything else written there goes through the reporter.
	prog := progress.New(stderr, "tenantlint", progress.IsTerminal(stderr), *verbose)
	defer prog.Done()
	stderr = prog
	stop, err := prof.Start()
	if err != nil {
		fmt.Fprintf(stderr, "tenantlint: %v\n", err)
		return 2
	}
	defer func() {
		if err := stop(); err != nil {
			fmt.Fprintf(stderr, "tenantlint: %v\n", err)
			code = 2
		}
	}()
	wd, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "tenantlint: %v\n", err)
		return 2
	}
	root := golist.ModuleRoot(wd, wd)
	g, err := gate.New(root, gating)
	if err != nil {
		fmt.Fprintf(stderr, "tenantlint: %v\n", err)
		return 2
	}
	// Code scanning and annotations want paths from the repository's
	// root, which is above the module root when the module is in a
	// subfolder.
	repoRoot, prefix, err := report.PathBase(*format, root, *pathPrefix, fs.Changed("path-prefix"))
	if err != nil {
		fmt.Fprintf(stderr, "tenantlint: %v\n", err)
		return 2
	}
	if *verbose && root != "" {
		reportUnmatchedPresets(stderr, root, wd, *configPath)
	}
	opts := driver.Options{Dir: wd, Config: *configPath, Checks: *checks, NoCache: *noCache, Progress: prog}
	findings, err := findingsFor(opts, fs.Args(), *files)
	if err != nil {
		fmt.Fprintf(stderr, "tenantlint: %v\n", err)
		return 2
	}
	// The gate applies after the result cache, which holds every finding.
	gated, err := g.Apply(findings, *checks)
	if err != nil {
		fmt.Fprintf(stderr, "tenantlint: %v\n", err)
		return 2
	}
	for _, note := range gated.Notes {
		fmt.Fprintf(stderr, "tenantlint: %s\n", note)
	}
	if gated.Wrote {
		return 0
	}
	findings = gated.Findings
	prog.Phase("writing")
	prog.Clear() // the findings go to stdout, maybe the same terminal
	report.Relative(findings, wd)
	bi := buildinfo.Read()
	out := report.Options{Format: *format, Dir: wd, Root: repoRoot, PathPrefix: prefix, ToolVersion: bi.String(), ToolSemanticVersion: bi.Semver(),
		Checks: *checks, Rules: registry.Rules()}
	if err := report.Write(stdout, findings, out); err != nil {
		fmt.Fprintf(stderr, "tenantlint: %v\n", err)
		return 2
	}
	if len(findings) > 0 {
		return 1
	}
	return 0
}

// usage is --help's text: the commands, then the flags.
func usage(w io.Writer, fs *pflag.FlagSet) {
	fmt.Fprintf(w, `usage: tenantlint [flags] [packages]    analyze the packages (no packages means ./...)
       tenantlint init [--force] [dir]  propose a .tenantlint.yaml for the module (see tenantlint help init)
       tenantlint help [init]           print this help, or init's
       go vet -vettool=$(which tenantlint) [packages]
       go fix -fixtool=$(which tenantlint) [packages]

A package directory named init or help is written ./init or ./help.
Exit status: 0 clean, 1 findings, 2 usage, configuration or load errors.

flags:
%s`, fs.FlagUsages())
}

// help answers "tenantlint help [init]" on stdout, as go help does.
func help(stdout, stderr io.Writer, fs *pflag.FlagSet, args []string) int {
	switch {
	case len(args) == 0:
		usage(stdout, fs)
		return 0
	case len(args) == 1 && args[0] == "init":
		return initcfg.Main([]string{"--help"}, stdout, stdout)
	}
	fmt.Fprintf(stderr, "tenantlint help: unknown topic %q (known: init)\n", strings.Join(args, " "))
	return 2
}

func validFormat(f string) bool {
	for _, k := range report.Formats {
		if f == k {
			return true
		}
	}
	return false
}

// findings runs the analysis in opts.Dir, or replays the findings of an
// earlier run whose inputs were the same (see runcache.Key): a warm
// run then costs a walk of the module's files instead of a type-check of
// every package. --no-cache skips the walk too.
func findings(opts driver.Options, patterns []string) ([]report.Finding, error) {
	key, cacheable := "", false
	if !opts.NoCache {
		key, cacheable = runcache.Key(opts.Dir, opts.Config, opts.Checks, patterns)
	}
	if cacheable {
		if fs, ok := runcache.LoadFindings(key); ok {
			return fs, nil
		}
	}
	res, err := driver.Run(opts, patterns)
	if err != nil {
		return nil, err
	}
	// The findings carry their fixes (json and sarif print them), in the
	// result cache too.
	fs := driver.WithFixes(res.Findings, res.Fixes)
	if cacheable {
		runcache.StoreFindings(key, fs)
	}
	return fs, nil
}

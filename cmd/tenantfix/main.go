// Command tenantfix applies the fixes that tenantlint's analyzers suggest:
// it declares tenant-aware repositories for uncovered models and wraps
// unscoped cache keys with the configured key function.
//
//	tenantfix --dry-run [packages]   # print a unified diff, write nothing
//	tenantfix [packages]             # apply, with a backup
//	tenantfix --verify [packages]    # CI gate: exit 1 while findings remain
//	tenantfix --verify --format sarif [packages]   # the same, in any report format
//	tenantfix --restore DIR          # put a backup back, byte for byte
//	tenantfix --version              # module version and VCS revision
//
// Exit status: 0 done (every planned file holds its new content), 1
// --verify found something, 2 error (then nothing was changed, or what
// tenantfix wrote was rolled back, except the files the error names).
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/tenantlint/tenantlint/internal/buildinfo"
	"github.com/tenantlint/tenantlint/internal/diskcache"
	"github.com/tenantlint/tenantlint/internal/driver"
	"github.com/tenantlint/tenantlint/internal/golist"
	"github.com/tenantlint/tenantlint/internal/progress"
	"github.com/tenantlint/tenantlint/internal/registry"
	"github.com/tenantlint/tenantlint/report"
	"github.com/tenantlint/tenantlint/report/gate"
	"github.com/tenantlint/tenantlint/rewrite"
)

func main() {
	code := run(os.Args[1:], os.Stdout, os.Stderr)
	diskcache.Trim()
	os.Exit(code)
}

type options struct {
	dryRun, verify, force, verbose, quiet bool
	version                               bool
	files, noCache                        bool
	checks                                []string
	backupDir, restore, config, format    string
	pathPrefix                            string
	pathPrefixGiven                       bool
	gating                                gate.Options // --verify's --baseline, --write-baseline, --new-from-rev
}

func run(args []string, stdout, stderr io.Writer) int {
	o := options{gating: gate.Options{Checks: registry.Names()}}
	fs := pflag.NewFlagSet("tenantfix", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&o.dryRun, "dry-run", false, "print a unified diff of every change and a summary; write nothing")
	fs.BoolVar(&o.verify, "verify", false, "write nothing; exit 1 while findings remain (the CI gate)")
	fs.StringSliceVar(&o.checks, "checks", nil, registry.ChecksHelp("migrations to run", "all"))
	fs.StringVar(&o.backupDir, "backup-dir", "", "where to keep the backup (default .tenantfix/backups/<UTC timestamp>/ under the module root)")
	fs.StringVar(&o.restore, "restore", "", "put back every file of this backup folder, byte for byte")
	fs.BoolVar(&o.force, "force", false, "with --restore: overwrite files changed since the fix")
	fs.StringVar(&o.config, "config", "", "use this .tenantlint.yaml instead of searching up from each package")
	fs.StringVar(&o.format, "format", "text", "with --verify: output format of the findings: "+strings.Join(report.Formats, ", "))
	fs.StringVar(&o.pathPrefix, "path-prefix", "", "with --verify and --format sarif, github or checkstyle: the module's folder in the repository, put in front of module-relative paths (default: the repository root, from git)")
	o.gating.Register(fs)
	fs.BoolVar(&o.files, "files", false, "with --verify: the arguments are file names (as git hooks pass them): check the packages of the Go files among them")
	fs.BoolVarP(&o.verbose, "verbose", "v", false, "print a line per changed file")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "print only errors")
	fs.BoolVar(&o.noCache, "no-cache", false, "analyze even when nothing changed since a run with the same inputs")
	fs.BoolVar(&o.version, "version", false, "print the version (module version and VCS revision of this build) and exit")
	var prof driver.Profiles
	prof.AddFlags(fs)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: tenantfix [flags] [packages]   (no packages means ./...)\n\nflags:\n%s", fs.FlagUsages())
	}
	args, restoreArg := restoreFirst(args)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return 0
		}
		// With ContinueOnError pflag prints nothing itself.
		fmt.Fprintf(stderr, "tenantfix: %v (see tenantfix --help)\n", err)
		return 2
	}
	if o.version {
		fmt.Fprintln(stdout, buildinfo.Read().Line("tenantfix"))
		return 0
	}
	o.pathPrefixGiven = fs.Changed("path-prefix")
	pos := fs.Args()
	if restoreArg {
		// "--restore --force DIR": the folder is the first argument.
		if len(pos) == 0 {
			fmt.Fprintf(stderr, "tenantfix: --restore needs a backup folder (see tenantfix --help)\n")
			return 2
		}
		o.restore, pos = pos[0], pos[1:]
	}
	if msg := conflicts(o, fs, pos); msg != "" {
		fmt.Fprintf(stderr, "tenantfix: %s\n", msg)
		return 2
	}
	t := &tool{o: o, stdout: stdout, stderr: stderr,
		progress: progress.New(stderr, "tenantfix", progress.IsTerminal(stderr) && !o.quiet, o.verbose)}
	if o.restore != "" {
		return t.restoreBackup()
	}
	stop, err := prof.Start()
	if err != nil {
		return t.errorf("%v", err)
	}
	code := t.fix(pos)
	t.progress.Done()
	if err := stop(); err != nil {
		return t.errorf("%v", err)
	}
	return code
}

// restoreFirst handles "--restore" directly followed by another flag
// ("--restore --force DIR"), which pflag would read as the folder
// "--force": it drops that "--restore" and reports that the folder is the
// first argument left after the flags.
func restoreFirst(args []string) ([]string, bool) {
	for i, a := range args {
		if a == "--" {
			break
		}
		if a == "--restore" && i+1 < len(args) && strings.HasPrefix(args[i+1], "-") && args[i+1] != "-" {
			return append(append([]string(nil), args[:i]...), args[i+1:]...), true
		}
	}
	return args, false
}

// conflicts names the first pair of flags that exclude each other, or
// returns "".
func conflicts(o options, fs *pflag.FlagSet, pos []string) string {
	switch {
	case countTrue(o.dryRun, o.verify, o.restore != "") > 1:
		return "--dry-run, --verify and --restore exclude each other"
	case o.force && o.restore == "":
		return "--force only applies to --restore"
	case fs.Changed("backup-dir") && (o.dryRun || o.verify || o.restore != ""):
		return "--backup-dir only applies when fixing (not with --dry-run, --verify or --restore)"
	case o.restore != "" && (len(pos) > 0 || fs.Changed("checks") || fs.Changed("config")):
		return "--restore takes no packages, --checks or --config: it puts back what the backup's manifest names"
	case o.files && !o.verify:
		return "--files only applies to --verify"
	case fs.Changed("format") && !o.verify:
		return "--format only applies to --verify"
	case o.pathPrefixGiven && !o.verify:
		return "--path-prefix only applies to --verify"
	case o.gating.Active() && !o.verify:
		return "--baseline, --write-baseline and --new-from-rev only apply to --verify"
	case o.gating.Conflict() != "":
		return o.gating.Conflict()
	case !slices.Contains(report.Formats, o.format):
		return fmt.Sprintf("unknown --format %q (known: %s)", o.format, strings.Join(report.Formats, ", "))
	case o.verbose && o.quiet:
		return "--verbose and --quiet exclude each other"
	}
	if o.pathPrefixGiven {
		// Checked before the analysis; the module root is not needed.
		if _, _, err := report.PathBase(o.format, "", o.pathPrefix, true); err != nil {
			return err.Error()
		}
	}
	return ""
}

func countTrue(bs ...bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

type tool struct {
	o              options
	stdout, stderr io.Writer
	progress       *progress.Reporter
}

func (t *tool) errorf(format string, args ...any) int {
	t.progress.Clear()
	fmt.Fprintf(t.stderr, "tenantfix: "+format+"\n", args...)
	return 2
}

// loadError reports the errors of loading or analyzing the packages (a
// file that does not parse, a type error, a bad configuration) as one
// line naming the first of them; --verbose lists them all.
func (t *tool) loadError(err error) int {
	var de *driver.Error
	if !errors.As(err, &de) || len(de.Msgs) <= 1 {
		return t.errorf("%s; nothing was changed", strings.ReplaceAll(err.Error(), "\n", "; "))
	}
	first := strings.ReplaceAll(de.Msgs[0], "\n", "; ")
	code := t.errorf("%s (and %d more errors; -v lists them); nothing was changed", first, len(de.Msgs)-1)
	if t.o.verbose {
		for _, m := range de.Msgs[1:] {
			fmt.Fprintf(t.stderr, "  %s\n", m)
		}
	}
	return code
}

func (t *tool) say(format string, args ...any) {
	if !t.o.quiet {
		t.progress.Clear()
		fmt.Fprintf(t.stderr, format+"\n", args...)
	}
}

func (t *tool) restoreBackup() int {
	m, notes, err := rewrite.Restore(t.o.restore, t.o.force, testHooks())
	t.notes(notes)
	if err != nil {
		return t.errorf("%v", err)
	}
	t.say("tenantfix: restored %d files from %s", len(m.Files), t.o.restore)
	return 0
}

// notes prints what a write could not keep (an owner, hard links).
func (t *tool) notes(notes []string) {
	for _, n := range notes {
		t.say("tenantfix: note: %s", n)
	}
}

func (t *tool) fix(patterns []string) int {
	wd, err := os.Getwd()
	if err != nil {
		return t.errorf("%v", err)
	}
	key, cacheable := "", false
	root := golist.ModuleRoot(wd, wd)
	if t.o.dryRun || t.o.verify {
		key, cacheable = t.runKey(wd, patterns)
	}
	if cacheable && t.o.dryRun {
		if plan, diff, ok := loadPlan(key); ok {
			return t.printDryRun(plan, diff, wd)
		}
	}
	if cacheable && t.o.verify {
		if res, ok := loadVerify(key); ok {
			return t.verify(res, wd, root)
		}
	}
	if t.o.backupDir != "" {
		// Refused before the analysis, which can take long.
		if err := rewrite.CheckBackupDir(root, t.o.backupDir); err != nil {
			return t.errorf("%v", err)
		}
	}
	res, err := t.analyze(wd, patterns)
	if err != nil {
		return t.loadError(err)
	}
	t.progress.Phase("writing")
	if t.o.verify {
		// The findings carry their fixes (json and sarif print them).
		res.Findings = driver.WithFixes(res.Findings, res.Fixes)
		if cacheable {
			storeVerify(key, res)
		}
		return t.verify(res, wd, root)
	}
	var memo rewrite.Memo
	var pack *packMemo
	if !t.o.noCache {
		pack = newPackMemo(root)
		memo = pack
	}
	plan, err := rewrite.BuildWith(res, root, memo)
	if pack != nil {
		pack.save()
	}
	if err != nil {
		return t.errorf("%v", err)
	}
	if t.o.dryRun {
		diff := plan.Diff()
		if cacheable {
			storePlan(key, plan, diff)
		}
		return t.printDryRun(plan, diff, wd)
	}
	if len(plan.Files) == 0 {
		t.summary(plan, wd, "to change")
		return 0
	}
	backup := t.o.backupDir
	if backup == "" {
		backup = rewrite.DefaultBackupDir(root, time.Now())
	}
	_, notes, err := plan.Apply(backup, testHooks(), verifyPackages(root))
	t.notes(notes)
	if err != nil {
		return t.errorf("%v", err)
	}
	t.summary(plan, wd, "changed")
	t.say("tenantfix: backup in %s (undo with: tenantfix --restore %s)", backup, backup)
	return 0
}

func (t *tool) summary(plan *rewrite.Plan, wd, verb string) {
	if t.o.verbose {
		for _, fc := range plan.Files {
			state := "modified"
			if fc.Created {
				state = "created"
			}
			t.say("  %s %s", state, fc.Rel)
		}
	}
	t.say("tenantfix: %d files %s, %s, %d manual sites",
		len(plan.Files), verb, registry.FixSummary(plan.Fixed), len(plan.Manual))
	if plan.Conflicts > 0 {
		t.say("tenantfix: %d fixes overlapped others and were skipped; run tenantfix again to apply them", plan.Conflicts)
	}
	for _, f := range plan.Manual {
		t.say("manual: %s:%d:%d: %s (%s)", report.RelPath(wd, f.File), f.Line, f.Column, f.Message, f.Check)
	}
}

func (t *tool) verify(res *driver.Result, wd, root string) int {
	t.progress.Clear()
	g, err := gate.New(root, t.o.gating)
	if err != nil {
		return t.errorf("%v", err)
	}
	gated, err := g.Apply(res.Findings, t.o.checks)
	if err != nil {
		return t.errorf("%v", err)
	}
	for _, note := range gated.Notes {
		t.say("tenantfix: %s", note)
	}
	if gated.Wrote {
		return 0
	}
	findings := gated.Findings
	report.Relative(findings, wd)
	repoRoot, prefix, err := report.PathBase(t.o.format, root, t.o.pathPrefix, t.o.pathPrefixGiven)
	if err != nil {
		return t.errorf("%v", err)
	}
	bi := buildinfo.Read()
	out := report.Options{Format: t.o.format, Dir: wd, Root: repoRoot, PathPrefix: prefix, ToolVersion: bi.String(), ToolSemanticVersion: bi.Semver(),
		Checks: t.o.checks, Rules: registry.Rules()}
	if err := report.Write(t.stdout, findings, out); err != nil {
		return t.errorf("%v", err)
	}
	for _, line := range res.Stats.Summaries() {
		t.say("%s", line)
	}
	if len(findings) > 0 {
		t.say("tenantfix: %d findings remain", len(findings))
		return 1
	}
	return 0
}

// verifyPackages type-checks the changed packages (with their tests).
func verifyPackages(root string) rewrite.Verify {
	return func(dirs []string) []string {
		return driver.TypeCheck(root, dirs)
	}
}

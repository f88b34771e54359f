package gate

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/spf13/pflag"

	"github.com/tenantlint/tenantlint/report"
)

// Options are the gating flags that tenantlint and tenantfix --verify
// share.
type Options struct {
	Baseline      string // --baseline FILE: hide the findings FILE records
	WriteBaseline string // --write-baseline FILE: record the findings in FILE instead of reporting them
	NewFromRev    string // --new-from-rev REV: hide findings on lines not changed since REV
	// Checks are every check the tool has (the registry's names): Apply
	// judges their baseline entries when it is not told which checks ran.
	Checks []string
}

// Register adds the flags to fs.
func (o *Options) Register(fs *pflag.FlagSet) {
	fs.StringVar(&o.Baseline, "baseline", "", "report only findings that are not recorded in this baseline file")
	fs.StringVar(&o.WriteBaseline, "write-baseline", "", "record the current findings in this baseline file (dropping those that are gone) and exit 0")
	fs.StringVar(&o.NewFromRev, "new-from-rev", "", "report only findings on lines changed since this git revision (untracked files count as changed)")
}

// Active reports whether any gating flag is set.
func (o Options) Active() bool {
	return o.Baseline != "" || o.WriteBaseline != "" || o.NewFromRev != ""
}

// Conflict returns why the flags cannot be combined, or "".
func (o Options) Conflict() string {
	if o.WriteBaseline != "" && (o.Baseline != "" || o.NewFromRev != "") {
		return "--write-baseline records every finding; it does not combine with --baseline or --new-from-rev"
	}
	return ""
}

// Outcome is what Apply did.
type Outcome struct {
	// Findings are those left to report, in their original order.
	Findings []report.Finding
	// Wrote is set when a baseline was written: then there is nothing
	// to report.
	Wrote bool
	// Notes are lines for stderr: what was written, hidden or gone.
	Notes []string
}

// Gate filters the findings of one run. New reads the baseline and asks
// git before the analysis runs, so that a bad file or revision fails fast.
type Gate struct {
	o       Options
	root    string
	base    *Baseline // --baseline's content
	changes *Changes  // --new-from-rev's lines
}

// New prepares the gate that o describes for the module at root. With no
// flag set, the gate passes every finding.
func New(root string, o Options) (*Gate, error) {
	if msg := o.Conflict(); msg != "" {
		return nil, errors.New(msg)
	}
	g := &Gate{o: o, root: root}
	var err error
	if o.Baseline != "" {
		if g.base, err = ReadBaseline(o.Baseline); err != nil {
			return nil, err
		}
	}
	if o.NewFromRev != "" {
		if g.changes, err = ChangedSince(root, o.NewFromRev); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// Apply writes the baseline or filters fs. fs are the findings of a run,
// with absolute (or working-directory-relative) file names; checks are
// the checks that ran (nil means all), so that the entries of other
// checks are neither counted as gone nor dropped when rewriting.
func (g *Gate) Apply(fs []report.Finding, checks []string) (*Outcome, error) {
	if len(checks) == 0 {
		checks = g.o.Checks
	}
	if len(checks) == 0 && (g.base != nil || g.o.WriteBaseline != "") {
		// Judging no check would keep every baseline entry forever.
		return nil, errors.New("internal error: the gate was given no checks (gate.Options.Checks)")
	}
	if g.o.WriteBaseline != "" {
		return write(fs, g.root, checks, g.o.WriteBaseline)
	}
	out := &Outcome{}
	keep := make([]bool, len(fs))
	for i := range keep {
		keep[i] = true
	}
	if g.base != nil {
		m := g.base.Match(Keys(fs, g.root), checks)
		known := 0
		for i, k := range m.Known {
			if k {
				keep[i] = false
				known++
			}
		}
		out.Notes = append(out.Notes, fmt.Sprintf("baseline %s: %s not reported, %s gone%s",
			g.o.Baseline, plural(known, "known finding"), plural(len(m.Gone), "recorded finding"), dropHint(len(m.Gone), g.o.Baseline)))
	}
	if g.changes != nil {
		old := 0
		for i, f := range fs {
			if keep[i] && !g.changes.Touches(moduleRel(g.root, absPath(f.File)), f.Line, f.EndLine) {
				keep[i] = false
				old++
			}
		}
		out.Notes = append(out.Notes, fmt.Sprintf("new-from-rev %s: %s on lines not changed since then not reported",
			g.o.NewFromRev, plural(old, "finding")))
	}
	for i, f := range fs {
		if keep[i] {
			out.Findings = append(out.Findings, f)
		}
	}
	return out, nil
}

// write records fs in path. Entries of checks that did not run are kept;
// those of checks that ran and no longer match a finding are dropped. A
// file at path that is not a readable baseline is replaced.
func write(findings []report.Finding, root string, checks []string, path string) (*Outcome, error) {
	keys := Keys(findings, root)
	b := NewBaseline(findings, keys)
	note := fmt.Sprintf("wrote %s to baseline %s", plural(len(findings), "finding"), path)
	old, err := ReadBaseline(path)
	switch {
	case err == nil:
		m := old.Match(keys, checks)
		added := 0
		for _, k := range m.Known {
			if !k {
				added++
			}
		}
		b.Findings = append(b.Findings, old.Keep(checks)...)
		note += fmt.Sprintf(" (%d new, %d gone since it was last written)", added, len(m.Gone))
		if kept := len(b.Findings) - len(findings); kept > 0 {
			note += fmt.Sprintf("; kept %s of checks that did not run", plural(kept, "finding"))
		}
	case !errors.Is(err, fs.ErrNotExist):
		note += fmt.Sprintf(" (replacing a file that was not a readable baseline: %v)", err)
	}
	if err := b.Write(path); err != nil {
		return nil, err
	}
	return &Outcome{Wrote: true, Notes: []string{note}}, nil
}

// dropHint tells how to drop gone entries from the baseline at path.
func dropHint(gone int, path string) string {
	switch gone {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf(" (--write-baseline %s drops it)", path)
	}
	return fmt.Sprintf(" (--write-baseline %s drops them)", path)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

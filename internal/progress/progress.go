// Package progress shows how a run of tenantlint or tenantfix advances:
// on a terminal, one status line on stderr, redrawn in place, with the
// phase (loading, analyzing, writing) and, while analyzing, the packages
// done out of the total; nothing when stderr is not a terminal (a CI log
// or a pipe gets no control characters). With verbose set it prints how
// long each phase took once the run is done, terminal or not.
//
// The driver reports through its Progress interface (driver.Options),
// which a *Reporter implements; the commands own the Reporter.
package progress

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// redrawEvery is how often the package count may be redrawn: a terminal
// written to for each of thousands of packages costs more than it shows.
const redrawEvery = 100 * time.Millisecond

// Reporter draws the status line of one run. Its methods may be called
// from several goroutines.
type Reporter struct {
	w       io.Writer
	tool    string
	show    bool // draw the status line (stderr is a terminal)
	verbose bool // print the phases' durations at the end
	now     func() time.Time

	mu          sync.Mutex
	phase       string
	started     time.Time // when the phase began
	timings     []timing  // by phase, in the order they first began
	done, total int       // packages, while analyzing
	shown       bool      // a status line is on the terminal
	drawn       time.Time // when it was last drawn
}

type timing struct {
	phase string
	took  time.Duration
}

// New returns the reporter of a run of tool (the status line's prefix)
// writing to w: show draws the status line (IsTerminal(w), unless the
// user asked for quiet), verbose prints the phases' durations at Done.
// The run begins in the "loading" phase, drawn at the first call.
func New(w io.Writer, tool string, show, verbose bool) *Reporter {
	return newReporter(w, tool, show, verbose, time.Now)
}

// newReporter is New with a clock (the tests' seam).
func newReporter(w io.Writer, tool string, show, verbose bool, now func() time.Time) *Reporter {
	return &Reporter{w: w, tool: tool, show: show, verbose: verbose, now: now, phase: "loading", started: now()}
}

// IsTerminal reports whether w is a terminal: a character device other
// than the null device. (A check without a system call per platform:
// what it takes for a terminal, a serial line, is one too.)
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	if null, err := os.Stat(os.DevNull); err == nil && os.SameFile(st, null) {
		return false
	}
	return os.Getenv("TERM") != "dumb"
}

// Phase says that the run entered phase name; entering the phase it is
// in again only draws it.
func (r *Reporter) Phase(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if name == r.phase {
		r.draw()
		return
	}
	r.endPhase()
	r.phase, r.started = name, r.now()
	r.done, r.total = 0, 0
	r.draw()
}

// Packages says that done of the total packages to analyze are done.
func (r *Reporter) Packages(done, total int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	// A new total (the first count of a phase) and the last count are
	// always drawn.
	first := total != r.total
	r.done, r.total = done, total
	if first || done == total || r.now().Sub(r.drawn) >= redrawEvery {
		r.draw()
	}
}

// Clear takes the status line off the terminal, before output that must
// not share its line; the next change of phase or count draws it again.
func (r *Reporter) Clear() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.clear()
}

// Write writes p to the reporter's writer with the status line cleared
// first, so that a command may send all of its stderr through it.
func (r *Reporter) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.clear()
	return r.w.Write(p)
}

// Done ends the run: the status line goes and, when verbose, one line
// gives each phase's duration and the total.
func (r *Reporter) Done() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.clear()
	r.endPhase()
	r.phase = ""
	if !r.verbose || len(r.timings) == 0 {
		return
	}
	var parts []string
	var total time.Duration
	for _, t := range r.timings {
		parts = append(parts, fmt.Sprintf("%s %s", t.phase, seconds(t.took)))
		total += t.took
	}
	fmt.Fprintf(r.w, "%s: %s (total %s)\n", r.tool, strings.Join(parts, ", "), seconds(total))
	r.timings = nil
}

// endPhase adds the time spent in the current phase to its timing.
func (r *Reporter) endPhase() {
	if r.phase == "" {
		return
	}
	took := r.now().Sub(r.started)
	for i := range r.timings {
		if r.timings[i].phase == r.phase {
			r.timings[i].took += took
			return
		}
	}
	r.timings = append(r.timings, timing{r.phase, took})
}

func (r *Reporter) draw() {
	if !r.show || r.phase == "" {
		return
	}
	line := r.tool + ": " + r.phase
	if r.total > 0 {
		line += fmt.Sprintf(" %d/%d packages", r.done, r.total)
	}
	fmt.Fprintf(r.w, "\r\033[K%s…", line)
	r.shown, r.drawn = true, r.now()
}

func (r *Reporter) clear() {
	if r.shown {
		fmt.Fprint(r.w, "\r\033[K")
		r.shown = false
	}
}

// seconds renders d as seconds with two decimals, as the benchmark does.
func seconds(d time.Duration) string { return fmt.Sprintf("%.2fs", d.Seconds()) }

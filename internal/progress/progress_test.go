package progress

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// clock is a fake clock that the test moves by hand.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

// run drives a reporter through a whole run: loading, 3 packages
// analyzed (the second within redrawEvery of the first), a message on
// stderr, writing.
func run(show, verbose bool) string {
	var buf bytes.Buffer
	c := &clock{t: time.Unix(0, 0)}
	r := newReporter(&buf, "tenantlint", show, verbose, c.now)
	c.advance(500 * time.Millisecond)
	r.Phase("loading") // the phase it began in: drawn, still timed from the start
	c.advance(time.Second)
	r.Phase("analyzing")
	r.Packages(0, 3)
	c.advance(200 * time.Millisecond)
	r.Packages(1, 3)
	c.advance(10 * time.Millisecond)
	r.Packages(2, 3) // too soon after the last draw
	c.advance(10 * time.Millisecond)
	r.Packages(3, 3) // the last one is always drawn
	c.advance(2 * time.Second)
	r.Phase("analyzing") // the same phase: drawn again, counts kept
	r.Write([]byte("tenantlint: a note\n"))
	r.Phase("writing")
	c.advance(250 * time.Millisecond)
	r.Done()
	return buf.String()
}

// TestTerminal: on a terminal the status line shows the phase and the
// packages done/total, redrawn in place at most every redrawEvery (the
// first and last counts always), cleared before other output and at the
// end. Nothing is drawn before the first call.
func TestTerminal(t *testing.T) {
	got := run(true, false)
	const clear = "\r\033[K"
	want := clear + "tenantlint: loading…" +
		clear + "tenantlint: analyzing…" +
		clear + "tenantlint: analyzing 0/3 packages…" +
		clear + "tenantlint: analyzing 1/3 packages…" +
		clear + "tenantlint: analyzing 3/3 packages…" +
		clear + "tenantlint: analyzing 3/3 packages…" +
		clear + "tenantlint: a note\n" +
		clear + "tenantlint: writing…" +
		clear
	if got != want {
		t.Errorf("terminal output:\n%q\nwant:\n%q", got, want)
	}
}

// TestNotATerminal: without a terminal nothing but the command's own
// output is written.
func TestNotATerminal(t *testing.T) {
	if got, want := run(false, false), "tenantlint: a note\n"; got != want {
		t.Errorf("output without a terminal = %q, want %q", got, want)
	}
}

// TestVerbose: -v prints each phase's duration and the total at the end,
// terminal or not.
func TestVerbose(t *testing.T) {
	const timings = "tenantlint: loading 1.50s, analyzing 2.22s, writing 0.25s (total 3.97s)\n"
	if got, want := run(false, true), "tenantlint: a note\n"+timings; got != want {
		t.Errorf("verbose output = %q, want %q", got, want)
	}
	if got := run(true, true); !strings.HasSuffix(got, "\r\033[K"+timings) {
		t.Errorf("verbose output on a terminal = %q, want it to end with the cleared line and %q", got, timings)
	}
}

// TestRepeatedPhases: a run that loads and analyzes several modules in
// turn (--files) adds up each phase's time.
func TestRepeatedPhases(t *testing.T) {
	var buf bytes.Buffer
	c := &clock{t: time.Unix(0, 0)}
	r := newReporter(&buf, "tenantfix", false, true, c.now)
	for range 2 {
		r.Phase("loading")
		c.advance(time.Second)
		r.Phase("analyzing")
		c.advance(2 * time.Second)
	}
	r.Done()
	if got, want := buf.String(), "tenantfix: loading 2.00s, analyzing 4.00s (total 6.00s)\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestIsTerminal: files, pipes and the null device are not terminals.
func TestIsTerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	for name, w := range map[string]io.Writer{"file": f, "pipe": pw, "null device": null, "buffer": &bytes.Buffer{}} {
		if IsTerminal(w) {
			t.Errorf("%s: IsTerminal = true", name)
		}
	}
}

package gcpace

import (
	"runtime/debug"
	"testing"
)

func percent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// TestHoldsNest: the percent is the highest hold's while any is held,
// and the one before the first hold once the last is released, in
// either order of release; a second release changes nothing.
func TestHoldsNest(t *testing.T) {
	t.Setenv("GOGC", "")
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	for _, firstOut := range []bool{true, false} {
		a := Hold(800)
		if got := percent(); got != 800 {
			t.Fatalf("one hold of 800: percent %d", got)
		}
		b := Hold(400)
		if got := percent(); got != 800 {
			t.Fatalf("holds of 800 and 400: percent %d; want 800", got)
		}
		if firstOut {
			a()
			a()
			if got := percent(); got != 400 {
				t.Fatalf("the 800 released, 400 held: percent %d", got)
			}
			b()
		} else {
			b()
			if got := percent(); got != 800 {
				t.Fatalf("the 400 released, 800 held: percent %d", got)
			}
			a()
		}
		if got := percent(); got != 100 {
			t.Fatalf("all released: percent %d; want 100 again", got)
		}
	}
}

// TestHoldLowerOrOff: a hold never lowers the percent, and never turns
// collection back on.
func TestHoldLowerOrOff(t *testing.T) {
	t.Setenv("GOGC", "")
	defer debug.SetGCPercent(debug.SetGCPercent(1000))
	release := Hold(800)
	if got := percent(); got != 1000 {
		t.Fatalf("a hold of 800 over 1000: percent %d", got)
	}
	release()
	debug.SetGCPercent(-1)
	release = Hold(800)
	if got := percent(); got != -1 {
		t.Fatalf("a hold with collection off: percent %d", got)
	}
	release()
	if got := percent(); got != -1 {
		t.Fatalf("released with collection off: percent %d", got)
	}
}

// TestHoldKeepsGOGC: a GOGC from the environment is left alone.
func TestHoldKeepsGOGC(t *testing.T) {
	t.Setenv("GOGC", "50")
	defer debug.SetGCPercent(debug.SetGCPercent(50))
	release := Hold(800)
	if got := percent(); got != 50 {
		t.Fatalf("with GOGC=50 a hold set the percent to %d", got)
	}
	release()
}

// TestHeadroomPercent: the percent lets the live heap grow by the
// headroom, at most the maximum; before the first collection (no live
// size yet), the maximum.
func TestHeadroomPercent(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		live, headroom uint64
		want           int
	}{
		{0, 160 * mib, 800},
		{10 * mib, 160 * mib, 800},  // 1600% capped
		{40 * mib, 160 * mib, 400},  // a vet process after its first collection
		{350 * mib, 160 * mib, 45},  // the standalone driver at 800 packages: below the default, no raise
		{160 * mib, 160 * mib, 100}, // exactly the default
	} {
		if got := headroomPercent(c.live, c.headroom, 800); got != c.want {
			t.Errorf("headroomPercent(%d MiB live, %d MiB) = %d, want %d", c.live/mib, c.headroom/mib, got, c.want)
		}
	}
}

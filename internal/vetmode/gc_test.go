package vetmode

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestDelayFirstGC: the percent is raised until the first collection,
// then restored to what it was; a GOGC from the environment is kept.
func TestDelayFirstGC(t *testing.T) {
	t.Setenv("GOGC", "")
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	restored := make(chan struct{})
	delayFirstGC(func() { close(restored) })
	if got := debug.SetGCPercent(startingGCPercent); got != startingGCPercent {
		t.Fatalf("GC percent before the first collection: %d; want %d", got, startingGCPercent)
	}
	runtime.GC()
	select {
	case <-restored:
	case <-time.After(10 * time.Second): // the finalizer goroutine runs right after the collection
		t.Fatal("the GC percent was not restored after a collection")
	}
	if got := debug.SetGCPercent(100); got != 100 {
		t.Fatalf("GC percent after the first collection: %d; want 100 again", got)
	}

	t.Setenv("GOGC", "50")
	delayFirstGC(nil)
	if got := debug.SetGCPercent(100); got != 100 {
		t.Fatalf("with GOGC set, the percent became %d; want it left alone", got)
	}
}

// Package gcpace lets parts of a process ask the garbage collector to
// collect less often for a while: a go vet process until its heap
// first reaches about 32 MiB (internal/vetmode), the SQL parser while it
// compiles libpg_query's wasm module (internal/pgwasm), which allocates
// about 90 MiB in a fraction of a second and whose collections were a
// quarter of its start-up.
//
// The collector's percent is one value per process, so the holds are
// kept here, in one place: a hold raises the percent to at least its
// own, and the last hold released restores the percent that was in
// force before the first, whatever order the holds end in. Two holds
// that each saved and restored the percent themselves would leave it
// raised when they ended in the wrong order.
package gcpace

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"sync"
)

var (
	mu sync.Mutex
	// active are the percents of the holds not yet released.
	active []int
	// base is the percent in force before the first of them.
	base int
)

// Hold raises the collector's percent to at least percent until release
// is called (once; later calls do nothing). A GOGC set in the
// environment is the user's word: Hold then leaves the percent alone.
func Hold(percent int) (release func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(active) == 0 {
		base = debug.SetGCPercent(percent) // reads the percent in force
	}
	active = append(active, percent)
	debug.SetGCPercent(target())
	var once sync.Once
	return func() { once.Do(func() { releaseHold(percent) }) }
}

func releaseHold(percent int) {
	mu.Lock()
	defer mu.Unlock()
	i := slices.Index(active, percent)
	active = slices.Delete(active, i, i+1)
	debug.SetGCPercent(target())
}

// target is the percent the holds ask for: base when none is active or
// collection is off (a negative percent), else the highest of base and
// theirs.
func target() int {
	if len(active) == 0 || base < 0 {
		return base
	}
	return max(base, slices.Max(active))
}

// HoldHeadroom is Hold with the percent that lets the heap grow by
// about headroom bytes past its live size before the next collection,
// and by at most maxPercent: a process whose live heap is already large
// (the standalone driver's, which holds the module index) is not let to
// grow by a multiple of it, only one whose heap is small (a go vet
// process's) collects as if it were bigger.
func HoldHeadroom(headroom uint64, maxPercent int) (release func()) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	var live uint64
	if sample[0].Value.Kind() == metrics.KindUint64 {
		live = sample[0].Value.Uint64()
	}
	return Hold(headroomPercent(live, headroom, maxPercent))
}

// headroomPercent is the GC percent for which a live heap of live bytes
// may grow by headroom bytes, at most maxPercent (live is 0 before the
// first collection: maxPercent).
func headroomPercent(live, headroom uint64, maxPercent int) int {
	if live == 0 {
		return maxPercent
	}
	return int(min(headroom*100/live, uint64(maxPercent)))
}

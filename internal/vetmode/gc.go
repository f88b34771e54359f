package vetmode

import (
	"runtime"

	"github.com/tenantlint/tenantlint/internal/gcpace"
)

// startingGCPercent is the GC percent of a vet process until its first
// collection: with the runtime's initial heap goal of 4 MiB, the first
// collection comes at about 32 MiB instead of 4 MiB.
const startingGCPercent = 800

// delayFirstGC lets a vet process allocate about 32 MiB before its first
// garbage collection, and then collects as the environment says (GOGC,
// 100 by default). go vet starts a process per package, dependencies
// included, and most of them (a package of std for its facts, a small
// package of the module) finish within that heap: their collections
// were 10–20% of their CPU (fmt: 115 ms per process against 96 ms;
// docs/performance.md, "Per-process start-up"). A large package pays at
// most one collection later than before, and its heap is then bounded
// as before. cmd/compile does the same for the same reason
// (base.AdjustStartingHeap). A GOGC set by the user is left alone
// (gcpace.Hold). restored, when not nil, is called once the hold is
// released (a test hook).
func delayFirstGC(restored func()) {
	release := gcpace.Hold(startingGCPercent)
	// The sentinel's finalizer runs after the first collection that
	// finds it unreachable, which is the first collection.
	type sentinel [32]byte // not a tiny allocation: those are batched
	runtime.SetFinalizer(new(sentinel), func(*sentinel) {
		release()
		if restored != nil {
			restored()
		}
	})
}

//go:build !unix

package index_test

import "time"

// cpuTime is unknown here: BenchmarkColdIndex reports wall time only.
func cpuTime() time.Duration { return 0 }

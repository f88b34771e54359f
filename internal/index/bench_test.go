package index_test

import (
	"os"
	"testing"
	"time"

	"github.com/tenantlint/tenantlint/internal/benchgen"
	"github.com/tenantlint/tenantlint/internal/index"
)

// BenchmarkColdIndex measures what go vet's `tenantlint -V=full` costs on
// an empty TENANTLINT_CACHE: the walk of the module and the build of its
// index (go list, scans, the stored index and shards), on a build cache
// that already holds the module's export data (as after `go build`).
//
// The module is generated (benchgen, 50 packages × 5 files) unless
// TENANTLINT_BENCH_MODULE names one, such as make bench's 200-package
// module: go test -run '^$' -bench ColdIndex ./internal/index. Besides
// the wall time it reports cpu-ns/op, the CPU time of the process and of
// go list; go list's is not in a -cpuprofile (docs/performance.md).
func BenchmarkColdIndex(b *testing.B) {
	dir := os.Getenv("TENANTLINT_BENCH_MODULE")
	if dir == "" {
		dir = b.TempDir()
		if _, err := benchgen.Generate(dir, benchgen.Options{Packages: 50, Files: 5}); err != nil {
			b.Fatal(err)
		}
	}
	b.Setenv("TENANTLINT_CACHE", b.TempDir())
	// The first build compiles what the build cache lacks: not measured.
	if _, err := index.Build(dir, true); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		b.Setenv("TENANTLINT_CACHE", b.TempDir())
		b.StartTimer()
		start := cpuTime()
		tree, err := index.Walk(dir)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := index.CachedHash(tree, true); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - start
	}
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

package driver

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

// bigFileModule writes the module of changedModuleFiles with, as package
// app, one file of about lines lines holding about 0.72 raw cache calls
// per line (the shape of issue 14's 50,000-line file with ~36,000 calls),
// each call a fixable finding, and returns its folder and the number of
// calls.
func bigFileModule(tb testing.TB, lines int) (string, int) {
	tb.Helper()
	dir := tb.TempDir()
	var b strings.Builder
	b.WriteString("package app\n\nimport (\n\t\"context\"\n\n\t\"example.com/changed/kv\"\n)\n")
	const perFunc = 13 // 13 calls in 18 lines: 0.72 a line
	calls, n := 0, 7
	for i := 0; n+18 <= lines; i, n = i+1, n+18 {
		fmt.Fprintf(&b, "\n// f%d reads some keys.\n// It is generated.\nfunc f%d(ctx context.Context, s *kv.Store, id string) {\n", i, i)
		for j := 0; j < perFunc; j++ {
			fmt.Fprintf(&b, "\ts.Get(ctx, \"k%d:\"+id)\n", j)
			calls++
		}
		b.WriteString("}\n")
	}
	files := map[string]string{"app/app.go": b.String()}
	for name, src := range changedModuleFiles {
		if name != "app/app.go" {
			files[name] = src
		}
	}
	testfs.Write(tb, dir, files)
	return dir, calls
}

// BenchmarkFindingsPerFile measures the standalone driver (no result
// cache) on one file with many fixable findings, at 10k, 20k and 50k
// lines: the time and memory must grow linearly with the findings (issue
// 14 measured minutes and gigabytes at 50k lines, from a walk of the
// whole file per finding to choose the import's name).
func BenchmarkFindingsPerFile(b *testing.B) {
	b.Setenv("TENANTLINT_CACHE", b.TempDir())
	b.Setenv("TENANTLINT_CONFIG", "")
	b.Setenv("GOFLAGS", "-mod=mod")
	for _, lines := range []int{10000, 20000, 50000} {
		b.Run(fmt.Sprintf("lines=%d", lines), func(b *testing.B) {
			dir, calls := bigFileModule(b, lines)
			b.ReportAllocs()
			for b.Loop() {
				res, err := Run(Options{Dir: dir, NoCache: true}, []string{"./..."})
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Fixes) != calls {
					b.Fatalf("%d fixes, want %d", len(res.Fixes), calls)
				}
			}
			b.ReportMetric(float64(calls), "findings")
		})
	}
}

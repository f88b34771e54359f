package sqlscope

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tenantlint/tenantlint/internal/pgwasm"
)

const benchQuery = "SELECT i.id, i.total FROM invoices i JOIN lines l ON l.invoice_id = i.id AND l.tenant_id = i.tenant_id WHERE i.tenant_id = $1 AND i.id = ANY($2)"

// benchBad is a text that does not parse: its error is a longjmp in
// libpg_query, which the interpreter hands to the compiler.
const benchBad = "SELECT i.id FROM invoices i WHERE i.tenant_id = $1 AND"

// engines are the engines the benchmarks compare.
var engines = []pgwasm.Engine{pgwasm.Interpreter, pgwasm.Compiler}

// firstParseEnv makes the test binary, run as a subprocess by
// BenchmarkStartup, time one first parse with the engine it names and
// print it.
const firstParseEnv = "SQLSCOPE_FIRST_PARSE"

// moduleDirEnv names, for the "cached" case of BenchmarkStartup, the
// module folder whose compiled module the subprocess loads.
const moduleDirEnv = "SQLSCOPE_MODULE_DIR"

// TestFirstParseHelper is BenchmarkStartup's subprocess: a fresh process
// whose first parse compiles the wasm module. It does nothing in a normal
// test run.
func TestFirstParseHelper(t *testing.T) {
	name := os.Getenv(firstParseEnv)
	if name == "" {
		t.Skip("run by BenchmarkStartup as a subprocess")
	}
	p := new(Parser)
	for _, e := range engines {
		if e.String() == name {
			p.engine = e
		}
	}
	if dir := os.Getenv(moduleDirEnv); dir != "" {
		p.ModuleDir = func() string { return dir }
	}
	start := time.Now()
	if _, err := p.Parse(benchQuery); err != nil {
		t.Fatal(err)
	}
	fmt.Printf("first-parse-ns %d\n", time.Since(start).Nanoseconds())
}

// BenchmarkStartup measures what the parser costs a process that parses
// one statement: the whole subprocess (ns/op) and its first parse alone
// (first-parse-ns/op), which a process that parses nothing never pays,
// and the subprocess's CPU time (cpu-ns/op: user + system, what a loaded
// machine's wall clock inflates), for each engine, and for a process
// that loads the module an earlier one compiled into a module folder
// ("cached": what a go vet process pays once the folder holds it). Peak
// RSS is measured with /usr/bin/time, not here: Linux reports for a
// child started by Go's vfork the parent's high-water mark when it is
// higher (docs/performance.md).
func BenchmarkStartup(b *testing.B) {
	for _, e := range engines {
		b.Run(e.String(), func(b *testing.B) { benchStartup(b, e, "") })
	}
	b.Run("cached", func(b *testing.B) {
		dir := b.TempDir()
		p := &Parser{engine: pgwasm.Compiler, ModuleDir: func() string { return dir }}
		if _, err := p.Parse(benchQuery); err != nil {
			b.Fatal(err)
		}
		_ = p.wasm.Close()
		benchStartup(b, pgwasm.Interpreter, dir) // the folder's note moves it to the compiled module
	})
}

func benchStartup(b *testing.B, e pgwasm.Engine, moduleDir string) {
	var first, cpu int64
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^TestFirstParseHelper$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), firstParseEnv+"="+e.String(), moduleDirEnv+"="+moduleDir)
		out, err := cmd.CombinedOutput()
		if err != nil {
			b.Fatalf("%v\n%s", err, out)
		}
		_, rest, ok := strings.Cut(string(out), "first-parse-ns ")
		if !ok {
			b.Fatalf("no timing in the helper's output:\n%s", out)
		}
		ns, err := strconv.ParseInt(strings.Fields(rest)[0], 10, 64)
		if err != nil {
			b.Fatal(err)
		}
		first += ns
		cpu += (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Nanoseconds()
	}
	b.ReportMetric(float64(first)/float64(b.N), "first-parse-ns/op")
	b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
}

// BenchmarkParse is the cost of one parse once the module is compiled,
// for each engine (the memo is bypassed: every iteration parses), and
// of a text that does not parse (/error: under the interpreter a new
// instance and the compiler's parse, the compiler started before the
// loop).
func BenchmarkParse(b *testing.B) {
	for _, e := range engines {
		for _, tc := range []struct{ name, text string }{{"", benchQuery}, {"/error", benchBad}} {
			b.Run(e.String()+tc.name, func(b *testing.B) {
				p := pgwasm.New(e)
				defer p.Close()
				_, err := parseText(p.ParseToJSON, tc.text)
				if (err != nil) != (tc.text == benchBad) {
					b.Fatal(err)
				}
				for b.Loop() {
					_, _ = parseText(p.ParseToJSON, tc.text)
				}
			})
		}
	}
}

// BenchmarkMayTouch is the cost of the scan that spares the parse of a
// text naming none of 50 tenant tables (the worst case: every name is
// looked for).
func BenchmarkMayTouch(b *testing.B) {
	tables := Tables{}
	for i := range 50 {
		tables[fmt.Sprintf("tenant_table_%d", i)] = "tenant_id"
	}
	text := strings.ReplaceAll(benchQuery, "invoices", "users")
	for b.Loop() {
		if mayTouch(text, tables) {
			b.Fatal("a text without a tenant table passes")
		}
	}
}

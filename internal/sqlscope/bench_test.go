package sqlscope

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wasilibs/go-pgquery/parser"
)

const benchQuery = "SELECT i.id, i.total FROM invoices i JOIN lines l ON l.invoice_id = i.id AND l.tenant_id = i.tenant_id WHERE i.tenant_id = $1 AND i.id = ANY($2)"

// firstParseEnv makes the test binary, run as a subprocess by
// BenchmarkStartup, time one first parse and print it.
const firstParseEnv = "SQLSCOPE_FIRST_PARSE"

// TestFirstParseHelper is BenchmarkStartup's subprocess: a fresh process
// whose first parse compiles the wasm module. It does nothing in a normal
// test run.
func TestFirstParseHelper(t *testing.T) {
	if os.Getenv(firstParseEnv) == "" {
		t.Skip("run by BenchmarkStartup as a subprocess")
	}
	start := time.Now()
	if _, err := new(Parser).Parse(benchQuery); err != nil {
		t.Fatal(err)
	}
	fmt.Printf("first-parse-ns %d\n", time.Since(start).Nanoseconds())
}

// BenchmarkStartup measures what the parser costs a process that parses
// one statement: the whole subprocess (ns/op) and its first parse alone
// (first-parse-ns/op), which a process that parses nothing never pays,
// and the subprocess's CPU time (cpu-ns/op: user + system, what a loaded
// machine's wall clock inflates).
func BenchmarkStartup(b *testing.B) {
	var first, cpu int64
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^TestFirstParseHelper$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), firstParseEnv+"=1")
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

// BenchmarkParse is the cost of one parse once the module is compiled
// (the memo is bypassed: every iteration parses).
func BenchmarkParse(b *testing.B) {
	if _, err := parseText(parser.ParseToJSON, benchQuery); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := parseText(parser.ParseToJSON, benchQuery); err != nil {
			b.Fatal(err)
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

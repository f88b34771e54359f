package sqlscope

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/tenantlint/tenantlint/internal/diskcache"
	"github.com/tenantlint/tenantlint/internal/pgwasm"
)

// TestSharedModule: processes on one module folder (a Parser each) keep
// to the interpreter until the threshold's starts are counted; the next
// compiles the module into the folder, later ones load it; one that
// finds the compile lock held keeps to the interpreter. The trees are
// the same whichever way the module came.
func TestSharedModule(t *testing.T) {
	const text = "SELECT i.id FROM invoices i WHERE i.tenant_id = $1"
	dir := t.TempDir()
	process := func(threshold int, dir string) *Parser {
		p := &Parser{ModuleDir: func() string { return dir }, startsBeforeCompile: threshold}
		t.Cleanup(func() {
			if p.wasm != nil {
				_ = p.wasm.Close()
			}
		})
		return p
	}
	var want []Stmt
	check := func(i int, p *Parser, engine pgwasm.Engine, fromCache bool) {
		t.Helper()
		stmts, err := p.Parse(text)
		if err != nil {
			t.Fatalf("process %d: %v", i, err)
		}
		if want == nil {
			want = stmts
		} else if !reflect.DeepEqual(stmts, want) {
			t.Fatalf("process %d: %v; want %v", i, stmts, want)
		}
		if p.engine != engine || p.wasm.FromCache() != fromCache {
			t.Fatalf("process %d: engine %v, from the folder %v; want %v, %v", i, p.engine, p.wasm.FromCache(), engine, fromCache)
		}
	}
	check(1, process(2, dir), pgwasm.Interpreter, false)
	check(2, process(2, dir), pgwasm.Interpreter, false)
	check(3, process(2, dir), pgwasm.Compiler, false) // the third start compiles
	check(4, process(2, dir), pgwasm.Compiler, true)  // and the fourth loads

	// A process past the threshold that finds the lock held (another is
	// compiling) does not wait for it.
	other := t.TempDir()
	check(5, process(1, other), pgwasm.Interpreter, false)
	release, ok := diskcache.TryLock(filepath.Join(other, "compile-"+pgwasm.ModuleKey()+".lock"))
	if !ok {
		t.Fatal("cannot take the compile lock")
	}
	defer release()
	check(6, process(1, other), pgwasm.Interpreter, false)

	// Without a folder, nothing is shared.
	check(7, process(1, ""), pgwasm.Interpreter, false)
}

// TestPlannedProcesses: with the run's count of processes known
// (PlanProcesses), fewer than compileForProcesses keep to the
// interpreter as long as the count holds, and the starts past it fall
// back to the threshold's rule (a count that missed packages); from
// compileForProcesses on, the first process compiles the module for
// the others, unless another holds the compile lock. The count is
// asked once, and the first plan given wins.
func TestPlannedProcesses(t *testing.T) {
	const text = "SELECT i.id FROM invoices i WHERE i.tenant_id = $1"
	process := func(dir string, count int, asked *int) *Parser {
		p := &Parser{ModuleDir: func() string { return dir }, startsBeforeCompile: 1}
		p.PlanProcesses(func() int { *asked++; return count })
		p.PlanProcesses(func() int { t.Fatal("a second plan was asked"); return 0 })
		t.Cleanup(func() {
			if p.wasm != nil {
				_ = p.wasm.Close()
			}
		})
		return p
	}
	parse := func(p *Parser) {
		t.Helper()
		if _, err := p.For(PostgreSQL).Parse(text); err != nil {
			t.Fatal(err)
		}
		if _, err := p.Parse(text + " AND i.id = $2"); err != nil {
			t.Fatal(err)
		}
	}

	// Folders that do not exist yet, as in a new cache.
	few := filepath.Join(t.TempDir(), "wasm")
	asked := 0
	const planned = 3
	// The planned starts and the threshold's one more (startsBeforeCompile
	// is 1 here) keep to the interpreter: without the plan the second
	// would compile.
	for i := range planned + 1 {
		p := process(few, planned, &asked)
		parse(p)
		if p.engine != pgwasm.Interpreter {
			t.Fatalf("process %d of %d planned: engine %v; want the interpreter", i+1, planned, p.engine)
		}
	}
	if asked != planned+1 {
		t.Fatalf("the count was asked %d times in %d processes; want once each", asked, planned+1)
	}
	if matches, _ := filepath.Glob(filepath.Join(few, "compiled-*")); len(matches) != 0 {
		t.Fatalf("planned processes compiled the module (%v) before their count was passed", matches)
	}
	// One more than the count and the threshold: the count missed
	// packages, and the threshold's rule compiles.
	p := process(few, planned, &asked)
	parse(p)
	if p.engine != pgwasm.Compiler {
		t.Fatalf("the start past the count and the threshold: engine %v; want a compile", p.engine)
	}

	many := filepath.Join(t.TempDir(), "wasm")
	if err := os.MkdirAll(many, 0o755); err != nil {
		t.Fatal(err)
	}
	release, ok := diskcache.TryLock(filepath.Join(many, "compile-"+pgwasm.ModuleKey()+".lock"))
	if !ok {
		t.Fatal("cannot take the compile lock")
	}
	p = process(many, compileForProcesses, &asked)
	parse(p)
	if p.engine != pgwasm.Interpreter {
		t.Fatalf("with the compile lock held elsewhere: engine %v; want the interpreter", p.engine)
	}
	release()
	if err := os.RemoveAll(many); err != nil {
		t.Fatal(err)
	}
	p = process(many, compileForProcesses, &asked)
	parse(p)
	if p.engine != pgwasm.Compiler || p.wasm.FromCache() {
		t.Fatalf("the first of %d planned processes: engine %v, from the folder %v; want a compile", compileForProcesses, p.engine, p.wasm.FromCache())
	}
	p = process(many, compileForProcesses, &asked)
	parse(p)
	if !p.wasm.FromCache() {
		t.Fatal("the next planned process did not load the compiled module")
	}
}

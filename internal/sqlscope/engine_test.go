package sqlscope

import (
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

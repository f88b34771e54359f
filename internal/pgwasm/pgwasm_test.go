package pgwasm

import (
	"bytes"
	"errors"
	"runtime/debug"
	"sync"
	"testing"

	"github.com/wasilibs/go-pgquery/parser"
)

// TestModuleLinked fails when the linkname to go-pgquery's embedded
// module finds nothing: an upgrade that renames or moves
// internal/wasm.LibPGQuery must not leave tenantsql without a parser.
func TestModuleLinked(t *testing.T) {
	if len(libPGQuery) < 1<<20 {
		t.Fatalf("libPGQuery has %d bytes; want go-pgquery's libpg_query module (about 2.2 MB)", len(libPGQuery))
	}
	if !bytes.HasPrefix(libPGQuery, []byte("\x00asm")) {
		t.Fatalf("libPGQuery starts with %q, not the wasm magic number", libPGQuery[:8])
	}
}

// TestEngines parses with each engine what go-pgquery parses, to the
// same JSON, and fails where it fails: with its error under the
// compiler, with ErrInterpreted under the interpreter (which aborts at
// PostgreSQL's longjmp); either way the next parse works.
func TestEngines(t *testing.T) {
	const (
		good = "SELECT i.id FROM invoices i WHERE i.tenant_id = $1 AND i.id = ANY($2)"
		bad  = "SELECT FROM WHERE invoices"
	)
	want, err := parser.ParseToJSON(good)
	if err != nil {
		t.Fatal(err)
	}
	_, wantErr := parser.ParseToJSON(bad)
	var wantPE *parser.Error
	if !errors.As(wantErr, &wantPE) {
		t.Fatalf("go-pgquery's error %v is not a *parser.Error", wantErr)
	}
	for _, e := range []Engine{Compiler, Interpreter} {
		t.Run(e.String(), func(t *testing.T) {
			p := New(e)
			defer p.Close()
			for i := range 3 {
				got, err := p.ParseToJSON(good)
				if err != nil || got != want {
					t.Fatalf("ParseToJSON(%q) = %q, %v; want %q", good, got, err, want)
				}
				if i == 2 {
					break
				}
				_, err = p.ParseToJSON(bad)
				var pe *Error
				if !errors.As(err, &pe) {
					t.Fatalf("ParseToJSON(%q) error = %v; want an *Error", bad, err)
				}
				switch {
				case e == Interpreter && err != ErrInterpreted:
					t.Fatalf("interpreter's error = %v; want ErrInterpreted", err)
				case e == Compiler && (pe.Message != wantPE.Message || pe.Cursorpos != wantPE.Cursorpos || pe.Lineno != wantPE.Lineno || pe.Funcname != wantPE.Funcname):
					t.Fatalf("error = %+v; want %+v", *pe, *wantPE)
				}
			}
			if n := len(p.pool); n != 1 {
				t.Errorf("pool holds %d instances after sequential parses; want 1", n)
			}
		})
	}
}

// TestInterpreterAlone: one instance serves every parse, statements
// and lists of statements, with go-pgquery's trees.
func TestInterpreterAlone(t *testing.T) {
	p := New(Interpreter)
	defer p.Close()
	for _, text := range []string{"SELECT 1", "DELETE FROM t WHERE a = $1", "SELECT 1; SELECT 2"} {
		want, err := parser.ParseToJSON(text)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := p.ParseToJSON(text); err != nil || got != want {
			t.Fatalf("ParseToJSON(%q) = %q, %v; want %q", text, got, err, want)
		}
	}
	if len(p.pool) != 1 {
		t.Errorf("pool holds %d instances; want 1", len(p.pool))
	}
}

// TestConcurrent parses from several goroutines with one compilation:
// each takes its own instance.
func TestConcurrent(t *testing.T) {
	p := New(Interpreter)
	defer p.Close()
	want, err := p.ParseToJSON("SELECT 1")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			got, err := p.ParseToJSON("SELECT 1")
			if err == nil && got != want {
				err = errors.New("different tree: " + got)
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

func TestClosed(t *testing.T) {
	p := New(Interpreter)
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := p.ParseToJSON("SELECT 1"); err == nil {
		t.Fatal("a closed parser parses")
	}
}

// TestStartRestoresGCPercent: the collector's percent, raised while the
// module compiles, is what it was once the parser has started.
func TestStartRestoresGCPercent(t *testing.T) {
	t.Setenv("GOGC", "")
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	p := New(Interpreter)
	defer p.Close()
	if _, err := p.ParseToJSON("SELECT 1"); err != nil {
		t.Fatal(err)
	}
	if got := debug.SetGCPercent(100); got != 100 {
		t.Fatalf("after the start-up the GC percent is %d; want 100", got)
	}
}

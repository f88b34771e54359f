package sqlscope

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/tenantlint/tenantlint/internal/pgwasm"
)

// TestEnginesAgree parses every string of this package's tests (the
// texts of rule_test.go's cases and the others', constant
// concatenations included) with the interpreter, which the analyzer
// uses, and with the optimizing compiler: the trees must be the same
// bytes, since the parse-tree cache keeps the one or the other
// whichever engine wrote it, and a text must fail under both or
// neither (the interpreter's error has no message: ErrInterpreted).
func TestEnginesAgree(t *testing.T) {
	texts := testStrings(t)
	interp, comp := pgwasm.New(pgwasm.Interpreter), pgwasm.New(pgwasm.Compiler)
	defer interp.Close()
	defer comp.Close()
	trees := 0
	for _, text := range texts {
		a, errA := interp.ParseToJSON(text)
		b, errB := comp.ParseToJSON(text)
		if a != b || (errA == nil) != (errB == nil) || (errA != nil && errA != pgwasm.ErrInterpreted) {
			t.Errorf("%q:\ninterpreter %q, %v\ncompiler    %q, %v", text, a, errA, b, errB)
		}
		if errA == nil {
			trees++
		}
	}
	// The corpus is the tests' SQL: a change that loses it (no files, a
	// parse of nothing) must not pass silently.
	if trees < 100 {
		t.Fatalf("only %d of %d strings parsed; the corpus is lost", trees, len(texts))
	}
	t.Logf("%d strings, %d trees", len(texts), trees)
}

// testStrings returns the distinct string constants of the package's
// test files: literals, and sums of literals.
func testStrings(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	seen := map[string]bool{}
	var out []string
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			e, ok := n.(ast.Expr)
			if !ok {
				return true
			}
			if s, ok := constString(e); ok && !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
			return true
		})
	}
	return out
}

func constString(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		x, ok1 := constString(e.X)
		y, ok2 := constString(e.Y)
		return x + y, ok1 && ok2
	case *ast.ParenExpr:
		return constString(e.X)
	}
	return "", false
}

// TestInterpreterBudget: a Parser moves to the compiler once its
// interpreter work reaches the budget (a text that does not parse
// counts four), and its trees do not change when it does.
func TestInterpreterBudget(t *testing.T) {
	p := &Parser{budget: 7}
	good := []string{"SELECT 1", "SELECT * FROM invoices WHERE tenant_id = $1", "DELETE FROM lines WHERE id = $1"}
	want := map[string][]Stmt{}
	for _, text := range good {
		stmts, err := p.Parse(text)
		if err != nil {
			t.Fatal(err)
		}
		want[text] = stmts
	}
	if p.engine != pgwasm.Interpreter || p.spent != 3 {
		t.Fatalf("after 3 parses: engine %v, spent %d; want the interpreter, 3", p.engine, p.spent)
	}
	if _, err := p.Parse("SELEC 1"); err == nil {
		t.Fatal("SELEC 1 parses")
	}
	if p.engine != pgwasm.Compiler {
		t.Fatalf("after 3 parses and an error (7 units of 7): engine %v; want the compiler", p.engine)
	}
	p.memo = nil // parse again, with the compiler
	for _, text := range good {
		stmts, err := p.Parse(text)
		if err != nil || !reflect.DeepEqual(stmts, want[text]) {
			t.Errorf("compiler: %q = %v, %v; want the interpreter's %v", text, stmts, err, want[text])
		}
	}
}

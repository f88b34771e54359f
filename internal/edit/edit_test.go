package edit

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"testing"
)

func TestFormatIndented(t *testing.T) {
	for _, tc := range []struct {
		expr, indent, want string
		ok                 bool
	}{
		// A binary expression loses its spaces inside the new call, and
		// continuation lines keep the statement's indentation plus one.
		{"k(ctx, \"c:\" +\n\t\t\tb)", "\t\t", "k(ctx, \"c:\"+\n\t\t\tb)", true},
		{"k(ctx, \"a\"+\n\tb)", "", "k(ctx, \"a\"+\n\tb)", true},
		// Comments are kept.
		{"k(ctx, \"a:\"+ // why\n\t\tid)", "\t", "k(ctx, \"a:\"+ // why\n\t\tid)", true},
		// Not gofmt-indented: give up.
		{"k(ctx, a+\n    b)", "    ", "", false},
		// Not an expression.
		{"k(ctx, a b)", "\t", "", false},
	} {
		got, ok := formatIndented(tc.expr, tc.indent)
		if ok != tc.ok || got != tc.want {
			t.Errorf("formatIndented(%q, %q) = %q, %v; want %q, %v", tc.expr, tc.indent, got, ok, tc.want, tc.ok)
		}
	}
}

func TestFormatExpr(t *testing.T) {
	for _, tc := range []struct{ expr, want string }{
		{`k(ctx, "a" + id)`, `k(ctx, "a"+id)`},
		{`k(ctx, fmt.Sprintf("%s:%d", a, 1))`, `k(ctx, fmt.Sprintf("%s:%d", a, 1))`},
		{`T(k(ctx, string(n)))`, `T(k(ctx, string(n)))`},
	} {
		if got, ok := formatExpr(tc.expr); !ok || got != tc.want {
			t.Errorf("formatExpr(%q) = %q, %v; want %q", tc.expr, got, ok, tc.want)
		}
	}
}

// TestImportNameComputesNamesOnce: the names an import must not take are
// computed once per File, however many findings ask (issue 14: a walk of
// the whole file per finding made 50,000 lines take minutes), and they
// include what Declared adds (names of the package's other files).
func TestImportNameComputesNamesOnce(t *testing.T) {
	const src = "package p\n\nfunc f() { tenant := 1; _ = tenant }\n"
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}}
	pkg, err := (&types.Config{}).Check("p", fset, []*ast.File{file}, info)
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	f := &File{Fset: fset, AST: file, Info: info, Pkg: pkg, Src: []byte(src),
		Declared: func() []string { calls++; return []string{"tenant2"} }}
	for range 1000 {
		if name, edits := f.ImportName("example.com/tenant", "tenant"); name != "tenant3" || len(edits) != 1 {
			t.Fatalf("ImportName = %s, %v; want tenant3 (tenant is a local, tenant2 declared elsewhere) and one edit", name, edits)
		}
	}
	if calls != 1 {
		t.Errorf("the names were computed %d times for 1000 findings, want once", calls)
	}
}

package edit

import "testing"

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

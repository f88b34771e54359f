package lint

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"
)

// TestDeclName: the name an ignore.findings entry's name matches is the
// top-level declaration's: a type, a function, Type.Method (also for a
// pointer or generic receiver), the first name of a var or const spec.
func TestDeclName(t *testing.T) {
	const src = `package p

type Order struct{ TenantID string }

type Store[K comparable] struct{}

func (s *Store[K]) Get(k K) {}

func (o Order) Key() string { return "k" }

func Load() { _ = 1 }

var (
	a, b = 1, 2
	c    = 3
)

const d = 4
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}}
	if _, err := new(types.Config).Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	tf := fset.File(f.Pos())
	at := func(needle string) token.Pos {
		i := strings.Index(src, needle)
		if i < 0 {
			t.Fatalf("%q not in the source", needle)
		}
		return tf.Pos(i)
	}
	for needle, want := range map[string]string{
		"TenantID string": "Order",
		"Get(k K)":        "Store.Get",
		`return "k"`:      "Order.Key",
		"_ = 1":           "Load",
		"b = 1, 2":        "a",
		"c    = 3":        "c",
		"d = 4":           "d",
		"package p":       "",
	} {
		if got := declName(info, []*ast.File{f}, at(needle)); got != want {
			t.Errorf("at %q: %q, want %q", needle, got, want)
		}
	}
}

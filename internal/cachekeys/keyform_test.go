package cachekeys

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// TestKeyForm checks the forms that tenantcache groups cache calls by:
// each call of use in the source is one key, and want lists their forms
// in order.
func TestKeyForm(t *testing.T) {
	const src = `package p

import (
	"fmt"
	"strconv"
)

type K string

func use(string) {}

func build(id string) string { return "b:" + id }

func keys(id string, n int, name K) {
	use("user:" + id)                        // 0: text and a hole
	use(fmt.Sprintf("user:%s", id))          // 1: the same text from a format
	use(fmt.Sprintf("user:%-5d%%x", n))      // 2: flags, width and %%
	use("user:" + strconv.Itoa(n))           // 3: a call inside is a hole
	use(fmt.Sprint("user:", id))             // 4: fmt.Sprint of strings
	use(build(id))                           // 5: a key builder
	use(id)                                  // 6: a parameter
	k := "user:" + id
	use(k)                                   // 7: a local assigned once
	var m string
	m = "a"
	m = "b"
	use(m)                                   // 8: assigned twice
	use("a" + "b" + id + ":" + id)           // 9: constants merge
	use(string(name) + ":x")                 // 10: a conversion of a string
	const c = "const:"
	use(c + id)                              // 11: a named constant
	j := build(id)
	use(j)                                   // 12: a local from a builder
}
`
	want := []string{
		`"user:"_`,
		`"user:"_`,
		`"user:"_"%x"`,
		`"user:"_`,
		`"user:"_`,
		"builder p.build",
		Opaque,
		`"user:"_`,
		Opaque,
		`"ab"_":"_`,
		`_":x"`,
		`"const:"_`,
		"builder p.build",
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{
		Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{},
		Uses: map[*ast.Ident]types.Object{}, Selections: map[*ast.SelectorExpr]*types.Selection{},
		Implicits: map[ast.Node]types.Object{},
	}
	pkg, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	var decl *ast.FuncDecl
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == "keys" {
			decl = fd
		}
	}
	s := NewFuncScopeWith(rules.Compile(&config.Config{}), info, pkg, decl, nil)
	var got []string
	ast.Inspect(decl, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "use" {
				got = append(got, s.KeyForm(call.Args[0]))
			}
		}
		return true
	})
	if len(got) != len(want) {
		t.Fatalf("got %d keys, want %d: %q", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("key %d: form %q, want %q", i, got[i], want[i])
		}
	}
}

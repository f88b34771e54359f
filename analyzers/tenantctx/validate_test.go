package tenantctx

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/tenantlint/tenantlint/internal/config"
)

// ctx.sinks names are checked against the code where their package is
// visible: one line, at the entry, naming what is wrong.
func TestValidateSinks(t *testing.T) {
	const src = `package sink

import "context"

func Log(ctx context.Context, msg string) {}
func Plain(msg string)                     {}

type Store struct{}

func (s *Store) Save(ctx context.Context, v any) error { return nil }
func (s *Store) Len() int                              { return 0 }

type Iface interface{ Put(ctx context.Context) }
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "sink.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := (&types.Config{Importer: importer.ForCompiler(fset, "source", nil)}).Check("example.com/sink", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	direct := map[string]*types.Package{pkg.Path(): pkg}
	tests := []struct{ entry, want string }{
		{"example.com/sink.Log", ""},
		{"example.com/sink.Store.Save", ""},
		{"example.com/sink.Iface.Put", ""},
		{"example.com/other.Anything", ""}, // not visible: not checked here
		{"example.com/sink.Nope", "/app/.tenantlint.yaml:3:7: ctx.sinks: example.com/sink.Nope: package example.com/sink has no function Nope"},
		{"example.com/sink.Plain", "/app/.tenantlint.yaml:3:7: ctx.sinks: example.com/sink.Plain takes no context.Context; a sink reads the tenant from the context it is given"},
		{"example.com/sink.Store.Len", "/app/.tenantlint.yaml:3:7: ctx.sinks: example.com/sink.Store.Len takes no context.Context; a sink reads the tenant from the context it is given"},
		{"example.com/sink.Store.Nope", "/app/.tenantlint.yaml:3:7: ctx.sinks: example.com/sink.Store.Nope: Store has no method Nope"},
		{"example.com/sink.Missing.Save", "/app/.tenantlint.yaml:3:7: ctx.sinks: example.com/sink.Missing.Save: package example.com/sink has no type Missing"},
	}
	for _, tt := range tests {
		c, err := config.Parse("/app/.tenantlint.yaml", []byte("version: 1\nctx:\n  sinks:\n    - "+tt.entry+"\n    - example.com/sink.Log\n"))
		if err != nil {
			t.Fatal(err)
		}
		// The entry under test is second: later entries are checked too.
		c.Ctx.Sinks[0], c.Ctx.Sinks[1] = c.Ctx.Sinks[1], c.Ctx.Sinks[0]
		c.Ctx.Sinks[1].Line, c.Ctx.Sinks[1].Column = 3, 7
		got := ""
		if err := ValidateSinks(c, direct); err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.entry, got, tt.want)
		}
	}
}

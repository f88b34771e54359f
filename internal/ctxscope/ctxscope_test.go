package ctxscope

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"
)

// stubs stand in for the standard library, so that the test type-checks
// in memory, without export data or the go command.
var stubs = map[string]string{
	"context": `package context
import "time"
type Context interface{ Value(key any) any }
type CancelFunc func()
func Background() Context { return nil }
func TODO() Context { return nil }
func WithCancel(parent Context) (Context, CancelFunc) { return parent, nil }
func WithTimeout(parent Context, d time.Duration) (Context, CancelFunc) { return parent, nil }
func WithValue(parent Context, key, val any) Context { return parent }
func WithoutCancel(parent Context) Context { return parent }
`,
	"time":     "package time\ntype Duration int64\nconst Second Duration = 1e9\n",
	"net/http": "package http\nimport \"context\"\ntype Request struct{}\nfunc (r *Request) Context() context.Context { return nil }\nfunc NewRequest() *Request { return nil }\n",
}

type stubImporter struct {
	fset *token.FileSet
	pkgs map[string]*types.Package
}

func (im *stubImporter) Import(path string) (*types.Package, error) {
	if p, ok := im.pkgs[path]; ok {
		return p, nil
	}
	src, ok := stubs[path]
	if !ok {
		return nil, fmt.Errorf("no stub for %s", path)
	}
	f, err := parser.ParseFile(im.fset, path+".go", src, 0)
	if err != nil {
		return nil, err
	}
	p, err := (&types.Config{Importer: im}).Check(path, im.fset, []*ast.File{f}, nil)
	if err != nil {
		return nil, err
	}
	im.pkgs[path] = p
	return p, nil
}

// src calls check(expr, kind, find) where the test expects KindOf(expr)
// to be kind and Find at the call to give find ("" for nothing).
const src = `package p

import (
	"context"
	"net/http"
	"time"
)

func check(c context.Context, kind, find string) {}

type server struct{ ctx context.Context }

func key(ctx context.Context) context.Context { return ctx }

func params(ctx context.Context, other context.Context, r *http.Request) {
	check(ctx, "carries", "ctx")
	check(other, "carries", "ctx")
	check(r.Context(), "carries", "ctx")
	check(context.Background(), "empty", "ctx")
	check(context.TODO(), "empty", "ctx")
	check(nil, "empty", "ctx")
	check(context.WithoutCancel(ctx), "carries", "ctx")
	check(context.WithValue(ctx, 1, 2), "carries", "ctx")
	check(context.WithValue(context.Background(), 1, 2), "unknown", "ctx")
	check(context.WithoutCancel(context.TODO()), "empty", "ctx")
	check(key(ctx), "unknown", "ctx")
}

func byName(c context.Context, ctx context.Context) {
	check(c, "carries", "ctx")
}

func request(w int, r *http.Request) {
	check(r.Context(), "carries", "r.Context()")
	own := http.NewRequest()
	check(own.Context(), "unknown", "r.Context()")
}

func locals(s *server) {
	check(s.ctx, "unknown", "")
	bg := context.Background()
	check(bg, "empty", "")
	tctx, cancel := context.WithTimeout(bg, time.Second)
	defer cancel()
	check(tctx, "empty", "")
	var none context.Context
	check(none, "empty", "")
	made := key(bg)
	check(made, "unknown", "made")
	later := context.TODO()
	check(later, "empty", "made")
}

func derived(ctx context.Context) {
	t, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	check(t, "carries", "ctx")
	loop := context.Background()
	for i := 0; i < 3; i++ {
		loop, cancel = context.WithCancel(loop)
	}
	check(loop, "empty", "ctx")
	mixed := context.Background()
	mixed = ctx
	check(mixed, "unknown", "ctx")
}

func after() {
	check(context.Background(), "empty", "")
	ctx := key(nil)
	_ = ctx
}

func closures(ctx context.Context) {
	func() {
		check(ctx, "carries", "ctx")
	}()
	go func(inner context.Context) {
		check(inner, "carries", "inner")
	}(ctx)
}

func shadowed(ctx context.Context, r *http.Request) {
	{
		ctx := 1
		_ = ctx
		check(nil, "empty", "r.Context()")
	}
	{
		ctx := context.Background()
		check(ctx, "empty", "r.Context()")
	}
}

func main() {
	check(context.Background(), "empty", "")
}

func shadowedOnly(ctx context.Context) {
	{
		ctx := context.Background()
		check(ctx, "empty", "")
	}
}
`

// shadowedAt maps the lines of src where FindShadowed finds a context to
// its text.
var shadowedAt = map[int]string{102: "ctx"}

// typeCheck parses and type-checks src, a package p, against the stubs.
func typeCheck(t *testing.T, src string) (*token.FileSet, *ast.File, *types.Info, *types.Package) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{},
		Uses: map[*ast.Ident]types.Object{}, Scopes: map[ast.Node]*types.Scope{}}
	pkg, err := (&types.Config{Importer: &stubImporter{fset, map[string]*types.Package{}}}).Check("p", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	return fset, f, info, pkg
}

func TestScope(t *testing.T) {
	fset, f, info, pkg := typeCheck(t, src)
	names := map[Kind]string{Unknown: "unknown", Carries: "carries", Empty: "empty"}
	n := 0
	for _, decl := range f.Decls {
		s := New(info, pkg, decl)
		ast.Inspect(decl, func(node ast.Node) bool {
			call, ok := node.(*ast.CallExpr)
			if !ok || types.ExprString(call.Fun) != "check" {
				return true
			}
			n++
			at := fset.Position(call.Pos())
			arg := types.ExprString(call.Args[0])
			wantKind := constant.StringVal(info.Types[call.Args[1]].Value)
			wantFind := constant.StringVal(info.Types[call.Args[2]].Value)
			if got := names[s.KindOf(call.Args[0])]; got != wantKind {
				t.Errorf("%s: KindOf(%s) = %s, want %s", at, arg, got, wantKind)
			}
			c, found := s.Find(call.Pos())
			if got := c.Text; got != wantFind || found != (wantFind != "") {
				t.Errorf("%s: Find = %q, %v; want %q", at, got, found, wantFind)
			}
			if found && !s.VisibleAt(c, call.Pos()) {
				t.Errorf("%s: %s found but not visible", at, c.Text)
			}
			hidden, _ := s.FindShadowed(call.Pos())
			if want := shadowedAt[at.Line]; hidden.Text != want {
				t.Errorf("%s: FindShadowed = %q, want %q", at, hidden.Text, want)
			}
			return true
		})
	}
	if n != 30 {
		t.Errorf("checked %d calls, want 30", n)
	}
}

func TestEmptyRootsAndRoot(t *testing.T) {
	const src = `package p

import (
	"context"
	"time"
)

func sink(ctx context.Context) {}

func f(ctx context.Context, other context.Context) {
	bg := context.Background()
	t, cancel := context.WithTimeout(bg, time.Second)
	defer cancel()
	sink(t)
	sink(context.WithoutCancel(context.TODO()))
	var none context.Context
	sink(none)
	sink(nil)
	d, cancel2 := context.WithTimeout(ctx, time.Second)
	defer cancel2()
	sink(d)
	sink(context.WithValue(other, 1, 2))
	both := ctx
	both = other
	sink(both)
}
`
	_, f, info, pkg := typeCheck(t, src)
	decl := f.Decls[len(f.Decls)-1]
	s := New(info, pkg, decl)
	var got []string
	ast.Inspect(decl, func(node ast.Node) bool {
		call, ok := node.(*ast.CallExpr)
		if !ok || types.ExprString(call.Fun) != "sink" {
			return true
		}
		arg := call.Args[0]
		roots, ok := s.EmptyRoots(arg)
		var rs []string
		for _, r := range roots {
			rs = append(rs, types.ExprString(r))
		}
		root := ""
		if v, ok := s.Root(arg); ok {
			root = v.Name()
		}
		got = append(got, fmt.Sprintf("%s: roots=[%s] ok=%v root=%s", types.ExprString(arg), strings.Join(rs, " "), ok, root))
		return true
	})
	want := []string{
		"t: roots=[context.Background()] ok=true root=",
		"context.WithoutCancel(context.TODO()): roots=[context.TODO()] ok=true root=",
		"none: roots=[] ok=false root=",
		"nil: roots=[nil] ok=true root=",
		"d: roots=[] ok=false root=ctx",
		"context.WithValue(other, 1, 2): roots=[] ok=false root=other",
		"both: roots=[] ok=false root=",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

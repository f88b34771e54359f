package gate

import (
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/report"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

// findingsIn plays the analyzers on src, written to dir/rel: a
// tenantcache finding spans each call of a method named Get or Set, a
// tenantrepo finding each type named Invoice, and a finding with no end
// each //tenantlint: comment, as directive findings have.
func findingsIn(t *testing.T, dir, rel, src string) []report.Finding {
	t.Helper()
	path := filepath.Join(dir, filepath.FromSlash(rel))
	testfs.WriteFile(t, path, src)
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, parser.ParseComments)
	if err != nil {
		t.Fatalf("test source does not parse: %v", err)
	}
	var out []report.Finding
	add := func(check string, pos, end token.Pos, msg string) {
		p := fset.Position(pos)
		fd := report.Finding{Check: check, File: path, Line: p.Line, Column: p.Column, Message: msg}
		if end.IsValid() {
			e := fset.Position(end)
			fd.EndLine, fd.EndColumn = e.Line, e.Column
		}
		out = append(out, fd)
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok && (sel.Sel.Name == "Get" || sel.Sel.Name == "Set") {
				add("tenantcache", n.Pos(), n.End(), "key is not tenant-scoped")
			}
		case *ast.TypeSpec:
			if n.Name.Name == "Invoice" {
				add("tenantrepo", n.Name.Pos(), n.Name.End(), "Invoice has no repository")
			}
		}
		return true
	})
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if strings.HasPrefix(c.Text, "//tenantlint:") {
				add("tenantcache", c.Slash, token.NoPos, "unused directive")
			}
		}
	}
	report.Sort(out)
	return out
}

// keysOf returns the keys of src's findings, sorted so that two versions
// of a file compare as sets.
func keysOf(t *testing.T, src string) []Key {
	t.Helper()
	dir := t.TempDir()
	fs := findingsIn(t, dir, "internal/store/store.go", src)
	keys := Keys(fs, dir)
	slices.SortFunc(keys, func(a, b Key) int { return strings.Compare(a.Fingerprint(), b.Fingerprint()) })
	return keys
}

const storeSrc = `package store

import "context"

type Cache struct{}

func (c *Cache) Get(ctx context.Context, key string) string { return "" }
func (c *Cache) Set(ctx context.Context, key, v string)     {}

// Invoice is tenant-scoped.
type Invoice struct{ TenantID string }

type Store struct{ c *Cache }

func (s *Store) Load(ctx context.Context, id string) string {
	return s.c.Get(ctx, "invoice:"+id)
}

func (s *Store) Save(ctx context.Context, id, v string) {
	s.c.Set(ctx, "invoice:"+id, v)
	//tenantlint:ignore tenantcache shared   key
	s.c.Set(ctx, "all", v)
}
`

func TestKeysOfStore(t *testing.T) {
	got := keysOf(t, storeSrc)
	slices.SortFunc(got, func(a, b Key) int { return strings.Compare(a.Decl+a.Code, b.Decl+b.Code) })
	want := []Key{
		{"tenantcache", "internal/store/store.go", "func (*Store).Load", `s . c . Get ( ctx , "invoice:" + id )`, 1},
		{"tenantcache", "internal/store/store.go", "func (*Store).Save", `//tenantlint:ignore tenantcache shared key`, 1},
		{"tenantcache", "internal/store/store.go", "func (*Store).Save", `s . c . Set ( ctx , "all" , v )`, 1},
		{"tenantcache", "internal/store/store.go", "func (*Store).Save", `s . c . Set ( ctx , "invoice:" + id , v )`, 1},
		{"tenantrepo", "internal/store/store.go", "type Invoice", "Invoice", 1},
	}
	if !slices.Equal(got, want) {
		t.Errorf("keys:\n got %+v\nwant %+v", got, want)
	}
}

func TestKeysSurviveLinesAddedAbove(t *testing.T) {
	edited := strings.Replace(storeSrc, "import \"context\"\n", `import "context"

// A comment and a declaration added above every finding.
const prefix = "p"

func helper() string { return prefix }
`, 1)
	assertSameKeys(t, storeSrc, edited)
}

func TestKeysSurviveMovingAFunction(t *testing.T) {
	load := "func (s *Store) Load(ctx context.Context, id string) string {\n\treturn s.c.Get(ctx, \"invoice:\"+id)\n}\n\n"
	moved := strings.Replace(storeSrc, load, "", 1) + "\n" + strings.TrimSuffix(load, "\n")
	if moved == storeSrc || !strings.Contains(moved, "Load") {
		t.Fatal("the edit did not move Load")
	}
	assertSameKeys(t, storeSrc, moved)
}

func TestKeysSurviveGofmt(t *testing.T) {
	// Written by hand across lines, with a comment inside the call and
	// explicit semicolons; gofmt keeps the line breaks but adds the
	// trailing comma, and joins nothing.
	messy := strings.Replace(storeSrc, `	return s.c.Get(ctx, "invoice:"+id)`, `	return s.c.Get(  ctx, // the tenant is in ctx
		"invoice:" +
			id)`, 1)
	messy = strings.Replace(messy, `	s.c.Set(ctx, "invoice:"+id, v)`, `	s.c.Set(ctx, "invoice:"+id, v);`, 1)
	formatted, err := format.Source([]byte(messy))
	if err != nil {
		t.Fatal(err)
	}
	if string(formatted) == messy {
		t.Fatal("gofmt changed nothing: the test would not test reformatting")
	}
	assertSameKeys(t, storeSrc, messy)
	assertSameKeys(t, messy, string(formatted))
}

func TestKeysSurviveTrailingCommaOfMultilineCall(t *testing.T) {
	multi := strings.Replace(storeSrc, `	s.c.Set(ctx, "invoice:"+id, v)`, "\ts.c.Set(\n\t\tctx,\n\t\t\"invoice:\"+id,\n\t\tv,\n\t)", 1)
	assertSameKeys(t, storeSrc, multi)
}

func TestKeysSurviveSplittingStatements(t *testing.T) {
	// Explicit semicolons in a function literal inside the flagged call
	// become line breaks when the literal is split over lines.
	oneLine := strings.Replace(storeSrc, `	s.c.Set(ctx, "invoice:"+id, v)`,
		`	s.c.Set(ctx, func() string { p := "invoice:"; return p + id }(), v)`, 1)
	split := strings.Replace(storeSrc, `	s.c.Set(ctx, "invoice:"+id, v)`,
		"\ts.c.Set(ctx, func() string {\n\t\tp := \"invoice:\"\n\t\treturn p + id\n\t}(), v)", 1)
	assertSameKeys(t, oneLine, split)
}

func TestSecondIdenticalCallIsNew(t *testing.T) {
	dup := strings.Replace(storeSrc, `	s.c.Set(ctx, "invoice:"+id, v)`, "\ts.c.Set(ctx, \"invoice:\"+id, v)\n\ts.c.Set(ctx, \"invoice:\"+id, v)", 1)
	before, after := keysOf(t, storeSrc), keysOf(t, dup)
	added := newKeys(before, after)
	want := Key{"tenantcache", "internal/store/store.go", "func (*Store).Save", `s . c . Set ( ctx , "invoice:" + id , v )`, 2}
	if len(added) != 1 || added[0] != want {
		t.Errorf("new keys after duplicating a call: %+v, want only %+v", added, want)
	}
	if len(newKeys(after, before)) != 0 {
		t.Errorf("the original call's key changed")
	}
}

func TestSameCallInAnotherFunctionIsNew(t *testing.T) {
	other := storeSrc + "\nfunc (s *Store) Reload(ctx context.Context, id string) string {\n\treturn s.c.Get(ctx, \"invoice:\"+id)\n}\n"
	added := newKeys(keysOf(t, storeSrc), keysOf(t, other))
	if len(added) != 1 || added[0].Decl != "func (*Store).Reload" || added[0].Occurrence != 1 {
		t.Errorf("new keys: %+v, want the call in Reload", added)
	}
}

func TestRenamingTheEnclosingFunctionMakesNewKeys(t *testing.T) {
	renamed := strings.Replace(storeSrc, "func (s *Store) Load(", "func (s *Store) Fetch(", 1)
	added := newKeys(keysOf(t, storeSrc), keysOf(t, renamed))
	if len(added) != 1 || added[0].Decl != "func (*Store).Fetch" {
		t.Errorf("new keys after renaming Load: %+v, want the call in Fetch", added)
	}
}

func TestChangingTheKeyMakesANewKey(t *testing.T) {
	changed := strings.Replace(storeSrc, `"invoice:"+id)`, `"inv:"+id)`, 1)
	if added := newKeys(keysOf(t, storeSrc), keysOf(t, changed)); len(added) != 1 {
		t.Errorf("new keys after changing a key expression: %+v, want one", added)
	}
}

func TestDeclNames(t *testing.T) {
	src := `package p

type Repo[T any] struct{}

func (r Repo[T]) Save(c *Cache) { c.Get(nil, "a") }
func (r *Repo[T]) Load(c *Cache) { c.Get(nil, "b") }

type Cache struct{}

func (Cache) Get(_ any, k string) string { return k }

var (
	one = Cache{}.Get(nil, "c")
	x, y = Cache{}.Get(nil, "d"), 1
)

const k = "e"

//tenantlint:ignore tenantcache directive at file level

// Invoice is documented.
//
//tenantlint:ignore tenantcache directive in a doc comment
type Invoice struct{}

func F() { _ = func() { Cache{}.Get(nil, "f") } }
`
	dir := t.TempDir()
	fs := findingsIn(t, dir, "p.go", src)
	var got []string
	for i, k := range Keys(fs, dir) {
		got = append(got, fs[i].Check+" "+k.Decl+" | "+k.Code)
	}
	want := []string{
		`tenantcache func (Repo).Save | c . Get ( nil , "a" )`,
		`tenantcache func (*Repo).Load | c . Get ( nil , "b" )`,
		`tenantcache var one | Cache { } . Get ( nil , "c" )`,
		`tenantcache var x, y | Cache { } . Get ( nil , "d" )`,
		`tenantcache  | //tenantlint:ignore tenantcache directive at file level`,
		`tenantcache type Invoice | //tenantlint:ignore tenantcache directive in a doc comment`,
		`tenantrepo type Invoice | Invoice`,
		`tenantcache func F | Cache { } . Get ( nil , "f" )`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("decls:\n got %q\nwant %q", got, want)
	}
}

func TestKeysOfUnreadableFileUseTheMessage(t *testing.T) {
	dir := t.TempDir()
	fs := []report.Finding{{Check: "tenantcache", File: filepath.Join(dir, "gone.go"), Line: 3, Column: 2, Message: "m"}}
	got := Keys(fs, dir)
	want := Key{"tenantcache", "gone.go", "", "m", 1}
	if got[0] != want {
		t.Errorf("key of a missing file: %+v, want %+v", got[0], want)
	}
}

func TestKeysOutsideTheModuleAreAbsolute(t *testing.T) {
	dir, root := t.TempDir(), t.TempDir()
	fs := findingsIn(t, dir, "x.go", "package x\n\ntype Invoice struct{}\n")
	got := Keys(fs, root)[0].File
	if want := filepath.ToSlash(filepath.Join(dir, "x.go")); got != want {
		t.Errorf("file outside the module: %+v, want %+v", got, want)
	}
}

func TestFingerprintIsStable(t *testing.T) {
	// The fingerprint is what baseline files store: changing how it is
	// computed would resurrect every baselined finding, so its value is
	// pinned.
	k := Key{"tenantcache", "a/b.go", "func F", `c . Get ( k )`, 1}
	if got, want := k.Fingerprint(), "9b8b5a2d1f2e1c0b6a3c2e5f4d1a0b9c"; len(got) != 32 || !isFingerprint(got) {
		t.Errorf("fingerprint %+v is not 32 hex digits (like %+v)", got, want)
	}
	k2 := k
	k2.Occurrence = 2
	if k.Fingerprint() == k2.Fingerprint() {
		t.Error("the occurrence index does not change the fingerprint")
	}
}

func assertSameKeys(t *testing.T, before, after string) {
	t.Helper()
	a, b := keysOf(t, before), keysOf(t, after)
	if len(a) == 0 {
		t.Fatal("no findings in the test source")
	}
	if !slices.Equal(a, b) {
		t.Errorf("keys changed:\nbefore %+v\n after %+v", a, b)
	}
}

// newKeys returns the keys of after that are not in before.
func newKeys(before, after []Key) []Key {
	var out []Key
	for _, k := range after {
		if !slices.Contains(before, k) {
			out = append(out, k)
		}
	}
	return out
}

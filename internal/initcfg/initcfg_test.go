package initcfg

import (
	"bytes"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/testfs"
)

var update = flag.Bool("update", false, "rewrite the testdata/*.golden proposals")

// offline makes the go command that go/packages runs use no network and
// no workspace: the test modules replace their dependencies by local
// stubs.
func offline(t *testing.T) {
	t.Setenv("GOPROXY", "off")
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("GOWORK", "off")
	t.Setenv("GOTOOLCHAIN", "local")
}

// shapesModule copies testdata/shapes to a new directory, with the
// go-redis stub of tenantlint's analysistest fixtures as the module that
// its go.mod replaces github.com/redis/go-redis/v9 by.
func shapesModule(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := testfs.Copy("testdata/shapes", dir, nil); err != nil {
		t.Fatal(err)
	}
	stub := filepath.Join(dir, "stubs", "redis")
	if err := testfs.Copy("../../analyzers/tenantcache/testdata/src/github.com/redis/go-redis/v9", stub, nil); err != nil {
		t.Fatal(err)
	}
	testfs.WriteFile(t, filepath.Join(stub, "go.mod"), "module github.com/redis/go-redis/v9\n\ngo 1.26\n")
	return dir
}

// writeModule writes files (path → contents) under a new directory.
func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		testfs.WriteFile(t, filepath.Join(dir, name), src)
	}
	return dir
}

func scan(t *testing.T, dir string) *Findings {
	t.Helper()
	f, err := Scan(dir)
	if err != nil {
		t.Fatalf("Scan: %v", err)
	}
	return f
}

// TestShapesGolden renders the proposal for the shapes module and
// compares it with testdata/shapes.golden, which the end-to-end test of
// cmd/tenantlint also expects; the proposal must be a configuration that
// tenantlint accepts for this module.
func TestShapesGolden(t *testing.T) {
	offline(t)
	dir := shapesModule(t)
	f := scan(t, dir)
	got := Render(f)
	if err := f.Check(filepath.Join(dir, config.FileName), got); err != nil {
		t.Fatalf("the proposal is rejected: %v\n%s", err, got)
	}
	golden := filepath.Join("testdata", "shapes.golden")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("proposal differs from %s (go test -update rewrites it):\n%s", golden, got)
	}
}

// TestShapesFindings checks what the golden file shows, one candidate at
// a time, so that a wrong -update cannot hide a ranking change.
func TestShapesFindings(t *testing.T) {
	offline(t)
	f := scan(t, shapesModule(t))

	if f.Module != "example.com/shapes" || f.Packages != 8 || len(f.Broken) != 0 {
		t.Errorf("module %q, %d packages, broken %v; want example.com/shapes, 8, none", f.Module, f.Packages, f.Broken)
	}

	type field struct {
		Name     string
		Carriers []string
		Declared int
		Type     string
		Tag      string
		Proposed bool
	}
	var fields []field
	for _, c := range f.Fields {
		fields = append(fields, field{c.Name, c.Carriers, c.Declared, c.TypeText(), c.Tag, c.Proposed})
	}
	wantFields := []field{
		{"TenantID", []string{"models.Invoice", "models.Order", "models.Project", "models.User", "tenant.Model"}, 2, "string", `db:"tenant_id"`, true},
		{"OrgID", []string{"billing.Payment", "billing.Refund"}, 2, "string", `bun:"org_id"`, false},
	}
	if !reflect.DeepEqual(fields, wantFields) {
		t.Errorf("fields:\n got %+v\nwant %+v", fields, wantFields)
	}

	// sync.Mutex, embedded by both billing structs, is standard library;
	// audit.Stamp is also embedded by Country, which has no tenant field.
	wantMarkers := []MarkerCandidate{
		{Name: "example.com/shapes/internal/tenant.Model", Carriers: []string{"models.Invoice", "models.Project", "models.User"}, Proposed: true},
		{Name: "example.com/shapes/internal/audit.Stamp", Carriers: []string{"models.Order", "models.User"}, Unscoped: []string{"models.Country"}},
	}
	if len(f.Markers) != len(wantMarkers) {
		t.Fatalf("got %d markers, want %d: %+v", len(f.Markers), len(wantMarkers), f.Markers)
	}
	for i, m := range f.Markers {
		if !reflect.DeepEqual(*m, wantMarkers[i]) {
			t.Errorf("marker %d:\n got %+v\nwant %+v", i, *m, wantMarkers[i])
		}
	}

	// Page[User] is in a function's signature: no coverage, ranked below;
	// it holds its items and takes no context: a container.
	wantRepos := []RepoCandidate{
		{Name: "example.com/shapes/internal/store.Repo", Models: []string{"models.Invoice", "models.Order", "models.User"}, PackageLevel: 3, Proposed: true},
		{Name: "example.com/shapes/internal/store.Page", Models: []string{"models.User"}, NotRepo: "a container of its type argument (a page, option or result)"},
	}
	if len(f.Repos) != len(wantRepos) {
		t.Fatalf("got %d repositories, want %d: %+v", len(f.Repos), len(wantRepos), f.Repos)
	}
	for i, r := range f.Repos {
		got := *r
		got.obj, got.Fix = nil, nil
		if !reflect.DeepEqual(got, wantRepos[i]) {
			t.Errorf("repository %d:\n got %+v\nwant %+v", i, got, wantRepos[i])
		}
	}
	wantFix := FixProposal{
		Import:      "example.com/shapes/internal/store",
		Template:    `var {{.Model}}Repo = store.NewRepo[{{.Model}}]({{printf "%q" .Table}})`,
		Constructor: "store.NewRepo",
		CheckedWith: "models.Invoice",
	}
	if fix := f.Repos[0].Fix; fix == nil || *fix != wantFix {
		t.Errorf("repository.fix = %+v, want %+v", fix, wantFix)
	}
	if f.Repos[1].Fix != nil {
		t.Errorf("a fix for the repository that is not proposed: %+v", f.Repos[1].Fix)
	}

	// tenant.prefix has the shape but is unexported.
	wantKeys := []KeyFuncCandidate{
		{Name: "example.com/shapes/internal/tenant.Key", Uses: 2, KeyName: true, Tenantly: true, Proposed: true},
		{Name: "example.com/shapes/internal/text.Translate"},
	}
	if len(f.KeyFuncs) != len(wantKeys) {
		t.Fatalf("got %d key funcs, want %d: %+v", len(f.KeyFuncs), len(wantKeys), f.KeyFuncs)
	}
	for i, k := range f.KeyFuncs {
		if *k != wantKeys[i] {
			t.Errorf("key func %d:\n got %+v\nwant %+v", i, *k, wantKeys[i])
		}
	}

	wantPresets := []PresetCandidate{{Preset: "go-redis", Module: "github.com/redis/go-redis/v9", Version: "v9.23.0"}}
	if !reflect.DeepEqual(f.Presets, wantPresets) {
		t.Errorf("presets:\n got %+v\nwant %+v", f.Presets, wantPresets)
	}
}

// TestVariants covers, in testdata/variants.txtar, the shapes that the
// shapes module does not have: spellings of one field, prefixed names,
// type disagreements, tags without a common entry, and a module with
// nothing for the other sections, whose proposal must still be a valid
// configuration.
func TestVariants(t *testing.T) {
	offline(t)
	dir := t.TempDir()
	testfs.WriteTxtar(t, dir, "testdata/variants.txtar")
	f := scan(t, dir)
	got := map[string]string{}
	for _, c := range f.Fields {
		got[c.Name] = strings.Join([]string{c.TypeText(), c.Tag, strings.Join(c.Carriers, ","), map[bool]string{true: "on", false: "off"}[c.Proposed]}, "|")
	}
	want := map[string]string{
		"TenantID":    "a.ID (1) or string (1)||a.Three,a.Two|on",
		"TenantId":    `string|json:"tenantId" db:"tenant_id"|a.One|on`,
		"ParentOrgID": "int||a.Owned|off",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("fields:\n got %v\nwant %v", got, want)
	}
	if f.Fields[0].Name != "TenantID" {
		t.Errorf("first field %s, want TenantID (carried by the most structs)", f.Fields[0].Name)
	}
	if len(f.Markers)+len(f.Repos)+len(f.Presets) != 0 {
		t.Errorf("want no markers, repositories or presets; got %+v %+v %+v", f.Markers, f.Repos, f.Presets)
	}
	// A name that says key ranks above uses; a module hosted at .org is
	// not tenant code; main packages cannot be imported.
	wantKeys := []KeyFuncCandidate{
		{Name: "example.com/variants/a.CacheKey", KeyName: true, Proposed: true},
		{Name: "acme.org/platform/kv.Wrap", Uses: 2},
		{Name: "example.com/variants/a.Greet"},
	}
	if len(f.KeyFuncs) != len(wantKeys) {
		t.Fatalf("got %d key funcs, want %d: %+v", len(f.KeyFuncs), len(wantKeys), f.KeyFuncs)
	}
	for i, k := range f.KeyFuncs {
		if *k != wantKeys[i] {
			t.Errorf("key func %d:\n got %+v\nwant %+v", i, *k, wantKeys[i])
		}
	}
	out := Render(f)
	if err := f.Check(filepath.Join(dir, config.FileName), out); err != nil {
		t.Fatalf("the proposal is rejected: %v\n%s", err, out)
	}
	cfg, err := config.Parse("x.yaml", out)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, fr := range cfg.Models.Fields {
		names = append(names, fr.Name)
	}
	if want := []string{"TenantID", "TenantId"}; !reflect.DeepEqual(names, want) {
		t.Errorf("models.fields = %v, want %v", names, want)
	}
	if len(cfg.Models.Markers)+len(cfg.Repository.Types)+len(cfg.Cache.Presets) != 0 || cfg.Repository.Fix != nil {
		t.Errorf("want nothing configured but fields and key_func, got %+v", cfg)
	}
	if cfg.Cache.KeyFunc.Value != "example.com/variants/a.CacheKey" {
		t.Errorf("cache.key_func = %q, want example.com/variants/a.CacheKey", cfg.Cache.KeyFunc.Value)
	}
	for _, note := range []string{"# markers: none found", "# types: none found", "# presets: none",
		"  # key_func: acme.org/platform/kv.Wrap   # used 2 times\n"} {
		if !bytes.Contains(out, []byte(note)) {
			t.Errorf("proposal lacks %q:\n%s", note, out)
		}
	}
}

// TestPresets matches go.mod requirements against the presets' packages:
// a module that holds the package (gomemcache's memcache, lru's expirable)
// counts, every major version a preset covers counts (go-redis v8), an
// indirect requirement is listed but not enabled, and modules the presets
// do not cover (go-redis v7, whose methods take no context) are not listed.
func TestPresets(t *testing.T) {
	gomod := filepath.Join(t.TempDir(), "go.mod")
	testfs.WriteFile(t, gomod, `module example.com/p

go 1.26

require (
	github.com/bradfitz/gomemcache v0.0.0-20250403215159-8d39553ac7cf
	github.com/go-redis/redis/v7 v7.4.1
	github.com/go-redis/redis/v8 v8.11.5
	github.com/hashicorp/golang-lru/arc/v2 v2.0.7
	github.com/patrickmn/go-cache v2.1.0+incompatible // indirect
)
`)
	mf, err := config.ReadGoMod(gomod)
	if err != nil {
		t.Fatal(err)
	}
	got := presetCandidates(mf)
	want := []PresetCandidate{
		{Preset: "go-redis", Module: "github.com/go-redis/redis/v8", Version: "v8.11.5"},
		{Preset: "golang-lru", Module: "github.com/hashicorp/golang-lru/arc/v2", Version: "v2.0.7"},
		{Preset: "gomemcache", Module: "github.com/bradfitz/gomemcache", Version: "v0.0.0-20250403215159-8d39553ac7cf"},
		{Preset: "go-cache", Module: "github.com/patrickmn/go-cache", Version: "v2.1.0+incompatible", Indirect: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("presets:\n got %+v\nwant %+v", got, want)
	}

	testfs.WriteFile(t, gomod, "module example.com/p\n\nrequire (\n")
	if _, err := config.ReadGoMod(gomod); err == nil || !strings.HasPrefix(err.Error(), "parsing go.mod: "+gomod+":4: syntax error (unterminated block") {
		t.Errorf("a broken go.mod: got %v, want a parse error at line 4", err)
	}
}

func TestCommonTag(t *testing.T) {
	for _, tc := range []struct {
		tags []string
		want string
	}{
		{[]string{`db:"tenant_id" json:"tenant_id"`, `json:"tenant_id" db:"tenant_id"`}, `db:"tenant_id" json:"tenant_id"`},
		{[]string{`bun:"org_id,notnull"`, `bun:"org_id,notnull" json:"-"`}, `bun:"org_id,notnull"`},
		{[]string{`db:"tenant_id"`, ``}, ``},
		{[]string{`gorm:"column:tenant_id;index"`}, `gorm:"column:tenant_id;index"`},
		{[]string{`json:"a\"b"`}, `json:"a\"b"`},
		{[]string{`malformed db:"x"`}, ``},
	} {
		if got := commonTag(tc.tags); got != tc.want {
			t.Errorf("commonTag(%q) = %s, want %s", tc.tags, got, tc.want)
		}
	}
}

func TestScalar(t *testing.T) {
	for in, want := range map[string]string{
		"example.com/app/tenant.Model": "example.com/app/tenant.Model",
		"go-redis":                     "go-redis",
		"gopkg.in/x.v1/y.Z":            "gopkg.in/x.v1/y.Z",
		"true":                         `"true"`,
		"1.5":                          `"1.5"`,
		"a b":                          `"a b"`,
		"#x":                           `"#x"`,
	} {
		if got := scalar(in); got != want {
			t.Errorf("scalar(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestFixFor: the constructor that repository.fix calls takes the table
// name or nothing and returns G[M] or *G[M]; anything else leaves a
// zero-value declaration (which the proposal comments out).
func TestFixFor(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"table", `func NewRepo[M any](table string) *Repo[M] { return nil }
			func Must[M any](table string) Repo[M] { return Repo[M]{} }`,
			`var {{.Model}}Repo = store.Must[{{.Model}}]({{printf "%q" .Table}})`},
		{"no arguments preferred less", `func Make[M any]() Repo[M] { return Repo[M]{} }
			func Open[M any](table string) *Repo[M] { return nil }`,
			`var {{.Model}}Repo = store.Open[{{.Model}}]({{printf "%q" .Table}})`},
		{"no arguments", `func Make[M any]() Repo[M] { return Repo[M]{} }`,
			`var {{.Model}}Repo = store.Make[{{.Model}}]()`},
		{"none fits", `type DB struct{}
			func New[M any](db *DB, table string) *Repo[M] { return nil }
			func Open[M any](table string) (*Repo[M], error) { return nil, nil }
			func newRepo[M any](table string) *Repo[M] { return nil }
			func Of[M, N any](table string) *Repo[M] { return nil }
			func Other[M any](n int) *Repo[M] { return nil }`,
			`var {{.Model}}Repo store.Repo[{{.Model}}]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "package store\n\ntype Repo[M any] struct{}\n\n" + tc.src + "\n"
			fset := token.NewFileSet()
			file, err := parser.ParseFile(fset, "store.go", src, 0)
			if err != nil {
				t.Fatal(err)
			}
			pkg, err := (&types.Config{}).Check("example.com/x/store", fset, []*ast.File{file}, nil)
			if err != nil {
				t.Fatal(err)
			}
			fix := fixFor(pkg.Scope().Lookup("Repo").(*types.TypeName))
			if fix.Template != tc.want || fix.Import != "example.com/x/store" {
				t.Errorf("got %s (import %s), want %s", fix.Template, fix.Import, tc.want)
			}
			if (fix.Constructor != "") != strings.Contains(tc.want, " = ") {
				t.Errorf("Constructor %q does not match the template %s", fix.Constructor, fix.Template)
			}
		})
	}
}

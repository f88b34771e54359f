package rules

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/tenantlint/tenantlint/internal/config"
)

// validateSrc is a small program: the packages a configuration names, and
// one that imports them.
var validateSrc = map[string]string{
	"example.com/app/internal/tenant": `package tenant

import "context"

type Model struct{ TenantID string }

type Plain struct{}

type Repository[M any] struct{ table string }

type RepoAlias[M any] = Repository[M]

type Cache struct{}

func (c *Cache) Get(ctx context.Context, key string) string { return key }

func Key(ctx context.Context, key string) string { return key }

func BadKey(key string) string { return key }

func CtxKey(ctx context.Context, key string) (string, error) { return key, nil }

var NotAFunc = 1
`,
	"example.com/app/internal/cache": `package cache

import "context"

type Store struct {
	inner
	items map[string]string
	n     int
}

type inner struct{}

func (inner) Touch(ctx context.Context, key string) error { return nil }

func (s *Store) Get(ctx context.Context, key string) (string, error) { return "", nil }

func (s *Store) Set(ctx context.Context, key, v string) error { return nil }

func (s *Store) Del(ctx context.Context, keys ...string) error { return nil }

type Getter interface {
	Get(ctx context.Context, key string) (string, error)
}

func Forget(ctx context.Context, key string) {}
`,
	"example.com/app/internal/app": `package app

import (
	_ "example.com/app/internal/cache"
	_ "example.com/app/internal/tenant"
)
`,
}

var (
	checkOnce sync.Once
	checked   *types.Package
	checkErr  error
)

// typeCheck builds the packages of validateSrc from source, importing the
// standard library from source too, once.
func typeCheck(t *testing.T) *types.Package {
	t.Helper()
	checkOnce.Do(func() { checked, checkErr = typeCheckSrc() })
	if checkErr != nil {
		t.Fatal(checkErr)
	}
	return checked
}

func typeCheckSrc() (*types.Package, error) {
	fset := token.NewFileSet()
	std := importer.ForCompiler(fset, "source", nil)
	done := map[string]*types.Package{}
	var imp importerFunc
	imp = func(path string) (*types.Package, error) {
		if p, ok := done[path]; ok {
			return p, nil
		}
		src, ok := validateSrc[path]
		if !ok {
			return std.Import(path)
		}
		f, err := parser.ParseFile(fset, path+"/x.go", src, 0)
		if err != nil {
			return nil, err
		}
		conf := types.Config{Importer: imp}
		p, err := conf.Check(path, fset, []*ast.File{f}, nil)
		if err != nil {
			return nil, err
		}
		done[path] = p
		return p, nil
	}
	return imp("example.com/app/internal/app")
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

const validBase = `version: 1
models:
  markers: [example.com/app/internal/tenant.Model]
  fields: [TenantID]
repository:
  types: [example.com/app/internal/tenant.Repository, example.com/app/internal/tenant.RepoAlias]
cache:
  key_func: example.com/app/internal/tenant.Key
  safe_types: [example.com/app/internal/tenant.Cache]
  presets: [go-redis, gomemcache, go-cache, ristretto, bigcache, golang-lru]
  apis:
    - type: example.com/app/internal/cache.Store
      methods:
        Get: {key: 1}
        Set: {key: 1}
        Del: {key: 1, variadic: true}
        Touch: {key: 1}
    - func: example.com/app/internal/cache.Forget
      key: 1
`

func TestValidate(t *testing.T) {
	app := typeCheck(t)
	visible := Visible(app)
	const file = "/app/.tenantlint.yaml"

	tests := []struct {
		name     string
		old, new string // replace old by new in validBase
		want     string // "" for no error; else "line:col: message prefix"
		alt      string // another acceptable position, for method errors
	}{
		{name: "valid; presets for absent libraries are inactive"},
		{name: "names in packages not loaded are not checked",
			old: "tenant.Model]", new: "tenant.Model, example.com/other/pkg.Nothing]"},
		{name: "marker does not exist",
			old: "tenant.Model]", new: "tenant.Modle]",
			want: `3:13: models.markers: Modle is not a type in package example.com/app/internal/tenant`},
		{name: "marker is not a type",
			old: "markers: [example.com/app/internal/tenant.Model]", new: "markers: [example.com/app/internal/tenant.Key]",
			want: `3:13: models.markers: Key is not a type`},
		{name: "field types that exist: a struct, a generic type, an alias",
			old: "fields: [TenantID]", new: "fields: [TenantID, {name: NID, type: example.com/app/internal/tenant.Plain}, {name: R, type: example.com/app/internal/tenant.Repository, tag: x}, {name: A, type: example.com/app/internal/tenant.RepoAlias}]"},
		{name: "field type in a package not loaded is not checked",
			old: "fields: [TenantID]", new: "fields: [TenantID, {name: NID, type: github.com/gofrs/uuid.UUID}]"},
		{name: "field type does not exist",
			old: "fields: [TenantID]", new: "fields: [TenantID, {name: NID, type: example.com/app/internal/tenant.UUID}]",
			want: `4:40: models.fields.type: UUID is not a type in package example.com/app/internal/tenant`},
		{name: "field type is not a type",
			old: "fields: [TenantID]", new: "fields:\n    - {name: NID, type: example.com/app/internal/tenant.Key}",
			want: `5:25: models.fields.type: Key is not a type in package example.com/app/internal/tenant`},
		{name: "repository type is not generic",
			old: "types: [example.com/app/internal/tenant.Repository,", new: "types: [example.com/app/internal/tenant.Plain,",
			want: `6:11: repository.types: example.com/app/internal/tenant.Plain is not a generic type`},
		{name: "repository type does not exist",
			old: "tenant.RepoAlias]", new: "tenant.Repo]",
			want: `6:55: repository.types: Repo is not a type`},
		{name: "safe type does not exist",
			old: "tenant.Cache]", new: "tenant.SafeCache]",
			want: `9:16: cache.safe_types: SafeCache is not a type`},
		{name: "key_func with the wrong parameters",
			old: "tenant.Key\n", new: "tenant.BadKey\n",
			want: `8:13: cache.key_func: example.com/app/internal/tenant.BadKey has signature func(key string) string; it must be func(ctx context.Context, key string) string`},
		{name: "key_func with the wrong results",
			old: "tenant.Key\n", new: "tenant.CtxKey\n",
			want: `8:13: cache.key_func: example.com/app/internal/tenant.CtxKey has signature`},
		{name: "key_func is not a function",
			old: "tenant.Key\n", new: "tenant.NotAFunc\n",
			want: `8:13: cache.key_func: example.com/app/internal/tenant.NotAFunc is not a function`},
		{name: "key_func does not exist",
			old: "tenant.Key\n", new: "tenant.Kye\n",
			want: `8:13: cache.key_func: example.com/app/internal/tenant.Kye is not a function`},
		{name: "api type does not exist",
			old: "cache.Store\n", new: "cache.Stor\n",
			want: `12:13: cache.apis.type: Stor is not a type`},
		{name: "api method does not exist",
			old: "Set: {key: 1}", new: "Put: {key: 1}",
			want: `12:13: cache.apis: example.com/app/internal/cache.Store has no method Put`, alt: "15:9"},
		{name: "api key index out of range",
			old: "Set: {key: 1}", new: "Set: {key: 3}",
			want: `12:13: cache.apis: example.com/app/internal/cache.Store.Set has 3 parameters; key index 3 is out of range`, alt: "15:9"},
		{name: "variadic on a parameter that is not",
			old: "Set: {key: 1}", new: "Set: {key: 2, variadic: true}",
			want: `12:13: cache.apis: example.com/app/internal/cache.Store.Set: parameter 2 is not variadic`, alt: "15:9"},
		{name: "api func does not exist",
			old: "cache.Forget\n", new: "cache.Forgot\n",
			want: `18:13: cache.apis.func: example.com/app/internal/cache.Forgot is not a function`},
		{name: "api func key index out of range",
			old: "      key: 1\n", new: "      key: 2\n",
			want: `18:13: cache.apis: example.com/app/internal/cache.Forget has 2 parameters; key index 2 is out of range`},
		{name: "a map field",
			old: "    - func: example.com/app/internal/cache.Forget\n", new: "    - field: example.com/app/internal/cache.Store.items\n    - func: example.com/app/internal/cache.Forget\n"},
		{name: "a field that does not exist",
			old: "    - func: example.com/app/internal/cache.Forget\n", new: "    - field: example.com/app/internal/cache.Store.itemz\n    - func: example.com/app/internal/cache.Forget\n",
			want: `18:14: cache.apis.field: example.com/app/internal/cache.Store has no field itemz`},
		{name: "a field that is not a map",
			old: "    - func: example.com/app/internal/cache.Forget\n", new: "    - field: example.com/app/internal/cache.Store.n\n    - func: example.com/app/internal/cache.Forget\n",
			want: `18:14: cache.apis.field: example.com/app/internal/cache.Store.n has type int, not a map`},
		{name: "a field of a type that does not exist",
			old: "    - func: example.com/app/internal/cache.Forget\n", new: "    - field: example.com/app/internal/cache.Stor.items\n    - func: example.com/app/internal/cache.Forget\n",
			want: `18:14: cache.apis.field: Stor is not a type in package example.com/app/internal/cache`},
		{name: "promoted method is found",
			old: "Touch: {key: 1}", new: "Touch: {key: 1, variadic: true}",
			want: `12:13: cache.apis: example.com/app/internal/cache.Store.Touch: parameter 1 is not variadic`, alt: "17:9"},
	}
	posRE := regexp.MustCompile(`^` + regexp.QuoteMeta(file) + `:(\d+:\d+): `)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := validBase
			if tt.old != "" {
				if !strings.Contains(src, tt.old) {
					t.Fatalf("test edit: %q not in the base file", tt.old)
				}
				src = strings.Replace(src, tt.old, tt.new, 1)
			}
			c, err := config.Parse(file, []byte(src))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			err = Compile(c).Validate(visible)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate: no error, want %s", tt.want)
			}
			msg := err.Error()
			if strings.Contains(msg, "\n") {
				t.Errorf("error is not one line:\n%s", msg)
			}
			m := posRE.FindStringSubmatch(msg)
			if m == nil {
				t.Fatalf("error %q does not start with %s:line:col: ", msg, file)
			}
			wantPos, wantMsg, _ := strings.Cut(tt.want, ": ")
			if m[1] != wantPos && m[1] != tt.alt {
				t.Errorf("error at %s, want %s%s\n\t%s", m[1], wantPos, orAlt(tt.alt), msg)
			}
			if got := strings.TrimPrefix(msg, m[0]); !strings.HasPrefix(got, wantMsg) {
				t.Errorf("error\n\t%s\nwant the message to start with\n\t%s", got, wantMsg)
			}
		})
	}
}

// TestValidateInterfaceAPI: cache.apis may name an interface type; its
// methods are in its method set, not in that of a pointer to it.
func TestValidateInterfaceAPI(t *testing.T) {
	visible := Visible(typeCheck(t))
	const file = "/app/.tenantlint.yaml"
	api := "    - type: example.com/app/internal/cache.Getter\n      methods:\n        %s: {key: 1}\n"
	parse := func(method string) *Rules {
		c, err := config.Parse(file, []byte(validBase+fmt.Sprintf(api, method)))
		if err != nil {
			t.Fatal(err)
		}
		return Compile(c)
	}
	err := parse("Get").Validate(visible)
	if err != nil {
		t.Fatalf("Validate with an interface API: %v", err)
	}
	err = parse("Fetch").Validate(visible)
	if want := file + ":20:13: cache.apis: example.com/app/internal/cache.Getter has no method Fetch"; err == nil ||
		(err.Error() != want && err.Error() != strings.Replace(want, ":20:13:", ":22:9:", 1)) {
		t.Errorf("Validate with a missing interface method: %v, want %s", err, want)
	}
}

func orAlt(alt string) string {
	if alt == "" {
		return ""
	}
	return fmt.Sprintf(" or %s", alt)
}

// TestValidateOnlyVisible: a package that sees none of the configured
// packages validates nothing, so a configuration full of names from
// elsewhere is not an error there.
func TestValidateOnlyVisible(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "lone.go", "package lone\n", 0)
	if err != nil {
		t.Fatal(err)
	}
	lone, err := (&types.Config{}).Check("example.com/lone", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	src := strings.NewReplacer("tenant.Key\n", "tenant.BadKey\n", "cache.Store\n", "cache.Nothing\n").Replace(validBase)
	c, err := config.Parse("/app/.tenantlint.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if err := Compile(c).Validate(Visible(lone)); err != nil {
		t.Errorf("Validate from a package that sees none of the names: %v", err)
	}
}

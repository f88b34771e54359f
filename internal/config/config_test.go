package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// fullFile is the schema of the contract, every key set.
const fullFile = `version: 1
models:
  markers: [example.com/app/internal/tenant.Model]   # embedded types that make a struct tenant-scoped
  fields: [TenantID]                                  # field names that make a struct tenant-scoped
repository:
  types: [example.com/app/internal/tenant.Repository]
  scope: module
  fix:
    import: example.com/app/internal/tenant
    template: 'var {{.Model}}Repo = tenant.NewRepository[{{.Model}}]({{printf "%q" .Table}})'
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
        GetMulti: {key: 1, slice: true}
        Put: {key: 0, item_field: Key}
    - func: example.com/app/internal/cache.Forget
      key: [1, 2]
ignore:
  packages: [example.com/app/internal/platform/...]
  tests: false
`

func TestParseFull(t *testing.T) {
	c, err := Parse("/app/.tenantlint.yaml", []byte(fullFile))
	if err != nil {
		t.Fatal(err)
	}
	if c.Version != 1 || c.VersionPos.Line != 1 {
		t.Errorf("version = %d at line %d", c.Version, c.VersionPos.Line)
	}
	if got := c.Models.Markers; len(got) != 1 || got[0].Value != "example.com/app/internal/tenant.Model" || got[0].Line != 3 || got[0].Column != 13 {
		t.Errorf("markers = %+v", got)
	}
	if got := c.Models.Fields; len(got) != 1 || got[0].Name != "TenantID" {
		t.Errorf("fields = %+v", got)
	}
	if c.ScopeValue() != ScopeModule || c.Repository.Types[0].Value != "example.com/app/internal/tenant.Repository" {
		t.Errorf("repository = %+v", c.Repository)
	}
	if c.Repository.Fix == nil || c.Repository.Fix.Import.Value != "example.com/app/internal/tenant" {
		t.Fatalf("fix = %+v", c.Repository.Fix)
	}
	out, err := c.Repository.Fix.Render(FixData{Model: "Order", Package: "shop", Table: "orders"})
	if want := `var OrderRepo = tenant.NewRepository[Order]("orders")`; err != nil || out != want {
		t.Errorf("Render = %q, %v; want %q", out, err, want)
	}
	if c.Cache.KeyFunc.Value != "example.com/app/internal/tenant.Key" || len(c.Cache.SafeTypes) != 1 {
		t.Errorf("cache = %+v", c.Cache)
	}
	if len(c.Cache.Presets) != 6 {
		t.Errorf("presets = %+v", c.Cache.Presets)
	}
	if len(c.Cache.APIs) != 2 {
		t.Fatalf("apis = %+v", c.Cache.APIs)
	}
	store := c.Cache.APIs[0]
	if store.Line != 16 || store.Column != 7 || len(store.Methods) != 5 {
		t.Errorf("store api = %+v", store)
	}
	if k := store.Methods["Del"]; !k.Variadic || len(k.Key) != 1 || k.Key[0] != 1 {
		t.Errorf("Del = %+v", k)
	}
	if k := store.Methods["GetMulti"]; !k.Slice {
		t.Errorf("GetMulti = %+v", k)
	}
	if k := store.Methods["Put"]; k.ItemField != "Key" || k.Key[0] != 0 {
		t.Errorf("Put = %+v", k)
	}
	if p := store.MethodPos["Del"]; p.Line != 20 || p.Column != 9 {
		t.Errorf("Del written at %d:%d, want 20:9", p.Line, p.Column)
	}
	if f := c.Cache.APIs[1]; f.Func.Value != "example.com/app/internal/cache.Forget" || len(f.Key) != 2 || f.Key[1] != 2 {
		t.Errorf("func api = %+v", f)
	}
	if c.TestsIgnored() {
		t.Error("tests: false, but TestsIgnored")
	}
	if len(c.Ignore.Packages) != 1 || c.Ignore.Packages[0].Value != "example.com/app/internal/platform/..." {
		t.Errorf("ignore = %+v", c.Ignore)
	}
	if len(c.Hash) != 64 {
		t.Errorf("hash = %q", c.Hash)
	}
}

func TestParseTenantValues(t *testing.T) {
	src := "version: 1\ncache:\n  tenant_values:\n    funcs: [example.com/app/tenant.FromContext, example.com/app/tenant.Ctx.Tenant]\n" +
		"    fields: [TenantID, OrgID]\n    params: [tenantID]\n  follow_helpers: true\n"
	c, err := Parse("/app/.tenantlint.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	tv := c.Cache.TenantValues
	if !c.HasTenantValues() || len(tv.Funcs) != 2 || len(tv.Fields) != 2 || len(tv.Params) != 1 || !c.Cache.FollowHelpers {
		t.Fatalf("cache = %+v, tenant_values = %+v", c.Cache, tv)
	}
	if tv.Pos.Line != 3 || tv.Funcs[1].Value != "example.com/app/tenant.Ctx.Tenant" || tv.Funcs[1].Line != 4 {
		t.Errorf("tenant_values at %d, funcs %+v", tv.Pos.Line, tv.Funcs)
	}
	plain, err := Parse("/app/.tenantlint.yaml", []byte("version: 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	if plain.HasTenantValues() || plain.Cache.FollowHelpers {
		t.Errorf("defaults: tenant values %v, follow_helpers %v; want the strict rule", plain.HasTenantValues(), plain.Cache.FollowHelpers)
	}
}

func TestParseCacheReport(t *testing.T) {
	for _, tt := range []struct {
		src        string
		tenantData bool
	}{
		{"version: 1\n", false},
		{"version: 1\ncache:\n  report: all\n", false},
		{"version: 1\ncache:\n  report: tenant-data\n", true},
	} {
		c, err := Parse("/app/.tenantlint.yaml", []byte(tt.src))
		if err != nil {
			t.Fatalf("%q: %v", tt.src, err)
		}
		if got := c.ReportsTenantData(); got != tt.tenantData {
			t.Errorf("%q: ReportsTenantData() = %v, want %v", tt.src, got, tt.tenantData)
		}
	}
}

func TestParseDefaults(t *testing.T) {
	c, err := Parse("x.yaml", []byte("version: 1\nmodels:\nrepository:\n  types: []\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !c.TestsIgnored() || c.ScopeValue() != ScopeModule || c.Repository.Fix != nil {
		t.Errorf("defaults: tests ignored %v, scope %q, fix %v", c.TestsIgnored(), c.ScopeValue(), c.Repository.Fix)
	}
}

// TestParseErrors: every bad file yields one line "file:line[:col]: message"
// that names the key at fault.
func TestParseErrors(t *testing.T) {
	const file = "/app/.tenantlint.yaml"
	tests := []struct {
		name string
		src  string
		want string // the error, without "file:"
	}{
		{"unknown top-level key", "version: 1\nmodel:\n  fields: [TenantID]\n",
			`2:1: unknown key "model" (known keys: version, models, repository, cache, ignore, ctx, sql)`},
		{"unknown key in ctx", "version: 1\nctx:\n  sink: [a.com/b.F]\n",
			`3:3: unknown key "sink" in ctx (known keys: sinks)`},
		{"ctx.sinks of the wrong shape", "version: 1\nctx:\n  sinks: a.com/b.F\n",
			`3:10: ctx.sinks: expected a list, not "a.com/b.F"`},
		{"unqualified ctx sink", "version: 1\nctx:\n  sinks: [a.com/b.F, Save]\n",
			`3:22: ctx.sinks: "Save" is not a qualified name like example.com/app/audit.Log or example.com/app/store.Store.Save`},
		{"ctx sink ending in a dot", "version: 1\nctx:\n  sinks: [a.com/store.Store.]\n",
			`3:11: ctx.sinks: "a.com/store.Store." is not a qualified name`},
		{"unknown nested key", "version: 1\nmodels:\n  marker: [a.com/t.Model]\n",
			`3:3: unknown key "marker" in models (known keys: markers, fields, exclude, unreferenced)`},
		{"unknown key in fix", "version: 1\nrepository:\n  fix:\n    tmpl: x\n",
			`4:5: unknown key "tmpl" in repository.fix (known keys: import, template)`},
		{"unknown key in a key spec", "version: 1\ncache:\n  apis:\n    - type: a.com/c.Store\n      methods:\n        Get: {key: 1, variadc: true}\n",
			`6:23: unknown key "variadc" in cache.apis[0].methods.Get (known keys: key, variadic, slice, item_field)`},
		{"Go field names are not keys", "version: 1\nhash: abc\n",
			`2:1: unknown key "hash"`},
		{"wrong version", "version: 2\nmodels:\n  fields: [TenantID]\n",
			`1:10: version must be 1, not 2`},
		{"version not a number", "version: one\n",
			`1:10: version: "one" is not a whole number`},
		{"missing version", "models:\n  fields: [TenantID]\n",
			`1: version is missing; add 'version: 1' at the top`},
		{"section of the wrong shape", "version: 1\nmodels: [TenantID]\n",
			`2:9: models: expected a mapping of keys, not a list`},
		{"list of the wrong shape", "version: 1\nmodels:\n  fields: TenantID\n",
			`3:11: models.fields: expected a list, not "TenantID"`},
		{"string of the wrong shape", "version: 1\ncache:\n  key_func: {name: x}\n",
			`3:13: cache.key_func: expected a string, not a mapping`},
		{"bool of the wrong shape", "version: 1\nignore:\n  tests: sometimes\n",
			`3:10: ignore.tests: expected true or false, not "sometimes"`},
		{"unknown preset", "version: 1\ncache:\n  presets: [go-redis, memcached]\n",
			`3:23: cache.presets: unknown preset "memcached" (known: bigcache, go-cache, go-redis, golang-lru, gomemcache, ristretto, sync-map)`},
		{"cache.apis field that is no field name", "version: 1\ncache:\n  apis:\n    - field: example.com/app/cache.Store\n",
			`4:14: cache.apis.field: "example.com/app/cache.Store" is not a field name like example.com/app/cache.Store.items`},
		{"cache.apis field with methods", "version: 1\ncache:\n  apis:\n    - field: example.com/app/cache.Store.items\n      methods:\n        Get: {key: 0}\n",
			`4:14: cache.apis: a field entry has no type, func, methods or key (the key is the map's index)`},
		{"bad cache.report", "version: 1\ncache:\n  report: tenant\n",
			`3:11: cache.report must be "all" or "tenant-data", not "tenant"`},
		{"cache.report of the wrong shape", "version: 1\ncache:\n  report: [tenant-data]\n",
			`3:11: cache.report: expected a string, not a list`},
		{"bad scope", "version: 1\nrepository:\n  scope: global\n",
			`3:10: repository.scope must be "module" or "package", not "global"`},
		{"bad unreferenced", "version: 1\nmodels:\n  unreferenced: ignore\n",
			`3:17: models.unreferenced must be "report" or "skip", not "ignore"`},
		{"unreferenced of the wrong shape", "version: 1\nmodels:\n  unreferenced: [skip]\n",
			`3:17: models.unreferenced: expected a string, not a list`},
		{"unqualified marker", "version: 1\nmodels:\n  markers: [Model]\n",
			`3:13: models.markers: "Model" is not a qualified name like example.com/app/tenant.Model`},
		{"unqualified repository type", "version: 1\nrepository:\n  types: [tenant.]\n",
			`3:11: repository.types: "tenant." is not a qualified name`},
		{"unqualified key_func", "version: 1\ncache:\n  key_func: Key\n",
			`3:13: cache.key_func: "Key" is not a qualified name`},
		{"unqualified safe type", "version: 1\ncache:\n  safe_types: [a.com/t.]\n",
			`3:16: cache.safe_types: "a.com/t." is not a qualified name`},
		{"unqualified api type", "version: 1\ncache:\n  apis:\n    - type: Store\n      methods: {Get: {key: 0}}\n",
			`4:13: cache.apis.type: "Store" is not a qualified name`},
		{"bad field name", "version: 1\nmodels:\n  fields: [tenant-id]\n",
			`3:12: models.fields: "tenant-id" is not a Go field name`},
		{"template parse error", "version: 1\nrepository:\n  fix:\n    template: 'var {{.Model}}Repo = x[{{.Model'\n",
			`4:15: repository.fix.template: repository.fix:1: unclosed action`},
		{"template missing key", "version: 1\nrepository:\n  fix:\n    template: 'var {{.Modle}}Repo'\n",
			`4:15: repository.fix.template: executing "repository.fix" at <.Modle>: can't evaluate field Modle (the template sees .Model, .Package and .Table)`},
		{"empty template", "version: 1\nrepository:\n  fix:\n    import: a.com/t\n",
			`3:3: repository.fix.template is empty`},
		{"bad fix import", "version: 1\nrepository:\n  fix:\n    import: 'a.com/t/'\n    template: x\n",
			`4:13: repository.fix.import: "a.com/t/" is not an import path`},
		{"func api with methods", "version: 1\ncache:\n  apis:\n    - func: a.com/c.Get\n      key: 0\n      methods:\n        Get: {key: 1}\n",
			`4:13: cache.apis: a func entry has no methods`},
		{"api with type and func", "version: 1\ncache:\n  apis:\n    - type: a.com/c.Store\n      func: a.com/c.Get\n      key: 0\n",
			`4:13: cache.apis: an entry has either type or func, not both`},
		{"api with neither type nor func", "version: 1\ncache:\n  apis:\n    - key: 0\n",
			`4:7: cache.apis: each entry needs a type (with methods) or a func`},
		{"type api without methods", "version: 1\ncache:\n  apis:\n    - type: a.com/c.Store\n",
			`4:13: cache.apis: a.com/c.Store lists no methods`},
		{"type api with a key spec outside methods", "version: 1\ncache:\n  apis:\n    - type: a.com/c.Store\n      key: 1\n      methods: {Get: {key: 1}}\n",
			`4:13: cache.apis: key, variadic, slice and item_field go under each method of a.com/c.Store`},
		{"negative key index", "version: 1\ncache:\n  apis:\n    - type: a.com/c.Store\n      methods:\n        Get: {key: 1}\n        Del: {key: -1}\n",
			`7:9: cache.apis: a.com/c.Store.Del: key index -1 is negative`},
		{"missing key index", "version: 1\ncache:\n  apis:\n    - type: a.com/c.Store\n      methods:\n        Get: {variadic: true}\n",
			`6:9: cache.apis: a.com/c.Store.Get: missing key`},
		{"slice and item_field", "version: 1\ncache:\n  apis:\n    - type: a.com/c.Store\n      methods:\n        Get: {key: 0, slice: true, item_field: Key}\n",
			`6:9: cache.apis: a.com/c.Store.Get: variadic, slice and item_field exclude each other`},
		{"slice with two keys", "version: 1\ncache:\n  apis:\n    - func: a.com/c.Get\n      key: [0, 1]\n      slice: true\n",
			`4:13: cache.apis: a.com/c.Get: slice and item_field take a single key index`},
		{"key index not a number", "version: 1\ncache:\n  apis:\n    - func: a.com/c.Get\n      key: first\n",
			`5:12: cache.apis[0].key: "first" is not a whole number`},
		{"unknown key in a field mapping", "version: 1\nmodels:\n  fields:\n    - {name: OrgID, tags: x}\n",
			`4:21: unknown key "tags" in models.fields[0] (known keys: name, tag, type)`},
		{"field entry of the wrong shape", "version: 1\nmodels:\n  fields:\n    - TenantID\n    - [OrgID]\n",
			`5:7: models.fields[1]: expected a field name or a mapping {name, tag, type}, not a list`},
		{"field mapping without a name", "version: 1\nmodels:\n  fields:\n    - {tag: 'bun:\"org_id'}\n",
			`4:7: models.fields: each entry needs a name (the field's Go name)`},
		{"field mapping with an empty name", "version: 1\nmodels:\n  fields:\n    - {name: '', type: a.com/u.UUID}\n",
			`4:7: models.fields: each entry needs a name`},
		{"field mapping with a bad name", "version: 1\nmodels:\n  fields:\n    - {name: org-id, tag: x}\n",
			`4:7: models.fields: "org-id" is not a Go field name`},
		{"field name not a string", "version: 1\nmodels:\n  fields:\n    - {name: [OrgID]}\n",
			`4:14: models.fields[0].name: expected a string, not a list`},
		{"empty tag", "version: 1\nmodels:\n  fields:\n    - {name: OrgID, tag: ''}\n",
			`4:26: models.fields: OrgID: tag is empty; leave it out to match any tag`},
		{"unqualified field type", "version: 1\nmodels:\n  fields:\n    - {name: NID, type: UUID}\n",
			`4:25: models.fields: NID: type "UUID" is not a qualified name like github.com/gofrs/uuid.UUID`},
		{"bad exclude pattern", "version: 1\nmodels:\n  exclude: [a.com/app/.../migrations]\n",
			`3:13: models.exclude: "a.com/app/.../migrations" is not a package path or a pattern like example.com/app/pkg/...`},
		{"exclude not a list", "version: 1\nmodels:\n  exclude: a.com/app/sqlmigration/...\n",
			`3:12: models.exclude: expected a list, not "a.com/app/sqlmigration/..."`},
		{"repository methods not a list", "version: 1\nrepository:\n  methods: {tenant_param: [orgID]}\n",
			`3:12: repository.methods: expected a list, not a mapping`},
		{"unknown key in a methods entry", "version: 1\nrepository:\n  methods:\n    - tenant_params: [orgID]\n",
			`4:7: unknown key "tenant_params" in repository.methods[0] (known keys: tenant_param, tenant_method)`},
		{"methods entry with both", "version: 1\nrepository:\n  methods:\n    - tenant_param: [orgID]\n      tenant_method: NetworkID\n",
			`4:7: repository.methods: an entry has either tenant_param or tenant_method, not both`},
		{"methods entry with neither", "version: 1\nrepository:\n  methods:\n    - tenant_param: [orgID]\n    - {}\n",
			`5:7: repository.methods: each entry needs tenant_param (parameter names) or tenant_method (a method name)`},
		{"empty tenant_param", "version: 1\nrepository:\n  methods:\n    - tenant_param: []\n",
			`4:7: repository.methods: tenant_param is empty; list the names of the parameters that carry the tenant`},
		{"null tenant_param", "version: 1\nrepository:\n  methods:\n    - tenant_param:\n",
			`4:7: repository.methods: tenant_param is empty`},
		{"tenant_param not a list", "version: 1\nrepository:\n  methods:\n    - tenant_param: orgID\n",
			`4:21: repository.methods[0].tenant_param: expected a list, not "orgID"`},
		{"bad tenant_param name", "version: 1\nrepository:\n  methods:\n    - tenant_param: [orgID, org-id]\n",
			`4:29: repository.methods: tenant_param: "org-id" is not a parameter name`},
		{"bad tenant_method name", "version: 1\nrepository:\n  methods:\n    - tenant_method: Network.ID\n",
			`4:22: repository.methods: tenant_method: "Network.ID" is not a method name`},
		{"empty tenant_method", "version: 1\nrepository:\n  methods:\n    - tenant_method: ''\n",
			`4:22: repository.methods: tenant_method: "" is not a method name`},
		{"unknown key in tenant_values", "version: 1\ncache:\n  tenant_values:\n    func: [a.com/t.FromContext]\n",
			`4:5: unknown key "func" in cache.tenant_values (known keys: funcs, fields, params)`},
		{"empty tenant_values", "version: 1\ncache:\n  tenant_values:\n",
			`3:3: cache.tenant_values is empty; list funcs, fields or params, or remove it`},
		{"empty tenant_values mapping", "version: 1\ncache:\n  tenant_values: {}\n",
			`3:3: cache.tenant_values is empty`},
		{"empty tenant_values list", "version: 1\ncache:\n  tenant_values:\n    fields: [TenantID]\n    params: []\n",
			`5:5: cache.tenant_values.params is empty; list at least one name or remove the key`},
		{"unqualified tenant func", "version: 1\ncache:\n  tenant_values:\n    funcs: [FromContext]\n",
			`4:13: cache.tenant_values.funcs: "FromContext" is not a qualified function`},
		{"tenant func with too many dots", "version: 1\ncache:\n  tenant_values:\n    funcs: [a.com/t.A.B.C]\n",
			`4:13: cache.tenant_values.funcs: "a.com/t.A.B.C" is not a qualified function`},
		{"tenant field not a name", "version: 1\ncache:\n  tenant_values:\n    fields: [tenant-id]\n",
			`4:14: cache.tenant_values.fields: "tenant-id" is not a Go field name`},
		{"tenant param not an identifier", "version: 1\ncache:\n  tenant_values:\n    params: [tenantID, 1st]\n",
			`4:24: cache.tenant_values.params: "1st" is not a Go parameter name`},
		{"tenant params not a list", "version: 1\ncache:\n  tenant_values:\n    params: tenantID\n",
			`4:13: cache.tenant_values.params: expected a list, not "tenantID"`},
		{"follow_helpers not a bool", "version: 1\ncache:\n  follow_helpers: yes please\n",
			`3:19: cache.follow_helpers: expected true or false, not "yes please"`},
		{"empty file", "", `1: file is empty; it needs at least 'version: 1'`},
		{"only comments", "# nothing yet\n", `1: file is empty; it needs at least 'version: 1'`},
		{"YAML syntax error", "version: 1\n\tmodels:\n", `2: found a tab character`},
	}
	lineCol := regexp.MustCompile(`^` + regexp.QuoteMeta(file) + `:\d+(:\d+)?: \S`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse(file, []byte(tt.src))
			if err == nil {
				t.Fatalf("no error; parsed %+v", c)
			}
			msg := err.Error()
			if strings.Contains(msg, "\n") {
				t.Errorf("error is not one line:\n%s", msg)
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Errorf("error is a %T, not a *config.Error", err)
			}
			if !lineCol.MatchString(msg) {
				t.Errorf("error %q does not start with %s:line[:col]: ", msg, file)
			}
			if want := file + ":" + tt.want; !strings.HasPrefix(msg, want) {
				t.Errorf("error\n\t%s\nwant it to start with\n\t%s", msg, want)
			}
			if strings.Contains(msg, "config.") {
				t.Errorf("error %q speaks of Go types rather than keys", msg)
			}
		})
	}
}

// additionsFile uses every key that issue 5 adds to models and
// repository; the rest of a version 1 file stays as it was.
const additionsFile = `version: 1
models:
  fields:
    - TenantID
    - {name: OrgID, tag: 'bun:"org_id'}
    - {name: NID, type: github.com/gofrs/uuid.UUID}
    - {name: Org, tag: 'db:"org"', type: example.com/app/org.ID}
  exclude: [example.com/app/pkg/sqlmigration/..., example.com/app/legacy]
repository:
  methods:
    - tenant_param: [orgID, orgId, tenantID]
    - tenant_method: NetworkID
`

func TestParseModelAdditions(t *testing.T) {
	c, err := Parse("/app/.tenantlint.yaml", []byte(additionsFile))
	if err != nil {
		t.Fatal(err)
	}
	f := c.Models.Fields
	if len(f) != 4 {
		t.Fatalf("fields = %+v", f)
	}
	if f[0].Name != "TenantID" || f[0].Tag.Line != 0 || f[0].Type.Line != 0 || f[0].Line != 4 || f[0].Column != 7 {
		t.Errorf("fields[0] = %+v", f[0])
	}
	if f[1].Name != "OrgID" || f[1].Tag.Value != `bun:"org_id` || f[1].Type.Line != 0 || f[1].Line != 5 || f[1].Column != 7 {
		t.Errorf("fields[1] = %+v", f[1])
	}
	if f[2].Name != "NID" || f[2].Tag.Line != 0 || f[2].Type.Value != "github.com/gofrs/uuid.UUID" || f[2].Type.Line != 6 || f[2].Type.Column != 25 {
		t.Errorf("fields[2] = %+v", f[2])
	}
	if f[3].Tag.Value != `db:"org"` || f[3].Type.Value != "example.com/app/org.ID" {
		t.Errorf("fields[3] = %+v", f[3])
	}
	if ex := c.Models.Exclude; len(ex) != 2 || ex[0].Value != "example.com/app/pkg/sqlmigration/..." || ex[1].Line != 8 {
		t.Errorf("exclude = %+v", ex)
	}
	m := c.Repository.Methods
	if len(m) != 2 {
		t.Fatalf("methods = %+v", m)
	}
	if len(m[0].TenantParam) != 3 || m[0].TenantParam[2].Value != "tenantID" || m[0].TenantMethod.Line != 0 || m[0].Line != 11 || m[0].Column != 7 {
		t.Errorf("methods[0] = %+v", m[0])
	}
	if len(m[1].TenantParam) != 0 || m[1].TenantMethod.Value != "NetworkID" || m[1].ParamPos.Line != 0 {
		t.Errorf("methods[1] = %+v", m[1])
	}
}

func TestPresetsAreComplete(t *testing.T) {
	want := []string{"bigcache", "go-cache", "go-redis", "golang-lru", "gomemcache", "ristretto", "sync-map"}
	if got := strings.Join(PresetNames(), ","); got != strings.Join(want, ",") {
		t.Errorf("PresetNames = %s, want %s", got, strings.Join(want, ","))
	}
	// sync-map is of the standard library: no go.mod requires it.
	if got, want := strings.Join(LibraryPresetNames(), ","), strings.Join(want[:len(want)-1], ","); got != want {
		t.Errorf("LibraryPresetNames = %s, want %s", got, want)
	}
	for name, apis := range Presets() {
		for _, api := range apis {
			for m, k := range api.Methods {
				if err := checkKeyArgs(k); err != nil {
					t.Errorf("preset %s: %s.%s: %v", name, api.Pkg, m, err)
				}
			}
		}
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b", "c")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Find(deep); err == nil {
		if above, _ := Find(root); above != "" {
			t.Skipf("a %s above the temporary directory (%s) hides the not-found case", FileName, above)
		}
	}

	// Not found: the error says, on one line, where the search started
	// and ended, and how to get a file.
	_, err := Find(deep)
	var nf *NotFoundError
	if !errors.As(err, &nf) || !IsNotFound(err) {
		t.Fatalf("Find with no file: %v (%T), want a *NotFoundError", err, err)
	}
	msg := err.Error()
	for _, want := range []string{"no " + FileName + " found", deep, "or any directory above it", "up to " + string(filepath.Separator), "run `tenantlint init`"} {
		if !strings.Contains(msg, want) {
			t.Errorf("not-found error lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "\n") {
		t.Errorf("the not-found error is not one line:\n%s", msg)
	}

	// Found: the nearest file above wins.
	top := filepath.Join(root, "a", FileName)
	mid := filepath.Join(root, "a", "b", FileName)
	for _, p := range []string{top, mid} {
		if err := os.WriteFile(p, []byte("version: 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for dir, want := range map[string]string{deep: mid, filepath.Join(root, "a", "b"): mid, filepath.Join(root, "a"): top} {
		if got, err := Find(dir); err != nil || got != want {
			t.Errorf("Find(%s) = %q, %v; want %q", dir, got, err, want)
		}
	}
	if err := os.Mkdir(filepath.Join(root, "a", "b", "c", FileName), 0o755); err != nil {
		t.Fatal(err)
	}
	if got, _ := Find(deep); got != mid {
		t.Errorf("a directory named %s was taken for the file: got %q", FileName, got)
	}

	// The loader parses each file once and reports its errors.
	if err := os.WriteFile(mid, []byte("version: 1\nmodel: {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var l Loader
	if _, err := l.ForDir(deep); err == nil || !strings.HasPrefix(err.Error(), mid+":2:1: unknown key \"model\"") {
		t.Errorf("ForDir with a bad file: %v", err)
	}
	l = Loader{Override: top}
	if c, err := l.ForDir(deep); err != nil || c.Path != top {
		t.Errorf("ForDir with Override = %v, %v; want %s", c, err, top)
	}
}

func TestMergeNotFound(t *testing.T) {
	sep := string(filepath.Separator)
	m := MergeNotFound([]*NotFoundError{
		{Start: sep + filepath.Join("w", "m", "internal", "a"), Top: sep},
		{Start: sep + filepath.Join("w", "m", "internal", "b", "c"), Top: sep},
		{Start: sep + filepath.Join("w", "m", "internal", "a"), Top: sep},
	})
	if want := sep + filepath.Join("w", "m", "internal"); m.Start != want || m.Packages != 2 {
		t.Errorf("merged = %+v, want Start %s and 2 packages", m, want)
	}
	if msg := m.Error(); !strings.Contains(msg, "for the 2 packages in "+m.Start) || !strings.Contains(msg, "tenantlint init") || strings.Contains(msg, "\n") {
		t.Errorf("merged message:\n%s", msg)
	}
}

func TestParseCtxSinks(t *testing.T) {
	c, err := Parse("/app/.tenantlint.yaml", []byte("version: 1\nctx:\n  sinks:\n    - example.com/app/audit.Log\n    - example.com/app/store.Store.Save\n    - gopkg.in/yaml.v3.Marshal\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := c.Ctx.Sinks
	if len(got) != 3 || got[1].Value != "example.com/app/store.Store.Save" || got[1].Line != 5 || got[1].Column != 7 {
		t.Fatalf("sinks = %+v", got)
	}
	tests := []struct {
		in           string
		fn, asMethod SinkName
	}{
		{"example.com/app/audit.Log", SinkName{Pkg: "example.com/app/audit", Name: "Log"}, SinkName{}},
		{"example.com/app/store.Store.Save", SinkName{Pkg: "example.com/app/store.Store", Name: "Save"},
			SinkName{Pkg: "example.com/app/store", Type: "Store", Name: "Save"}},
		{"gopkg.in/yaml.v3.Marshal", SinkName{Pkg: "gopkg.in/yaml.v3", Name: "Marshal"},
			SinkName{Pkg: "gopkg.in/yaml", Type: "v3", Name: "Marshal"}},
	}
	for _, tt := range tests {
		fn, m, ok := SplitSink(tt.in)
		if !ok || fn != tt.fn || m != tt.asMethod {
			t.Errorf("SplitSink(%q) = %+v, %+v, %v; want %+v, %+v", tt.in, fn, m, ok, tt.fn, tt.asMethod)
		}
	}
}

// TestBoolKeysAreYAMLBooleans: every boolean key takes true or false and
// nothing else. The decoder alone accepted a quoted "no" and YAML 1.1's
// yes/no/on/off for a bool while it rejected a quoted "false"; now each
// of them is one error at the value's line and column.
func TestBoolKeysAreYAMLBooleans(t *testing.T) {
	const file = "/app/.tenantlint.yaml"
	// Each boolean key in a file where its value (%s) starts at line:col.
	keys := []struct {
		key, src, at string
	}{
		{"ignore.tests", "version: 1\nignore:\n  tests: %s\n", "3:10"},
		{"cache.follow_helpers", "version: 1\ncache:\n  follow_helpers: %s\n", "3:19"},
		{"cache.apis[0].methods.Del.variadic", "version: 1\ncache:\n  apis:\n    - type: a.com/c.Store\n      methods:\n        Del:\n          key: 1\n          variadic: %s\n", "8:21"},
		{"cache.apis[0].slice", "version: 1\ncache:\n  apis:\n    - func: a.com/c.GetMulti\n      key: 1\n      slice: %s\n", "6:14"},
	}
	// The table covers every bool field the file can set.
	covered := map[string]bool{}
	for _, k := range keys {
		covered[k.key[strings.LastIndex(k.key, ".")+1:]] = true
	}
	for _, name := range boolKeys(reflect.TypeFor[Config](), map[reflect.Type]bool{}) {
		if !covered[name] {
			t.Errorf("boolean key %q is not in this test's table", name)
		}
	}
	for _, k := range keys {
		for _, ok := range []string{"true", "false", "True", "FALSE"} {
			if _, err := Parse(file, []byte(fmt.Sprintf(k.src, ok))); err != nil {
				t.Errorf("%s: %s: %v", k.key, ok, err)
			}
		}
		for _, bad := range []string{`"no"`, `"false"`, `'true'`, "no", "yes", "on", "off", "Yes", "y", "1"} {
			_, err := Parse(file, []byte(fmt.Sprintf(k.src, bad)))
			want := fmt.Sprintf("%s:%s: %s: expected true or false, not %q", file, k.at, k.key, strings.Trim(bad, `"'`))
			if bad[0] == '"' || bad[0] == '\'' {
				want = fmt.Sprintf("%s:%s: %s: expected true or false, not the quoted string %q", file, k.at, k.key, strings.Trim(bad, `"'`))
			}
			if err == nil || err.Error() != want {
				t.Errorf("%s: %s: error %v\nwant %s", k.key, bad, err, want)
			}
		}
	}
}

// boolKeys lists the YAML keys of the bool fields reachable from t.
func boolKeys(t reflect.Type, seen map[reflect.Type]bool) []string {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || seen[t] {
		return nil
	}
	seen[t] = true
	var out []string
	for name, ft := range yamlFields(t) {
		if ft.Kind() == reflect.Bool || (ft.Kind() == reflect.Pointer && ft.Elem().Kind() == reflect.Bool) {
			out = append(out, name)
			continue
		}
		out = append(out, boolKeys(ft, seen)...)
	}
	return out
}

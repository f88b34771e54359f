package initcfg

import (
	"bytes"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/testfs"
)

// TestRules checks each rule of the proposal on testdata/rules.txtar, a
// module with one shape per rule. The proposal must be a configuration
// that tenantlint accepts for the module.
func TestRules(t *testing.T) {
	offline(t)
	dir := t.TempDir()
	testfs.WriteTxtar(t, dir, "testdata/rules.txtar")
	f := scan(t, dir)
	out := Render(f)
	if err := f.Check(filepath.Join(dir, config.FileName), out); err != nil {
		t.Fatalf("the proposal is rejected: %v\n%s", err, out)
	}
	cfg, err := config.Parse("x.yaml", out)
	if err != nil {
		t.Fatal(err)
	}
	has := func(t *testing.T, s string) {
		t.Helper()
		if !bytes.Contains(out, []byte(s)) {
			t.Errorf("the proposal lacks %q:\n%s", s, out)
		}
	}

	t.Run("unexported fields are no tenant fields", func(t *testing.T) {
		// Client's tenantId and orgID are unexported: no column, no
		// candidate (they would be the only TenantId candidate).
		for _, c := range f.Fields {
			if strings.EqualFold(c.Name, "tenantId") || c.Name == "orgID" {
				t.Errorf("unexported field %s is a candidate: %+v", c.Name, c)
			}
		}
	})

	t.Run("the column tag separates rows from bodies", func(t *testing.T) {
		if len(cfg.Models.Fields) != 1 {
			t.Fatalf("models.fields = %+v, want one entry", cfg.Models.Fields)
		}
		got := cfg.Models.Fields[0]
		if got.Name != "OrgID" || got.Tag.Value != `bun:"org_id` {
			t.Errorf("models.fields[0] = %s tag %q, want OrgID with tag bun:\"org_id", got.Name, got.Tag.Value)
		}
	})

	t.Run("an implementation is no marker", func(t *testing.T) {
		var markers []string
		for _, m := range cfg.Models.Markers {
			markers = append(markers, m.Value)
		}
		if want := []string{"example.com/rules/internal/models.Owned"}; !reflect.DeepEqual(markers, want) {
			t.Errorf("models.markers = %v, want %v (BaseService has a Log method)", markers, want)
		}
		has(t, "# commented out: it has methods (Log), an implementation embedded for what it does, not a marker\n")
	})

	t.Run("a cache is never a repository", func(t *testing.T) {
		var types []string
		for _, r := range cfg.Repository.Types {
			types = append(types, r.Value)
		}
		if want := []string{"example.com/rules/internal/table.Table"}; !reflect.DeepEqual(types, want) {
			t.Errorf("repository.types = %v, want %v: lru.Cache has Get, Add and Remove on keys", types, want)
		}
		has(t, "    # not a repository: a cache (Get and Set on keys)\n    # - example.com/rules/internal/lru.Cache\n")
	})

	t.Run("a template that does not compile is not proposed", func(t *testing.T) {
		if cfg.Repository.Fix != nil {
			t.Errorf("repository.fix = %+v; table.Table[M] has two type parameters", cfg.Repository.Fix)
		}
		has(t, "#   var MemberRepo table.Table[Member]: not enough type arguments for type Table: have 1, want 2\n")
	})

	t.Run("repository.methods from the data layer", func(t *testing.T) {
		type entry struct {
			params []string
			method string
		}
		var got []entry
		for _, m := range cfg.Repository.Methods {
			var e entry
			for _, p := range m.TenantParam {
				e.params = append(e.params, p.Value)
			}
			e.method = m.TenantMethod.Value
			got = append(got, e)
		}
		// teamID is another concept; InvoiceCache's orgID does not count:
		// a cache is no data-layer type.
		want := []entry{{params: []string{"orgID", "orgId"}}, {method: "OrgID"}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("repository.methods = %+v, want %+v", got, want)
		}
		has(t, "    # tenant_param orgID: 2 methods of 1 type: store.ProjectStore\n")
		has(t, "    # tenant_param teamID: 2 methods of 2 types: store.Invoices, store.ProjectStore\n")
		has(t, "    # - tenant_param: [teamID]\n")
	})

	t.Run("tenant_values from the same evidence", func(t *testing.T) {
		tv := cfg.Cache.TenantValues
		if tv == nil {
			t.Fatal("no cache.tenant_values")
		}
		var funcs, fields, params []string
		for _, s := range tv.Funcs {
			funcs = append(funcs, s.Value)
		}
		for _, s := range tv.Fields {
			fields = append(fields, s.Value)
		}
		for _, s := range tv.Params {
			params = append(params, s.Value)
		}
		got := [][]string{funcs, fields, params}
		want := [][]string{{"example.com/rules/internal/store.MemberStore.OrgID"}, {"OrgID"}, {"orgID", "orgId"}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("tenant_values funcs, fields, params = %v, want %v", got, want)
		}
	})

	t.Run("cache apis and safe types", func(t *testing.T) {
		var safe []string
		for _, s := range cfg.Cache.SafeTypes {
			safe = append(safe, s.Value)
		}
		if want := []string{"example.com/rules/internal/tenant.Cache"}; !reflect.DeepEqual(safe, want) {
			t.Errorf("cache.safe_types = %v, want %v", safe, want)
		}
		// svc.Service has Fetch and Put among other methods; settings.Module
		// takes the orgID beside the key (named in its implementation);
		// store.InvoiceCache too; store.ProjectKV stores models; tenant.Cache
		// is safe.
		if len(cfg.Cache.APIs) != 1 {
			t.Fatalf("cache.apis = %+v, want kv.Store only", cfg.Cache.APIs)
		}
		api := cfg.Cache.APIs[0]
		want := map[string]config.KeyArgs{
			"Get":  {Key: config.IntList{1}},
			"Set":  {Key: config.IntList{1}},
			"Del":  {Key: config.IntList{1}, Variadic: true},
			"MGet": {Key: config.IntList{1}, Slice: true},
		}
		if api.Type.Value != "example.com/rules/internal/kv.Store" || !reflect.DeepEqual(api.Methods, want) {
			t.Errorf("cache.apis[0] = %s %+v, want kv.Store %+v", api.Type.Value, api.Methods, want)
		}
	})

	t.Run("models.exclude for migrations", func(t *testing.T) {
		var excluded []string
		for _, p := range cfg.Models.Exclude {
			excluded = append(excluded, p.Value)
		}
		if want := []string{"example.com/rules/internal/sqlmigration/..."}; !reflect.DeepEqual(excluded, want) {
			t.Errorf("models.exclude = %v, want %v", excluded, want)
		}
		has(t, "    - example.com/rules/internal/sqlmigration/...   # 1 tenant-scoped struct: sqlmigration.existingProject\n")
	})

	t.Run("ignore.packages for shared infrastructure", func(t *testing.T) {
		var ignored []string
		for _, p := range cfg.Ignore.Packages {
			ignored = append(ignored, p.Value)
		}
		if want := []string{"example.com/rules/internal/platform/..."}; !reflect.DeepEqual(ignored, want) {
			t.Errorf("ignore.packages = %v, want %v (infra declares infra.Job)", ignored, want)
		}
		has(t, "    # - example.com/rules/internal/infra/...   # commented out: it declares infra.Job\n")
	})
}

func TestColumnTag(t *testing.T) {
	for _, tc := range []struct {
		tags []string
		want string
		n    int
	}{
		// Most declarations are columns, one is a body: the tag separates.
		{[]string{`db:"nid"`, `db:"nid" json:"nid"`, `json:"nid"`}, `db:"nid"`, 2},
		{[]string{`bun:"org_id,notnull"`, `bun:"org_id"`, `json:"orgId"`}, `bun:"org_id`, 2},
		// All are columns: nothing to separate.
		{[]string{`db:"nid"`, `db:"nid"`}, ``, 0},
		// Half or fewer: not the rows' mark.
		{[]string{`db:"nid"`, `db:"nid"`, ``, ``}, ``, 0},
		{[]string{`db:"nid"`, ``}, ``, 0},
		{[]string{`db:"-"`, `db:"-"`, ``}, ``, 0},
	} {
		got, n := columnTag(tc.tags)
		if got != tc.want || n != tc.n {
			t.Errorf("columnTag(%q) = %s, %d; want %s, %d", tc.tags, got, n, tc.want, tc.n)
		}
	}
}

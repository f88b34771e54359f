package inventory

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// contextFixture is fixture() with tenantctx's sink calls: in a package
// that has types and cache calls, and in one that has only sink calls.
func contextFixture() []Input {
	in := fixture()
	for i := range in {
		if in[i].Path == "example.com/shop/catalog" {
			in[i].Context = ContextCounts{Total: 3, Kept: 3}
		}
	}
	return append(in, Input{Path: "example.com/shop/jobs", Context: ContextCounts{Total: 12, Kept: 5, DroppedFixable: 4, DroppedManual: 2, Suppressed: 1}})
}

// The tenant-context section follows the others, only when there are
// sink calls; the packages with sink calls only are listed in it alone.
func TestTextContexts(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, Build(contextFixture(), root)); err != nil {
		t.Fatal(err)
	}
	want := wantText + `
Tenant contexts at sink calls: 15 (kept 8, dropped fixable 4, dropped manual 2, suppressed 1)

PACKAGE                   CALLS  KEPT  DROPPED FIXABLE  DROPPED MANUAL  SUPPRESSED
example.com/shop/catalog  3      3     0                0               0
example.com/shop/jobs     12     5     4                2               1
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// The JSON form adds "tenant_contexts" to a package's and the totals'
// counts when there are sink calls, and leaves it out otherwise, so that
// schema version 1's readers and documents stay as they were.
func TestJSONContexts(t *testing.T) {
	var b bytes.Buffer
	if err := JSON(&b, Build(contextFixture(), root)); err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Version  int
		Packages []map[string]json.RawMessage
		Totals   map[string]json.RawMessage
	}
	if err := json.Unmarshal(b.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	if raw.Version != SchemaVersion || SchemaVersion != 1 {
		t.Errorf("version %d (SchemaVersion %d), want 1: the field is additive", raw.Version, SchemaVersion)
	}
	got := map[string]string{}
	for _, p := range raw.Packages {
		var name string
		if err := json.Unmarshal(p["package"], &name); err != nil {
			t.Fatal(err)
		}
		got[name] = string(p["tenant_contexts"])
	}
	want := map[string]string{
		"example.com/shop/billing":  "",
		"example.com/shop/catalog":  `{"total":3,"kept":3,"dropped_fixable":0,"dropped_manual":0,"suppressed":0}`,
		"example.com/shop/handlers": "",
		"example.com/shop/jobs":     `{"total":12,"kept":5,"dropped_fixable":4,"dropped_manual":2,"suppressed":1}`,
	}
	for name, w := range want {
		if compact(t, got[name]) != w {
			t.Errorf("%s: tenant_contexts %s, want %q", name, got[name], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("packages %v, want %v", got, want)
	}
	if tot := compact(t, string(raw.Totals["tenant_contexts"])); tot != `{"total":15,"kept":8,"dropped_fixable":4,"dropped_manual":2,"suppressed":1}` {
		t.Errorf("totals: tenant_contexts %s", tot)
	}
	var back Inventory
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.Totals.Context != (ContextCounts{Total: 15, Kept: 8, DroppedFixable: 4, DroppedManual: 2, Suppressed: 1}) {
		t.Errorf("decoded totals %+v", back.Totals.Context)
	}
}

func compact(t *testing.T, s string) string {
	t.Helper()
	if s == "" {
		return ""
	}
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(s)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// The page says how many sink calls kept the tenant and lists them by
// package; without sink calls it has neither.
func TestHTMLContexts(t *testing.T) {
	var b bytes.Buffer
	if err := HTML(&b, Build(contextFixture(), root)); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{
		"15 sink calls with a tenant context in scope: 8 kept it, 4 dropped fixable, 2 dropped manual, 1 suppressed.</p>",
		`<table class="sortable" id="contexts">`,
		`<tr><td><code>example.com/shop/jobs</code></td><td class="num" data-v="12">12</td><td class="num" data-v="5">5</td><td class="num" data-v="4">4</td><td class="num" data-v="2">2</td><td class="num" data-v="1">1</td></tr>`,
		`<tr><td><code>example.com/shop/catalog</code></td><td class="num" data-v="3">3</td>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if n := strings.Count(page, "<tr><td><code>example.com/shop/handlers</code></td>"); n != 1 {
		t.Errorf("handlers has %d rows, want 1 (by package; no sink calls)", n)
	}
	b.Reset()
	if err := HTML(&b, Build(fixture(), root)); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"sink calls", `id="contexts"`} {
		if strings.Contains(b.String(), bad) {
			t.Errorf("page without sink calls contains %q", bad)
		}
	}
}

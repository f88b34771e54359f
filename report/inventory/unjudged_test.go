package inventory

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// unjudgedFixture has cache calls that the check could not judge and
// calls not about tenant data, in two packages.
func unjudgedFixture() []Input {
	return []Input{
		{Path: "example.com/shop/billing", Cache: CacheCounts{Total: 5, Scoped: 1, RawManual: 1, Unchecked: 2, NotTenantData: 1,
			ByReason: &CacheReasons{Unchecked: map[string]int{"non-string key": 1, "key from a call not followed": 1}, NotTenantData: map[string]int{"holds bool": 1}}}},
		{Path: "example.com/shop/routes", Cache: CacheCounts{Total: 3, Scoped: 1, Unchecked: 1, NotTenantData: 1,
			ByReason: &CacheReasons{Unchecked: map[string]int{"non-string key": 1}, NotTenantData: map[string]int{"holds *Route": 1}}}},
	}
}

const wantUnjudgedText = `Tenant-scoped types: 0 (covered 0, MISSING 0, suppressed 0, global 0)

Cache calls: 8 (scoped 2, raw fixable 0, raw manual 1, suppressed 0, unchecked 3, not tenant data 2)

PACKAGE                   CALLS  SCOPED  RAW FIXABLE  RAW MANUAL  SUPPRESSED  UNCHECKED  NOT TENANT DATA
example.com/shop/billing  5      1       0            1           0           2          1
example.com/shop/routes   3      1       0            0           0           1          1

Unchecked cache calls by reason:
  2  non-string key
  1  key from a call not followed

Cache calls not about tenant data, by what they hold:
  1  holds *Route
  1  holds bool
`

// Unchecked calls and calls not about tenant data have their own
// columns, totals and counts by reason; none of them is counted as
// scoped.
func TestTextUnjudged(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, Build(unjudgedFixture(), root)); err != nil {
		t.Fatal(err)
	}
	if b.String() != wantUnjudgedText {
		t.Errorf("got\n%s\nwant\n%s", b.String(), wantUnjudgedText)
	}
}

func TestJSONUnjudged(t *testing.T) {
	in := unjudgedFixture()
	var b bytes.Buffer
	if err := JSON(&b, Build(in, root)); err != nil {
		t.Fatal(err)
	}
	var back Inventory
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	c := back.Totals.Cache
	if c.Unchecked != 3 || c.NotTenantData != 2 || c.Scoped != 2 || c.ByReason == nil ||
		c.ByReason.Unchecked["non-string key"] != 2 || c.ByReason.Unchecked["key from a call not followed"] != 1 ||
		c.ByReason.NotTenantData["holds bool"] != 1 {
		t.Errorf("totals %+v, by reason %+v", c, c.ByReason)
	}
	for _, want := range []string{`"unchecked": 3`, `"not_tenant_data": 2`, `"by_reason": {`, `"non-string key": 2`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("JSON lacks %s:\n%s", want, b.String())
		}
	}
	// Adding up the totals leaves each package's own counts alone.
	if n := in[0].Cache.ByReason.Unchecked["non-string key"]; n != 1 {
		t.Errorf("the package's count by reason became %d", n)
	}
}

// Without unchecked calls the JSON form is what schema version 1 wrote.
func TestJSONWithoutUnjudged(t *testing.T) {
	var b bytes.Buffer
	if err := JSON(&b, Build(fixture(), root)); err != nil {
		t.Fatal(err)
	}
	for _, absent := range []string{"unchecked", "not_tenant_data", "by_reason"} {
		if strings.Contains(b.String(), absent) {
			t.Errorf("JSON has %s:\n%s", absent, b.String())
		}
	}
}

func TestHTMLUnjudged(t *testing.T) {
	var b bytes.Buffer
	if err := HTML(&b, Build(unjudgedFixture(), root)); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{
		"1 raw manual", // the summary is there
		"0 suppressed, 3 unchecked, 2 not tenant data.",
		`<th class="num" data-key="unchecked">Unchecked</th>`,
		`<th class="num" data-key="not-tenant-data">Not tenant data</th>`,
		`<td class="num" data-v="2">2</td><td class="num" data-v="1">1</td></tr>`,
		`<table class="sortable" id="unchecked">`,
		`<tr><td>key from a call not followed</td><td class="num" data-v="1">1</td></tr>`,
		`<table class="sortable" id="not-tenant-data">`,
		`<tr><td>holds *Route</td>`,
		ColourUnchecked, ColourNotData,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	b.Reset()
	if err := HTML(&b, Build(fixture(), root)); err != nil {
		t.Fatal(err)
	}
	for _, absent := range []string{"Unchecked", "unchecked", "tenant data", ColourUnchecked, ColourNotData} {
		if strings.Contains(b.String(), absent) {
			t.Errorf("page without unchecked calls has %s", absent)
		}
	}
}

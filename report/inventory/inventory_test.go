package inventory

import (
	"bytes"
	"encoding/json"
	"go/token"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// root stands for the module directory tenantlint ran in.
var root = filepath.FromSlash("/src/shop")

func pos(file string, line, col int) token.Position {
	return token.Position{Filename: filepath.Join(root, filepath.FromSlash(file)), Line: line, Column: col}
}

// fixture has a type of each status, a package with types only, one with
// cache calls only, one with both, an empty package (left out), a
// repository outside the module directory, and text that HTML must
// escape.
func fixture() []Input {
	return []Input{
		{Path: "example.com/shop/billing", Types: []TypeRecord{
			{Package: "example.com/shop/billing", Name: "Invoice", Pos: pos("billing/billing.go", 5, 6), Reason: "has field TenantID",
				Repo: &RepoSite{Type: "tenant.Repository", Package: "example.com/shop/store", Pos: pos("store/repos.go", 10, 5)}},
			{Package: "example.com/shop/billing", Name: "Draft", Pos: pos("billing/draft.go", 3, 6), Reason: "embeds tenant.Model (through embedded Base)",
				Suppressed: true, SuppressReason: `legacy <table> & "drafts"`},
			{Package: "example.com/shop/billing", Name: "Audit<T>", Pos: pos("billing/audit.go", 8, 6), Reason: "has field TenantID",
				Repo: &RepoSite{Type: "tenant.Repository", Package: "example.com/vendor/repos", Pos: token.Position{Filename: "/elsewhere/repos.go", Line: 2, Column: 1}}},
		}},
		{Path: "example.com/shop/catalog", Types: []TypeRecord{
			{Package: "example.com/shop/catalog", Name: "Product", Pos: pos("catalog/models.go", 7, 6), Reason: "embeds tenant.Model"},
			{Package: "example.com/shop/catalog", Name: "Country", Pos: pos("catalog/models.go", 19, 6), Reason: "has field TenantID", Global: true},
		}, Cache: CacheCounts{Total: 2, Scoped: 2}},
		{Path: "example.com/shop/empty"},
		{Path: "example.com/shop/handlers", Cache: CacheCounts{Total: 7, Scoped: 1, RawFixable: 4, RawManual: 1, Suppressed: 1}},
	}
}

const wantText = `Tenant-scoped types: 5 (covered 2, MISSING 1, suppressed 1, global 1)

PACKAGE                   TYPE      POSITION                WHY                                          REPOSITORY
example.com/shop/billing  Audit<T>  billing/audit.go:8:6    has field TenantID                           tenant.Repository at /elsewhere/repos.go:2:1
example.com/shop/billing  Draft     billing/draft.go:3:6    embeds tenant.Model (through embedded Base)  MISSING, suppressed: legacy <table> & "drafts"
example.com/shop/billing  Invoice   billing/billing.go:5:6  has field TenantID                           tenant.Repository at store/repos.go:10:5
example.com/shop/catalog  Country   catalog/models.go:19:6  has field TenantID                           not needed: //tenantlint:global
example.com/shop/catalog  Product   catalog/models.go:7:6   embeds tenant.Model                          MISSING

Cache calls: 9 (scoped 3, raw fixable 4, raw manual 1, suppressed 1)

PACKAGE                    CALLS  SCOPED  RAW FIXABLE  RAW MANUAL  SUPPRESSED
example.com/shop/catalog   2      2       0            0           0
example.com/shop/handlers  7      1       4            1           1
`

func TestText(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, Build(fixture(), root), "text"); err != nil {
		t.Fatal(err)
	}
	if b.String() != wantText {
		t.Errorf("got\n%s\nwant\n%s", b.String(), wantText)
	}
}

func TestTextEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, Build(nil, root)); err != nil {
		t.Fatal(err)
	}
	want := "Tenant-scoped types: 0 (covered 0, MISSING 0, suppressed 0, global 0)\n\n" +
		"Cache calls: 0 (scoped 0, raw fixable 0, raw manual 0, suppressed 0)\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestJSON(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, Build(fixture(), root), "json"); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("testdata", "inventory.json"))
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("got\n%s\nwant (testdata/inventory.json)\n%s", b.String(), want)
	}
	// The schema round-trips: a reader of version 1 gets everything back.
	var back Inventory
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := JSON(&again, &back); err != nil {
		t.Fatal(err)
	}
	if again.String() != b.String() {
		t.Errorf("JSON does not round-trip:\n%s", again.String())
	}
}

func TestEmptyJSONHasArrays(t *testing.T) {
	var b bytes.Buffer
	if err := JSON(&b, Build(nil, root)); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"version": 1`, `"types": []`, `"packages": []`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("empty inventory lacks %s:\n%s", want, b.String())
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	err := Write(&bytes.Buffer{}, Build(nil, root), "sarif")
	if err == nil || !strings.Contains(err.Error(), `unknown inventory format "sarif"`) {
		t.Errorf("got %v", err)
	}
}

func TestHTMLIsSelfContainedAndEscaped(t *testing.T) {
	var b bytes.Buffer
	if err := HTML(&b, Build(fixture(), root)); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, bad := range []string{"<table> &", `"drafts"`, "Audit<T>", "http://", "https://", "url(", "@import", " src=", " href="} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	for _, want := range []string{
		"legacy &lt;table&gt; &amp; &#34;drafts&#34;", "Audit&lt;T&gt;",
		`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-`,
		"<td><code>example.com/shop/handlers</code></td>",
		"tenant.Repository at store/repos.go:10:5",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// The policy's hashes are those of the inline style and script as
	// written, or the browser would refuse them.
	style := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindStringSubmatch(page)
	script := regexp.MustCompile(`(?s)<script>(.*?)</script>`).FindStringSubmatch(page)
	if style == nil || script == nil {
		t.Fatal("no inline style or script")
	}
	policy := regexp.MustCompile(`http-equiv="Content-Security-Policy" content="([^"]*)"`).FindStringSubmatch(page)
	if policy == nil {
		t.Fatal("no Content-Security-Policy")
	}
	for _, h := range []string{hash(style[1]), hash(script[1])} {
		if !strings.Contains(html.UnescapeString(policy[1]), "'"+h+"'") {
			t.Errorf("the policy lacks %s", h)
		}
	}
	// One chart per package that is listed.
	if n := strings.Count(page, `<svg class="chart"`); n != 3 {
		t.Errorf("%d charts, want 3", n)
	}
}

func TestStackScalesToTheLargestPackage(t *testing.T) {
	segs := stack(8, "cache calls", []part{{2, ColourGood, "scoped"}, {0, ColourFixable, "raw fixable"}, {6, ColourBad, "raw manual"}})
	want := []segment{
		{X: chartBarX, Width: 50, Colour: ColourGood, Title: "2 scoped (cache calls)"},
		{X: chartBarX + 50, Width: 150, Colour: ColourBad, Title: "6 raw manual (cache calls)"},
	}
	if len(segs) != len(want) {
		t.Fatalf("got %+v", segs)
	}
	for i := range want {
		if segs[i] != want[i] {
			t.Errorf("segment %d: got %+v, want %+v", i, segs[i], want[i])
		}
	}
	// A count too small to show still gets a visible sliver.
	if s := stack(1000, "types", []part{{1, ColourBad, "missing"}}); s[0].Width != chartMinSeg {
		t.Errorf("width %d for 1 of 1000, want %d", s[0].Width, chartMinSeg)
	}
}

// TestUnreferencedTypes: a type recorded as unreferenced has its own
// status and count in every form, which are left out when there is none
// (TestText, TestJSON and the HTML tests keep the forms of before).
func TestUnreferencedTypes(t *testing.T) {
	in := []Input{{Path: "example.com/shop/gen", Types: []TypeRecord{
		{Package: "example.com/shop/gen", Name: "Legacy", Pos: pos("gen/models.go", 4, 6), Reason: "has field TenantID", Unreferenced: true},
		{Package: "example.com/shop/gen", Name: "Order", Pos: pos("gen/models.go", 9, 6), Reason: "has field TenantID"},
	}}}
	inv := Build(in, root)
	if got := inv.Totals.Types; got != (TypeCounts{Total: 2, Missing: 1, Unreferenced: 1}) {
		t.Errorf("totals %+v", got)
	}
	var b bytes.Buffer
	if err := Text(&b, inv); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Tenant-scoped types: 2 (covered 0, MISSING 1, suppressed 0, global 0, unreferenced 1)\n",
		"Legacy  gen/models.go:4:6  has field TenantID  not needed: nothing in the module refers to it\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, b.String())
		}
	}
	b.Reset()
	if err := JSON(&b, inv); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"status": "unreferenced"`, `"unreferenced": 1`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("json lacks %s:\n%s", want, b.String())
		}
	}
	b.Reset()
	if err := HTML(&b, inv); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"0 global, 1 unreferenced.", "unreferenced type</li>", `<title>1 unreferenced (types)</title>`, `class="status-unreferenced"`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("html lacks %s", want)
		}
	}
}

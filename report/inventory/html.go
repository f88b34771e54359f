package inventory

import (
	"crypto/sha256"
	"encoding/base64"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
)

// Colours of the chart, one per outcome. They appear nowhere else on the
// page but in the legend, so that a screenshot can find the chart by them.
const (
	ColourGood       = "#1b7f3b" // covered types, scoped calls
	ColourFixable    = "#e08a00" // raw calls that tenantfix can wrap
	ColourBad        = "#c0392b" // missing repositories, raw calls to fix by hand
	ColourSuppressed = "#7b61a8" // suppressed findings
	ColourGlobal     = "#3b82c4" // //tenantlint:global types
	ColourUnchecked  = "#8a8a8a" // calls whose key the check cannot judge
	ColourNotData    = "#c9c9c9" // calls not about tenant data
	// ColourUnreferenced marks types that nothing refers to
	// (models.unreferenced: skip).
	ColourUnreferenced = "#9aa5b1"
	// ColourLeftToSQL marks sqlc's models left to tenantsql whose
	// queries are not all constrained.
	ColourLeftToSQL = "#8c564b"
)

// Chart geometry: each package gets two bars (types, cache calls) whose
// full width stands for the largest package's count.
const (
	chartBarWidth = 200 // pixels for the largest total
	chartBarX     = 48  // room for the bar labels
	chartBarH     = 12
	chartMinSeg   = 2 // a non-zero count stays visible
)

// HTML writes the inventory as one self-contained page: inline CSS, an
// inline SVG bar chart per package, and tables that a small inline script
// makes sortable (they are complete without it). The page's
// Content-Security-Policy allows only its own style and script, so it
// cannot load anything from elsewhere. Every value is escaped by
// html/template.
func HTML(w io.Writer, inv *Inventory) error {
	return pageTemplate().Execute(w, newPage(inv))
}

type page struct {
	*Inventory
	CSP    string
	Rows   []packageRow
	Legend []legendEntry
}

type packageRow struct {
	Package
	Types, Cache []segment
	ChartWidth   int
}

// segment is one rectangle of a stacked bar.
type segment struct {
	X, Width int
	Colour   string
	Title    string
}

type legendEntry struct{ Colour, Label string }

func newPage(inv *Inventory) page {
	p := page{Inventory: inv, CSP: csp(), Legend: []legendEntry{
		{ColourGood, "covered type / scoped call"},
		{ColourFixable, "raw call, fixable by tenantfix"},
		{ColourBad, "missing repository / raw call to fix by hand"},
		{ColourSuppressed, "suppressed"},
		{ColourGlobal, "global type"},
	}}
	if inv.Totals.Cache.Unchecked > 0 {
		p.Legend = append(p.Legend, legendEntry{ColourUnchecked, "unchecked call"})
	}
	if inv.Totals.Cache.NotTenantData > 0 {
		p.Legend = append(p.Legend, legendEntry{ColourNotData, "call not about tenant data"})
	}
	if inv.Totals.Types.Unreferenced > 0 {
		// Only then: a page without such types reads as before.
		p.Legend = append(p.Legend, legendEntry{ColourUnreferenced, "unreferenced type"})
	}
	if inv.Totals.Types.LeftToSQL > 0 {
		p.Legend = append(p.Legend, legendEntry{ColourLeftToSQL, "sqlc model left to tenantsql, queries not all constrained"})
	}
	maxTypes, maxCalls := 0, 0
	for _, pkg := range inv.Packages {
		maxTypes = max(maxTypes, pkg.Types.Total)
		maxCalls = max(maxCalls, pkg.Cache.Total)
	}
	for _, pkg := range inv.Packages {
		t, c := pkg.Types, pkg.Cache
		row := packageRow{Package: pkg,
			Types: stack(maxTypes, "types", []part{
				{t.Covered, ColourGood, "covered"}, {t.Missing, ColourBad, "missing"},
				{t.Suppressed, ColourSuppressed, "suppressed"}, {t.Global, ColourGlobal, "global"},
				{t.Unreferenced, ColourUnreferenced, "unreferenced"}, {t.LeftToSQL, ColourLeftToSQL, "left to tenantsql"}}),
			Cache: stack(maxCalls, "cache calls", []part{
				{c.Scoped, ColourGood, "scoped"}, {c.RawFixable, ColourFixable, "raw fixable"},
				{c.RawManual, ColourBad, "raw manual"}, {c.Suppressed, ColourSuppressed, "suppressed"},
				{c.Unchecked, ColourUnchecked, "unchecked"}, {c.NotTenantData, ColourNotData, "not tenant data"}}),
		}
		row.ChartWidth = max(end(row.Types), end(row.Cache), chartBarX+chartBarWidth)
		p.Rows = append(p.Rows, row)
	}
	return p
}

type part struct {
	n      int
	colour string
	what   string
}

// stack lays out a bar's segments, scaled so that largest fills
// chartBarWidth.
func stack(largest int, bar string, parts []part) []segment {
	var out []segment
	x := chartBarX
	for _, pt := range parts {
		if pt.n == 0 {
			continue
		}
		w := max(chartMinSeg, int(math.Round(float64(pt.n)*chartBarWidth/float64(largest))))
		out = append(out, segment{X: x, Width: w, Colour: pt.colour, Title: strconv.Itoa(pt.n) + " " + pt.what + " (" + bar + ")"})
		x += w
	}
	return out
}

// end is where a bar ends.
func end(segs []segment) int {
	if len(segs) == 0 {
		return 0
	}
	last := segs[len(segs)-1]
	return last.X + last.Width
}

// csp allows the page's own inline style and script, by hash, and
// nothing else: no fonts, images, scripts or styles from anywhere.
func csp() string {
	return "default-src 'none'; style-src '" + hash(pageStyle) + "'; script-src '" + hash(sortScript) + "'"
}

func hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

const pageStyle = `
body{font:14px/1.4 system-ui,sans-serif;color:#222;background:#fff;margin:24px}
h1{font-size:22px;margin:0 0 8px}
h2{font-size:17px;margin:28px 0 8px}
table{border-collapse:collapse;margin:8px 0}
th,td{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:middle}
th{background:#f3f3f3;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
code{font:13px ui-monospace,monospace}
.status-missing{font-weight:bold}
.legend{list-style:none;padding:0;margin:4px 0}
.legend li{display:inline-block;margin-right:16px}
table[data-sortable] th[data-key]{cursor:pointer}
th[aria-sort=ascending]::after{content:" \25B2"}
th[aria-sort=descending]::after{content:" \25BC"}
`

// sortScript makes the tables sortable by a click (or Enter) on a
// header, and opens the page sorted when its address ends in
// #sort=<table id>.<column key>[.desc].
const sortScript = `
(function () {
  "use strict";
  var each = function (list, f) { Array.prototype.forEach.call(list, f); };
  function value(row, col) {
    var cell = row.cells[col];
    if (!cell) { return ""; }
    var v = cell.getAttribute("data-v");
    return v !== null ? Number(v) : cell.textContent.trim().toLowerCase();
  }
  function sortBy(table, col, desc) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, col), y = value(b, col);
      var c = x < y ? -1 : (x > y ? 1 : 0);
      return desc ? -c : c;
    });
    each(rows, function (r) { body.appendChild(r); });
    each(table.tHead.rows[0].cells, function (th, i) {
      if (i === col) { th.setAttribute("aria-sort", desc ? "descending" : "ascending"); }
      else { th.removeAttribute("aria-sort"); }
    });
  }
  each(document.querySelectorAll("table.sortable"), function (table) {
    table.setAttribute("data-sortable", "on");
    each(table.tHead.rows[0].cells, function (th, i) {
      if (!th.hasAttribute("data-key")) { return; }
      th.tabIndex = 0;
      var go = function () { sortBy(table, i, th.getAttribute("aria-sort") === "ascending"); };
      th.addEventListener("click", go);
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); go(); }
      });
    });
  });
  var m = /^#sort=([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)(\.desc)?$/.exec(location.hash);
  var table = m && document.getElementById(m[1]);
  if (table && table.tHead) {
    each(table.tHead.rows[0].cells, function (th, i) {
      if (th.getAttribute("data-key") === m[2]) { sortBy(table, i, !!m[3]); }
    });
  }
})();
`

// pageTemplate is parsed on the first HTML page, not at package
// initialisation: every process that links the report layer (each of go
// vet's -vettool processes among them) would otherwise pay the parse,
// about 2000 allocations, and only --inventory=html uses it.
var pageTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("inventory").Funcs(template.FuncMap{"coverage": coverage}).Parse(strings.NewReplacer(
		"STYLE", pageStyle, "SCRIPT", sortScript).Replace(pageHTML)))
})

const pageHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{.CSP}}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="tenantlint --inventory">
<title>Tenancy inventory</title>
<style>STYLE</style>
</head>
<body>
<h1>Tenancy inventory</h1>
{{with .Totals}}<p id="summary">{{.Types.Total}} tenant-scoped types: {{.Types.Covered}} covered, {{.Types.Missing}} missing, {{.Types.Suppressed}} suppressed, {{.Types.Global}} global{{if .Types.Unreferenced}}, {{.Types.Unreferenced}} unreferenced{{end}}{{if .Types.LeftToSQL}}, {{.Types.LeftToSQL}} left to tenantsql{{end}}.
{{.Cache.Total}} cache calls: {{.Cache.Scoped}} scoped, {{.Cache.RawFixable}} raw fixable, {{.Cache.RawManual}} raw manual, {{.Cache.Suppressed}} suppressed{{if .Cache.Unchecked}}, {{.Cache.Unchecked}} unchecked{{end}}{{if .Cache.NotTenantData}}, {{.Cache.NotTenantData}} not tenant data{{end}}.{{with .Context}}{{if .Total}}
{{.Total}} sink calls with a tenant context in scope: {{.Kept}} kept it, {{.DroppedFixable}} dropped fixable, {{.DroppedManual}} dropped manual, {{.Suppressed}} suppressed.{{end}}{{end}}{{with .SQL}}{{if .Total}}
{{.Total}} SQL queries: {{.Constrained}} constrained, {{.Unconstrained}} unconstrained, {{.Suppressed}} suppressed, {{.Unchecked}} unchecked.{{end}}{{end}}</p>{{end}}

<h2>By package</h2>
<ul class="legend">{{range .Legend}}
<li><svg width="10" height="10" aria-hidden="true" shape-rendering="crispEdges"><rect width="10" height="10" fill="{{.Colour}}"/></svg> {{.Label}}</li>{{end}}
</ul>
<table class="sortable" id="packages">
<thead><tr><th data-key="package">Package</th><th>Chart</th><th class="num" data-key="types">Types</th><th class="num" data-key="covered">Covered</th><th class="num" data-key="missing">Missing</th><th class="num" data-key="types-suppressed">Suppressed</th><th class="num" data-key="global">Global</th><th class="num" data-key="calls">Cache calls</th><th class="num" data-key="scoped">Scoped</th><th class="num" data-key="raw-fixable">Raw fixable</th><th class="num" data-key="raw-manual">Raw manual</th><th class="num" data-key="calls-suppressed">Suppressed</th>{{if .Totals.Cache.Unchecked}}<th class="num" data-key="unchecked">Unchecked</th>{{end}}{{if .Totals.Cache.NotTenantData}}<th class="num" data-key="not-tenant-data">Not tenant data</th>{{end}}</tr></thead>
<tbody>{{range .Rows}}
<tr><td><code>{{.Package.Package}}</code></td><td><svg class="chart" width="{{.ChartWidth}}" height="32" role="img" aria-label="types and cache calls of {{.Package.Package}}" shape-rendering="crispEdges">
<text x="0" y="11" font-size="11" fill="#444">types</text><text x="0" y="27" font-size="11" fill="#444">cache</text>{{range .Types}}
<rect x="{{.X}}" y="1" width="{{.Width}}" height="12" fill="{{.Colour}}"><title>{{.Title}}</title></rect>{{end}}{{range .Cache}}
<rect x="{{.X}}" y="17" width="{{.Width}}" height="12" fill="{{.Colour}}"><title>{{.Title}}</title></rect>{{end}}
</svg></td>
{{with .Package.Types}}<td class="num" data-v="{{.Total}}">{{.Total}}</td><td class="num" data-v="{{.Covered}}">{{.Covered}}</td><td class="num" data-v="{{.Missing}}">{{.Missing}}</td><td class="num" data-v="{{.Suppressed}}">{{.Suppressed}}</td><td class="num" data-v="{{.Global}}">{{.Global}}</td>{{end}}{{with .Package.Cache}}<td class="num" data-v="{{.Total}}">{{.Total}}</td><td class="num" data-v="{{.Scoped}}">{{.Scoped}}</td><td class="num" data-v="{{.RawFixable}}">{{.RawFixable}}</td><td class="num" data-v="{{.RawManual}}">{{.RawManual}}</td><td class="num" data-v="{{.Suppressed}}">{{.Suppressed}}</td>{{end}}{{if $.Totals.Cache.Unchecked}}<td class="num" data-v="{{.Package.Cache.Unchecked}}">{{.Package.Cache.Unchecked}}</td>{{end}}{{if $.Totals.Cache.NotTenantData}}<td class="num" data-v="{{.Package.Cache.NotTenantData}}">{{.Package.Cache.NotTenantData}}</td>{{end}}</tr>{{end}}
</tbody>
</table>{{with .Totals.Cache.ByReason}}{{if .Unchecked}}

<h2>Unchecked cache calls by reason</h2>
<table class="sortable" id="unchecked">
<thead><tr><th data-key="reason">Reason</th><th class="num" data-key="calls">Calls</th></tr></thead>
<tbody>{{range $r, $n := .Unchecked}}
<tr><td>{{$r}}</td><td class="num" data-v="{{$n}}">{{$n}}</td></tr>{{end}}
</tbody>
</table>{{end}}{{if .NotTenantData}}

<h2>Cache calls not about tenant data</h2>
<table class="sortable" id="not-tenant-data">
<thead><tr><th data-key="reason">What they hold</th><th class="num" data-key="calls">Calls</th></tr></thead>
<tbody>{{range $r, $n := .NotTenantData}}
<tr><td>{{$r}}</td><td class="num" data-v="{{$n}}">{{$n}}</td></tr>{{end}}
</tbody>
</table>{{end}}{{end}}

<h2>Tenant-scoped types</h2>
<table class="sortable" id="types">
<thead><tr><th data-key="package">Package</th><th data-key="type">Type</th><th data-key="position">Position</th><th data-key="why">Why it is scoped</th><th data-key="status">Status</th><th data-key="repository">Repository</th></tr></thead>
<tbody>{{range .Types}}
<tr><td><code>{{.Package}}</code></td><td><code>{{.Name}}</code></td><td><code>{{.Position}}</code></td><td>{{.Reason}}</td><td class="status-{{.Status}}">{{.Status}}</td><td>{{coverage .}}</td></tr>{{end}}
</tbody>
</table>{{if .Totals.Context.Total}}

<h2>Tenant contexts at sink calls</h2>
<table class="sortable" id="contexts">
<thead><tr><th data-key="package">Package</th><th class="num" data-key="calls">Sink calls</th><th class="num" data-key="kept">Kept</th><th class="num" data-key="dropped-fixable">Dropped fixable</th><th class="num" data-key="dropped-manual">Dropped manual</th><th class="num" data-key="suppressed">Suppressed</th></tr></thead>
<tbody>{{range .Packages}}{{if .Context.Total}}
<tr><td><code>{{.Package}}</code></td>{{with .Context}}<td class="num" data-v="{{.Total}}">{{.Total}}</td><td class="num" data-v="{{.Kept}}">{{.Kept}}</td><td class="num" data-v="{{.DroppedFixable}}">{{.DroppedFixable}}</td><td class="num" data-v="{{.DroppedManual}}">{{.DroppedManual}}</td><td class="num" data-v="{{.Suppressed}}">{{.Suppressed}}</td>{{end}}</tr>{{end}}{{end}}
</tbody>
</table>{{end}}{{if .Totals.SQL.Total}}

<h2>SQL queries</h2>
<table class="sortable" id="sql">
<thead><tr><th data-key="package">Package</th><th class="num" data-key="queries">Queries</th><th class="num" data-key="constrained">Constrained</th><th class="num" data-key="unconstrained">Unconstrained</th><th class="num" data-key="suppressed">Suppressed</th><th class="num" data-key="unchecked">Unchecked</th></tr></thead>
<tbody>{{range .Packages}}{{if .SQL.Total}}
<tr><td><code>{{.Package}}</code></td>{{with .SQL}}<td class="num" data-v="{{.Total}}">{{.Total}}</td><td class="num" data-v="{{.Constrained}}">{{.Constrained}}</td><td class="num" data-v="{{.Unconstrained}}">{{.Unconstrained}}</td><td class="num" data-v="{{.Suppressed}}">{{.Suppressed}}</td><td class="num" data-v="{{.Unchecked}}">{{.Unchecked}}</td>{{end}}</tr>{{end}}{{end}}
</tbody>
</table>{{with .Totals.SQL.ByReason}}{{if .Unchecked}}

<h2>Unchecked SQL queries by reason</h2>
<table class="sortable" id="sql-unchecked">
<thead><tr><th data-key="reason">Reason</th><th class="num" data-key="queries">Queries</th></tr></thead>
<tbody>{{range $r, $n := .Unchecked}}
<tr><td>{{$r}}</td><td class="num" data-v="{{$n}}">{{$n}}</td></tr>{{end}}
</tbody>
</table>{{end}}{{end}}{{if .Tables}}

<h2>Tenant tables</h2>
<p>Each tenant table with the queries of a package that name it: raw texts, sqlc constants and builder chains, by what they do to the table. A query that names two tables counts under each.</p>
<table class="sortable" id="tables">
<thead><tr><th data-key="package">Package</th><th data-key="table">Table</th><th data-key="column">Tenant column</th><th class="num" data-key="queries">Queries</th><th class="num" data-key="raw">Raw</th><th class="num" data-key="sqlc">sqlc</th><th class="num" data-key="chains">Builder chains</th><th class="num" data-key="constrained">Constrained</th><th class="num" data-key="unconstrained">Unconstrained</th><th class="num" data-key="suppressed">Suppressed</th><th class="num" data-key="unchecked">Unchecked</th></tr></thead>
<tbody>{{range .Tables}}
<tr><td><code>{{.Package}}</code></td><td><code>{{.Table}}</code></td><td><code>{{.Column}}</code></td><td class="num" data-v="{{.Total}}">{{.Total}}</td><td class="num" data-v="{{.Raw}}">{{.Raw}}</td><td class="num" data-v="{{.SQLC}}">{{.SQLC}}</td><td class="num" data-v="{{.Chains}}">{{.Chains}}</td><td class="num" data-v="{{.Constrained}}">{{.Constrained}}</td><td class="num" data-v="{{.Unconstrained}}">{{.Unconstrained}}</td><td class="num" data-v="{{.Suppressed}}">{{.Suppressed}}</td><td class="num" data-v="{{.Unchecked}}">{{.Unchecked}}</td></tr>{{end}}
</tbody>
</table>{{end}}{{end}}
<script>SCRIPT</script>
</body>
</html>
`

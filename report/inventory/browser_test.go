package inventory

// The HTML page in a real browser: Debian's chromium, headless. .ci/run
// installs it and exports TENANTLINT_REQUIRE_CHROMIUM=1, so that CI fails
// rather than skips when it is missing.

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// chromium returns the browser's path. Without one the test fails under
// CI (CI set, or TENANTLINT_REQUIRE_CHROMIUM=1) and is skipped elsewhere,
// saying how to install it.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	const how = "chromium is not installed (Debian: apt-get install -y chromium)"
	if os.Getenv("CI") != "" || os.Getenv("TENANTLINT_REQUIRE_CHROMIUM") == "1" {
		t.Fatal(how + "; CI requires it")
	}
	t.Skip(how)
	return ""
}

// runChromium runs headless chromium with its own profile and returns
// its standard output.
func runChromium(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
		"--disable-background-networking", "--hide-scrollbars", "--force-device-scale-factor=1",
		"--user-data-dir=" + t.TempDir()}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.Bytes()
}

// browserFixture is fixture() and a package whose two-digit count tells
// a numeric sort from a textual one.
func browserFixture() *Inventory {
	pkgs := append(fixture(), Input{Path: "example.com/shop/jobs", Cache: CacheCounts{Total: 12, Scoped: 3, RawFixable: 9}})
	return Build(pkgs, root)
}

// writePage writes the inventory's page, with extra markup right after
// <head> (for a test's own policy), and returns its file URL.
func writePage(t *testing.T, inv *Inventory, headExtra string) string {
	t.Helper()
	var b bytes.Buffer
	if err := HTML(&b, inv); err != nil {
		t.Fatal(err)
	}
	page := strings.Replace(b.String(), "<head>", "<head>"+headExtra, 1)
	path := filepath.Join(t.TempDir(), "inventory.html")
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	return "file://" + filepath.ToSlash(path)
}

// TestChartRendersInChromium takes a screenshot and counts the pixels of
// each chart colour: exactly the area of that colour's bars (drawn with
// crisp edges at device scale 1) plus its 10×10 legend swatch, so the
// chart was drawn at the computed sizes and nothing else has the colour.
func TestChartRendersInChromium(t *testing.T) {
	t.Parallel()
	bin := chromium(t)
	inv := browserFixture()
	url := writePage(t, inv, "")
	shot := filepath.Join(t.TempDir(), "shot.png")
	runChromium(t, bin, "--screenshot="+shot, "--window-size=1600,1400", url)

	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("decoding the screenshot: %v", err)
	}
	got := countColours(img)

	want := map[string]int{}
	for _, row := range newPage(inv).Rows {
		for _, s := range append(slices.Clone(row.Types), row.Cache...) {
			want[s.Colour] += s.Width * chartBarH
		}
	}
	const swatch = 10 * 10
	for _, c := range []string{ColourGood, ColourFixable, ColourBad, ColourSuppressed, ColourGlobal} {
		if want[c] == 0 {
			t.Fatalf("the fixture draws nothing in %s", c)
		}
		if got[c] != want[c]+swatch {
			t.Errorf("%s: %d pixels, want the bars' %d and the legend's %d", c, got[c], want[c], swatch)
		}
	}
}

// countColours counts the pixels of each colour, as "#rrggbb".
func countColours(img image.Image) map[string]int {
	const hex = "0123456789abcdef"
	out := map[string]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			c := []byte{'#', 0, 0, 0, 0, 0, 0}
			for i, v := range []uint32{r >> 8, g >> 8, bl >> 8} {
				c[1+2*i], c[2+2*i] = hex[v>>4], hex[v&15]
			}
			out[string(c)]++
		}
	}
	return out
}

var (
	rowName  = regexp.MustCompile(`<tr><td><code>([^<]*)</code></td>`)
	typeName = regexp.MustCompile(`<tr><td><code>[^<]*</code></td><td><code>([^<]*)</code></td>`)
)

// tables splits a DOM dump into the packages table and the types table.
func tables(t *testing.T, dom string) (packages, types string) {
	t.Helper()
	p := strings.Index(dom, `id="packages"`)
	ty := strings.Index(dom, `id="types"`)
	if p < 0 || ty < p {
		t.Fatalf("no packages and types tables in\n%s", dom)
	}
	return dom[p:ty], dom[ty:]
}

func column(re *regexp.Regexp, s string) []string {
	var out []string
	for _, m := range re.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestTablesWithoutJavaScript loads the page with scripts forbidden (a
// second policy, script-src 'none', which the browser enforces on top of
// the page's own) and reads the DOM: every row is there, in the server's
// order, and the script did not run.
func TestTablesWithoutJavaScript(t *testing.T) {
	t.Parallel()
	bin := chromium(t)
	inv := browserFixture()
	url := writePage(t, inv, `<meta http-equiv="Content-Security-Policy" content="script-src 'none'">`)
	dom := string(runChromium(t, bin, "--dump-dom", url))
	if strings.Contains(dom, `data-sortable="on"`) {
		t.Fatal("the script ran although scripts were forbidden")
	}
	pkgs, types := tables(t, dom)
	wantPkgs := []string{"example.com/shop/billing", "example.com/shop/catalog", "example.com/shop/handlers", "example.com/shop/jobs"}
	if got := column(rowName, pkgs); !slices.Equal(got, wantPkgs) {
		t.Errorf("package rows %q, want %q", got, wantPkgs)
	}
	wantTypes := []string{"Audit&lt;T&gt;", "Draft", "Invoice", "Country", "Product"}
	if got := column(typeName, types); !slices.Equal(got, wantTypes) {
		t.Errorf("type rows %q, want %q", got, wantTypes)
	}
	for _, want := range []string{"MISSING, suppressed: legacy &lt;table&gt; &amp; \"drafts\"", "tenant.Repository at store/repos.go:10:5",
		"embeds tenant.Model (through embedded Base)"} {
		if !strings.Contains(types, want) {
			t.Errorf("the types table lacks %q", want)
		}
	}
	if n := strings.Count(pkgs, `<svg class="chart"`); n != 4 {
		t.Errorf("%d charts without JavaScript, want 4", n)
	}
}

// TestSortInChromium runs the page's script: #sort=<table>.<column>[.desc]
// sorts on load as a click on the header would, numerically for counts.
func TestSortInChromium(t *testing.T) {
	t.Parallel()
	bin := chromium(t)
	url := writePage(t, browserFixture(), "")

	dom := string(runChromium(t, bin, "--dump-dom", url+"#sort=packages.calls.desc"))
	if !strings.Contains(dom, `data-sortable="on"`) {
		t.Fatal("the script did not run: is its hash in the page's policy?")
	}
	pkgs, types := tables(t, dom)
	want := []string{"example.com/shop/jobs", "example.com/shop/handlers", "example.com/shop/catalog", "example.com/shop/billing"}
	if got := column(rowName, pkgs); !slices.Equal(got, want) {
		t.Errorf("by cache calls, descending: %q, want %q", got, want)
	}
	if !strings.Contains(pkgs, `data-key="calls" tabindex="0" aria-sort="descending"`) {
		t.Errorf("the calls header is not marked as sorted:\n%s", pkgs[:min(len(pkgs), 2000)])
	}
	if got := column(typeName, types); !slices.Equal(got, []string{"Audit&lt;T&gt;", "Draft", "Invoice", "Country", "Product"}) {
		t.Errorf("sorting one table reordered the other: %q", got)
	}

	dom = string(runChromium(t, bin, "--dump-dom", url+"#sort=types.type"))
	_, types = tables(t, dom)
	if got, want := column(typeName, types), []string{"Audit&lt;T&gt;", "Country", "Draft", "Invoice", "Product"}; !slices.Equal(got, want) {
		t.Errorf("types by name: %q, want %q", got, want)
	}
}

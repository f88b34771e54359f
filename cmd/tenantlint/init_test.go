package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/benchgen"
	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/testfs"
)

// initModule copies the module of internal/initcfg's tests, with the
// go-redis stub as the module its go.mod replaces go-redis by.
func initModule(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := testfs.Copy("../../internal/initcfg/testdata/shapes", dir, nil); err != nil {
		t.Fatal(err)
	}
	stub := filepath.Join(dir, "stubs", "redis")
	if err := testfs.Copy("../../analyzers/tenantcache/testdata/src/github.com/redis/go-redis/v9", stub, nil); err != nil {
		t.Fatal(err)
	}
	testfs.WriteFile(t, filepath.Join(stub, "go.mod"), "module github.com/redis/go-redis/v9\n\ngo 1.26\n")
	return dir
}

// TestInit runs `tenantlint init` through the binary: it writes the golden
// proposal, tenantlint and go vet -vettool accept it and report what it
// makes tenant-scoped, a second init refuses to replace the file, and
// --force from a subdirectory replaces it at the module root.
func TestInit(t *testing.T) {
	dir := initModule(t)
	golden, err := os.ReadFile("../../internal/initcfg/testdata/shapes.golden")
	if err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, config.FileName)

	r := lint(t, dir, "init")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("tenantlint init: exit %d\n%s", r.code, r.stderr)
	}
	for _, want := range []string{
		"  tenant field: TenantID on 5 structs (proposed); also OrgID on 2 (commented out)\n",
		"  presets:      go-redis (github.com/redis/go-redis/v9 in go.mod)\n",
		"wrote .tenantlint.yaml: review it, then run tenantlint ./...\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("init's summary lacks %q:\n%s", want, r.stdout)
		}
	}
	if got, _ := os.ReadFile(target); string(got) != string(golden) {
		t.Fatalf("init wrote something else than shapes.golden:\n%s", got)
	}

	// Project embeds the proposed marker and has no Repo, which the
	// proposed fix would declare with NewRepo; the raw redis key is
	// checked through the proposed preset. Nothing else: Order, Invoice
	// and User are covered by Repo, OrgID is commented out.
	want := []string{
		`internal/models/models.go:23:6: Project is tenant-scoped (embeds tenant.Model) but has no tenant-aware repository; declare one at package level, e.g. var ProjectRepo = store.NewRepo[Project]("projects")`,
		"internal/service/service.go:19:9: redis.Client.Get key is not tenant-scoped; wrap it as tenant.Key(ctx, key)",
	}
	diffLines(t, "tenantlint with the proposal", standalone(t, dir), want)
	diffLines(t, "go vet -vettool with the proposal", vet(t, dir), want)

	const edited = "version: 1\n"
	testfs.WriteFile(t, target, edited)
	r = lint(t, dir, "init")
	if r.code != 2 || r.stdout != "" || strings.Count(r.stderr, "\n") != 1 ||
		!strings.HasPrefix(r.stderr, "tenantlint init: .tenantlint.yaml already exists;") {
		t.Errorf("init over an existing file: exit %d, stdout %q, stderr %q; want 2 and one line", r.code, r.stdout, r.stderr)
	}
	if got, _ := os.ReadFile(target); string(got) != edited {
		t.Errorf("the refused init changed the file: %q", got)
	}

	r = lint(t, filepath.Join(dir, "internal"), "init", "--force")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("tenantlint init --force: exit %d\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "wrote "+target+":") {
		t.Errorf("init --force from a subdirectory does not name the module root's file:\n%s", r.stdout)
	}
	if got, _ := os.ReadFile(target); string(got) != string(golden) {
		t.Errorf("init --force did not replace the file:\n%s", got)
	}
}

// TestInitShop: on the example shop (its own file removed), the proposal
// that init writes, unedited, gives the 7 findings of
// examples/shop/EXPECTED.md: the platform package is ignored and the
// tenant.Cache wrapper is a safe type.
func TestInitShop(t *testing.T) {
	dir := testfs.ShopModule(t, "../..")
	if r := lint(t, dir, "init"); r.code != 0 || r.stderr != "" {
		t.Fatalf("tenantlint init: exit %d\n%s", r.code, r.stderr)
	}
	var got []string
	for _, l := range standalone(t, dir) {
		pos, _, _ := strings.Cut(l, ": ")
		got = append(got, pos)
	}
	want := []string{
		"internal/billing/billing.go:5:6",
		"internal/catalog/models.go:19:6",
		"internal/handlers/handlers.go:107:9",
		"internal/handlers/handlers.go:112:9",
		"internal/handlers/handlers.go:119:13",
		"internal/handlers/handlers.go:63:15",
		"internal/handlers/handlers.go:75:12",
	}
	diffLines(t, "tenantlint with init's proposal on examples/shop", got, want)
}

// TestInitBench: on a small benchmark module, the proposal gives the
// findings of the generator's hand-written configuration, in both modes.
// The core module: the full one also needs keys that init does not
// propose for it (TestBenchModule runs that one).
func TestInitBench(t *testing.T) {
	dir := t.TempDir()
	exp, err := benchgen.Generate(dir, benchgen.Options{Packages: 3, Files: 2, Core: true})
	if err != nil {
		t.Fatal(err)
	}
	want := standalone(t, dir)
	if len(want) != exp.Total {
		t.Fatalf("the hand-written configuration gives %d findings, EXPECTED.json says %d", len(want), exp.Total)
	}
	if err := os.Remove(filepath.Join(dir, config.FileName)); err != nil {
		t.Fatal(err)
	}
	if r := lint(t, dir, "init"); r.code != 0 || r.stderr != "" {
		t.Fatalf("tenantlint init: exit %d\n%s", r.code, r.stderr)
	}
	diffLines(t, "tenantlint with init's proposal", standalone(t, dir), want)
	diffLines(t, "go vet -vettool with init's proposal", vet(t, dir), want)
}

// TestInitSQL: on a module with raw SQL over database/sql and lib/pq,
// init writes the sql section of internal/initcfg's sql.golden, and
// tenantlint and go vet -vettool run tenantsql with it, unedited: the
// tables it lists are known in the report package too, which imports no
// model (without sql.tables, its query would not be checked).
func TestInitSQL(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteTxtar(t, dir, "../../internal/initcfg/testdata/sql.txtar")
	golden, err := os.ReadFile("../../internal/initcfg/testdata/sql.golden")
	if err != nil {
		t.Fatal(err)
	}
	r := lint(t, dir, "init")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("tenantlint init: exit %d\n%s", r.code, r.stderr)
	}
	if want := "  sql:          postgres (github.com/lib/pq v1.10.9 in go.mod), 3 tenant tables (1 more that no model names, commented out), presets database/sql (proposed)\n"; !strings.Contains(r.stdout, want) {
		t.Errorf("init's summary lacks %q:\n%s", want, r.stdout)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, config.FileName)); string(got) != string(golden) {
		t.Fatalf("init wrote something else than sql.golden:\n%s", got)
	}
	// Member and InvoiceView have no repository (tenantrepo); the
	// report's count reaches members through sql.tables.
	want := []string{
		"model/model.go:21:6: Member is tenant-scoped (has field TenantID) but has no tenant-aware repository; declare a package-level repository for it, or take or return it in the methods of a type with a method that has a parameter tenantID",
		"model/model.go:29:6: InvoiceView is tenant-scoped (has field TenantID) but has no tenant-aware repository; declare a package-level repository for it, or take or return it in the methods of a type with a method that has a parameter tenantID",
		"report/report.go:12:9: SELECT from members has no predicate on members.org (manual fix: add members.org = $1 to its WHERE)",
		"store/store.go:23:15: tenantID is in scope but SELECT from invoice_lines does not filter by it (manual fix: add invoice_lines.tenant_id = $2 to its WHERE, bound to tenantID)",
	}
	diffLines(t, "tenantlint with init's proposal", standalone(t, dir), want)
	diffLines(t, "go vet -vettool with init's proposal", vet(t, dir), want)
}

// TestInitNewKeys: on internal/initcfg's newkeys.txtar, init proposes
// models.unreferenced: skip and cache.report: tenant-data, and the
// proposal, unedited, runs with both in effect in both modes: the two
// models nothing refers to are no findings, nor is the route cache
// (int64 keys, values no tenant owns); the referenced model without a
// repository and the invoice cache's unscoped string key are.
func TestInitNewKeys(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteTxtar(t, dir, "../../internal/initcfg/testdata/newkeys.txtar")
	if r := lint(t, dir, "init"); r.code != 0 || r.stderr != "" {
		t.Fatalf("tenantlint init: exit %d\n%s", r.code, r.stderr)
	}
	want := []string{
		"models/models.go:3:6: Invoice is tenant-scoped (has field OrgID) but has no tenant-aware repository; declare a package-level repository for it",
		"service/service.go:22:12: lru.Cache.Get key is not tenant-scoped; it caches *models.Invoice, the values of this lru.Cache; configure cache.key_func and wrap it (manual fix: no cache.key_func is configured)",
	}
	diffLines(t, "tenantlint with init's proposal", standalone(t, dir), want)
	diffLines(t, "go vet -vettool with init's proposal", vet(t, dir), want)
}

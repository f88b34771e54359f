// Package benchgen writes a synthetic multi-tenant Go module for
// benchmarking tenantlint against go vet, and computes the exact findings
// the tools must report on it.
//
// The module (module example.com/bench; its one dependency,
// github.com/Masterminds/squirrel, is a stub in third_party/squirrel
// named by a replace directive, so it builds offline) has its own tenant package (a marker Model, a generic
// Repository[M] with NewRepository, a key function Key(ctx, key) and a
// safe Cache), its own cache API (kv.Store with Get, Set and a variadic
// Del, declared in .tenantlint.yaml's cache.apis) and N service packages
// of F files laid out as a DAG of a few layers, each importing two or
// three packages of earlier layers. Every service package has:
//
//   - models: covered by a repository in the same package (a var, a
//     declared var type, a type or alias declaration, a struct field),
//     covered from an importing package, uncovered (findings), marked
//     //tenantlint:global, suppressed by //tenantlint:ignore, and structs
//     that look like models but are not;
//   - cache calls: scoped with tenant.Key (directly, through locals,
//     concatenation and fmt.Sprintf), on the safe tenant.Cache, raw with a
//     context in scope (fixable findings), raw with no usable context
//     (manual findings) and suppressed;
//   - unless Options.Core, the shapes of shapes.go: keys through hashes
//     and request objects, sync.Map and map-field caches, caches of
//     tenant data and not (a second configuration, TenantDataConfig,
//     with cache.report: tenant-data), and SQL in one package of ten
//     and in a sqlc-style internal/db;
//   - filler: structs, methods, interfaces, generics, loops, sort,
//     strings, strconv, encoding/json, time, sync, net/http, so that
//     type-checking costs what it does in a real service.
//
// Everything is derived from a fixed seed and the options: the same
// options always give byte-identical output. The counts in Expected are
// tallied while generating, from what was written, not from a formula.
package benchgen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ModulePath is the module path of the generated module.
const ModulePath = "example.com/bench"

// Options say what to generate.
type Options struct {
	Packages int // service packages (N); at least 1
	Files    int // files per service package (F); at least 1
	// Core leaves out the shapes of issues 12, 13 and 16 (SQL, hashes,
	// request objects, sync.Map, map fields, tenant data): the module
	// of version 1's configuration, which tenantlint init proposes in
	// whole (it proposes no tenant_values, sync-map preset or map field
	// for this module).
	Core bool
}

// DefaultOptions are the defaults of internal/cmd/benchgen and make bench.
var DefaultOptions = Options{Packages: 200, Files: 5}

// Expected is what the tools must report on the generated module, with
// an inventory of what was generated.
type Expected struct {
	Packages        int `json:"packages"`
	FilesPerPackage int `json:"files_per_package"`
	GoFiles         int `json:"go_files"`
	Lines           int `json:"lines"`

	// Findings, by check and kind. Every tenantrepo finding is fixable
	// (repository.fix is configured and the fix imports nothing that
	// could make a cycle).
	TenantRepo         int `json:"tenantrepo"`
	TenantCacheFixable int `json:"tenantcache_fixable"`
	TenantCacheManual  int `json:"tenantcache_manual"`
	TenantSQL          int `json:"tenantsql"`
	TenantSQLInScope   int `json:"tenantsql_in_scope"` // of TenantSQL: "... is in scope but ..."
	Total              int `json:"total"`

	// Inventory (not findings).
	Models           int `json:"models"`                   // tenant-scoped structs
	ModelsCovered    int `json:"models_covered"`           // by a repository in their own package
	ModelsCoveredOut int `json:"models_covered_elsewhere"` // by a repository in another package
	ModelsGlobal     int `json:"models_global"`            // //tenantlint:global
	ModelsSuppressed int `json:"models_suppressed"`        // //tenantlint:ignore tenantrepo
	ModelsLeftToSQL  int `json:"models_left_to_sql"`       // sqlc's tables, judged by tenantsql's queries
	CacheCalls       int `json:"cache_calls"`              // calls to kv.Store methods, on any receiver
	CacheScoped      int `json:"cache_scoped"`
	CacheSafe        int `json:"cache_safe"` // calls on tenant.Cache (a safe type)
	CacheSuppressed  int `json:"cache_suppressed"`
	CacheUnchecked   int `json:"cache_unchecked"` // non-string keys under cache.report: all
	SQLQueries       int `json:"sql_queries"`     // query calls and builder chains, sqlc constants included
	SQLConstrained   int `json:"sql_constrained"`
	SQLUnconstrained int `json:"sql_unconstrained"`
	SQLSuppressed    int `json:"sql_suppressed"`
	SQLUnchecked     int `json:"sql_unchecked"`

	// TenantData is what the tools must report with TenantDataConfig
	// (cache.report: tenant-data): tenantrepo and tenantsql as above.
	TenantData TenantDataExpected `json:"tenant_data"`
}

// TenantDataExpected are the findings under TenantDataConfig.
type TenantDataExpected struct {
	Config             string `json:"config,omitempty"` // "" with Options.Core
	TenantCacheFixable int    `json:"tenantcache_fixable"`
	TenantCacheManual  int    `json:"tenantcache_manual"`
	Total              int    `json:"total"`
	CacheNotTenantData int    `json:"cache_not_tenant_data"`
}

// Generate writes the module into dir (created if needed; existing files
// of the same names are overwritten) and returns what the tools must
// find. It also writes dir/EXPECTED.json.
func Generate(dir string, opts Options) (*Expected, error) {
	files, exp, err := Files(opts)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return nil, err
		}
	}
	data, err := exp.JSON()
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "EXPECTED.json"), data, 0o644); err != nil {
		return nil, err
	}
	return exp, nil
}

// JSON is the content of EXPECTED.json.
func (e *Expected) JSON() ([]byte, error) {
	data, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

// ReadExpected reads an EXPECTED.json.
func ReadExpected(file string) (*Expected, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	e := new(Expected)
	if err := json.Unmarshal(data, e); err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	return e, nil
}

// Files returns the module's files by slash-separated path (EXPECTED.json
// excluded) and what the tools must find.
func Files(opts Options) (map[string][]byte, *Expected, error) {
	if opts.Packages < 1 || opts.Files < 1 {
		return nil, nil, fmt.Errorf("benchgen: need at least 1 package and 1 file per package (got %d×%d)", opts.Packages, opts.Files)
	}
	g := &gen{opts: opts, out: map[string][]byte{}, exp: &Expected{Packages: opts.Packages, FilesPerPackage: opts.Files}}
	g.plan()
	shared := []struct{ name, src string }{
		{"internal/tenant/tenant.go", tenantSrc},
		{"internal/tenant/cache.go", tenantCacheSrc},
		{"internal/kv/kv.go", kvSrc},
	}
	if opts.Core {
		g.put("go.mod", []byte("module "+ModulePath+"\n\ngo 1.26\n"))
		g.put(".tenantlint.yaml", []byte(configYAML))
	} else {
		g.put("go.mod", []byte(goModFull))
		g.put(".tenantlint.yaml", []byte(strings.Replace(configFullYAML, "#REPORT#\n", "", 1)))
		g.put(TenantDataConfig, []byte(strings.Replace(configFullYAML, "#REPORT#\n", "  report: tenant-data\n", 1)))
		g.put("third_party/squirrel/go.mod", []byte("module "+squirrelPath+"\n\ngo 1.21\n"))
		shared = append(shared, struct{ name, src string }{"third_party/squirrel/squirrel.go", squirrelStub},
			struct{ name, src string }{"internal/keys/keys.go", keysSrc})
		for _, f := range dbFiles {
			shared = append(shared, struct{ name, src string }{f.name, strings.ReplaceAll(f.src, "@@", "`")})
		}
		g.exp.TenantData.Config = TenantDataConfig
		g.exp.TenantSQL += dbFindings
		g.exp.SQLQueries += dbQueries
		g.exp.SQLUnconstrained += dbFindings
		g.exp.SQLSuppressed += dbSuppressed
		g.exp.SQLConstrained += dbQueries - dbFindings - dbSuppressed
		g.exp.Models += dbModels
		g.exp.ModelsSuppressed += dbModels - dbTableModels
		g.exp.ModelsLeftToSQL += dbTableModels
		// tenant.Cache's calls store strings.
		g.exp.TenantData.CacheNotTenantData += tenantCacheCalls
	}
	for _, f := range shared {
		if err := g.putGo(f.name, []byte(f.src)); err != nil {
			return nil, nil, err
		}
	}
	g.exp.CacheCalls += tenantCacheCalls
	g.exp.CacheScoped += tenantCacheCalls
	for _, p := range g.pkgs {
		if err := g.emitPackage(p); err != nil {
			return nil, nil, err
		}
	}
	e := g.exp
	e.Total = e.TenantRepo + e.TenantCacheFixable + e.TenantCacheManual + e.TenantSQL
	if !opts.Core {
		e.TenantData.Total = e.TenantRepo + e.TenantSQL + e.TenantData.TenantCacheFixable + e.TenantData.TenantCacheManual
	}
	return g.out, e, nil
}

// configYAML is the generated module's .tenantlint.yaml.
const configYAML = `# tenantlint configuration of the generated benchmark module.
version: 1
models:
  markers: [example.com/bench/internal/tenant.Model]
  fields: [TenantID]
repository:
  types: [example.com/bench/internal/tenant.Repository]
  scope: module
  fix:
    import: example.com/bench/internal/tenant
    template: 'var {{.Model}}Repo = tenant.NewRepository[{{.Model}}]({{printf "%q" .Table}})'
cache:
  key_func: example.com/bench/internal/tenant.Key
  safe_types: [example.com/bench/internal/tenant.Cache]
  apis:
    - type: example.com/bench/internal/kv.Store
      methods:
        Get: {key: 1}
        Set: {key: 1}
        Del: {key: 1, variadic: true}
ignore:
  tests: true
`

type gen struct {
	opts Options
	pkgs []*pkgPlan
	out  map[string][]byte
	exp  *Expected
}

// pkgPlan is one service package, decided before any code is written
// because coverage crosses packages.
type pkgPlan struct {
	idx   int
	name  string // s000, s001, ...
	path  string
	layer int
	deps  []*pkgPlan // imported packages, in index order
	rng   *rng

	nouns []string // model names, distinct within the package

	// The cross model (nouns[3]) is covered by the first importer, if
	// any; covers lists the deps whose cross model this package covers.
	coveredBy *pkgPlan
	covers    []*pkgPlan
}

// Model roles, by position in nouns.
const (
	nounLocalVar  = iota // embeds tenant.Model; var XRepo = tenant.NewRepository[X](...)
	nounField            // TenantID field; a field of the package's Repos struct
	nounNested           // embeds xBase, which embeds *tenant.Model; alias and named type
	nounCross            // embeds tenant.Model; covered by an importer
	nounUncovered        // embeds tenant.Model; only instantiated in a function: a finding
	nounFieldOnly        // TenantID field, TableName method; a finding (optional)
	nounIgnored          // uncovered but //tenantlint:ignore tenantrepo (optional)
	nounGlobal           // TenantID field, //tenantlint:global (optional)
	nounDeclared         // embeds tenant.Model; var xs *tenant.Repository[X] (optional)
	nounCount
)

var vocabulary = []string{
	"Account", "Invoice", "Order", "Shipment", "Customer", "Payment", "Refund",
	"Subscription", "Ticket", "Comment", "Project", "Task", "Document", "Folder",
	"Webhook", "Session", "Device", "Report", "Budget", "Contract", "Vendor",
	"Product", "Coupon", "Cart", "Wallet", "Transfer", "Ledger", "Message",
	"Channel", "Team", "Member", "Role", "Policy", "Asset", "License", "Quote",
	"Warehouse", "Delivery", "Review", "Survey", "Campaign", "Lead",
}

// plan lays the packages out in layers (a DAG of bounded depth, as in a
// real service: handlers over domain packages over a few core ones) and
// assigns cross-package coverage.
func (g *gen) plan() {
	n := g.opts.Packages
	layers := 8
	if n < layers {
		layers = n
	}
	byLayer := make([][]*pkgPlan, layers)
	for i := 0; i < n; i++ {
		p := &pkgPlan{idx: i, name: fmt.Sprintf("s%03d", i), layer: i * layers / n, rng: newRNG(uint64(i)*0x9e3779b97f4a7c15 + 1)}
		p.path = ModulePath + "/internal/svc/" + p.name
		perm := p.rng.perm(len(vocabulary))
		for _, k := range perm[:nounCount] {
			p.nouns = append(p.nouns, vocabulary[k])
		}
		g.pkgs = append(g.pkgs, p)
		byLayer[p.layer] = append(byLayer[p.layer], p)
	}
	for _, p := range g.pkgs {
		if p.layer == 0 {
			continue
		}
		set := map[int]bool{}
		prev := byLayer[p.layer-1]
		set[prev[p.rng.intn(len(prev))].idx] = true // depth: one from the layer just below
		extra := 1 + p.rng.intn(2)
		for k := 0; k < extra; k++ {
			l := p.rng.intn(p.layer)
			cands := byLayer[l]
			set[cands[p.rng.intn(len(cands))].idx] = true
		}
		idxs := make([]int, 0, len(set))
		for i := range set {
			idxs = append(idxs, i)
		}
		sort.Ints(idxs)
		for _, i := range idxs {
			p.deps = append(p.deps, g.pkgs[i])
		}
	}
	for _, p := range g.pkgs { // importers in index order: the first one covers
		for _, d := range p.deps {
			if d.coveredBy == nil {
				d.coveredBy = p
				p.covers = append(p.covers, d)
			}
		}
	}
}

func (g *gen) put(name string, data []byte) {
	g.out[name] = data
	g.exp.Lines += bytes.Count(data, []byte("\n"))
}

func (g *gen) putGo(name string, src []byte) error {
	out, err := format.Source(src)
	if err != nil {
		return fmt.Errorf("benchgen: generated %s does not parse: %v\n%s", name, err, numbered(src))
	}
	g.put(name, out)
	g.exp.GoFiles++
	return nil
}

func numbered(src []byte) string {
	var b strings.Builder
	for i, l := range strings.Split(string(src), "\n") {
		fmt.Fprintf(&b, "%4d  %s\n", i+1, l)
	}
	return b.String()
}

// file is one Go file being written: its body, and the imports that the
// body's snippets asked for.
type file struct {
	name    string
	pkg     string
	imports map[string]bool
	body    strings.Builder
	lines   int
}

func newFile(name, pkg string) *file {
	return &file{name: name, pkg: pkg, imports: map[string]bool{}}
}

func (f *file) use(paths ...string) {
	for _, p := range paths {
		f.imports[p] = true
	}
}

// add appends a snippet: "@@" stands for a backquote, and each
// replacement pair is applied.
func (f *file) add(snippet string, repl ...string) {
	if len(repl) > 0 {
		snippet = strings.NewReplacer(repl...).Replace(snippet)
	}
	snippet = strings.ReplaceAll(snippet, "@@", "`")
	snippet = strings.TrimLeft(snippet, "\n")
	if !strings.HasSuffix(snippet, "\n") {
		snippet += "\n"
	}
	f.body.WriteString(snippet)
	f.body.WriteString("\n")
	f.lines += strings.Count(snippet, "\n") + 1
}

func (f *file) printf(format string, args ...any) {
	f.add(fmt.Sprintf(format, args...))
}

func (f *file) source(doc string) []byte {
	var b strings.Builder
	if doc != "" {
		b.WriteString(doc)
	}
	fmt.Fprintf(&b, "package %s\n\n", f.pkg)
	var std, local []string
	for p := range f.imports {
		if strings.HasPrefix(p, ModulePath+"/") {
			local = append(local, p)
		} else {
			std = append(std, p)
		}
	}
	sort.Strings(std)
	sort.Strings(local)
	if len(std)+len(local) > 0 {
		b.WriteString("import (\n")
		for _, p := range std {
			fmt.Fprintf(&b, "\t%q\n", p)
		}
		if len(std) > 0 && len(local) > 0 {
			b.WriteString("\n")
		}
		for _, p := range local {
			fmt.Fprintf(&b, "\t%q\n", p)
		}
		b.WriteString(")\n\n")
	}
	b.WriteString(f.body.String())
	return []byte(b.String())
}

const (
	tenantPath = ModulePath + "/internal/tenant"
	kvPath     = ModulePath + "/internal/kv"
)

// emitPackage writes one service package: models.go, cache.go and
// filler files, with the models and cache calls tallied into g.exp.
func (g *gen) emitPackage(p *pkgPlan) error {
	nf := g.opts.Files
	files := make([]*file, nf)
	for k := range files {
		name := fmt.Sprintf("part%d.go", k)
		switch k {
		case 0:
			name = "models.go"
		case 1:
			name = "cache.go"
		}
		files[k] = newFile(name, p.name)
	}
	models := files[0]
	cache := files[min(1, nf-1)]
	last := files[nf-1]

	g.emitModels(p, models)
	g.emitCrossRepos(p, models)
	g.emitCache(p, cache)
	g.emitDeps(p, last)
	if !g.opts.Core {
		// A generator of its own: the filler below draws the same
		// blocks with and without these shapes.
		r := newRNG(uint64(p.idx)*0xbf58476d1ce4e5b9 + 7)
		g.emitKeys(p, cache, r)
		if p.idx%sqlEvery == 0 {
			g.emitSQL(p, last, r)
		}
	}

	// Filler: every file gets blocks until it is about targetLines long;
	// a block appears at most once per file (names carry the file index).
	for k, f := range files {
		target := 150 + p.rng.intn(120)
		order := p.rng.perm(len(fillerBlocks))
		for _, b := range order {
			if f.lines >= target {
				break
			}
			blk := fillerBlocks[b]
			f.use(blk.imports...)
			f.add(blk.text, "$S", fmt.Sprint(k), "$PKG", p.name)
		}
	}

	dir := "internal/svc/" + p.name + "/"
	for k, f := range files {
		doc := ""
		if k == 0 {
			doc = fmt.Sprintf("// Package %s is generated service package %d of the tenantlint benchmark\n// (layer %d).\n", p.name, p.idx, p.layer)
		}
		if err := g.putGo(dir+f.name, f.source(doc)); err != nil {
			return err
		}
	}
	return nil
}

// emitModels writes the package's models and their local repositories,
// and tallies them.
func (g *gen) emitModels(p *pkgPlan, f *file) {
	e := g.exp
	nn := p.nouns
	f.use(tenantPath)

	// Covered by a package-level var initializer.
	x := nn[nounLocalVar]
	f.printf(`// %[1]s is a tenant-scoped record of package %[2]s.
type %[1]s struct {
	tenant.Model
	ID        string            @@json:"id"@@
	Name      string            @@json:"name"@@
	Labels    map[string]string @@json:"labels,omitempty"@@
	CreatedAt int64             @@json:"created_at"@@
}

// %[1]sRepo stores %[1]s records.
var %[1]sRepo = tenant.NewRepository[%[1]s](%[3]q)
`, x, p.name, snakePlural(x))
	e.Models++
	e.ModelsCovered++

	// A TenantID field, covered by a field of a package-level struct.
	y := nn[nounField]
	f.printf(`// %[1]s carries its tenant in a plain field.
type %[1]s struct {
	ID       string @@json:"id"@@
	TenantID string @@json:"tenant_id"@@
	Amount   int64  @@json:"amount"@@
	Currency string @@json:"currency"@@
}

// Repos groups the repositories that package %[2]s wires at start-up.
type Repos struct {
	%[1]ss *tenant.Repository[%[1]s]
	Limit  int
}
`, y, p.name)
	e.Models++
	e.ModelsCovered++

	// Scoped through an embedded struct; both are models. The base is
	// covered by an alias, the outer one by a named type.
	z := nn[nounNested]
	base := lowerFirst(z) + "Base"
	f.printf(`type %[2]s struct {
	*tenant.Model
	Version int
}

// %[1]s embeds %[2]s, which embeds the marker.
type %[1]s struct {
	%[2]s
	Title string
	Notes []string
}

// %[1]sStore is the repository type of %[1]s.
type %[1]sStore tenant.Repository[%[1]s]

type %[2]sStore = tenant.Repository[%[2]s]
`, z, base)
	e.Models += 2
	e.ModelsCovered += 2

	// The cross model: covered by the first importer, if any.
	c := nn[nounCross]
	f.printf(`// %[1]s is a tenant-scoped model whose repository, if any, lives in
// a package that imports this one.
type %[1]s struct {
	tenant.Model
	ID     string
	Status string
	Weight float64
}
`, c)
	e.Models++
	if p.coveredBy != nil {
		e.ModelsCoveredOut++
	} else {
		e.TenantRepo++
	}

	// Uncovered: instantiated only inside a function, which does not cover.
	u := nn[nounUncovered]
	f.printf(`// %[1]s has no package-level repository: the one below is built
// inside a function, which does not count.
type %[1]s struct {
	tenant.Model
	ID    string
	Count int
}

func new%[1]sRepo() *tenant.Repository[%[1]s] {
	return tenant.NewRepository[%[1]s](%[2]q)
}
`, u, snakePlural(u))
	e.Models++
	e.TenantRepo++

	if p.rng.chance(1, 2) {
		v := nn[nounFieldOnly]
		f.printf(`// %[1]s has a TenantID field and no repository.
type %[1]s struct {
	TenantID string
	Key      string
	Value    []byte
}

// TableName is the table %[1]s rows live in.
func (%[1]s) TableName() string { return %[2]q }
`, v, strings.ToLower(v)+"_rows")
		e.Models++
		e.TenantRepo++
	}
	if p.rng.chance(1, 3) {
		v := nn[nounIgnored]
		f.printf(`// %[1]s is archived, read-only data.
//
//tenantlint:ignore tenantrepo archived rows are read through the warehouse export
type %[1]s struct {
	tenant.Model
	ArchivedAt int64
}
`, v)
		e.Models++
		e.ModelsSuppressed++
	}
	if p.rng.chance(1, 2) {
		v := nn[nounGlobal]
		f.printf(`// %[1]s is shared by every tenant; TenantID records who last
// refreshed the row.
//
//tenantlint:global
type %[1]s struct {
	TenantID string
	Code     string
	Rate     float64
}
`, v)
		e.Models++
		e.ModelsGlobal++
	}
	if p.rng.chance(1, 2) {
		v := nn[nounDeclared]
		f.printf(`// %[1]s is covered by a var of a declared repository type.
type %[1]s struct {
	tenant.Model
	Ref string
}

var %[2]ss *tenant.Repository[%[1]s]
`, v, lowerFirst(v))
		e.Models++
		e.ModelsCovered++
	}

	// Not models: a named (not embedded) struct field does not propagate,
	// and a field named like the marker is not the marker.
	f.printf(`// Envelope wraps a %[1]s for transport; it is not a model itself.
type Envelope struct {
	Payload %[1]s
	Owner   tenant.Model
	Trace   string
}

// Summarize joins the distinct non-empty items, sorted.
func Summarize(items []string) string {
	seen := make(map[string]bool, len(items))
	var out []string
	for _, it := range items {
		it = strings.TrimSpace(it)
		if it == "" || seen[it] {
			continue
		}
		seen[it] = true
		out = append(out, it)
	}
	sort.Strings(out)
	return %[2]q + ":" + strings.Join(out, ",")
}
`, y, p.name)
	f.use("sort", "strings")
}

// emitCrossRepos declares, in p, the repositories of the cross models of
// the packages p covers, in varied package-level forms.
func (g *gen) emitCrossRepos(p *pkgPlan, f *file) {
	var fields []string
	for i, d := range p.covers {
		f.use(d.path)
		m := d.name + "." + d.nouns[nounCross]
		id := d.name + d.nouns[nounCross]
		switch i % 4 {
		case 0:
			f.printf("// %[1]sRepo is the repository of %[2]s.\nvar %[1]sRepo = tenant.NewRepository[%[2]s](%[3]q)\n", id, m, snakePlural(d.nouns[nounCross]))
		case 1:
			f.printf("// %[1]sStore is the repository type of %[2]s.\ntype %[1]sStore = tenant.Repository[%[2]s]\n", id, m)
		case 2:
			f.printf("var %[1]sRows tenant.Repository[%[2]s]\n", lowerFirst(id), m)
		case 3:
			fields = append(fields, fmt.Sprintf("\t%s *tenant.Repository[%s]\n", id, m))
		}
	}
	if len(fields) > 0 {
		f.add("// CrossRepos holds the repositories of models of other packages.\ntype CrossRepos struct {\n" + strings.Join(fields, "") + "}\n")
	}
}

// emitDeps makes the package use each of its imports.
func (g *gen) emitDeps(p *pkgPlan, f *file) {
	if len(p.deps) == 0 {
		return
	}
	var calls []string
	for _, d := range p.deps {
		f.use(d.path)
		calls = append(calls, fmt.Sprintf("\t\t%s.Summarize(items),\n", d.name))
	}
	f.use("strings")
	f.add("// depsDigest combines the summaries of the packages this one builds on.\nfunc depsDigest(items []string) string {\n\tparts := []string{\n" +
		strings.Join(calls, "") + "\t}\n\treturn strings.Join(parts, \"|\")\n}\n")
}

// emitCache writes the Service type and a selection of cache calls.
func (g *gen) emitCache(p *pkgPlan, f *file) {
	f.use("context", tenantPath, kvPath)
	f.add(`// Service serves the cached views of package $PKG.
type Service struct {
	store *kv.Store
	cache *tenant.Cache
	ctx   context.Context // a context in a field carries no request's tenant
	hits  int
}

// NewService returns a Service backed by store.
func NewService(ctx context.Context, store *kv.Store) *Service {
	return &Service{store: store, cache: tenant.NewCache(store), ctx: ctx}
}
`, "$PKG", p.name)
	for _, sn := range cacheSnippets {
		if !sn.always && !p.rng.chance(1, 2) {
			continue
		}
		f.use(sn.imports...)
		f.add(sn.text)
		e := g.exp
		if sn.kind != callSafe { // calls on tenant.Cache are not kv.Store calls
			e.CacheCalls += sn.calls
			if !g.opts.Core { // kv.Store holds strings: no tenant data
				e.TenantData.CacheNotTenantData += sn.calls
			}
		}
		switch sn.kind {
		case callScoped:
			e.CacheScoped += sn.calls
		case callSafe:
			e.CacheSafe += sn.calls
		case callFixable:
			e.TenantCacheFixable += sn.calls
		case callManual:
			e.TenantCacheManual += sn.calls
		case callSuppressed:
			e.CacheSuppressed += sn.calls
			if !g.opts.Core {
				// Under tenant-data the call (of strings) is no finding,
				// so its directive is reported unused.
				e.TenantData.TenantCacheManual += sn.calls
			}
		}
	}
}

func lowerFirst(s string) string { return strings.ToLower(s[:1]) + s[1:] }

// snakePlural is a table name for a model: Order → orders.
func snakePlural(s string) string {
	var b strings.Builder
	for i, r := range s {
		if 'A' <= r && r <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	out := b.String()
	switch {
	case strings.HasSuffix(out, "y") && !strings.HasSuffix(out, "ey"):
		return out[:len(out)-1] + "ies"
	case strings.HasSuffix(out, "s"), strings.HasSuffix(out, "x"), strings.HasSuffix(out, "ch"):
		return out + "es"
	}
	return out + "s"
}

// rng is splitmix64: small, fast and stable across Go releases.
type rng struct{ s uint64 }

func newRNG(seed uint64) *rng { return &rng{s: seed} }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// chance is true with probability num/den.
func (r *rng) chance(num, den int) bool { return r.intn(den) < num }

func (r *rng) perm(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	for i := n - 1; i > 0; i-- {
		j := r.intn(i + 1)
		p[i], p[j] = p[j], p[i]
	}
	return p
}

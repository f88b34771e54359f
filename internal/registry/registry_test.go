package registry_test

import (
	"encoding/json"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/check"
	"github.com/tenantlint/tenantlint/internal/registry"
	"github.com/tenantlint/tenantlint/report"
	"github.com/tenantlint/tenantlint/report/gate"
	"github.com/tenantlint/tenantlint/report/inventory"
)

// TestEveryCheckIsComplete fails when a registered check lacks anything
// that a list derived from the registry needs: its name, analyzer, doc
// (the "# Analyzer NAME" section, starting "NAME: summary"), rule texts,
// statistics, fixer summary, inventory contribution, and a README row
// that says what its doc says.
func TestEveryCheckIsComplete(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	all := registry.All()
	if len(all) == 0 {
		t.Fatal("no checks registered")
	}
	seen := map[string]bool{}
	for _, c := range all {
		if c.Name == "" || !regexp.MustCompile(`^[a-z][a-z0-9]*$`).MatchString(c.Name) {
			t.Errorf("check %q: the name must be a lower-case word", c.Name)
		}
		if seen[c.Name] {
			t.Errorf("check %s is registered twice", c.Name)
		}
		seen[c.Name] = true
		if c.New == nil {
			t.Errorf("%s: no analyzer constructor", c.Name)
			continue
		}
		a := c.New(registry.NewEnv())
		if a.Name != c.Name || a.Doc != c.Doc {
			t.Errorf("%s: the analyzer is named %q with another doc than the registry's", c.Name, a.Name)
		}
		if !strings.HasPrefix(c.Doc, c.Name+": ") || c.Summary() == "" || !strings.Contains(c.Doc, "\n\n") {
			t.Errorf("%s: doc must be doc.go's '# Analyzer %s' section, starting with '%s: <summary>' and a paragraph more; it is %q", c.Name, c.Name, c.Name, c.Doc)
		}
		if c.Rule.Short == "" || c.Rule.Full == "" || c.Rule.Help == "" {
			t.Errorf("%s: rule texts missing: %+v", c.Name, c.Rule)
		}
		if c.NewStats == nil || c.NewStats() == nil {
			t.Errorf("%s: no statistics type", c.Name)
		} else if a.ResultType == nil || a.ResultType.String() == "" || a.ResultType != reflect.TypeOf(c.NewStats()) {
			t.Errorf("%s: the analyzer's result type %v is not the registered statistics' %T", c.Name, a.ResultType, c.NewStats())
		}
		if c.Fixes == "" {
			t.Errorf("%s: no fixer summary wording (Fixes)", c.Name)
		}
		if c.Inventory == nil {
			t.Errorf("%s: no inventory contribution", c.Name)
		}
		row := "| [" + c.Name + "](#" + c.Name + ") | " + c.Summary() + " |"
		if !strings.Contains(string(readme), row+"\n") {
			t.Errorf("README.md lacks the row\n%s\n(the table under \"What it checks\" repeats each check's one-line summary)", row)
		}
	}
	for _, r := range registry.Rules() {
		if !seen[r.ID] {
			t.Errorf("rule %s is no registered check", r.ID)
		}
	}
}

// TestBaselineEntriesOfEveryCheckAreJudged is the silent baseline bug:
// the gate used to take its set of checks from a list of its own
// (report.AllChecks), so a check missing there kept its baseline entries
// forever, even once its findings were gone. The commands now give the
// gate the registry's names; an entry of every registered check whose
// finding is gone must be reported gone and dropped when rewriting.
func TestBaselineEntriesOfEveryCheckAreJudged(t *testing.T) {
	root := t.TempDir()
	src := "package p\n\ntype T struct{ TenantID string }\n"
	if err := os.WriteFile(filepath.Join(root, "p.go"), []byte(src), 0o666); err != nil {
		t.Fatal(err)
	}
	for _, c := range registry.All() {
		name := c.Name
		t.Run(name, func(t *testing.T) {
			base := filepath.Join(t.TempDir(), "baseline.json")
			f := report.Finding{Check: name, File: filepath.Join(root, "p.go"), Line: 3, Column: 6, Message: "m"}
			w, err := gate.New(root, gate.Options{WriteBaseline: base, Checks: registry.Names()})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.Apply([]report.Finding{f}, nil); err != nil {
				t.Fatal(err)
			}
			g, err := gate.New(root, gate.Options{Baseline: base, Checks: registry.Names()})
			if err != nil {
				t.Fatal(err)
			}
			out, err := g.Apply(nil, nil) // the finding is gone; every check ran
			if err != nil {
				t.Fatal(err)
			}
			if len(out.Notes) != 1 || !strings.Contains(out.Notes[0], "1 recorded finding gone") {
				t.Errorf("notes %q: want the %s entry reported gone", out.Notes, name)
			}
		})
	}
}

// TestFixSummary: tenantfix's summary names every check's count, in
// report order, from the fixes' units.
func TestFixSummary(t *testing.T) {
	got := registry.FixSummary(map[string]int{"tenantcache": 5, "tenantrepo": 2})
	if want := "2 models to cover, 5 keys to wrap, 0 contexts to pass, 0 queries to constrain"; got != want {
		t.Errorf("FixSummary = %q, want %q", got, want)
	}
}

// TestStatsJSONRoundTrip: the result caches store each check's own
// statistics type and read it back as that type.
func TestStatsJSONRoundTrip(t *testing.T) {
	m := registry.Stats{}
	for _, c := range registry.All() {
		m.Add(c.Name, c.NewStats())
	}
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var back registry.Stats
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	for _, c := range registry.All() {
		if got, want := reflect.TypeOf(back[c.Name]), reflect.TypeOf(c.NewStats()); got != want {
			t.Errorf("%s: decoded as %v, want %v", c.Name, got, want)
		}
	}
	if err := json.Unmarshal([]byte(`{"tenantnope":{}}`), &back); err == nil {
		t.Error("statistics of an unknown check decoded without error")
	}
}

// TestInventoryInput: the inventory's input comes from each check's own
// statistics through the registry.
func TestInventoryInput(t *testing.T) {
	repo, _ := registry.Lookup("tenantrepo")
	cache, _ := registry.Lookup("tenantcache")
	rs, cs := repo.NewStats(), cache.NewStats()
	if err := json.Unmarshal([]byte(`{"Models":1,"Types":[{"Package":"p","Name":"T","Reason":"r","Repo":{"Type":"tenant.Repository","Package":"q"}}]}`), rs); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(`{"Calls":3,"Scoped":1,"Fixable":1,"Manual":1}`), cs); err != nil {
		t.Fatal(err)
	}
	in := registry.InventoryInput("p", map[string]check.Stats{"tenantrepo": rs, "tenantcache": cs})
	want := inventory.Input{Path: "p",
		Types: []inventory.TypeRecord{{Package: "p", Name: "T", Reason: "r", Repo: &inventory.RepoSite{Type: "tenant.Repository", Package: "q", Pos: token.Position{}}}},
		Cache: inventory.CacheCounts{Total: 3, Scoped: 1, RawFixable: 1, RawManual: 1}}
	if !reflect.DeepEqual(in, want) {
		t.Errorf("InventoryInput = %+v, want %+v", in, want)
	}
}

// TestContextInventoryInput: tenantctx's sink calls reach the inventory's
// tenant-context counts, each outcome in its own field.
func TestContextInventoryInput(t *testing.T) {
	c, _ := registry.Lookup("tenantctx")
	s := c.NewStats()
	if err := json.Unmarshal([]byte(`{"Calls":15,"Scoped":8,"Fixable":4,"Manual":2,"Suppressed":1}`), s); err != nil {
		t.Fatal(err)
	}
	in := registry.InventoryInput("p", map[string]check.Stats{"tenantctx": s})
	want := inventory.Input{Path: "p", Context: inventory.ContextCounts{Total: 15, Kept: 8, DroppedFixable: 4, DroppedManual: 2, Suppressed: 1}}
	if !reflect.DeepEqual(in, want) {
		t.Errorf("InventoryInput = %+v, want %+v", in, want)
	}
}

// TestDocsAreGenerated: each check's Doc and Rule (doc_gen.go, written
// by internal/cmd/docgen so that no process extracts them at start-up)
// are what its doc.go says.
func TestDocsAreGenerated(t *testing.T) {
	for _, c := range registry.All() {
		content, err := os.ReadFile(filepath.Join("..", "..", "analyzers", c.Name, "doc.go"))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := check.ExtractDoc(string(content), "Analyzer "+c.Name)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		rule, err := check.ExtractRule(string(content), c.Name)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		if c.Doc != doc || c.Rule != rule {
			t.Errorf("%s: doc_gen.go is not doc.go's: run go generate ./analyzers/...", c.Name)
		}
	}
}

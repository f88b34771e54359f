package gate

import (
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/report"
)

func TestGateWritesThenFilters(t *testing.T) {
	root := gitRepo(t, map[string]string{"go.mod": "module example.com/m\n", "internal/store/store.go": storeSrc})
	base := filepath.Join(root, "tenantlint-baseline.json")
	fs := findingsIn(t, root, "internal/store/store.go", storeSrc)

	write := mustGate(t, root, Options{WriteBaseline: base})
	out, err := write.Apply(fs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !out.Wrote || out.Findings != nil || !slices.Equal(out.Notes, []string{"wrote 5 findings to baseline " + base}) {
		t.Errorf("writing: %+v", out)
	}

	// Lines added above, Load's call gone, a second identical Set in Save.
	edited := strings.Replace(storeSrc, "type Cache struct{}\n", "type Cache struct{}\n\n// Added.\nvar _ = 1\n", 1)
	edited = strings.Replace(edited, `s.c.Get(ctx, "invoice:"+id)`, `scoped(ctx, id)`, 1)
	edited = strings.Replace(edited, "\ts.c.Set(ctx, \"all\", v)\n", "\ts.c.Set(ctx, \"all\", v)\n\ts.c.Set(ctx, \"all\", v)\n", 1)
	fs = findingsIn(t, root, "internal/store/store.go", edited)

	g := mustGate(t, root, Options{Baseline: base})
	out, err = g.Apply(fs, nil)
	if err != nil {
		t.Fatal(err)
	}
	wantNote := "baseline " + base + ": 4 known findings not reported, 1 recorded finding gone (--write-baseline " + base + " drops it)"
	if got := positions(out.Findings); !slices.Equal(got, []string{"tenantcache 26:2"}) || !slices.Equal(out.Notes, []string{wantNote}) {
		t.Errorf("with the baseline: %q, notes %q; want the second Set and %q", got, out.Notes, wantNote)
	}

	// Only tenantrepo ran: tenantcache's entries are not gone.
	out, err = g.Apply(onlyCheck(fs, "tenantrepo"), []string{"tenantrepo"})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Findings) != 0 || !strings.Contains(out.Notes[0], "1 known finding not reported, 0 recorded findings gone") {
		t.Errorf("tenantrepo only: %q, notes %q", positions(out.Findings), out.Notes)
	}

	// A rewrite by a tenantrepo run keeps tenantcache's entries.
	out, err = write.Apply(onlyCheck(fs, "tenantrepo"), []string{"tenantrepo"})
	if err != nil {
		t.Fatal(err)
	}
	want := "wrote 1 finding to baseline " + base + " (0 new, 0 gone since it was last written); kept 4 findings of checks that did not run"
	if !slices.Equal(out.Notes, []string{want}) {
		t.Errorf("rewrite: %q, want %q", out.Notes, want)
	}
	if b, err := ReadBaseline(base); err != nil || len(b.Findings) != 5 {
		t.Errorf("rewritten baseline: %v entries, %v", b, err)
	}
}

func TestGateCombinesBaselineAndNewFromRev(t *testing.T) {
	root := gitRepo(t, map[string]string{"go.mod": "module example.com/m\n", "internal/store/store.go": storeSrc})
	base := filepath.Join(root, "b.json")
	if _, err := mustGate(t, root, Options{WriteBaseline: base}).Apply(findingsIn(t, root, "internal/store/store.go", storeSrc), nil); err != nil {
		t.Fatal(err)
	}
	runGit(t, root, "add", "b.json")
	runGit(t, root, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "baseline")

	// A new finding in a committed file on a changed line, one on an
	// unchanged line that is not in the baseline (its key changed when
	// its function was renamed, on another line), and an untracked file.
	edited := strings.Replace(storeSrc, "func (s *Store) Load(", "func (s *Store) Fetch(", 1)
	edited = strings.Replace(edited, "\ts.c.Set(ctx, \"all\", v)\n", "\ts.c.Set(ctx, \"all\", v)\n\ts.c.Get(ctx, v)\n", 1)
	fs := findingsIn(t, root, "internal/store/store.go", edited)
	fs = append(fs, findingsIn(t, root, "internal/new/new.go", "package new\n\ntype Invoice struct{}\n")...)

	for _, c := range []struct {
		o    Options
		want []string
	}{
		{Options{Baseline: base}, []string{"tenantcache 16:9", "tenantcache 23:2", "tenantrepo 3:6"}},
		{Options{NewFromRev: "HEAD"}, []string{"tenantcache 23:2", "tenantrepo 3:6"}},
		{Options{Baseline: base, NewFromRev: "HEAD"}, []string{"tenantcache 23:2", "tenantrepo 3:6"}},
	} {
		out, err := mustGate(t, root, c.o).Apply(fs, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := positions(out.Findings); !slices.Equal(got, c.want) {
			t.Errorf("%+v: %q, want %q", c.o, got, c.want)
		}
	}
	out, _ := mustGate(t, root, Options{NewFromRev: "HEAD"}).Apply(fs, nil)
	if want := []string{"new-from-rev HEAD: 5 findings on lines not changed since then not reported"}; !slices.Equal(out.Notes, want) {
		t.Errorf("notes %q, want %q", out.Notes, want)
	}
}

func TestGateRejectsWriteWithFilters(t *testing.T) {
	_, err := New(t.TempDir(), Options{WriteBaseline: "a.json", Baseline: "b.json"})
	if err == nil || !strings.Contains(err.Error(), "does not combine") {
		t.Errorf("New: %v", err)
	}
}

func TestGateWithNoFlagsPassesEverything(t *testing.T) {
	dir := t.TempDir()
	fs := findingsIn(t, dir, "a.go", storeSrc)
	out, err := mustGate(t, dir, Options{}).Apply(fs, nil)
	if err != nil || !reflect.DeepEqual(out.Findings, fs) || out.Notes != nil || out.Wrote {
		t.Errorf("no flags: %+v, %v", out, err)
	}
}

// testChecks stand for the registry's check names, which the commands
// give the gate.
var testChecks = []string{"tenantrepo", "tenantcache"}

func mustGate(t *testing.T, root string, o Options) *Gate {
	t.Helper()
	if o.Checks == nil {
		o.Checks = testChecks
	}
	g, err := New(root, o)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func positions(fs []report.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s %d:%d", f.Check, f.Line, f.Column))
	}
	return out
}

func onlyCheck(fs []report.Finding, check string) []report.Finding {
	var out []report.Finding
	for _, f := range fs {
		if f.Check == check {
			out = append(out, f)
		}
	}
	return out
}

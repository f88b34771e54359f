package fixtest

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

// update is the one -update flag of every analyzer's test binary (the
// flag package panics on a second definition, so the test files do not
// declare their own): `go test ./analyzers/... -update` rewrites the
// golden files from the suggested fixes. Review the diff: the goldens
// are the specification of the fixes.
var update = flag.Bool("update", false, "rewrite the .golden files of the fix tests from the suggested fixes")

// Case is one fix test: an analysistest case and how its fixes are held
// to their golden files.
type Case struct {
	// GOPATH is the analysistest tree (the analyzer's testdata); the
	// case is the folder Dir of GOPATH/src, analyzed as Dir/....
	GOPATH, Dir string
	// New returns a fresh analyzer: the idempotency run needs one whose
	// state has not seen the first run.
	New func() *analysis.Analyzer
	// Exact: the edits alone, before formatting, must equal the golden
	// files byte for byte, so they leave gofmt-clean code. Without it the
	// fixed files, formatted as go fix leaves them, must. (A fix cannot
	// be exact when it edits a line in a run of trailing comments that
	// gofmt aligns: it would have to re-align its neighbours.)
	Exact bool
}

// Run runs the analyzer on the case, checks its // want comments and
// golden files, and checks that the fixes are idempotent: on a copy of
// the case with the golden files in place, the analyzer reports exactly
// the findings of the original that had no fix (the manual ones), in the
// same files, and offers no further fix. With -update it writes the
// golden files instead of comparing them. It returns the results of the
// run on the original case.
func Run(t *testing.T, c Case) []*analysistest.Result {
	t.Helper()
	pattern := c.Dir + "/..."
	var results []*analysistest.Result
	if *update {
		results = analysistest.Run(t, c.GOPATH, c.New(), pattern)
	} else {
		results = analysistest.RunWithSuggestedFixes(t, c.GOPATH, c.New(), pattern)
	}
	fixed := Apply(t, results)
	if *update {
		writeGoldens(t, fixed)
	} else {
		checkGoldens(t, fixed, c.Exact)
	}
	checkStale(t, filepath.Join(c.GOPATH, "src", c.Dir), fixed)
	if len(fixed) > 0 {
		checkIdempotent(t, c, findings(c.GOPATH, results), importedDirs(c, results))
	}
	return results
}

func writeGoldens(t *testing.T, fixed map[string][]byte) {
	t.Helper()
	for _, name := range sortedKeys(fixed) {
		text := fixed[name]
		if out, err := format.Source(text); err == nil {
			text = out
		} else {
			t.Errorf("%s: the fixed file does not parse: %v", name, err)
		}
		if err := os.WriteFile(name+".golden", text, 0o644); err != nil {
			t.Fatalf("writing the golden file: %v", err)
		}
		t.Logf("wrote %s.golden", name)
	}
}

// checkGoldens compares each fixed file with its golden file: formatted,
// and with exact also before formatting.
func checkGoldens(t *testing.T, fixed map[string][]byte, exact bool) {
	t.Helper()
	for _, name := range sortedKeys(fixed) {
		raw := fixed[name]
		want, err := os.ReadFile(name + ".golden")
		if err != nil {
			t.Errorf("fixed file without golden file: %v", err)
			continue
		}
		got, err := format.Source(raw)
		if err != nil {
			t.Errorf("%s: the fixed file does not parse: %v\n%s", name, err, raw)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the fixes, formatted, differ from the golden file\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
		}
		if exact && !bytes.Equal(raw, want) {
			t.Errorf("%s: the edits alone do not leave gofmt-clean code equal to the golden file; got:\n%s", name, raw)
		}
	}
}

// checkStale reports the golden files below caseDir of files that no fix
// edits.
func checkStale(t *testing.T, caseDir string, fixed map[string][]byte) {
	t.Helper()
	err := filepath.WalkDir(caseDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if src, ok := strings.CutSuffix(path, ".golden"); ok {
			if _, ok := fixed[src]; !ok {
				t.Errorf("%s: stale golden file: no fix edits %s", path, filepath.Base(src))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("listing the golden files: %v", err)
	}
}

// GoldensGofmtClean checks that every .go.golden file below dir is
// gofmt-clean (what go fix leaves), and that there is at least one.
func GoldensGofmtClean(t *testing.T, dir string) {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(path, ".go.golden") {
			return err
		}
		n++
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if out, err := format.Source(src); err != nil {
			t.Errorf("%s: %v", path, err)
		} else if !bytes.Equal(out, src) {
			t.Errorf("%s is not gofmt-clean; gofmt gives:\n%s", path, out)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("listing the golden files: %v", err)
	}
	if n == 0 {
		t.Fatalf("no golden files found below %s", dir)
	}
}

// Finding is a diagnostic reduced to what survives a fix elsewhere in
// its file: positions move with the fixes, files and messages do not.
type Finding struct {
	File, Msg string
	Fixable   bool
}

func (f Finding) String() string { return fmt.Sprintf("%s: %s (fixable=%v)", f.File, f.Msg, f.Fixable) }

// findings lists the diagnostics of results once each (a file of a
// package is also analyzed in its test variant), with file names
// relative to gopath, sorted.
func findings(gopath string, results []*analysistest.Result) []Finding {
	var out []Finding
	seen := map[string]bool{}
	for _, r := range results {
		if r.Action == nil {
			continue
		}
		fset := r.Action.Package.Fset
		for _, d := range r.Diagnostics {
			p := fset.Position(d.Pos)
			key := fmt.Sprintf("%s:%d:%d:%s", p.Filename, p.Line, p.Column, d.Message)
			if seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, Finding{relTo(gopath, p.Filename), d.Message, len(d.SuggestedFixes) > 0})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// importedDirs lists the top-level folders of GOPATH/src, other than the
// case's, that hold packages the case imports (library stubs, another
// case's packages): the idempotency run needs them too.
func importedDirs(c Case, results []*analysistest.Result) []string {
	src := filepath.Join(c.GOPATH, "src")
	dirs := map[string]bool{}
	var roots []*packages.Package
	for _, r := range results {
		if r.Action != nil {
			roots = append(roots, r.Action.Package)
		}
	}
	packages.Visit(roots, nil, func(p *packages.Package) {
		for _, f := range p.GoFiles {
			rel, err := filepath.Rel(src, f)
			if err != nil || strings.HasPrefix(rel, "..") {
				continue
			}
			if top, _, _ := strings.Cut(filepath.ToSlash(rel), "/"); top != c.Dir {
				dirs[top] = true
			}
		}
	})
	return sortedKeys(dirs)
}

// checkIdempotent copies the case and the folders it imports from to a
// new GOPATH with the golden files in place of the files they fix, runs
// a fresh analyzer there, and compares its findings with the manual ones
// of the original run.
func checkIdempotent(t *testing.T, c Case, before []Finding, imported []string) {
	t.Helper()
	gopath := t.TempDir()
	for _, dir := range imported {
		if err := testfs.Copy(filepath.Join(c.GOPATH, "src", dir), filepath.Join(gopath, "src", dir), nil); err != nil {
			t.Fatalf("copying %s: %v", dir, err)
		}
	}
	caseDir := filepath.Join(c.GOPATH, "src", c.Dir)
	err := testfs.Copy(caseDir, filepath.Join(gopath, "src", c.Dir), func(path string, data []byte) ([]byte, bool) {
		if strings.HasSuffix(path, ".golden") {
			return nil, false
		}
		if golden, err := os.ReadFile(path + ".golden"); err == nil {
			return golden, true
		}
		return data, true
	})
	if err != nil {
		t.Fatalf("copying the case: %v", err)
	}
	after := findings(gopath, analyze(t, gopath, c.New(), c.Dir+"/..."))
	var want []Finding
	for _, f := range before {
		if !f.Fixable {
			want = append(want, f)
		}
	}
	if !slices.Equal(after, want) {
		t.Errorf("%s: after applying the fixes, got findings:\n%s\nwant only the manual findings of the original:\n%s",
			c.Dir, lines(after), lines(want))
	}
}

// analyze loads the packages matching pattern in the GOPATH tree at
// gopath, as analysistest does, and runs a on them, without checking
// // want comments (the fixed files keep the original's).
func analyze(t *testing.T, gopath string, a *analysis.Analyzer, pattern string) []*analysistest.Result {
	t.Helper()
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports |
			packages.NeedTypes | packages.NeedTypesSizes | packages.NeedSyntax | packages.NeedTypesInfo |
			packages.NeedDeps | packages.NeedModule,
		Dir:   gopath,
		Tests: true,
		Env:   append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, pattern)
	if err != nil {
		t.Fatalf("loading %s: %v", pattern, err)
	}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			t.Errorf("loading %s after the fixes: %v", p.PkgPath, e)
		}
	})
	g, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		t.Fatalf("analyzing %s: %v", pattern, err)
	}
	var out []*analysistest.Result
	for _, act := range g.Roots {
		if act.Err != nil {
			t.Errorf("%s after the fixes: %v", act, act.Err)
		}
		out = append(out, &analysistest.Result{Action: act, Diagnostics: act.Diagnostics})
	}
	return out
}

func relTo(base, path string) string {
	rel, err := filepath.Rel(base, path)
	if err != nil {
		return path
	}
	return filepath.ToSlash(rel)
}

func lines[T fmt.Stringer](xs []T) string {
	var b strings.Builder
	for _, x := range xs {
		b.WriteString("\t" + x.String() + "\n")
	}
	return b.String()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

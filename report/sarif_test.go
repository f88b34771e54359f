package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

const svcSrc = `package svc

func A() {
	rdb.Get(ctx, "flags")
	rdb.Get(ctx, "flags")
}

type User struct{ TenantID string } // ü
`

// sarifModule writes a module with one source file and returns its root,
// the working directory (a subdirectory) and findings relative to it.
func sarifModule(t *testing.T, src string) (root, wd string, fs []Finding) {
	t.Helper()
	root = t.TempDir()
	wd = filepath.Join(root, "cmd")
	for _, d := range []string{wd, filepath.Join(root, "internal", "svc")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(root, "internal", "svc", "svc.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	line := func(s string, nth int) int {
		for i, l := range strings.Split(src, "\n") {
			if strings.Contains(l, s) {
				if nth--; nth == 0 {
					return i + 1
				}
			}
		}
		t.Fatalf("no %q", s)
		return 0
	}
	if !strings.Contains(src, `"flags"`) {
		return root, wd, nil
	}
	file := filepath.Join("..", "internal", "svc", "svc.go")
	fs = []Finding{
		{Check: "tenantcache", File: file, Line: line(`"flags"`, 1), Column: 15, EndLine: line(`"flags"`, 1), EndColumn: 22,
			Message: "cache key is not tenant-scoped", Fix: Fixable},
		{Check: "tenantcache", File: file, Line: line(`"flags"`, 2), Column: 15, EndLine: line(`"flags"`, 2), EndColumn: 22,
			Message: "cache key is not tenant-scoped", Fix: Fixable},
		{Check: "tenantrepo", File: file, Line: line("type User", 1), Column: 6, EndLine: line("type User", 1), EndColumn: 10,
			Message: `tenant-scoped struct "User" has no tenant-aware repository`, Fix: Fixable},
	}
	return root, wd, fs
}

type sarifOut struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name           string `json:"name"`
				InformationURI string `json:"informationUri"`
				Rules          []struct {
					ID               string            `json:"id"`
					ShortDescription map[string]string `json:"shortDescription"`
					FullDescription  map[string]string `json:"fullDescription"`
					Help             map[string]string `json:"help"`
					HelpURI          string            `json:"helpUri"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine, StartColumn, EndLine, EndColumn int
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
		} `json:"results"`
	} `json:"runs"`
}

var regexpFP = regexp.MustCompile(`^[0-9a-f]{16}:[0-9]+$`)

// testRules stand for the registry's rules (internal/registry, which
// imports this package, gives the real ones).
var testRules = []Rule{
	{ID: "tenantrepo", Short: "repo short", Full: "repo full", Help: "repo help"},
	{ID: "tenantcache", Short: "cache short", Full: "cache full", Help: "cache help"},
}

func writeSARIF(t *testing.T, root, wd string, fs []Finding) ([]byte, sarifOut) {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, fs, Options{Format: "sarif", Dir: wd, Root: root, ToolVersion: "v1.2.3", Rules: testRules}); err != nil {
		t.Fatal(err)
	}
	var out sarifOut
	if err := json.Unmarshal(b.Bytes(), &out); err != nil {
		t.Fatalf("%v in\n%s", err, b.Bytes())
	}
	return b.Bytes(), out
}

func loadSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func validate(t *testing.T, sch *jsonschema.Schema, data []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("SARIF output does not validate against the 2.1.0 schema: %v\n%s", err, data)
	}
}

func TestSARIF(t *testing.T) {
	root, wd, fs := sarifModule(t, svcSrc)
	data, out := writeSARIF(t, root, wd, fs)
	sch := loadSARIFSchema(t)
	validate(t, sch, data)
	// The validator is not vacuous: a bad level or a missing message fails.
	for _, bad := range [][2]string{{`"level": "error"`, `"level": "fatal"`}, {`"message": {`, `"msg": {`}, {`"startLine": 4`, `"startLine": 0`}} {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(strings.Replace(string(data), bad[0], bad[1], 1)))
		if err != nil {
			t.Fatal(err)
		}
		if sch.Validate(inst) == nil {
			t.Errorf("schema accepted output with %s", bad[1])
		}
	}

	if out.Schema != "https://json.schemastore.org/sarif-2.1.0.json" || out.Version != "2.1.0" || len(out.Runs) != 1 {
		t.Fatalf("header: %q %q, %d runs", out.Schema, out.Version, len(out.Runs))
	}
	run := out.Runs[0]
	d := run.Tool.Driver
	if d.Name != "tenantlint" || d.InformationURI != "https://github.com/tenantlint/tenantlint" {
		t.Errorf("driver %q %q", d.Name, d.InformationURI)
	}
	if len(d.Rules) != 2 {
		t.Fatalf("%d rules, want 2", len(d.Rules))
	}
	for i, id := range []string{"tenantrepo", "tenantcache"} {
		r := d.Rules[i]
		if r.ID != id || r.HelpURI != "https://github.com/tenantlint/tenantlint#"+id ||
			r.ShortDescription["text"] == "" || r.FullDescription["text"] == "" || r.Help["text"] == "" {
			t.Errorf("rule %d: %+v", i, r)
		}
	}
	if len(run.Results) != 3 {
		t.Fatalf("%d results, want 3", len(run.Results))
	}
	fps := map[string]bool{}
	for i, r := range run.Results {
		if r.Level != "error" || r.Message.Text != fs[i].Message || r.RuleID != fs[i].Check || d.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %d: %+v", i, r)
		}
		loc := r.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URI != "internal/svc/svc.go" || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("result %d: artifact %+v", i, loc.ArtifactLocation)
		}
		if loc.Region.StartLine != fs[i].Line || loc.Region.EndLine != fs[i].EndLine {
			t.Errorf("result %d: region %+v", i, loc.Region)
		}
		fp := r.PartialFingerprints["primaryLocationLineHash"]
		if !regexpFP.MatchString(fp) || fps[fp] {
			t.Errorf("result %d: fingerprint %q (malformed or repeated)", i, fp)
		}
		fps[fp] = true
	}
	// The two identical lines share a hash and differ in the occurrence index.
	a, b := run.Results[0].PartialFingerprints["primaryLocationLineHash"], run.Results[1].PartialFingerprints["primaryLocationLineHash"]
	if !strings.HasSuffix(a, ":1") || !strings.HasSuffix(b, ":2") || a[:16] != b[:16] {
		t.Errorf("identical lines: fingerprints %q and %q", a, b)
	}
	// A clean run is a valid log with an empty results array.
	data, out = writeSARIF(t, root, wd, nil)
	validate(t, loadSARIFSchema(t), data)
	if !bytes.Contains(data, []byte(`"results": []`)) || len(out.Runs[0].Tool.Driver.Rules) != 2 {
		t.Errorf("clean run:\n%s", data)
	}
}

func TestSARIFColumnsUTF16(t *testing.T) {
	root, wd, _ := sarifModule(t, "package svc\n\nvar s = \"ü😀\" + k\n")
	fs := []Finding{{Check: "tenantcache", File: filepath.Join("..", "internal", "svc", "svc.go"), Line: 3, Column: 18, EndLine: 3, EndColumn: 19, Message: "m"}}
	data, out := writeSARIF(t, root, wd, fs)
	validate(t, loadSARIFSchema(t), data)
	// `var s = "` is 9 bytes, ü 2 bytes (1 unit), 😀 4 bytes (2 units), `" + ` 4.
	reg := out.Runs[0].Results[0].Locations[0].PhysicalLocation.Region
	if reg.StartColumn != 15 || reg.EndColumn != 16 {
		t.Errorf("UTF-16 columns %d-%d, want 15-16", reg.StartColumn, reg.EndColumn)
	}
}

func TestSARIFFingerprintSurvivesLinesAbove(t *testing.T) {
	root, wd, fs := sarifModule(t, svcSrc)
	_, before := writeSARIF(t, root, wd, fs)

	moved := strings.Replace(svcSrc, "package svc\n", "package svc\n\n// Unrelated lines\n// added above.\nvar x = 1\n", 1)
	root2, wd2, fs2 := sarifModule(t, moved)
	if fs2[0].Line == fs[0].Line {
		t.Fatal("lines did not move")
	}
	_, after := writeSARIF(t, root2, wd2, fs2)
	for i := range before.Runs[0].Results {
		b := before.Runs[0].Results[i].PartialFingerprints["primaryLocationLineHash"]
		a := after.Runs[0].Results[i].PartialFingerprints["primaryLocationLineHash"]
		if a != b {
			t.Errorf("result %d: fingerprint %q became %q when lines were added above", i, b, a)
		}
	}

	// Changing the flagged line changes its fingerprint.
	changed := strings.Replace(svcSrc, "type User struct{ TenantID string }", "type User struct{ TenantID, Name string }", 1)
	root3, wd3, fs3 := sarifModule(t, changed)
	_, other := writeSARIF(t, root3, wd3, fs3)
	if other.Runs[0].Results[2].PartialFingerprints["primaryLocationLineHash"] == before.Runs[0].Results[2].PartialFingerprints["primaryLocationLineHash"] {
		t.Error("fingerprint did not change with the flagged line's text")
	}
}

// TestSARIFFixes: a finding's suggested fix is a SARIF fix whose
// artifactChanges (one per file) replace regions in UTF-16 columns, like
// the results' regions, with the inserted text; the log validates.
func TestSARIFFixes(t *testing.T) {
	src := "package svc\n\nvar s = \"ü😀\" + k\n\nvar t = 1\n"
	root, wd, _ := sarifModule(t, src)
	other := filepath.Join(root, "internal", "svc", "other.go")
	if err := os.WriteFile(other, []byte("package svc\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join("..", "internal", "svc", "svc.go")
	fs := []Finding{{Check: "tenantcache", File: file, Line: 3, Column: 18, EndLine: 3, EndColumn: 19, Message: "m", Fix: Fixable,
		SuggestedFixes: []SuggestedFix{{Message: "wrap the key", Edits: []Edit{
			// Byte columns 18 and 19 of line 3 are UTF-16 columns 15 and 16.
			{File: file, StartLine: 3, StartColumn: 18, EndLine: 3, EndColumn: 18, New: "tenant.Key(ctx, "},
			{File: filepath.Join("..", "internal", "svc", "other.go"), StartLine: 1, StartColumn: 12, EndLine: 1, EndColumn: 12, New: "\n\nvar R = 1"},
			{File: file, StartLine: 3, StartColumn: 19, EndLine: 5, EndColumn: 1, New: ")\n\n"},
			{File: file, StartLine: 5, StartColumn: 1, EndLine: 5, EndColumn: 10}, // a deletion
		}}}}}
	data, _ := writeSARIF(t, root, wd, fs)
	validate(t, loadSARIFSchema(t), data)
	var out struct {
		Runs []struct {
			Results []struct {
				Fixes []struct {
					Description     struct{ Text string }
					ArtifactChanges []struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						} `json:"artifactLocation"`
						Replacements []struct {
							DeletedRegion struct {
								StartLine, StartColumn, EndLine, EndColumn int
							} `json:"deletedRegion"`
							InsertedContent *struct{ Text string } `json:"insertedContent"`
						} `json:"replacements"`
					} `json:"artifactChanges"`
				} `json:"fixes"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	fixes := out.Runs[0].Results[0].Fixes
	if len(fixes) != 1 || fixes[0].Description.Text != "wrap the key" || len(fixes[0].ArtifactChanges) != 2 {
		t.Fatalf("fixes: %+v\n%s", fixes, data)
	}
	var got []string
	for _, ch := range fixes[0].ArtifactChanges {
		for _, r := range ch.Replacements {
			ins := "<none>"
			if r.InsertedContent != nil {
				ins = r.InsertedContent.Text
			}
			d := r.DeletedRegion
			got = append(got, fmt.Sprintf("%s %s %d:%d-%d:%d %q", ch.ArtifactLocation.URIBaseID, ch.ArtifactLocation.URI,
				d.StartLine, d.StartColumn, d.EndLine, d.EndColumn, ins))
		}
	}
	want := []string{
		`%SRCROOT% internal/svc/svc.go 3:15-3:15 "tenant.Key(ctx, "`,
		`%SRCROOT% internal/svc/svc.go 3:16-5:1 ")\n\n"`,
		`%SRCROOT% internal/svc/svc.go 5:1-5:10 "<none>"`,
		`%SRCROOT% internal/svc/other.go 1:12-1:12 "\n\nvar R = 1"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("replacements:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The schema is not vacuous about fixes: a replacement without its
	// deleted region fails.
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(strings.Replace(string(data), `"deletedRegion"`, `"deleted"`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if loadSARIFSchema(t).Validate(inst) == nil {
		t.Error("schema accepted a replacement without deletedRegion")
	}
	// A manual finding has no fixes key.
	data, _ = writeSARIF(t, root, wd, []Finding{{Check: "tenantcache", File: file, Line: 3, Column: 18, Message: "m", Fix: Manual}})
	if bytes.Contains(data, []byte(`"fixes"`)) {
		t.Errorf("a finding without a fix has fixes:\n%s", data)
	}
}

// TestSARIFRuleNames: each rule has a name apart from its id, its short
// description in PascalCase.
func TestSARIFRuleNames(t *testing.T) {
	rules := append(testRules, Rule{ID: "tenantctx", Short: "Tenant context dropped on the way to a tenant-aware call", Full: "f", Help: "h"})
	var b bytes.Buffer
	if err := Write(&b, nil, Options{Format: "sarif", Rules: rules}); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct{ ID, Name string }
				}
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range out.Runs[0].Tool.Driver.Rules {
		got = append(got, r.ID+"="+r.Name)
	}
	want := "tenantrepo=RepoShort tenantcache=CacheShort tenantctx=TenantContextDroppedOnTheWayToATenantAwareCall"
	if strings.Join(got, " ") != want {
		t.Errorf("rules %q, want %q", strings.Join(got, " "), want)
	}
	validate(t, loadSARIFSchema(t), b.Bytes())
}

// TestRepoPaths: SARIF, GitHub and checkstyle name files relative to
// Options.Root (the repository's root, above the module), with
// PathPrefix in front when given; SARIF's %SRCROOT% is that root, or the
// module root without the prefix. Text and JSON keep the findings' paths.
func TestRepoPaths(t *testing.T) {
	repo := t.TempDir()
	module := filepath.Join(repo, "services", "api")
	wd := filepath.Join(module, "cmd")
	src := filepath.Join(module, "internal", "svc", "svc.go")
	if err := os.MkdirAll(filepath.Dir(src), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(wd, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(src, []byte(svcSrc), 0o644); err != nil {
		t.Fatal(err)
	}
	fs := []Finding{{Check: "tenantcache", File: filepath.Join("..", "internal", "svc", "svc.go"), Line: 4, Column: 15, Message: "m", Fix: Manual}}
	for _, tt := range []struct {
		name, root, prefix, path, srcRoot string
	}{
		{"repository root from git", repo, "", "services/api/internal/svc/svc.go", fileURI(repo, true)},
		{"--path-prefix", module, "services/api", "services/api/internal/svc/svc.go", fileURI(repo, true)},
		{"--path-prefix that is not the module's folder", module, "apps/x", "apps/x/internal/svc/svc.go", ""},
		{"module root (no git)", module, "", "internal/svc/svc.go", fileURI(module, true)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("GITHUB_STEP_SUMMARY", "")
			o := Options{Dir: wd, Root: tt.root, PathPrefix: tt.prefix, Rules: testRules}
			var b bytes.Buffer
			o.Format = "sarif"
			if err := Write(&b, fs, o); err != nil {
				t.Fatal(err)
			}
			validate(t, loadSARIFSchema(t), b.Bytes())
			var log struct {
				Runs []struct {
					OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
					Results            []struct {
						Locations []struct {
							PhysicalLocation struct {
								ArtifactLocation struct{ URI string } `json:"artifactLocation"`
							} `json:"physicalLocation"`
						} `json:"locations"`
					} `json:"results"`
				} `json:"runs"`
			}
			if err := json.Unmarshal(b.Bytes(), &log); err != nil {
				t.Fatal(err)
			}
			if got := log.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI; got != tt.path {
				t.Errorf("sarif uri %q, want %q", got, tt.path)
			}
			if got := log.Runs[0].OriginalURIBaseIDs["%SRCROOT%"].URI; got != tt.srcRoot {
				t.Errorf("%%SRCROOT%% %q, want %q", got, tt.srcRoot)
			}

			b.Reset()
			o.Format = "github"
			if err := Write(&b, fs, o); err != nil {
				t.Fatal(err)
			}
			if want := "::error file=" + tt.path + ",line=4,col=15,title=tenantcache::m\n"; b.String() != want {
				t.Errorf("github: %q, want %q", b.String(), want)
			}
			b.Reset()
			o.Format = "checkstyle"
			if err := Write(&b, fs, o); err != nil {
				t.Fatal(err)
			}
			if want := `<file name="` + tt.path + `">`; !strings.Contains(b.String(), want) {
				t.Errorf("checkstyle lacks %s:\n%s", want, b.String())
			}
			b.Reset()
			o.Format = "text"
			if err := Write(&b, fs, o); err != nil {
				t.Fatal(err)
			}
			if want := filepath.Join("..", "internal", "svc", "svc.go") + ":4:15: m (tenantcache)\n"; b.String() != want {
				t.Errorf("text: %q, want %q", b.String(), want)
			}
		})
	}
}

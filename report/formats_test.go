package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// tricky holds the characters each format must escape.
var tricky = []Finding{
	{Check: "tenantcache", File: filepath.Join("a,b", "c:d%.go"), Line: 3, Column: 7, EndLine: 3, EndColumn: 12,
		Message: "key \"x|y\" 100% <raw>\r\nsecond line: a,b & c", Fix: Manual},
	{Check: "tenantrepo", File: filepath.Join("m", "models.go"), Line: 9, Column: 6, Message: "plain", Fix: Fixable},
}

func TestGitHubEscaping(t *testing.T) {
	t.Setenv("GITHUB_STEP_SUMMARY", "")
	var b bytes.Buffer
	if err := Write(&b, tricky, Options{Format: "github"}); err != nil {
		t.Fatal(err)
	}
	want := "::error file=a%2Cb/c%3Ad%25.go,line=3,col=7,endLine=3,endColumn=12,title=tenantcache::" +
		"key \"x|y\" 100%25 <raw>%0D%0Asecond line: a,b & c\n" +
		"::error file=m/models.go,line=9,col=6,title=tenantrepo::plain\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestGitHubCapAndSummary(t *testing.T) {
	var fs []Finding
	for i := 1; i <= 13; i++ {
		fs = append(fs, Finding{Check: "tenantcache", File: "svc/svc.go", Line: i, Column: 2, Message: fmt.Sprintf("raw key %d", i)})
	}
	fs[12].Message = "a|b"
	summary := filepath.Join(t.TempDir(), "summary.md")
	if err := os.WriteFile(summary, []byte("earlier step\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GITHUB_STEP_SUMMARY", summary)
	var b bytes.Buffer
	if err := Write(&b, fs, Options{Format: "github"}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 11 {
		t.Fatalf("%d lines, want 10 errors and a notice:\n%s", len(lines), b.String())
	}
	for i, l := range lines[:10] {
		want := fmt.Sprintf("::error file=svc/svc.go,line=%d,col=2,title=tenantcache::raw key %d", i+1, i+1)
		if l != want {
			t.Errorf("line %d: %q, want %q", i, l, want)
		}
	}
	if want := "::notice::tenantlint: 3 of 13 findings are not annotated (GitHub shows 10 per step); the job summary lists all of them"; lines[10] != want {
		t.Errorf("notice %q, want %q", lines[10], want)
	}
	data, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	if !strings.HasPrefix(s, "earlier step\n### tenantlint: 13 findings\n\n| Check | File | Line | Column | Message | Fix |\n") {
		t.Errorf("summary does not append the table:\n%s", s)
	}
	for i := 1; i <= 12; i++ {
		if row := fmt.Sprintf("| tenantcache | svc/svc.go | %d | 2 | raw key %d |  |\n", i, i); !strings.Contains(s, row) {
			t.Errorf("summary lacks %q:\n%s", row, s)
		}
	}
	if row := `| tenantcache | svc/svc.go | 13 | 2 | a\|b |  |`; !strings.Contains(s, row) {
		t.Errorf("summary lacks escaped row %q:\n%s", row, s)
	}

	// Without the summary file the notice says how to see the rest.
	t.Setenv("GITHUB_STEP_SUMMARY", "")
	b.Reset()
	if err := Write(&b, fs, Options{Format: "github"}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(b.String(), "; run tenantlint with --format text to list them\n") {
		t.Errorf("notice without summary:\n%s", b.String())
	}
	// Exactly 10 findings: no notice.
	b.Reset()
	if err := GitHub(&b, fs[:10], ""); err != nil || strings.Contains(b.String(), "::notice") {
		t.Errorf("10 findings: %v\n%s", err, b.String())
	}
}

func TestGitHubSummaryMultilineCell(t *testing.T) {
	summary := filepath.Join(t.TempDir(), "summary.md")
	if err := GitHub(&bytes.Buffer{}, tricky[:1], summary); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(summary)
	want := "| tenantcache | a,b/c:d%.go | 3 | 7 | key \"x\\|y\" 100% <raw><br>second line: a,b & c | manual |\n"
	if !strings.Contains(string(data), want) {
		t.Errorf("summary:\n%s\nlacks\n%s", data, want)
	}
}

func TestCheckstyle(t *testing.T) {
	fs := append([]Finding{}, tricky...)
	fs = append(fs, Finding{Check: "tenantrepo", File: tricky[0].File, Line: 20, Column: 1, Message: "second in file"})
	var b bytes.Buffer
	if err := Write(&b, fs, Options{Format: "checkstyle"}); err != nil {
		t.Fatal(err)
	}
	first := filepath.Join("a,b", "c:d%.go")
	second := filepath.Join("m", "models.go")
	want := `<?xml version="1.0" encoding="UTF-8"?>
<checkstyle version="4.3">
  <file name="` + first + `">
    <error line="3" column="7" severity="error" message="key &#34;x|y&#34; 100% &lt;raw&gt;&#xD;&#xA;second line: a,b &amp; c" source="tenantlint.tenantcache"></error>
    <error line="20" column="1" severity="error" message="second in file" source="tenantlint.tenantrepo"></error>
  </file>
  <file name="` + second + `">
    <error line="9" column="6" severity="error" message="plain" source="tenantlint.tenantrepo"></error>
  </file>
</checkstyle>
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	// It parses back to the same messages.
	var doc struct {
		Files []struct {
			Name   string `xml:"name,attr"`
			Errors []struct {
				Message string `xml:"message,attr"`
			} `xml:"error"`
		} `xml:"file"`
	}
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Files[0].Name != first || doc.Files[0].Errors[0].Message != tricky[0].Message {
		t.Errorf("round trip: %+v", doc)
	}

	b.Reset()
	if err := Checkstyle(&b, nil); err != nil || b.String() != xml.Header+"<checkstyle version=\"4.3\"></checkstyle>\n" {
		t.Errorf("clean run: %v %q", err, b.String())
	}
}

type junitDoc struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func parseJUnit(t *testing.T, fs []Finding, checks []string) junitDoc {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, fs, Options{Format: "junit", Checks: checks, Rules: testRules}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), xml.Header+"<testsuites") {
		t.Errorf("header:\n%s", b.String())
	}
	var doc junitDoc
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("%v in\n%s", err, b.String())
	}
	return doc
}

func TestJUnit(t *testing.T) {
	fs := []Finding{tricky[0], {Check: "tenantcache", File: "x.go", Line: 1, Column: 1, Message: "m2"}}
	doc := parseJUnit(t, fs, nil)
	if doc.Tests != 3 || doc.Failures != 2 || len(doc.Suites) != 2 {
		t.Fatalf("totals: %+v", doc)
	}
	repo, cache := doc.Suites[0], doc.Suites[1]
	if repo.Name != "tenantrepo" || repo.Tests != 1 || repo.Failures != 0 || repo.Cases[0].Failure != nil || repo.Cases[0].Classname != "tenantrepo" {
		t.Errorf("clean check suite: %+v", repo)
	}
	if cache.Name != "tenantcache" || cache.Tests != 2 || cache.Failures != 2 {
		t.Fatalf("tenantcache suite: %+v", cache)
	}
	c := cache.Cases[0]
	pos := tricky[0].File + ":3:7"
	if c.Name != pos || c.Classname != "tenantcache" || c.Failure == nil ||
		c.Failure.Message != tricky[0].Message || c.Failure.Type != "tenantcache" ||
		!strings.HasPrefix(c.Failure.Text, pos+": "+tricky[0].Message) {
		t.Errorf("failing case: %+v %+v", c, c.Failure)
	}

	// A clean run: one passing case per check, zero failures.
	doc = parseJUnit(t, nil, nil)
	if doc.Tests != 2 || doc.Failures != 0 || len(doc.Suites) != 2 {
		t.Errorf("clean run: %+v", doc)
	}
	for _, s := range doc.Suites {
		if s.Tests != 1 || s.Failures != 0 || s.Cases[0].Name != s.Name || s.Cases[0].Failure != nil {
			t.Errorf("clean suite: %+v", s)
		}
	}
	// --checks tenantcache: only that suite.
	if doc = parseJUnit(t, nil, []string{"tenantcache"}); len(doc.Suites) != 1 || doc.Suites[0].Name != "tenantcache" {
		t.Errorf("--checks tenantcache: %+v", doc)
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	if err := Write(&bytes.Buffer{}, nil, Options{Format: "xml"}); err == nil || !strings.Contains(err.Error(), "sarif, github, checkstyle, junit") {
		t.Errorf("unknown format: %v", err)
	}
}

// TestFindingJSON: the result cache keeps everything a finding holds;
// --format json prints its end (the start when it has none, as go vet
// -json does) and its suggested fix with go vet -json's names.
func TestFindingJSON(t *testing.T) {
	f := Finding{Check: "tenantcache", File: "a.go", Line: 1, Column: 2, EndLine: 3, EndColumn: 4, Message: "m", Fix: Fixable,
		SuggestedFixes: []SuggestedFix{{Message: "wrap the key", Edits: []Edit{
			{File: "a.go", Start: 10, End: 10, StartLine: 2, StartColumn: 3, EndLine: 2, EndColumn: 3, New: "tenant.Key(ctx, "},
			{File: "a.go", Start: 13, End: 13, StartLine: 2, StartColumn: 6, EndLine: 2, EndColumn: 6, New: ")"},
		}}}}
	data, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	var back Finding
	if err := json.Unmarshal(data, &back); err != nil || !reflect.DeepEqual(back, f) {
		t.Errorf("round trip: %+v, %v", back, err)
	}
	noEnd := Finding{Check: "tenantrepo", File: "b.go", Line: 5, Column: 6, Message: "n", Fix: Manual}
	var b bytes.Buffer
	if err := JSON(&b, []Finding{f, noEnd}); err != nil {
		t.Fatal(err)
	}
	want := `{
  "findings": [
    {
      "check": "tenantcache",
      "file": "a.go",
      "line": 1,
      "column": 2,
      "end_line": 3,
      "end_column": 4,
      "message": "m",
      "fix": "fixable",
      "suggested_fixes": [
        {
          "message": "wrap the key",
          "edits": [
            {
              "filename": "a.go",
              "start": 10,
              "end": 10,
              "start_line": 2,
              "start_column": 3,
              "end_line": 2,
              "end_column": 3,
              "new": "tenant.Key(ctx, "
            },
            {
              "filename": "a.go",
              "start": 13,
              "end": 13,
              "start_line": 2,
              "start_column": 6,
              "end_line": 2,
              "end_column": 6,
              "new": ")"
            }
          ]
        }
      ]
    },
    {
      "check": "tenantrepo",
      "file": "b.go",
      "line": 5,
      "column": 6,
      "end_line": 5,
      "end_column": 6,
      "message": "n",
      "fix": "manual"
    }
  ]
}
`
	if b.String() != want {
		t.Errorf("--format json:\n%s\nwant\n%s", b.String(), want)
	}

	// Relative rewrites the edits' file names too, and leaves the
	// caller's findings as they were.
	dir := t.TempDir()
	in := f
	in.File = filepath.Join(dir, "a.go")
	in.SuggestedFixes = []SuggestedFix{{Message: "x", Edits: []Edit{{File: filepath.Join(dir, "sub", "b.go")}}}}
	fs := []Finding{in}
	orig := in.SuggestedFixes[0].Edits[0].File
	Relative(fs, dir)
	if fs[0].File != "a.go" || fs[0].SuggestedFixes[0].Edits[0].File != filepath.Join("sub", "b.go") || in.SuggestedFixes[0].Edits[0].File != orig {
		t.Errorf("Relative: %+v (the original edit now names %s)", fs[0], in.SuggestedFixes[0].Edits[0].File)
	}
}

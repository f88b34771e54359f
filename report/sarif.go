package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Rule describes one check for formats that carry rule metadata.
type Rule struct {
	ID, Short, Full, Help string
}

// IDs are the IDs of rules, in order.
func IDs(rules []Rule) []string {
	ids := make([]string, len(rules))
	for i, r := range rules {
		ids[i] = r.ID
	}
	return ids
}

const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	infoURI      = "https://github.com/tenantlint/tenantlint"
	srcRootBase  = "%SRCROOT%"
	fingerprintK = "primaryLocationLineHash"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                   `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
	Results            []sarifResult               `json:"results"`
	ColumnKind         string                      `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	SemanticVer    string      `json:"semanticVersion,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID               string    `json:"id"`
	Name             string    `json:"name"`
	ShortDescription sarifText `json:"shortDescription"`
	FullDescription  sarifText `json:"fullDescription"`
	Help             sarifText `json:"help"`
	HelpURI          string    `json:"helpUri"`
	DefaultConfig    struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
	Properties          map[string]string `json:"properties,omitempty"`
}

type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLoc   `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent *sarifText  `json:"insertedContent,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
	Region           *sarifRegion     `json:"region,omitempty"`
}

type sarifArtifactLoc struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

// SARIF writes a SARIF 2.1.0 log with one run. Artifact URIs are relative
// to o.Root, with o.PathPrefix in front (uriBaseId %SRCROOT%); files
// outside it get absolute file URIs. Columns are converted to UTF-16 code
// units, SARIF's default column kind, when the file can be read. A
// finding's suggested fix is a fix of artifactChanges, one per file,
// whose replacements give the deleted region and the inserted text.
//
// partialFingerprints.primaryLocationLineHash hashes the check, the
// module-relative file, the flagged line's trimmed text and the finding's
// occurrence index among findings with the same three, so it survives
// lines added or removed elsewhere in the file.
func SARIF(w io.Writer, fs []Finding, o Options) error {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "tenantlint",
			Version:        o.ToolVersion,
			SemanticVer:    o.ToolSemanticVersion,
			InformationURI: infoURI,
		}},
		Results:    []sarifResult{},
		ColumnKind: "utf16CodeUnits",
	}
	if base, ok := o.srcRoot(); ok {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLoc{srcRootBase: {URI: fileURI(base, true)}}
	}
	index := map[string]int{}
	addRule := func(r Rule) {
		sr := sarifRule{
			ID:               r.ID,
			Name:             ruleName(r),
			ShortDescription: sarifText{r.Short},
			FullDescription:  sarifText{r.Full},
			Help:             sarifText{r.Help},
			HelpURI:          infoURI + "#" + r.ID,
		}
		sr.DefaultConfig.Level = "error"
		index[r.ID] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sr)
	}
	for _, r := range o.Rules {
		addRule(r)
	}

	sorted := append([]Finding(nil), fs...)
	Sort(sorted)
	src := fileCache{}
	seen := map[string]int{}
	for _, f := range sorted {
		if _, ok := index[f.Check]; !ok {
			addRule(Rule{ID: f.Check, Short: f.Check, Full: f.Check, Help: f.Check})
		}
		path := abs(o.Dir, f.File)
		art := o.artifact(path)
		lineText := src.lineText(path)
		var region *sarifRegion
		if f.Line > 0 {
			region = &sarifRegion{StartLine: f.Line}
			if f.Column > 0 {
				region.StartColumn = utf16Column(lineText, f.Line, f.Column)
			}
			if f.EndLine >= f.Line {
				region.EndLine = f.EndLine
				if f.EndColumn > 0 {
					region.EndColumn = utf16Column(lineText, f.EndLine, f.EndColumn)
				}
				if region.EndLine == region.StartLine && region.EndColumn != 0 && region.EndColumn < region.StartColumn {
					region.EndColumn = 0
				}
			}
		}
		text, ok := lineText(f.Line)
		if !ok {
			text = f.Message
		}
		key := f.Check + "\x00" + art.URI + "\x00" + strings.TrimSpace(text)
		seen[key]++
		sum := sha256.Sum256([]byte(key))
		fp := hex.EncodeToString(sum[:8]) + ":" + strconv.Itoa(seen[key])
		res := sarifResult{
			RuleID:              f.Check,
			RuleIndex:           index[f.Check],
			Level:               "error",
			Message:             sarifText{f.Message},
			Locations:           []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: art, Region: region}}},
			PartialFingerprints: map[string]string{fingerprintK: fp},
		}
		for _, sf := range f.SuggestedFixes {
			res.Fixes = append(res.Fixes, o.sarifFix(sf, src))
		}
		if f.Fix != "" {
			res.Properties = map[string]string{"fix": f.Fix}
		}
		if f.Kind != "" {
			if res.Properties == nil {
				res.Properties = map[string]string{}
			}
			res.Properties["kind"] = f.Kind
		}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}})
}

// srcRoot is the folder that %SRCROOT% stands for: the repository's
// root. With a path prefix it is o.Root without the prefix's folders
// when o.Root ends with them, and unknown otherwise.
func (o Options) srcRoot() (string, bool) {
	root := o.repoRoot()
	if o.PathPrefix == "" {
		return root, true
	}
	slash := filepath.ToSlash(root)
	if base, ok := strings.CutSuffix(slash, "/"+o.PathPrefix); ok {
		if base == "" {
			base = "/"
		}
		return filepath.FromSlash(base), true
	}
	return "", false
}

// artifact locates the file at the absolute path.
func (o Options) artifact(path string) sarifArtifactLoc {
	rel, ok := o.repoPath(path)
	if !ok {
		return sarifArtifactLoc{URI: fileURI(path, false)}
	}
	return sarifArtifactLoc{URI: escapePath(rel), URIBaseID: srcRootBase}
}

// sarifFix converts a suggested fix, its edits grouped by file in the
// order they first appear.
func (o Options) sarifFix(sf SuggestedFix, src fileCache) sarifFix {
	fix := sarifFix{Description: sarifText{sf.Message}}
	at := map[string]int{}
	for _, e := range sf.Edits {
		path := abs(o.Dir, e.File)
		i, ok := at[path]
		if !ok {
			i = len(fix.ArtifactChanges)
			at[path] = i
			fix.ArtifactChanges = append(fix.ArtifactChanges, sarifArtifactChange{ArtifactLocation: o.artifact(path)})
		}
		lineText := src.lineText(path)
		rep := sarifReplacement{DeletedRegion: sarifRegion{
			StartLine: e.StartLine, StartColumn: utf16Column(lineText, e.StartLine, e.StartColumn),
			EndLine: e.EndLine, EndColumn: utf16Column(lineText, e.EndLine, e.EndColumn),
		}}
		if e.New != "" {
			rep.InsertedContent = &sarifText{e.New}
		}
		fix.ArtifactChanges[i].Replacements = append(fix.ArtifactChanges[i].Replacements, rep)
	}
	return fix
}

// ruleName is a rule's SARIF name: its short description in PascalCase
// ("Cache key that is not tenant-scoped" is CacheKeyThatIsNotTenantScoped),
// which code scanning shows apart from the id.
func ruleName(r Rule) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(r.Short, func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) }) {
		first, size := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(first))
		b.WriteString(w[size:])
	}
	if b.Len() == 0 || b.String() == r.ID {
		return r.ID + "Finding"
	}
	return b.String()
}

// utf16Column converts a 1-based byte column on line n to a 1-based
// column in UTF-16 code units; it returns col unchanged when the line is
// unknown.
func utf16Column(lineText func(int) (string, bool), n, col int) int {
	s, ok := lineText(n)
	if !ok || col-1 > len(s) {
		return col
	}
	units := 0
	for _, r := range s[:col-1] {
		if r >= 0x10000 && r != utf8.RuneError {
			units += 2
		} else {
			units++
		}
	}
	return units + 1
}

// fileCache reads each file once and splits it into lines.
type fileCache map[string][]string

// lineText returns the text of a line of the file at path, by 1-based
// number, and false when the file or the line is not there.
func (c fileCache) lineText(path string) func(int) (string, bool) {
	lines := c.lines(path)
	return func(n int) (string, bool) {
		if n >= 1 && n <= len(lines) {
			return lines[n-1], true
		}
		return "", false
	}
}

func (c fileCache) lines(path string) []string {
	if ls, ok := c[path]; ok {
		return ls
	}
	var ls []string
	if data, err := os.ReadFile(path); err == nil {
		ls = strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	}
	c[path] = ls
	return ls
}

// fileURI returns a file:// URI for an absolute path; dir adds the
// trailing slash that a base URI needs.
func fileURI(path string, dir bool) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x on Windows
	}
	if dir && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// escapePath percent-encodes what a relative URI reference cannot hold.
func escapePath(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}

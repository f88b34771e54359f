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
	Properties          map[string]string `json:"properties,omitempty"`
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
// to o.Root (uriBaseId %SRCROOT%); files outside it get absolute file URIs.
// Columns are converted to UTF-16 code units, SARIF's default column kind,
// when the file can be read.
//
// partialFingerprints.primaryLocationLineHash hashes the check, the
// module-relative file, the flagged line's trimmed text and the finding's
// occurrence index among findings with the same three, so it survives
// lines added or removed elsewhere in the file.
func SARIF(w io.Writer, fs []Finding, o Options) error {
	root := o.Root
	if root == "" {
		root = abs(o.Dir, ".")
	}
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "tenantlint",
			Version:        o.ToolVersion,
			SemanticVer:    o.ToolSemanticVersion,
			InformationURI: infoURI,
		}},
		OriginalURIBaseIDs: map[string]sarifArtifactLoc{
			srcRootBase: {URI: fileURI(root, true)},
		},
		Results:    []sarifResult{},
		ColumnKind: "utf16CodeUnits",
	}
	index := map[string]int{}
	addRule := func(r Rule) {
		sr := sarifRule{
			ID:               r.ID,
			Name:             r.ID,
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
		art := sarifArtifactLoc{URI: fileURI(path, false)}
		if rel := RelPath(root, path); !filepath.IsAbs(rel) {
			art = sarifArtifactLoc{URI: escapePath(filepath.ToSlash(rel)), URIBaseID: srcRootBase}
		}
		lines := src.lines(path)
		lineText := func(n int) (string, bool) {
			if n >= 1 && n <= len(lines) {
				return lines[n-1], true
			}
			return "", false
		}
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
		if f.Fix != "" {
			res.Properties = map[string]string{"fix": f.Fix}
		}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}})
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

package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"

	"github.com/tenantlint/tenantlint/internal/driver"
	"github.com/tenantlint/tenantlint/internal/index"
	"github.com/tenantlint/tenantlint/internal/lint"
	"github.com/tenantlint/tenantlint/report"
	"github.com/tenantlint/tenantlint/rewrite"
)

// cachedPlan is what a --dry-run prints, kept so that a run whose inputs
// did not change (driver.ResultKey) replays it instead of analyzing,
// merging, formatting and diffing every file again: the fixer's warm cost
// then matches tenantlint's.
type cachedPlan struct {
	Diff                    string
	Files                   []cachedFile
	Models, Keys, Conflicts int
	Manual                  []report.Finding
}

type cachedFile struct {
	Rel     string
	Created bool
}

const (
	dryRunKind = "tenantfix-dry-run"
	verifyKind = "tenantfix-verify"
)

// runKey is the whole-run key of a --dry-run or --verify over patterns,
// or false when the run cannot be cached (see driver.ResultKey); --files
// runs, which span modules, and --no-cache runs are never cached.
func (t *tool) runKey(wd string, patterns []string) (string, bool) {
	if t.o.files || t.o.noCache {
		return "", false
	}
	return driver.ResultKey(wd, driver.Options{Config: t.o.config, Checks: t.o.checks}, patterns)
}

// loadPlan returns the cached --dry-run output under key, as a plan with
// the summary's fields filled, and its diff.
func loadPlan(key string) (*rewrite.Plan, string, bool) {
	var c cachedPlan
	if !driver.LoadValue(key, dryRunKind, &c) {
		return nil, "", false
	}
	for _, f := range c.Manual {
		if _, err := os.Stat(f.File); err != nil {
			return nil, "", false // defensive: a finding's file vanished
		}
	}
	p := &rewrite.Plan{Models: c.Models, Keys: c.Keys, Conflicts: c.Conflicts, Manual: c.Manual}
	for _, f := range c.Files {
		p.Files = append(p.Files, &rewrite.FileChange{Rel: f.Rel, Created: f.Created})
	}
	return p, c.Diff, true
}

func storePlan(key string, p *rewrite.Plan, diff string) {
	c := cachedPlan{Diff: diff, Models: p.Models, Keys: p.Keys, Conflicts: p.Conflicts, Manual: p.Manual}
	for _, f := range p.Files {
		c.Files = append(c.Files, cachedFile{Rel: f.Rel, Created: f.Created})
	}
	driver.StoreValue(key, dryRunKind, c)
}

// cachedVerify is what --verify reports before its gate (baseline,
// --new-from-rev) applies: the findings and the checks' totals.
type cachedVerify struct {
	Findings []report.Finding
	Stats    map[string]*lint.Stats
}

// loadVerify returns the cached analysis of a --verify run under key.
func loadVerify(key string) (*driver.Result, bool) {
	var c cachedVerify
	if !driver.LoadValue(key, verifyKind, &c) || c.Stats == nil {
		return nil, false
	}
	for _, f := range c.Findings {
		if _, err := os.Stat(f.File); err != nil {
			return nil, false // defensive: a finding's file vanished
		}
	}
	return &driver.Result{Findings: c.Findings, Stats: c.Stats}, true
}

func storeVerify(key string, res *driver.Result) {
	findings := res.Findings
	if findings == nil {
		findings = []report.Finding{}
	}
	driver.StoreValue(key, verifyKind, cachedVerify{Findings: findings, Stats: res.Stats})
}

// cacheMemo keeps fixed files in the tool's cache (see rewrite.Memo),
// under the tool's build, since the formatting comes from the go/format
// it was built with. Each entry starts with its content's SHA-256, so a
// damaged entry is never used: tenantfix writes what Load returns.
type cacheMemo struct{ tool string }

func newCacheMemo() rewrite.Memo { return cacheMemo{tool: index.ToolIdentity()} }

func (m cacheMemo) file(key string) string {
	sum := sha256.Sum256([]byte(m.tool + "\x00" + key))
	return filepath.Join(index.CacheDir(), "rewrite", hex.EncodeToString(sum[:]))
}

func (m cacheMemo) Load(key string) ([]byte, bool) {
	data, err := index.ReadCacheFile(m.file(key))
	if err != nil || len(data) < sha256.Size {
		return nil, false
	}
	sum := sha256.Sum256(data[sha256.Size:])
	if !bytes.Equal(sum[:], data[:sha256.Size]) {
		return nil, false
	}
	return data[sha256.Size:], true
}

func (m cacheMemo) Store(key string, fixed []byte) {
	sum := sha256.Sum256(fixed)
	_ = index.WriteCacheFile(m.file(key), append(sum[:], fixed...))
}

// printDryRun writes the diff and the summary of a --dry-run.
func (t *tool) printDryRun(p *rewrite.Plan, diff, wd string) int {
	t.progress.clear()
	io.WriteString(t.stdout, diff)
	t.summary(p, wd, "to change")
	return 0
}

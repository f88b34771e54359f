package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"io"
	"path/filepath"

	"github.com/tenantlint/tenantlint/internal/diskcache"
	"github.com/tenantlint/tenantlint/internal/driver"
	"github.com/tenantlint/tenantlint/internal/registry"
	"github.com/tenantlint/tenantlint/internal/runcache"
	"github.com/tenantlint/tenantlint/report"
	"github.com/tenantlint/tenantlint/rewrite"
)

// cachedPlan is what a --dry-run prints, kept so that a run whose inputs
// did not change (runcache.Key) replays it instead of analyzing,
// merging, formatting and diffing every file again: the fixer's warm cost
// then matches tenantlint's.
type cachedPlan struct {
	Diff      string
	Files     []cachedFile
	Fixed     map[string]int // by check: see rewrite.Plan
	Conflicts int
	Manual    []report.Finding
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
// or false when the run cannot be cached (see runcache.Key); --files
// runs, which span modules, and --no-cache runs are never cached.
func (t *tool) runKey(wd string, patterns []string) (string, bool) {
	if t.o.files || t.o.noCache {
		return "", false
	}
	return runcache.Key(wd, t.o.config, t.o.checks, patterns)
}

// loadPlan returns the cached --dry-run output under key, as a plan with
// the summary's fields filled, and its diff.
func loadPlan(key string) (*rewrite.Plan, string, bool) {
	var c cachedPlan
	if !runcache.LoadValue(key, dryRunKind, &c) || !runcache.FilesExist(c.Manual) {
		return nil, "", false
	}
	p := &rewrite.Plan{Fixed: c.Fixed, Conflicts: c.Conflicts, Manual: c.Manual}
	for _, f := range c.Files {
		p.Files = append(p.Files, &rewrite.FileChange{Rel: f.Rel, Created: f.Created})
	}
	return p, c.Diff, true
}

func storePlan(key string, p *rewrite.Plan, diff string) {
	c := cachedPlan{Diff: diff, Fixed: p.Fixed, Conflicts: p.Conflicts, Manual: p.Manual}
	for _, f := range p.Files {
		c.Files = append(c.Files, cachedFile{Rel: f.Rel, Created: f.Created})
	}
	runcache.StoreValue(key, dryRunKind, c)
}

// cachedVerify is what --verify reports before its gate (baseline,
// --new-from-rev) applies: the findings and the checks' totals.
type cachedVerify struct {
	Findings []report.Finding
	Stats    registry.Stats
}

// loadVerify returns the cached analysis of a --verify run under key.
func loadVerify(key string) (*driver.Result, bool) {
	var c cachedVerify
	if !runcache.LoadValue(key, verifyKind, &c) || c.Stats == nil || !runcache.FilesExist(c.Findings) {
		return nil, false
	}
	return &driver.Result{Findings: c.Findings, Stats: c.Stats}, true
}

func storeVerify(key string, res *driver.Result) {
	findings := res.Findings
	if findings == nil {
		findings = []report.Finding{}
	}
	runcache.StoreValue(key, verifyKind, cachedVerify{Findings: findings, Stats: res.Stats})
}

// packMemo keeps the fixer's checked files (see rewrite.Memo) in the
// tool's cache: one file per module, holding the entries of the last run,
// so that a run reads and writes one file, not one per changed file (at
// 800 packages, one file per entry cost a cold --dry-run 2.4 s). It is
// named by the tool's build too, since the formatting comes from the
// go/format it was built with. Each entry is sealed (diskcache.Seal),
// so a damaged entry is never used: tenantfix writes what Load
// returns.
type packMemo struct {
	file   string
	loaded bool
	last   map[string][]byte // the last run's entries
	next   map[string][]byte // this run's entries
	stored bool
}

func newPackMemo(root string) *packMemo {
	sum := sha256.Sum256([]byte(diskcache.ToolIdentity() + "\x00" + root))
	return &packMemo{file: filepath.Join(diskcache.Dir(), "rewrite", hex.EncodeToString(sum[:16])+".gob"), next: map[string][]byte{}}
}

func (m *packMemo) Load(key string) ([]byte, bool) {
	if !m.loaded {
		m.loaded = true
		if data, err := diskcache.ReadFile(m.file); err == nil {
			_ = gob.NewDecoder(bytes.NewReader(data)).Decode(&m.last)
		}
	}
	entry, ok := m.last[key]
	if !ok {
		return nil, false
	}
	value, ok := diskcache.Unseal(entry)
	if !ok {
		return nil, false
	}
	m.next[key] = entry
	return value, true
}

func (m *packMemo) Store(key string, value []byte) {
	m.next[key] = diskcache.Seal(value)
	m.stored = true
}

// save writes this run's entries unless they are the last run's.
func (m *packMemo) save() {
	if !m.stored && len(m.next) == len(m.last) {
		return
	}
	var buf bytes.Buffer
	if gob.NewEncoder(&buf).Encode(m.next) == nil {
		_ = diskcache.WriteFile(m.file, buf.Bytes())
	}
}

// printDryRun writes the diff and the summary of a --dry-run.
func (t *tool) printDryRun(p *rewrite.Plan, diff, wd string) int {
	t.progress.Clear()
	io.WriteString(t.stdout, diff)
	t.summary(p, wd, "to change")
	return 0
}

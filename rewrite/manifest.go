package rewrite

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// ManifestName is the manifest's file name inside a backup folder.
const ManifestName = "manifest.json"

// manifestVersion is the only manifest version this tenantfix reads.
const manifestVersion = 1

// Manifest records what a run changed, for --restore.
type Manifest struct {
	Version int `json:"version"`
	// Root is where the module was when the backup was made. Restore does
	// not use it: it restores the module that holds the backup folder.
	Root    string         `json:"root"`
	Created time.Time      `json:"created"`
	Files   []ManifestFile `json:"files"`
}

// ManifestFile is one changed file.
type ManifestFile struct {
	Path    string      `json:"path"` // relative to the module root, slash-separated
	Mode    os.FileMode `json:"mode"` // permission bits only
	OrigSHA string      `json:"sha256_orig,omitempty"`
	NewSHA  string      `json:"sha256_new"`
	Action  string      `json:"action"` // "modified" or "created"
}

// The two actions of a manifest entry.
const (
	ActionModified = "modified"
	ActionCreated  = "created"
)

// ReadManifest reads a backup folder's manifest and checks all of it
// (see validate): a manifest is data that anyone could have written.
func ReadManifest(dir string) (*Manifest, error) {
	name := filepath.Join(dir, ManifestName)
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("reading backup manifest: %w", err)
	}
	m := new(Manifest)
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(m); err != nil {
		return nil, fmt.Errorf("%s: not a tenantfix manifest: %w", name, err)
	}
	if err := m.validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return m, nil
}

// validate refuses a manifest that tenantfix did not write: an unknown
// version, action or mode, a path that is not a clean relative path of a
// Go file (one that could leave the module or reach .git or .tenantfix),
// a path listed twice, a malformed checksum.
func (m *Manifest) validate() error {
	if m.Version != manifestVersion {
		return fmt.Errorf("manifest version %d is not one this tenantfix reads (%d)", m.Version, manifestVersion)
	}
	seen := map[string]bool{}
	for i, mf := range m.Files {
		where := fmt.Sprintf("entry %d (%q)", i+1, mf.Path)
		if err := checkManifestPath(mf.Path); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		if seen[mf.Path] {
			return fmt.Errorf("%s: the path is listed twice", where)
		}
		seen[mf.Path] = true
		if mf.Mode&^os.ModePerm != 0 {
			return fmt.Errorf("%s: mode %#o is not permission bits only", where, uint32(mf.Mode))
		}
		if !isSHA256(mf.NewSHA) {
			return fmt.Errorf("%s: sha256_new is not a sha256", where)
		}
		switch mf.Action {
		case ActionModified:
			if !isSHA256(mf.OrigSHA) {
				return fmt.Errorf("%s: sha256_orig is not a sha256", where)
			}
		case ActionCreated:
			if mf.OrigSHA != "" {
				return fmt.Errorf("%s: a created file has no sha256_orig", where)
			}
		default:
			return fmt.Errorf("%s: unknown action %q (want %q or %q)", where, mf.Action, ActionModified, ActionCreated)
		}
	}
	return nil
}

// checkManifestPath accepts the paths tenantfix writes: clean, relative,
// slash-separated names of .go files, outside .git and .tenantfix.
func checkManifestPath(p string) error {
	switch {
	case p == "" || p != path.Clean(p) || strings.Contains(p, `\`) || !filepath.IsLocal(filepath.FromSlash(p)) || path.IsAbs(p):
		return fmt.Errorf("not a clean relative path inside the module")
	case !strings.HasSuffix(p, ".go"):
		return fmt.Errorf("not a Go file (tenantfix only writes .go files)")
	}
	for _, el := range strings.Split(p, "/") {
		if el == ".git" || el == StateDir {
			return fmt.Errorf("inside %s, where tenantfix never writes", el)
		}
	}
	return nil
}

// isSHA256 reports whether s is a SHA-256 sum in lowercase hex, the form
// tenantfix writes.
func isSHA256(s string) bool {
	b, err := hex.DecodeString(s)
	return err == nil && len(b) == 32 && s == strings.ToLower(s)
}

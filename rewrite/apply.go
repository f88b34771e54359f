package rewrite

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ManifestName is the manifest's file name inside a backup folder.
const ManifestName = "manifest.json"

// Manifest records what a run changed, for --restore.
type Manifest struct {
	Version int            `json:"version"`
	Root    string         `json:"root"`
	Created time.Time      `json:"created"`
	Files   []ManifestFile `json:"files"`
}

// ManifestFile is one changed file.
type ManifestFile struct {
	Path    string      `json:"path"` // relative to Root, slash-separated
	Mode    os.FileMode `json:"mode"`
	OrigSHA string      `json:"sha256_orig,omitempty"`
	NewSHA  string      `json:"sha256_new"`
	Action  string      `json:"action"` // "modified" or "created"
}

// Hooks lets tests widen the window between writes or inject failures.
type Hooks struct {
	BeforeWrite func(i int, path string) error
}

// Verify re-loads the changed packages after writing and returns the
// errors it finds, one string each; any error makes Apply roll back.
type Verify func(dirs []string) []string

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// DefaultBackupDir is .tenantfix/backups/<UTC timestamp>/ under root.
func DefaultBackupDir(root string, now time.Time) string {
	return filepath.Join(root, ".tenantfix", "backups", now.UTC().Format("20060102T150405.000000000Z"))
}

// Check refuses plans that cannot be applied safely: a path outside the
// module (or reached through a symlink that leaves it), a read-only file,
// an existing backup folder, a file that changed since it was read.
func (p *Plan) Check(backupDir string) error {
	if _, err := os.Lstat(backupDir); err == nil {
		return fmt.Errorf("backup folder %s already exists; choose another with --backup-dir", backupDir)
	}
	realRoot, err := filepath.EvalSymlinks(p.Root)
	if err != nil {
		return fmt.Errorf("module root %s: %w", p.Root, err)
	}
	for _, fc := range p.Files {
		if err := fc.check(realRoot); err != nil {
			return err
		}
	}
	return nil
}

func (fc *FileChange) check(realRoot string) error {
	target := fc.Path
	if fc.Created {
		target = filepath.Dir(fc.Path)
	}
	real, err := filepath.EvalSymlinks(target)
	if err != nil {
		return fmt.Errorf("%s: %w", fc.Rel, err)
	}
	if rel, err := filepath.Rel(realRoot, real); err != nil || rel == ".." || strings.HasPrefix(rel, "../") {
		return fmt.Errorf("%s resolves to %s, outside the module; refusing to write it", fc.Rel, real)
	}
	if fc.Created {
		if _, err := os.Lstat(fc.Path); err == nil {
			return fmt.Errorf("%s already exists; refusing to overwrite it", fc.Rel)
		}
		return nil
	}
	st, err := os.Stat(fc.Path)
	if err != nil {
		return fmt.Errorf("%s: %w", fc.Rel, err)
	}
	if st.Mode().Perm()&0o200 == 0 {
		return fmt.Errorf("%s is read-only; refusing to change it", fc.Rel)
	}
	f, err := os.OpenFile(fc.Path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("%s is not writable: %w", fc.Rel, err)
	}
	f.Close()
	cur, err := os.ReadFile(fc.Path)
	if err != nil {
		return fmt.Errorf("%s: %w", fc.Rel, err)
	}
	if !bytes.Equal(cur, fc.Old) {
		return fmt.Errorf("%s changed since it was analyzed; run again", fc.Rel)
	}
	return nil
}

// Apply writes the backup and its manifest (fsynced) before the first
// change, then replaces each file by an atomic rename. Any failure, or any
// error reported by verify afterwards, restores every file. It returns the
// manifest written.
func (p *Plan) Apply(backupDir string, hooks Hooks, verify Verify) (*Manifest, error) {
	if err := p.Check(backupDir); err != nil {
		return nil, err
	}
	created := missingDirs(filepath.Dir(backupDir))
	m, err := p.writeBackup(backupDir)
	if err != nil {
		removeBackup(backupDir, created)
		return nil, err
	}
	// undo puts every file back; once that succeeded the backup holds
	// nothing that the tree does not, so it goes too: a failed run leaves
	// the module as it found it. If rolling back failed, the backup stays
	// for --restore.
	undo := func(cause error) error {
		if err := p.rollback(cause); err != cause {
			return fmt.Errorf("%w (backup kept in %s)", err, backupDir)
		}
		removeBackup(backupDir, created)
		return cause
	}
	for i, fc := range p.Files {
		if hooks.BeforeWrite != nil {
			if err := hooks.BeforeWrite(i, fc.Path); err != nil {
				return nil, undo(fmt.Errorf("writing %s: %w; every file was restored", fc.Rel, err))
			}
		}
		if err := fc.write(); err != nil {
			return nil, undo(fmt.Errorf("%w; every file was restored", err))
		}
	}
	if verify != nil {
		if errs := verify(p.dirs()); len(errs) > 0 {
			return nil, undo(fmt.Errorf("the fixed code does not type-check, so every file was restored:\n%s", strings.Join(errs, "\n")))
		}
	}
	return m, nil
}

// missingDirs lists dir and those of its parents that do not exist yet,
// deepest first: the folders that creating dir will create.
func missingDirs(dir string) []string {
	var out []string
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil || filepath.Dir(d) == d {
			return out
		}
		out = append(out, d)
	}
}

// removeBackup removes a backup folder that a failed run created, and the
// parents (such as .tenantfix/backups) that the run created for it when
// they are empty.
func removeBackup(dir string, createdParents []string) {
	os.RemoveAll(dir)
	for _, d := range createdParents {
		if os.Remove(d) != nil {
			return
		}
	}
}

func (p *Plan) dirs() []string {
	seen := map[string]bool{}
	var out []string
	for _, fc := range p.Files {
		d := filepath.Dir(fc.Path)
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}

func (p *Plan) writeBackup(dir string) (*Manifest, error) {
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, fmt.Errorf("creating backup folder: %w", err)
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating backup folder: %w", err)
	}
	m := &Manifest{Version: 1, Root: p.Root, Created: time.Now().UTC()}
	for _, fc := range p.Files {
		mf := ManifestFile{Path: fc.Rel, Mode: fc.Mode, NewSHA: sha(fc.New), Action: "modified"}
		if fc.Created {
			mf.Action = "created"
		} else {
			mf.OrigSHA = sha(fc.Old)
			if err := writeSynced(filepath.Join(dir, "files", filepath.FromSlash(fc.Rel)), fc.Old, fc.Mode); err != nil {
				return nil, fmt.Errorf("writing backup of %s: %w", fc.Rel, err)
			}
		}
		m.Files = append(m.Files, mf)
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	// The manifest is renamed into place, so that a manifest.json that
	// exists is complete: a run killed before that has written nothing.
	if err := replaceFile(filepath.Join(dir, ManifestName), append(data, '\n'), 0o644); err != nil {
		return nil, fmt.Errorf("writing backup manifest: %w", err)
	}
	return m, nil
}

// writeSynced creates path (and its folders) with data, fsynced.
func writeSynced(path string, data []byte, mode os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, mode)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return syncDir(filepath.Dir(path))
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}

func (fc *FileChange) write() error {
	if !fc.Created {
		cur, err := os.ReadFile(fc.Path)
		if err != nil {
			return fmt.Errorf("%s: %w", fc.Rel, err)
		}
		if !bytes.Equal(cur, fc.Old) {
			return fmt.Errorf("%s changed while tenantfix was running", fc.Rel)
		}
	}
	return replaceFile(fc.Path, fc.New, fc.Mode)
}

// replaceFile writes data to a temporary file in path's folder and
// renames it over path, so that path holds either its old or its new
// content at every moment.
func replaceFile(path string, data []byte, mode os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), tempPattern)
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	name := tmp.Name()
	fail := func(err error) error {
		tmp.Close()
		os.Remove(name)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if _, err := tmp.Write(data); err != nil {
		return fail(err)
	}
	if err := tmp.Chmod(mode); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return syncDir(filepath.Dir(path))
}

// rollback puts back every file of the plan from memory and removes the
// created ones, then returns cause (with any rollback failure appended).
func (p *Plan) rollback(cause error) error {
	var failed []string
	for _, fc := range p.Files {
		if fc.Created {
			if err := os.Remove(fc.Path); err != nil && !os.IsNotExist(err) {
				failed = append(failed, err.Error())
			}
			continue
		}
		cur, err := os.ReadFile(fc.Path)
		if err == nil && bytes.Equal(cur, fc.Old) {
			continue
		}
		if err := replaceFile(fc.Path, fc.Old, fc.Mode); err != nil {
			failed = append(failed, err.Error())
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("%w; rolling back also failed (use --restore with the backup): %s", cause, strings.Join(failed, "; "))
	}
	return cause
}

// ReadManifest reads a backup folder's manifest.
func ReadManifest(dir string) (*Manifest, error) {
	data, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return nil, fmt.Errorf("reading backup manifest: %w", err)
	}
	m := new(Manifest)
	if err := json.Unmarshal(data, m); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, ManifestName), err)
	}
	if m.Version != 1 || m.Root == "" {
		return nil, fmt.Errorf("%s: not a tenantfix manifest", filepath.Join(dir, ManifestName))
	}
	return m, nil
}

// Restore puts back every file that the backup's manifest names, byte for
// byte with its mode, and removes the files the fix created. A file whose
// content is neither the original nor the fixed one was changed since:
// then Restore refuses and changes nothing, unless force is set.
func Restore(dir string, force bool) (*Manifest, error) {
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	type step struct {
		path, orig string
		mf         ManifestFile
		data       []byte
	}
	var steps []step
	for _, mf := range m.Files {
		path := filepath.Join(m.Root, filepath.FromSlash(mf.Path))
		s := step{path: path, mf: mf}
		if mf.Action == "modified" {
			s.orig = filepath.Join(dir, "files", filepath.FromSlash(mf.Path))
			if s.data, err = os.ReadFile(s.orig); err != nil {
				return nil, fmt.Errorf("backup of %s: %w", mf.Path, err)
			}
			if sha(s.data) != mf.OrigSHA {
				return nil, fmt.Errorf("backup of %s is damaged (checksum mismatch); nothing was restored", mf.Path)
			}
		}
		if !force {
			cur, err := os.ReadFile(path)
			switch {
			case err != nil && os.IsNotExist(err) && mf.Action == "created":
			case err != nil:
				return nil, fmt.Errorf("%s: %w; nothing was restored", mf.Path, err)
			case sha(cur) != mf.NewSHA && sha(cur) != mf.OrigSHA:
				return nil, fmt.Errorf("%s changed since the fix; nothing was restored (use --force to overwrite it)", mf.Path)
			}
		}
		steps = append(steps, s)
	}
	for _, s := range steps {
		removeStrayTemps(filepath.Dir(s.path))
		if s.mf.Action == "created" {
			if err := os.Remove(s.path); err != nil && !os.IsNotExist(err) {
				return nil, fmt.Errorf("removing %s: %w", s.mf.Path, err)
			}
			continue
		}
		if cur, err := os.ReadFile(s.path); err == nil && bytes.Equal(cur, s.data) {
			if st, err := os.Stat(s.path); err == nil && st.Mode().Perm() == s.mf.Mode {
				continue
			}
		}
		if err := replaceFile(s.path, s.data, s.mf.Mode); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// tempPattern names the temporary files of replaceFile. They start with a
// dot, so go build, go list and ./... ignore them; a run killed between
// creating one and renaming it over its file leaves it behind, and
// Restore removes it.
const tempPattern = ".tenantfix-*.tmp"

// removeStrayTemps removes the temporary files that a killed run left in
// dir.
func removeStrayTemps(dir string) {
	names, _ := filepath.Glob(filepath.Join(dir, tempPattern))
	for _, n := range names {
		if st, err := os.Lstat(n); err == nil && st.Mode().IsRegular() {
			os.Remove(n)
		}
	}
}

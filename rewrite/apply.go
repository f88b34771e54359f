package rewrite

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tenantlint/tenantlint/internal/golist"
)

// Step is one change to the file system that Apply or Restore is about
// to make.
type Step struct {
	N    int    // counts the steps of the run from 0
	Kind string // "backup", "write", "temp", "rename", "rollback", "restore"
	File int    // the file's index in the plan or manifest, -1 for none
	Path string // the file, relative to the module root when it is one
}

// Hooks is the test seam of Apply and Restore: Step is called before
// every change they make to the file system, so that a test can make that
// change fail, edit a file or start another run at exactly that moment,
// or kill the process there. The tenantfix command sets it only when
// built with the tenantfix_faults tag.
type Hooks struct {
	Step func(Step) error
}

// Verify re-loads the changed packages after writing and returns the
// errors it finds, one string each; any error makes Apply roll back.
type Verify func(dirs []string) []string

// txn is one Apply or Restore: its hooks, its step count and the notes on
// what it could not keep.
type txn struct {
	hooks Hooks
	n     int
	notes []string
}

func (tx *txn) step(kind string, file int, path string) error {
	s := Step{N: tx.n, Kind: kind, File: file, Path: path}
	tx.n++
	if tx.hooks.Step == nil {
		return nil
	}
	return tx.hooks.Step(s)
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// DefaultBackupDir is .tenantfix/backups/<UTC timestamp>/ under root.
func DefaultBackupDir(root string, now time.Time) string {
	return filepath.Join(root, StateDir, "backups", now.UTC().Format("20060102T150405.000000000Z"))
}

// CheckBackupDir refuses a backup folder that --restore could not tie to
// the module, or whose copies the go tool would read as source. Restore
// puts a backup back into the module that holds it, so it must be inside
// root and in no nested module; and under a folder that go ignores (its
// name starts with . or _, or is testdata), or the next run would lint
// and fix the copies.
func CheckBackupDir(root, dir string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("backup folder %s: %w", dir, err)
	}
	root = filepath.Clean(root)
	if !inside(root, abs) || abs == root {
		return fmt.Errorf("backup folder %s is outside the module %s; --restore puts a backup back into the module that holds it, so keep it inside (the default is %s/backups/)", dir, root, StateDir)
	}
	if mod := golist.ModuleRoot(filepath.Dir(abs), ""); mod != root {
		return fmt.Errorf("backup folder %s is inside another module (%s); keep it in %s", dir, mod, root)
	}
	rel, _ := filepath.Rel(root, abs)
	for _, el := range strings.Split(filepath.ToSlash(rel), "/") {
		if strings.HasPrefix(el, ".") || strings.HasPrefix(el, "_") || el == "testdata" {
			return nil
		}
	}
	return fmt.Errorf("backup folder %s is in the module where the go tool would read its copies as source; choose one under a folder whose name starts with . or _ (the default is %s/backups/)", dir, StateDir)
}

// inside reports whether path is root or below it (both clean and absolute).
func inside(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// Check refuses plans that cannot be applied safely: a path outside the
// module (or reached through a symlink that leaves it), two paths that
// are one file, a read-only file, an existing backup folder, a file that
// changed since it was read. A symlinked file is written through: its
// target gets the new content and the link stays.
func (p *Plan) Check(backupDir string) error {
	if _, err := os.Lstat(backupDir); err == nil {
		return fmt.Errorf("backup folder %s already exists; choose another with --backup-dir", backupDir)
	}
	realRoot, err := filepath.EvalSymlinks(p.Root)
	if err != nil {
		return fmt.Errorf("module root %s: %w", p.Root, err)
	}
	seen := map[string]string{}
	for _, fc := range p.Files {
		if err := fc.check(realRoot); err != nil {
			return err
		}
		if other, ok := seen[fc.real]; ok {
			return fmt.Errorf("%s and %s are the same file (through a symlink) with different fixes; refusing to write it", other, fc.Rel)
		}
		seen[fc.real] = fc.Rel
	}
	return nil
}

func (fc *FileChange) check(realRoot string) error {
	var real string
	if fc.Created {
		dir, err := filepath.EvalSymlinks(filepath.Dir(fc.Path))
		if err != nil {
			return fmt.Errorf("%s: %w", fc.Rel, err)
		}
		real = filepath.Join(dir, filepath.Base(fc.Path))
	} else {
		var err error
		if real, err = filepath.EvalSymlinks(fc.Path); err != nil {
			return fmt.Errorf("%s: %w", fc.Rel, err)
		}
	}
	if !inside(realRoot, real) {
		return fmt.Errorf("%s resolves to %s, outside the module; refusing to write it", fc.Rel, real)
	}
	fc.real = real
	if fc.Created {
		if _, err := os.Lstat(real); err == nil {
			return fmt.Errorf("%s already exists; refusing to overwrite it", fc.Rel)
		}
		return nil
	}
	st, err := os.Stat(real)
	if err != nil {
		return fmt.Errorf("%s: %w", fc.Rel, err)
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file; refusing to replace it", fc.Rel)
	}
	if st.Mode().Perm()&0o200 == 0 {
		return fmt.Errorf("%s is read-only; refusing to change it", fc.Rel)
	}
	f, err := os.OpenFile(real, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("%s is not writable: %w", fc.Rel, err)
	}
	f.Close()
	cur, err := os.ReadFile(real)
	if err != nil {
		return fmt.Errorf("%s: %w", fc.Rel, err)
	}
	if !bytes.Equal(cur, fc.Old) {
		return fmt.Errorf("%s changed since it was analyzed; run again", fc.Rel)
	}
	return nil
}

// Apply takes the module's lock, removes the temporary files of killed
// runs, writes the backup and its manifest (fsynced) before the first
// change, then replaces each file by an atomic rename, each only if it
// still holds what was analyzed. It returns nil only when, after verify,
// every file holds exactly its planned content. On any failure it rolls
// back each file that it wrote and that still holds exactly what it
// wrote; a file changed by someone else meanwhile is left as it is, named
// in the error, and the backup is kept. It returns the manifest written
// and notes on what it could not keep (owners, hard links).
func (p *Plan) Apply(backupDir string, hooks Hooks, verify Verify) (*Manifest, []string, error) {
	tx := &txn{hooks: hooks}
	if err := CheckBackupDir(p.Root, backupDir); err != nil {
		return nil, nil, err
	}
	backupDir, _ = filepath.Abs(backupDir)
	lock, err := LockModule(p.Root)
	if err != nil {
		return nil, nil, err
	}
	clean := true // release removes .tenantfix when this run created it and left nothing in it
	defer func() { lock.Release(clean) }()
	removeStrayTemps(p.Root)
	if err := p.Check(backupDir); err != nil {
		return nil, nil, err
	}
	created := missingDirs(filepath.Dir(backupDir))
	m, err := p.writeBackup(tx, backupDir)
	if err != nil {
		removeBackup(backupDir, created)
		return nil, nil, err
	}
	written := make([]bool, len(p.Files))
	fail := func(cause error) error {
		kept, err := p.rollback(tx, written, cause, backupDir)
		if kept {
			clean = false
		} else {
			removeBackup(backupDir, created)
		}
		return err
	}
	for i, fc := range p.Files {
		if err := tx.step("write", i, fc.Rel); err != nil {
			return nil, nil, fail(fmt.Errorf("writing %s: %w", fc.Rel, err))
		}
		var err error
		if written[i], err = fc.write(tx, i); err != nil {
			return nil, nil, fail(err)
		}
	}
	if verify != nil {
		if errs := verify(p.dirs()); len(errs) > 0 {
			return nil, nil, fail(fmt.Errorf("the fixed code does not type-check: %s", strings.Join(errs, "; ")))
		}
	}
	for _, fc := range p.Files {
		if cur, err := os.ReadFile(fc.real); err != nil || !bytes.Equal(cur, fc.New) {
			return nil, nil, fail(fmt.Errorf("%s changed while tenantfix was running", fc.Rel))
		}
	}
	clean = false
	return m, tx.notes, nil
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

func (p *Plan) writeBackup(tx *txn, dir string) (*Manifest, error) {
	if err := tx.step("backup", -1, dir); err != nil {
		return nil, fmt.Errorf("creating backup folder: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, fmt.Errorf("creating backup folder: %w", err)
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating backup folder: %w", err)
	}
	m := &Manifest{Version: manifestVersion, Root: p.Root, Created: time.Now().UTC()}
	for i, fc := range p.Files {
		mf := ManifestFile{Path: fc.Rel, Mode: fc.Mode.Perm(), NewSHA: sha(fc.New), Action: ActionModified}
		if fc.Created {
			mf.Action = ActionCreated
		} else {
			mf.OrigSHA = sha(fc.Old)
			if err := tx.step("backup", i, fc.Rel); err != nil {
				return nil, fmt.Errorf("writing backup of %s: %w", fc.Rel, err)
			}
			if err := writeSynced(filepath.Join(dir, "files", filepath.FromSlash(fc.Rel)), fc.Old, fc.Mode.Perm()); err != nil {
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
	if _, err := tx.replace(-1, ManifestName, filepath.Join(dir, ManifestName), append(data, '\n'), 0o644, nil); err != nil {
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

// errChanged is the precondition failure of replace: the file no longer
// holds what the caller expects.
var errChanged = errors.New("changed while tenantfix was running")

// holds returns a precondition of replace: path holds exactly want (or,
// for nil, does not exist).
func holds(path string, want []byte) func() error {
	return func() error {
		cur, err := os.ReadFile(path)
		switch {
		case want == nil && errors.Is(err, fs.ErrNotExist):
			return nil
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return err
		case want == nil || err != nil || !bytes.Equal(cur, want):
			return errChanged
		}
		return nil
	}
}

// write replaces the file by its new content, provided that it still
// holds its old one (or, for a created file, that it still does not
// exist). It reports whether the new content was put in place.
func (fc *FileChange) write(tx *txn, i int) (bool, error) {
	old := fc.Old
	if fc.Created {
		old = nil
	}
	renamed, err := tx.replace(i, fc.Rel, fc.real, fc.New, fc.Mode, holds(fc.real, old))
	if errors.Is(err, errChanged) {
		return renamed, fmt.Errorf("%s %w", fc.Rel, errChanged)
	}
	return renamed, err
}

// replace writes data to a temporary file in path's folder and renames it
// over path, so that path holds either its old or its new content at
// every moment. When path exists, the new file keeps its owner and group
// (as far as the system lets this process) and its setuid, setgid and
// sticky bits, and the mode's permission bits are perm; hard links to the
// old file keep the old content, and a note says so. pre, when not nil,
// is checked right before the rename, and the file is left alone unless
// it returns nil. It reports whether the rename happened.
func (tx *txn) replace(i int, rel, path string, data []byte, perm os.FileMode, pre func() error) (bool, error) {
	if err := tx.step("temp", i, rel); err != nil {
		return false, fmt.Errorf("writing %s: %w", rel, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), tempPattern)
	if err != nil {
		return false, fmt.Errorf("writing %s: %w", rel, err)
	}
	name := tmp.Name()
	fail := func(err error) (bool, error) {
		tmp.Close()
		os.Remove(name)
		return false, fmt.Errorf("writing %s: %w", rel, err)
	}
	if _, err := tmp.Write(data); err != nil {
		return fail(err)
	}
	mode := perm.Perm()
	if st, err := os.Lstat(path); err == nil {
		mode |= st.Mode() & (os.ModeSetuid | os.ModeSetgid | os.ModeSticky)
		// Chown before Chmod: changing the owner clears setuid and setgid.
		if note := keepOwner(tmp, st); note != "" {
			tx.notes = append(tx.notes, rel+": "+note)
		}
		if n := hardLinks(st); n > 1 {
			tx.notes = append(tx.notes, fmt.Sprintf("%s had %d hard links: it is now a file of its own, and the other links keep the old content", rel, n))
		}
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
	if err := tx.step("rename", i, rel); err != nil {
		os.Remove(name)
		return false, fmt.Errorf("writing %s: %w", rel, err)
	}
	if pre != nil {
		if err := pre(); err != nil {
			os.Remove(name)
			return false, err
		}
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return false, fmt.Errorf("writing %s: %w", rel, err)
	}
	if err := syncDir(filepath.Dir(path)); err != nil {
		return true, fmt.Errorf("writing %s: %w", rel, err)
	}
	return true, nil
}

// rollback puts back the original of every file that Apply wrote and that
// still holds exactly what it wrote, and removes the created files that
// do; files that hold anything else were changed by someone else and are
// left alone. It reports whether the backup must be kept (a file was
// left alone or could not be put back), and returns cause completed with
// what it did.
func (p *Plan) rollback(tx *txn, written []bool, cause error, backupDir string) (bool, error) {
	var left, failed []string
	for i, fc := range p.Files {
		if !written[i] {
			continue
		}
		cur, err := os.ReadFile(fc.real)
		switch {
		case fc.Created && errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			failed = append(failed, fmt.Sprintf("%s: %v", fc.Rel, err))
			continue
		case !fc.Created && bytes.Equal(cur, fc.Old):
			continue
		case !bytes.Equal(cur, fc.New):
			left = append(left, fc.Rel)
			continue
		}
		if err := tx.step("rollback", i, fc.Rel); err != nil {
			failed = append(failed, fmt.Sprintf("%s: %v", fc.Rel, err))
			continue
		}
		if fc.Created {
			if st, err := os.Lstat(fc.real); err != nil || !st.Mode().IsRegular() {
				left = append(left, fc.Rel)
			} else if err := os.Remove(fc.real); err != nil {
				failed = append(failed, fmt.Sprintf("%s: %v", fc.Rel, err))
			}
			continue
		}
		if _, err := tx.replace(i, fc.Rel, fc.real, fc.Old, fc.Mode, holds(fc.real, fc.New)); errors.Is(err, errChanged) {
			left = append(left, fc.Rel)
		} else if err != nil {
			failed = append(failed, err.Error())
		}
	}
	if len(left) == 0 && len(failed) == 0 {
		return false, fmt.Errorf("%w; every file was restored", cause)
	}
	msg := cause.Error() + "; the files that tenantfix wrote were restored"
	if len(left) > 0 {
		msg += fmt.Sprintf(", except %s, which changed while tenantfix was running and were left as they are (check them; the originals are in %s)",
			strings.Join(left, ", "), filepath.Join(backupDir, "files"))
	}
	if len(failed) > 0 {
		msg += "; restoring also failed for " + strings.Join(failed, "; ")
	}
	return true, fmt.Errorf("%s; backup kept in %s", msg, backupDir)
}

// tempPattern names the temporary files of replace. They start with a
// dot, so go build, go list and ./... ignore them; a run killed between
// creating one and renaming it over its file leaves it behind, and the
// next Apply or Restore in the module removes it.
const tempPattern = ".tenantfix-*.tmp"

// removeStrayTemps removes the temporary files that killed runs left in
// the module, nested modules excepted (another lock guards them). The
// caller holds the module's lock, so no live run of the module owns them.
func removeStrayTemps(root string) {
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if path != root && (d.Name() == ".git" || fileExists(filepath.Join(path, "go.mod"))) {
				return filepath.SkipDir
			}
			return nil
		}
		if ok, _ := filepath.Match(tempPattern, d.Name()); ok && d.Type().IsRegular() {
			os.Remove(path)
		}
		return nil
	})
}

func fileExists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

package rewrite

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/tenantlint/tenantlint/internal/golist"
)

// BackupRoot is the module that a backup folder belongs to: the nearest
// folder above it with a go.mod (for the default backups, the folder that
// holds .tenantfix). The manifest's own root is not trusted: a backup
// copied along with its tree restores that copy.
func BackupRoot(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("backup folder %s: %w", dir, err)
	}
	root := golist.ModuleRoot(filepath.Dir(abs), "")
	if root == "" {
		return "", fmt.Errorf("backup folder %s is in no module; --restore puts a backup back into the module that holds it", dir)
	}
	return root, nil
}

// Restore puts back every file that the backup's manifest names, byte for
// byte with its permission bits, and removes the files the fix created.
// It checks all of the manifest and the backup first (see ReadManifest):
// every path is resolved in the module that holds the backup folder and
// must stay inside it. A file whose content is neither the original nor
// the fixed one was changed since: then Restore refuses and changes
// nothing, unless force is set. It takes the module's lock. When a step
// fails, the error says which files were restored and which were not;
// the backup is never changed, so running it again finishes the job.
func Restore(dir string, force bool, hooks Hooks) (*Manifest, []string, error) {
	tx := &txn{hooks: hooks}
	root, err := BackupRoot(dir)
	if err != nil {
		return nil, nil, err
	}
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, nil, err
	}
	type step struct {
		mf   ManifestFile
		real string
		data []byte // the original, for a modified file
	}
	steps := make([]step, len(m.Files))
	for i, mf := range m.Files {
		steps[i].mf = mf
		if mf.Action != ActionModified {
			continue
		}
		orig := filepath.Join(dir, "files", filepath.FromSlash(mf.Path))
		if st, err := os.Lstat(orig); err != nil || !st.Mode().IsRegular() {
			return nil, nil, fmt.Errorf("backup of %s is missing or not a regular file; nothing was restored", mf.Path)
		}
		if steps[i].data, err = os.ReadFile(orig); err != nil {
			return nil, nil, fmt.Errorf("backup of %s: %w; nothing was restored", mf.Path, err)
		}
		if sha(steps[i].data) != mf.OrigSHA {
			return nil, nil, fmt.Errorf("backup of %s is damaged (checksum mismatch); nothing was restored", mf.Path)
		}
	}
	lock, err := LockModule(root)
	if err != nil {
		return nil, nil, err
	}
	defer lock.Release(true)
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil, nil, fmt.Errorf("module root %s: %w", root, err)
	}
	removeStrayTemps(root)
	for i := range steps {
		s := &steps[i]
		if s.real, err = resolveInside(realRoot, root, s.mf.Path); err != nil {
			return nil, nil, fmt.Errorf("%s: %w; nothing was restored", s.mf.Path, err)
		}
		if force {
			continue
		}
		cur, err := os.ReadFile(s.real)
		switch {
		case errors.Is(err, fs.ErrNotExist) && s.mf.Action == ActionCreated:
		case err != nil:
			return nil, nil, fmt.Errorf("%s: %w; nothing was restored", s.mf.Path, err)
		case !holdsFixOrOriginal(cur, s.mf):
			return nil, nil, fmt.Errorf("%s changed since the fix; nothing was restored (use --force to overwrite it)", s.mf.Path)
		}
	}
	var done []string
	for i, s := range steps {
		if err := restoreOne(tx, i, s.mf, s.real, s.data, force); err != nil {
			var rest []string
			for _, r := range steps[i:] {
				rest = append(rest, r.mf.Path)
			}
			restored := "none"
			if len(done) > 0 {
				restored = strings.Join(done, ", ")
			}
			return nil, tx.notes, fmt.Errorf("%v; restored: %s; not restored: %s (the backup is unchanged: run --restore again)",
				err, restored, strings.Join(rest, ", "))
		}
		done = append(done, s.mf.Path)
	}
	return m, tx.notes, nil
}

// holdsFixOrOriginal reports whether cur is the fixed or the original
// content of the file mf names, hashing cur once.
func holdsFixOrOriginal(cur []byte, mf ManifestFile) bool {
	sum := sha(cur)
	return sum == mf.NewSHA || sum == mf.OrigSHA
}

// restoreOne puts one file back. Without force, the file must still hold
// the fixed or the original content at the moment it is replaced.
func restoreOne(tx *txn, i int, mf ManifestFile, real string, data []byte, force bool) error {
	unchanged := func() error {
		if force {
			return nil
		}
		cur, err := os.ReadFile(real)
		switch {
		case errors.Is(err, fs.ErrNotExist) && mf.Action == ActionCreated:
			return nil
		case err != nil:
			return err
		case !holdsFixOrOriginal(cur, mf):
			return fmt.Errorf("%s %w", mf.Path, errChanged)
		}
		return nil
	}
	if err := tx.step("restore", i, mf.Path); err != nil {
		return fmt.Errorf("restoring %s: %w", mf.Path, err)
	}
	if mf.Action == ActionCreated {
		st, err := os.Lstat(real)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil || !st.Mode().IsRegular() {
			return fmt.Errorf("removing %s: not a regular file", mf.Path)
		}
		if err := unchanged(); err != nil {
			return err
		}
		if err := os.Remove(real); err != nil {
			return fmt.Errorf("removing %s: %w", mf.Path, err)
		}
		return nil
	}
	if cur, err := os.ReadFile(real); err == nil && bytes.Equal(cur, data) {
		if st, err := os.Stat(real); err == nil && st.Mode().Perm() == mf.Mode.Perm() {
			return nil
		}
	}
	_, err := tx.replace(i, mf.Path, real, data, mf.Mode.Perm(), unchanged)
	return err
}

// resolveInside is the file that rel names in the module root, symlinks
// followed (a symlinked file is written through), which must be inside
// the module (realRoot is root with its own symlinks resolved). A file
// that does not exist resolves through its folder.
func resolveInside(realRoot, root, rel string) (string, error) {
	path := filepath.Join(root, filepath.FromSlash(rel))
	real, err := filepath.EvalSymlinks(path)
	if errors.Is(err, fs.ErrNotExist) {
		if _, lerr := os.Lstat(path); lerr == nil {
			return "", fmt.Errorf("a symlink to a file that does not exist")
		}
		dir, derr := filepath.EvalSymlinks(filepath.Dir(path))
		if derr != nil {
			return "", derr
		}
		real, err = filepath.Join(dir, filepath.Base(path)), nil
	}
	if err != nil {
		return "", err
	}
	if !inside(realRoot, real) {
		return "", fmt.Errorf("resolves to %s, outside the module %s", real, root)
	}
	return real, nil
}

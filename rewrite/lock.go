package rewrite

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// StateDir is the folder, at the module root, that holds tenantfix's lock
// and its default backups. tenantfix gives it a .gitignore of "*" when it
// creates it, so that nothing in it is ever committed.
const StateDir = ".tenantfix"

const lockName = "lock"

// Lock is a module's lock, held by one apply or restore at a time.
type Lock struct {
	root       string
	f          *os.File
	createdDir bool // the run created StateDir
}

// LockModule takes root's lock, creating StateDir (with its .gitignore)
// if needed. The lock is an advisory lock on .tenantfix/lock where the
// system has one (flock): the kernel drops it when its process dies, so a
// lock file left by a killed run is taken over without asking. The file
// holds the owner's pid, to name it when the lock is busy.
func LockModule(root string) (*Lock, error) {
	l := &Lock{root: root}
	dir := filepath.Join(root, StateDir)
	if err := os.Mkdir(dir, 0o755); err == nil {
		l.createdDir = true
		if err := os.WriteFile(filepath.Join(dir, ".gitignore"), []byte("*\n"), 0o644); err != nil {
			return nil, fmt.Errorf("writing %s: %w", filepath.Join(dir, ".gitignore"), err)
		}
	} else if !errors.Is(err, os.ErrExist) {
		return nil, fmt.Errorf("creating %s: %w", dir, err)
	}
	path := filepath.Join(dir, lockName)
	// A lock file that its owner removes while this run opens it would
	// be locked by two runs at once (one on the removed file): after
	// locking, the file must still be the one at path.
	for attempt := 0; ; attempt++ {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) && attempt < 10 {
				os.Mkdir(dir, 0o755)
				continue
			}
			return nil, fmt.Errorf("opening the lock %s: %w", path, err)
		}
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("locking %s: %w", path, err)
		}
		if !ok {
			owner := readOwner(path)
			f.Close()
			return nil, fmt.Errorf("another tenantfix run%s is changing the module %s (it holds %s); nothing was changed, try again when it has finished", owner, root, path)
		}
		if same(f, path) {
			l.f = f
			break
		}
		f.Close()
		if attempt >= 10 {
			return nil, fmt.Errorf("locking %s: the lock file keeps being replaced", path)
		}
	}
	if err := l.f.Truncate(0); err == nil {
		l.f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return l, nil
}

func readOwner(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	if pid := strings.TrimSpace(string(b)); pid != "" {
		return " (pid " + pid + ")"
	}
	return ""
}

func same(f *os.File, path string) bool {
	a, err1 := f.Stat()
	b, err2 := os.Stat(path)
	return err1 == nil && err2 == nil && os.SameFile(a, b)
}

// Release removes the lock file and unlocks it; with clean set it also
// removes StateDir when this run created it and it holds nothing but its
// .gitignore (a run that wrote nothing leaves no trace).
func (l *Lock) Release(clean bool) {
	if l == nil || l.f == nil {
		return
	}
	dir := filepath.Join(l.root, StateDir)
	os.Remove(filepath.Join(dir, lockName))
	unlock(l.f)
	l.f.Close()
	l.f = nil
	if clean && l.createdDir {
		if names, err := os.ReadDir(dir); err == nil && len(names) == 1 && names[0].Name() == ".gitignore" {
			os.Remove(filepath.Join(dir, ".gitignore"))
			os.Remove(dir)
		}
	}
}

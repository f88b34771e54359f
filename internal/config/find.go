package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// NotFoundError says where the lookup went and how to get a file. Its
// message is one line: both tools print it as is (tenantfix joins an
// error's lines with "; "), and `tenantlint init` writes a file proposed
// from the module's own code, which a fixed example could not be.
type NotFoundError struct {
	Start, Top string
	// Packages, when above 1, is how many package directories below
	// Start were searched from (see MergeNotFound).
	Packages int
}

func (e *NotFoundError) Error() string {
	where := fmt.Sprintf("in %s or any directory above it (up to %s)", e.Start, e.Top)
	if e.Packages > 1 {
		where = fmt.Sprintf("for the %d packages in %s: searched from each package's directory up to %s", e.Packages, e.Start, e.Top)
	}
	return fmt.Sprintf("no %s found %s; run `tenantlint init` in the module to write one", FileName, where)
}

// MergeNotFound turns the errors of several packages into one, that names
// their common directory: none of the directories above it has a file
// either, since every search passed through it.
func MergeNotFound(errs []*NotFoundError) *NotFoundError {
	dirs := map[string]bool{}
	m := *errs[0]
	for _, e := range errs {
		dirs[e.Start] = true
		for !Within(e.Start, m.Start) {
			parent := filepath.Dir(m.Start)
			if parent == m.Start {
				break
			}
			m.Start = parent
		}
	}
	m.Packages = len(dirs)
	return &m
}

// Within reports whether dir is root or below it (both clean, and both
// absolute or both relative).
func Within(dir, root string) bool {
	rel, err := filepath.Rel(root, dir)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// Find walks up from dir to the nearest directory holding FileName and
// returns the file's path.
func Find(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("finding %s from %s: %w", FileName, dir, err)
	}
	for d := abs; ; {
		p := filepath.Join(d, FileName)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", &NotFoundError{Start: abs, Top: d}
		}
		d = parent
	}
}

// Loader finds and parses configuration files, once per file. The zero
// value walks up from each directory; Override forces one file.
type Loader struct {
	Override string // --config: use this file for every package

	mu     sync.Mutex
	byPath map[string]loaded
	byDir  map[string]string
}

type loaded struct {
	cfg *Config
	err error
}

// ForDir returns the configuration that applies to a package in dir.
func (l *Loader) ForDir(dir string) (*Config, error) {
	path := l.Override
	if path == "" {
		var err error
		if path, err = l.find(dir); err != nil {
			return nil, err
		}
	}
	return l.load(path)
}

func (l *Loader) find(dir string) (string, error) {
	l.mu.Lock()
	p, ok := l.byDir[dir]
	l.mu.Unlock()
	if ok {
		return p, nil
	}
	p, err := Find(dir)
	if err != nil {
		return "", err
	}
	l.mu.Lock()
	if l.byDir == nil {
		l.byDir = make(map[string]string)
	}
	l.byDir[dir] = p
	l.mu.Unlock()
	return p, nil
}

func (l *Loader) load(path string) (*Config, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if r, ok := l.byPath[abs]; ok {
		return r.cfg, r.err
	}
	cfg, err := Load(abs)
	if l.byPath == nil {
		l.byPath = make(map[string]loaded)
	}
	l.byPath[abs] = loaded{cfg, err}
	return cfg, err
}

// IsNotFound reports whether err means that no configuration file exists.
func IsNotFound(err error) bool {
	var nf *NotFoundError
	return errors.As(err, &nf)
}

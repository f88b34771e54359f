// Package diskcache is the tool's on-disk cache: its folder, entries
// written atomically and trimmed when unused, sealed entries that a
// damaged file cannot pass for, file hashing, the identity of the
// running tool (part of every key), and the file locks that let
// concurrent processes take turns building one entry.
package diskcache

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
	"slices"
	"sort"
	"strings"
	"time"
)

// The tool's cache (Dir) holds module indexes with their shards and
// hashes, package scans, per-package results, whole-run results and fixed
// files. Every entry is a pure function of its name, so any entry may go
// at any time: a missing one only costs a later run time. Like go's build
// cache, entries that no run used for a while are removed (Trim), and
// reading an entry marks it used (ReadFile).
const (
	// trimAge is how long an entry may stay unused.
	trimAge = 7 * 24 * time.Hour
	// trimInterval is how often a run looks for unused entries.
	trimInterval = 24 * time.Hour
	// markInterval: an entry is marked used at most this often, so that
	// reading it costs no write on most runs.
	markInterval = time.Hour
)

// trimStamp is the file whose time says when the cache was last trimmed.
const trimStamp = "trim.txt"

// Dir is where the tool keeps its cache between runs.
func Dir() string {
	if d := os.Getenv("TENANTLINT_CACHE"); d != "" {
		return d
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "tenantlint")
	}
	return filepath.Join(os.TempDir(), "tenantlint-cache")
}

// WriteFile writes a file of the tool's cache through a temporary
// file and a rename, creating its folder, so that concurrent readers see
// the whole file or none. Callers may ignore the error: a missing entry
// only costs a later run time.
func WriteFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".cache-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	if cerr := tmp.Close(); werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return errors.Join(werr, cerr)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// ReadFile reads a file of the tool's cache and marks it used, so
// that Trim keeps it.
func ReadFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Grow(int(st.Size()) + bytes.MinRead)
	if _, err := buf.ReadFrom(f); err != nil {
		return nil, err
	}
	markUsedAt(path, st.ModTime())
	return buf.Bytes(), nil
}

// MarkUsed marks the open cache file f at path used (see ReadFile), for
// readers that read only part of an entry.
func MarkUsed(f *os.File, path string) {
	if st, err := f.Stat(); err == nil {
		markUsedAt(path, st.ModTime())
	}
}

// MarkTreeUsed marks every file under dir used (see ReadFile), for
// entries that a library reads by itself, such as wazero's compiled
// modules.
func MarkTreeUsed(dir string) {
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				markUsedAt(path, info.ModTime())
			}
		}
		return nil
	})
}

func markUsedAt(path string, modTime time.Time) {
	if time.Since(modTime) > markInterval {
		now := time.Now()
		_ = os.Chtimes(path, now, now)
	}
}

// Trim removes the entries of the tool's cache that no run used in
// the last week, at most once a day. Only the tool's own entries are
// candidates (see isCacheEntry), so a TENANTLINT_CACHE that points at a
// folder holding other files loses none of them. Errors are ignored: a
// trim that fails is tried again the next day.
func Trim() { trimCache(Dir(), time.Now()) }

func trimCache(dir string, now time.Time) {
	stamp := filepath.Join(dir, trimStamp)
	if st, err := os.Stat(stamp); err == nil && now.Sub(st.ModTime()) < trimInterval {
		return
	}
	if _, err := os.Stat(dir); err != nil {
		return // nothing cached yet
	}
	if WriteFile(stamp, []byte(now.UTC().Format(time.RFC3339)+"\n")) != nil {
		return
	}
	cutoff := now.Add(-trimAge)
	var dirs []string
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || path == dir {
			return nil
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		if !isCacheEntry(rel, d.IsDir()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			dirs = append(dirs, path)
			return nil
		}
		if info, err := d.Info(); err == nil && info.ModTime().Before(cutoff) {
			_ = os.Remove(path)
		}
		return nil
	})
	// Folders emptied by the trim go too, deepest first.
	sort.Slice(dirs, func(i, j int) bool { return len(dirs[i]) > len(dirs[j]) })
	for _, d := range dirs {
		_ = os.Remove(d) // fails, as it should, unless empty
	}
}

// cacheFolders are the folders the tool keeps under Dir.
var cacheFolders = []string{"packages", "scans", "shards", "aliases", "results", "rewrite", "sql", "wasm"}

// isCacheEntry reports whether rel (slash-separated, relative to
// Dir) is a file or folder that the tool writes.
func isCacheEntry(rel string, isDir bool) bool {
	top, _, _ := strings.Cut(rel, "/")
	if slices.Contains(cacheFolders, top) {
		return true
	}
	if isDir {
		return false
	}
	// Module indexes (KEY-tests=B.gob with its .hash and .lock files) and
	// temporary files of interrupted writes.
	index := strings.Contains(top, "-tests=") &&
		(strings.HasSuffix(top, ".gob") || strings.HasSuffix(top, ".gob.hash") || strings.HasSuffix(top, ".gob.lock"))
	return index || strings.HasPrefix(top, ".cache-")
}

// ToolIdentity names the running executable's build (path, size and
// modification time), so that an upgraded tenantlint never reuses an
// entry written by another build.
func ToolIdentity() string {
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	return FileIdentity(exe)
}

// FileIdentity names a program's build by its path, size and
// modification time (the path alone when it cannot be read): what a key
// needs to change when the program is replaced.
func FileIdentity(path string) string {
	st, err := os.Stat(path)
	if err != nil {
		return path
	}
	return fmt.Sprintf("%s %d %d", path, st.Size(), st.ModTime().UnixNano())
}

// FileSum returns the SHA-256 of the file at path, in hex.
func FileSum(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}

// LoadJSON decodes into v the entry that StoreJSON wrote at path. It
// reports false for a missing, damaged or undecodable entry: a cache
// miss, so the caller computes the value again.
func LoadJSON(path string, v any) bool {
	entry, err := ReadFile(path)
	if err != nil {
		return false
	}
	data, ok := Unseal(entry)
	return ok && json.Unmarshal(data, v) == nil
}

// StoreJSON writes v at path as a sealed entry. Failing to store only
// costs a later run its speed, so the error is the caller's to ignore.
func StoreJSON(path string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encoding cache entry %s: %w", path, err)
	}
	return WriteFile(path, Seal(data))
}

// Seal prefixes a cache entry's data with its SHA-256 (in hex, and a
// newline), so that a damaged entry that still decodes (a flipped digit
// in a line number) is recognised: see Unseal.
func Seal(data []byte) []byte {
	sum := sha256.Sum256(data)
	out := make([]byte, 0, hex.EncodedLen(len(sum))+1+len(data))
	out = hex.AppendEncode(out, sum[:])
	out = append(out, '\n')
	return append(out, data...)
}

// Unseal returns the data of an entry written by Seal, or false when the
// entry is damaged: then it is ignored, and the result computed again.
func Unseal(entry []byte) ([]byte, bool) {
	n := hex.EncodedLen(sha256.Size)
	if len(entry) < n+1 || entry[n] != '\n' {
		return nil, false
	}
	data := entry[n+1:]
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != string(entry[:n]) {
		return nil, false
	}
	return data, true
}

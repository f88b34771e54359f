package index

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/tenantlint/tenantlint/internal/diskcache"
)

// A shard is the part of the index that one package's analysis reads: the
// repository sites and method-described repositories of the models the
// package declares, the names of the packages they live in, and which of
// the package's types nothing refers to. go vet
// runs one process per package; each reads its shard (a few hundred
// bytes) instead of decoding the whole index, which at 800 packages made
// every process pay for every other package (n × O(n)). Questions a shard
// cannot answer (another package's models, the import graph, the name of
// a package it does not mention) go to the whole index, read on demand.

// Shards splits the index by package: one shard for every package of the
// module and for every package that declares a model the index mentions.
func (ix *Index) Shards() map[string]*Index {
	out := map[string]*Index{}
	shard := func(pkg string) *Index {
		s := out[pkg]
		if s == nil {
			s = &Index{Root: ix.Root, Tests: ix.Tests, Hash: ix.Hash, Shard: pkg, SQLPackages: ix.SQLPackages,
				Sites: map[string][]Site{}, Names: map[string]string{}}
			if name, ok := ix.Names[pkg]; ok {
				s.Names[pkg] = name
			}
			out[pkg] = s
		}
		return s
	}
	for pkg := range ix.Names { // the same keys as Imports
		shard(pkg)
	}
	for model, sites := range ix.Sites {
		s := shard(parseQName(model).Pkg)
		s.Sites[model] = sites
		for _, site := range sites {
			s.addName(ix, site.Pkg)
		}
	}
	for typ := range ix.Unreferenced {
		s := shard(parseQName(typ).Pkg)
		if s.Unreferenced == nil {
			s.Unreferenced = map[string]bool{}
		}
		s.Unreferenced[typ] = true
	}
	for model, names := range ix.ByModel {
		s := shard(parseQName(model).Pkg)
		if s.ByModel == nil {
			s.ByModel, s.Repos = map[string][]string{}, map[string]*Repo{}
		}
		s.ByModel[model] = names
		for _, name := range names {
			s.Repos[name] = ix.Repos[name]
			s.addName(ix, ix.Repos[name].Pkg)
		}
	}
	return out
}

// addName copies the name of package pkg from the whole index into the
// shard ix.
func (ix *Index) addName(whole *Index, pkg string) {
	if name, ok := whole.Names[pkg]; ok {
		ix.Names[pkg] = name
	}
}

// whole returns the index that answers what a shard cannot: the whole
// index when ix is a shard that knows how to read it, else ix itself.
func (ix *Index) whole() *Index {
	if ix.Shard == "" || ix.full == nil {
		return ix
	}
	if full, err := ix.full(); err == nil && full != nil {
		return full
	}
	return ix
}

// about returns the index that knows everything about the models of
// package pkg: ix itself unless it is the shard of another package.
func (ix *Index) about(pkg string) *Index {
	if ix.Shard == "" || ix.Shard == pkg {
		return ix
	}
	return ix.whole()
}

// PackageName returns the name of the module package at path, or "".
func (ix *Index) PackageName(path string) string {
	if ix == nil {
		return ""
	}
	if name, ok := ix.Names[path]; ok || ix.Shard == "" {
		return name
	}
	return ix.whole().Names[path]
}

// A shards file holds every shard of one index, found by package without
// reading the others: "TLSHARD1", a little-endian uint32 count, a table
// of count entries sorted by key (the first 8 bytes of the SHA-256 of
// the package path, then the uint32 offset and length of the shard), and
// the gob-encoded shards. It is named by the index's hash, so the states
// of a module whose index did not change (an edit inside a function)
// share one file, written once.
const shardsMagic = "TLSHARD1"

const shardEntrySize = 16

// shardsFile is where the shards of the index with hash are kept in dir.
func shardsFile(dir, hash string) string { return filepath.Join(dir, "shards", hash) }

func shardKey(pkg string) [8]byte {
	sum := sha256.Sum256([]byte(pkg))
	return [8]byte(sum[:8])
}

// writeShards writes the shards file of ix unless it exists.
func writeShards(file string, ix *Index) error {
	if _, err := os.Stat(file); err == nil {
		return nil
	}
	type entry struct {
		key  [8]byte
		blob []byte
	}
	var entries []entry
	for pkg, s := range ix.Shards() {
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(s); err != nil {
			return err
		}
		entries = append(entries, entry{shardKey(pkg), buf.Bytes()})
	}
	sort.Slice(entries, func(i, j int) bool { return bytes.Compare(entries[i].key[:], entries[j].key[:]) < 0 })
	out := append([]byte(shardsMagic), binary.LittleEndian.AppendUint32(nil, uint32(len(entries)))...)
	off := len(out) + len(entries)*shardEntrySize
	for _, e := range entries {
		out = append(out, e.key[:]...)
		out = binary.LittleEndian.AppendUint32(out, uint32(off))
		out = binary.LittleEndian.AppendUint32(out, uint32(len(e.blob)))
		off += len(e.blob)
	}
	for _, e := range entries {
		out = append(out, e.blob...)
	}
	return diskcache.WriteFile(file, out)
}

// readShard reads pkg's shard from a shards file: the header, a binary
// search of the table (log n reads of one entry), and that shard, so a
// vet process reads the same few hundred bytes whatever the module's size.
func readShard(file, pkg string) (*Index, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, len(shardsMagic)+4)
	if _, err := f.ReadAt(head, 0); err != nil || string(head[:len(shardsMagic)]) != shardsMagic {
		return nil, fmt.Errorf("%s: not a shards file", file)
	}
	n := int(binary.LittleEndian.Uint32(head[len(shardsMagic):]))
	key := shardKey(pkg)
	entry := make([]byte, shardEntrySize)
	var readErr error
	at := func(i int) []byte {
		if _, err := f.ReadAt(entry, int64(len(head)+i*shardEntrySize)); err != nil && readErr == nil {
			readErr = err
		}
		return entry
	}
	i := sort.Search(n, func(i int) bool { return bytes.Compare(at(i)[:8], key[:]) >= 0 })
	if readErr != nil {
		return nil, fmt.Errorf("%s: %w", file, readErr)
	}
	if i == n || !bytes.Equal(at(i)[:8], key[:]) || readErr != nil {
		return nil, fmt.Errorf("%s: no shard for %s", file, pkg)
	}
	blob := make([]byte, binary.LittleEndian.Uint32(entry[12:16]))
	if _, err := f.ReadAt(blob, int64(binary.LittleEndian.Uint32(entry[8:12]))); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	s := new(Index)
	if err := gob.NewDecoder(bytes.NewReader(blob)).Decode(s); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if s.Shard != pkg {
		return nil, fmt.Errorf("%s: the shard for %s is %s's", file, pkg, s.Shard)
	}
	diskcache.MarkUsed(f, file)
	return s, nil
}

// hashFile holds the index's hash next to it: go vet's -V=full needs only
// the hash, not the index.
func hashFile(indexFile string) string { return indexFile + ".hash" }

// storeIndex writes the index with its hash, and its shards to
// shardsFile. The index file comes last: a reader that finds it finds
// the rest too (a shard that is missing anyway only sends its reader to
// the whole index).
func storeIndex(file, shardsFile string, ix *Index) error {
	if err := writeShards(shardsFile, ix); err != nil {
		return err
	}
	if err := diskcache.WriteFile(hashFile(file), []byte(ix.Hash)); err != nil {
		return err
	}
	return writeGob(file, ix)
}

// readIndex reads a stored index or shard. The format is gob, not JSON:
// at 800 packages the whole index (1.1 MB) took 52 ms per read as JSON
// against 12 ms as gob.
func readIndex(path string) (*Index, error) {
	ix := new(Index)
	if err := readGob(path, ix); err != nil {
		return nil, err
	}
	return ix, nil
}

// readGob decodes into v the cache file at path (see writeGob).
func readGob(path string, v any) error {
	data, err := diskcache.ReadFile(path)
	if err != nil {
		return err
	}
	return gob.NewDecoder(bytes.NewReader(data)).Decode(v)
}

func writeGob(path string, v any) error {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(v); err != nil {
		return err
	}
	return diskcache.WriteFile(path, buf.Bytes())
}

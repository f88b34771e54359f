package index

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"os"
	"path/filepath"
	"sort"
)

// A shard is the part of the index that one package's analysis reads: the
// repository sites and method-described repositories of the models the
// package declares, and the names of the packages they live in. go vet
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
			s = &Index{Root: ix.Root, Tests: ix.Tests, Hash: ix.Hash, Shard: pkg,
				Sites: map[string][]Site{}, Names: map[string]string{}}
			if name, ok := ix.Names[pkg]; ok {
				s.Names[pkg] = name
			}
			out[pkg] = s
		}
		return s
	}
	for pkg := range ix.Names {
		shard(pkg)
	}
	for pkg := range ix.Imports {
		shard(pkg)
	}
	for model, sites := range ix.Sites {
		s := shard(parseQName(model).Pkg)
		s.Sites[model] = sites
		for _, site := range sites {
			s.addName(ix, site.Pkg)
		}
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

func (s *Index) addName(full *Index, pkg string) {
	if name, ok := full.Names[pkg]; ok {
		s.Names[pkg] = name
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

// shardFile names the file of pkg's shard in the folder of an index file.
func shardFile(indexFile, pkg string) string {
	sum := sha256.Sum256([]byte(pkg))
	return filepath.Join(indexFile+".d", hex.EncodeToString(sum[:12])+".gob")
}

// hashFile holds the index's hash next to it: go vet's -V=full needs only
// the hash, not the index.
func hashFile(indexFile string) string { return indexFile + ".hash" }

// storeIndex writes the index, its shards and its hash. The index file
// comes last: a reader that finds it finds the rest too (a shard that is
// missing anyway only sends its reader to the whole index).
func storeIndex(file string, ix *Index) error {
	shards := ix.Shards()
	pkgs := make([]string, 0, len(shards))
	for pkg := range shards {
		pkgs = append(pkgs, pkg)
	}
	sort.Strings(pkgs)
	for _, pkg := range pkgs {
		if err := writeGob(shardFile(file, pkg), shards[pkg]); err != nil {
			return err
		}
	}
	if err := WriteCacheFile(hashFile(file), []byte(ix.Hash)); err != nil {
		return err
	}
	return writeGob(file, ix)
}

// readIndex reads a stored index or shard. The format is gob, not JSON:
// at 800 packages the whole index (1.1 MB) took 52 ms per read as JSON
// against 12 ms as gob.
func readIndex(path string) (*Index, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ix := new(Index)
	if err := gob.NewDecoder(bufio.NewReader(f)).Decode(ix); err != nil {
		return nil, err
	}
	return ix, nil
}

func writeGob(path string, v any) error {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(v); err != nil {
		return err
	}
	return WriteCacheFile(path, buf.Bytes())
}

package driver

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"go/types"
	"reflect"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/objectpath"
)

// EncodedFact is one fact exported by a package's analysis, as unitchecker
// writes them: the object by its path within the package (empty for a
// package fact) and the fact gob-encoded. Facts outlive the syntax and
// types they were computed on, and go to the result cache.
type EncodedFact struct {
	Analyzer string
	Object   objectpath.Path `json:",omitempty"`
	Data     []byte
}

// registerFacts makes the fact types of the analyzers known to gob.
func registerFacts(analyzers []*analysis.Analyzer) {
	for _, a := range analyzers {
		for _, f := range a.FactTypes {
			gob.Register(f)
		}
	}
}

// usesFacts reports whether any analyzer needs facts from dependencies.
func usesFacts(analyzers []*analysis.Analyzer) bool {
	for _, a := range analyzers {
		if len(a.FactTypes) > 0 {
			return true
		}
	}
	return false
}

type factKey struct {
	analyzer *analysis.Analyzer
	obj      types.Object   // nil for a package fact
	pkg      *types.Package // the package of a package fact
	typ      reflect.Type
}

// factStore holds the facts one package's analysis sees: those it
// exports, and those of its dependencies, decoded on first use.
type factStore struct {
	pkg     *types.Package
	byName  map[string]*analysis.Analyzer
	depOf   func(path string) []EncodedFact // the encoded facts of a dependency, by package path
	facts   map[factKey]analysis.Fact
	decoded map[*types.Package]bool
	errs    []error
}

func newFactStore(pkg *types.Package, analyzers []*analysis.Analyzer, depOf func(string) []EncodedFact) *factStore {
	byName := map[string]*analysis.Analyzer{}
	for _, a := range analyzers {
		byName[a.Name] = a
	}
	return &factStore{pkg: pkg, byName: byName, depOf: depOf,
		facts: map[factKey]analysis.Fact{}, decoded: map[*types.Package]bool{pkg: true}}
}

// decode reads the facts of a dependency's package as this package sees
// it; objects that its export data does not hold are skipped, as
// unitchecker does.
func (s *factStore) decode(p *types.Package) {
	if p == nil || s.decoded[p] {
		return
	}
	s.decoded[p] = true
	for _, ef := range s.depOf(p.Path()) {
		a := s.byName[ef.Analyzer]
		if a == nil {
			continue
		}
		var f analysis.Fact
		if err := gob.NewDecoder(bytes.NewReader(ef.Data)).Decode(&f); err != nil {
			s.errs = append(s.errs, fmt.Errorf("decoding a %s fact of %s: %w", ef.Analyzer, p.Path(), err))
			continue
		}
		k := factKey{analyzer: a, typ: reflect.TypeOf(f)}
		if ef.Object == "" {
			k.pkg = p
		} else {
			obj, err := objectpath.Object(p, ef.Object)
			if err != nil {
				continue
			}
			k.obj = obj
		}
		s.facts[k] = f
	}
}

// decodeAll decodes the facts of every package this one depends on.
func (s *factStore) decodeAll() {
	seen := map[*types.Package]bool{}
	var walk func(p *types.Package)
	walk = func(p *types.Package) {
		if seen[p] {
			return
		}
		seen[p] = true
		s.decode(p)
		for _, q := range p.Imports() {
			walk(q)
		}
	}
	walk(s.pkg)
}

// bind gives a pass its fact functions.
func (s *factStore) bind(pass *analysis.Pass) {
	a := pass.Analyzer
	pass.ImportObjectFact = func(obj types.Object, ptr analysis.Fact) bool {
		if obj == nil {
			panic("nil object given to ImportObjectFact")
		}
		s.decode(obj.Pkg())
		return copyFact(s.facts[factKey{analyzer: a, obj: obj, typ: reflect.TypeOf(ptr)}], ptr)
	}
	pass.ImportPackageFact = func(pkg *types.Package, ptr analysis.Fact) bool {
		if pkg == nil {
			panic("nil package given to ImportPackageFact")
		}
		s.decode(pkg)
		return copyFact(s.facts[factKey{analyzer: a, pkg: pkg, typ: reflect.TypeOf(ptr)}], ptr)
	}
	pass.ExportObjectFact = func(obj types.Object, f analysis.Fact) {
		if obj.Pkg() != s.pkg {
			panic(fmt.Sprintf("%s: invalid ExportObjectFact(%v, %T): object of another package", a.Name, obj, f))
		}
		s.facts[factKey{analyzer: a, obj: obj, typ: reflect.TypeOf(f)}] = f
	}
	pass.ExportPackageFact = func(f analysis.Fact) {
		s.facts[factKey{analyzer: a, pkg: s.pkg, typ: reflect.TypeOf(f)}] = f
	}
	pass.AllObjectFacts = func() []analysis.ObjectFact {
		s.decodeAll()
		var out []analysis.ObjectFact
		for k, f := range s.facts {
			if k.analyzer == a && k.obj != nil {
				out = append(out, analysis.ObjectFact{Object: k.obj, Fact: f})
			}
		}
		return out
	}
	pass.AllPackageFacts = func() []analysis.PackageFact {
		s.decodeAll()
		var out []analysis.PackageFact
		for k, f := range s.facts {
			if k.analyzer == a && k.pkg != nil {
				out = append(out, analysis.PackageFact{Package: k.pkg, Fact: f})
			}
		}
		return out
	}
}

func copyFact(src, dst analysis.Fact) bool {
	if src == nil {
		return false
	}
	reflect.ValueOf(dst).Elem().Set(reflect.ValueOf(src).Elem())
	return true
}

// encode returns the facts this package exported, in a stable order.
func (s *factStore) encode() ([]EncodedFact, error) {
	enc := new(objectpath.Encoder)
	var out []EncodedFact
	for k, f := range s.facts {
		var path objectpath.Path
		switch {
		case k.pkg == s.pkg:
		case k.obj != nil && k.obj.Pkg() == s.pkg:
			p, err := enc.For(k.obj)
			if err != nil {
				continue // not reachable from importers (a local object)
			}
			path = p
		default:
			continue // a dependency's fact
		}
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(&f); err != nil {
			return nil, fmt.Errorf("encoding a %s fact %T: %w", k.analyzer.Name, f, err)
		}
		out = append(out, EncodedFact{Analyzer: k.analyzer.Name, Object: path, Data: buf.Bytes()})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Analyzer != b.Analyzer {
			return a.Analyzer < b.Analyzer
		}
		if a.Object != b.Object {
			return a.Object < b.Object
		}
		return bytes.Compare(a.Data, b.Data) < 0
	})
	return out, nil
}

// factsID names a package's facts and, through deps (the IDs of its
// dependencies' facts), all facts it could have seen: part of its
// importers' result cache keys.
func factsID(own []EncodedFact, deps []string) string {
	h := sha256.New()
	for _, f := range own {
		fmt.Fprintf(h, "%s %s %x\n", f.Analyzer, f.Object, f.Data)
	}
	for _, d := range deps {
		fmt.Fprintf(h, "dep %s\n", d)
	}
	return hex.EncodeToString(h.Sum(nil))
}

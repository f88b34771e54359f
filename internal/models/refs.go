package models

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strconv"

	"github.com/tenantlint/tenantlint/internal/rules"
)

// TypeRefs lists, for the files of the package at pkgPath, the named
// types they declare at package level (aliases excluded) and the
// package-level types of any package that they refer to outside the
// referred type's own declaration and its methods, both as qualified
// names ("path.Name"), sorted and without duplicates. A declared type
// that no package of the module refers to is unreferenced
// (models.unreferenced).
//
// It reads syntax, with info only to name the imports (info.PkgNameOf),
// so that it gives the same answer whether function bodies were
// type-checked (the standalone driver's packages) or not (the module
// index's scans). Names are matched, not resolved: an identifier that a
// local declaration shadows still counts as a reference, which only ever
// keeps a model reported. A reference by a definition's name (a method,
// field or variable named like a type) does not count, nor does the key
// of a composite literal's element (a struct field's name; a type is
// never a key).
func TypeRefs(pkgPath string, files []*ast.File, info *types.Info) (declared, referenced []string) {
	local := map[string]bool{}
	for _, f := range files {
		for _, d := range f.Decls {
			if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.TYPE {
				for _, s := range gd.Specs {
					if ts := s.(*ast.TypeSpec); !ts.Assign.IsValid() && ts.Name.Name != "_" {
						local[ts.Name.Name] = true
					}
				}
			}
		}
	}
	for name := range local {
		declared = append(declared, pkgPath+"."+name)
	}
	refs := map[string]bool{}
	for _, f := range files {
		r := refScan{pkgPath: pkgPath, local: local, refs: refs, imports: map[string]string{}}
		for _, spec := range f.Imports {
			r.addImport(spec, info)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				if d.Tok == token.IMPORT {
					continue
				}
				for _, s := range d.Specs {
					r.owner = ""
					if ts, ok := s.(*ast.TypeSpec); ok {
						r.owner = ts.Name.Name
					}
					ast.Inspect(s, r.visit)
				}
			case *ast.FuncDecl:
				r.owner = ""
				if d.Recv != nil && len(d.Recv.List) == 1 {
					r.owner = receiverName(d.Recv.List[0].Type)
				}
				ast.Inspect(d, r.visit)
			}
		}
	}
	for q := range refs {
		referenced = append(referenced, q)
	}
	sort.Strings(declared)
	sort.Strings(referenced)
	return declared, referenced
}

// refScan finds the type references of one file.
type refScan struct {
	pkgPath string
	local   map[string]bool   // the package's own type names
	imports map[string]string // local name of an import → its path
	dots    []*types.Package  // dot imports (nil when unknown)
	dotPath []string
	owner   string // the type whose declaration or method is scanned
	refs    map[string]bool
}

func (r *refScan) addImport(spec *ast.ImportSpec, info *types.Info) {
	path, err := strconv.Unquote(spec.Path.Value)
	if err != nil || path == "C" {
		return
	}
	var imported *types.Package
	if info != nil {
		if pn := info.PkgNameOf(spec); pn != nil {
			imported = pn.Imported()
		}
	}
	name := ""
	switch {
	case spec.Name != nil:
		name = spec.Name.Name
	case imported != nil:
		name = imported.Name()
	default:
		name = rules.PackageNameGuess(path)
	}
	switch name {
	case "_":
	case ".":
		r.dots = append(r.dots, imported)
		r.dotPath = append(r.dotPath, path)
	default:
		r.imports[name] = path
	}
}

func (r *refScan) visit(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.SelectorExpr:
		if x, ok := n.X.(*ast.Ident); ok {
			if path, ok := r.imports[x.Name]; ok {
				r.refs[path+"."+n.Sel.Name] = true
				return false
			}
		}
		ast.Inspect(n.X, r.visit) // not n.Sel: a field or method name
		return false
	case *ast.KeyValueExpr:
		if _, ok := n.Key.(*ast.Ident); !ok {
			ast.Inspect(n.Key, r.visit)
		}
		ast.Inspect(n.Value, r.visit)
		return false
	case *ast.TypeSpec:
		r.walk(n.TypeParams, n.Type)
		return false
	case *ast.FuncDecl:
		r.walk(n.Recv, n.Type, n.Body)
		return false
	case *ast.Field:
		r.walk(n.Type) // not n.Names
		return false
	case *ast.ValueSpec:
		r.walk(n.Type)
		for _, v := range n.Values {
			r.walk(v)
		}
		return false
	case *ast.LabeledStmt:
		r.walk(n.Stmt)
		return false
	case *ast.BranchStmt:
		return false
	case *ast.Ident:
		r.ident(n.Name)
	}
	return true
}

// walk visits nodes that may be nil pointers of the optional parts of a
// declaration (a receiver list, type parameters, a body).
func (r *refScan) walk(nodes ...ast.Node) {
	for _, n := range nodes {
		if n != nil && !isNilNode(n) {
			ast.Inspect(n, r.visit)
		}
	}
}

func isNilNode(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.FieldList:
		return n == nil
	case *ast.BlockStmt:
		return n == nil
	case *ast.FuncType:
		return n == nil
	}
	return false
}

// ident records an unqualified name: a type of the package, or of a
// dot-imported one.
func (r *refScan) ident(name string) {
	if name == r.owner {
		return
	}
	if r.local[name] {
		r.refs[r.pkgPath+"."+name] = true
		return
	}
	if !token.IsExported(name) {
		return
	}
	for i, p := range r.dots {
		if p == nil {
			r.refs[r.dotPath[i]+"."+name] = true // unknown: count it
		} else if _, ok := p.Scope().Lookup(name).(*types.TypeName); ok {
			r.refs[r.dotPath[i]+"."+name] = true
		}
	}
}

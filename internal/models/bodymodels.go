package models

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"github.com/tenantlint/tenantlint/internal/rules"
)

// Real repositories often take and return a domain type while the row
// type that carries the tenant column never leaves their method bodies:
// Ory Kratos's persister builds courier.MessageDispatch inside
// RecordDispatch, SigNoz's stores do new(authtypes.StorableAuthDomain).
// So a type's methods also describe the models their bodies construct or
// declare (docs/real-world).
//
// The bodies are read from syntax only, with type names resolved through
// the package scope and the file's imports, never through the types of
// body expressions: the module index type-checks declarations without
// function bodies, and go vet mode must find exactly what the standalone
// driver finds.

// bodyModels returns, per receiver type name, the models that the bodies
// of the methods declared in files construct or declare: as the type of
// a composite literal, the argument of new or make, the type of a var,
// or a conversion to *M; in the shapes of modelIn (M, *M, []M, []*M, map
// values). Methods in _test.go files count only when tests is set.
func bodyModels(fset *token.FileSet, files []*ast.File, pkg *types.Package, tests bool) map[string]map[rules.QName]bool {
	out := map[string]map[rules.QName]bool{}
	if pkg == nil {
		return out
	}
	for _, f := range files {
		if !tests && strings.HasSuffix(fset.Position(f.Pos()).Filename, "_test.go") {
			continue
		}
		imports := fileImports(f, pkg)
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || len(fd.Recv.List) != 1 || fd.Body == nil {
				continue
			}
			recv := receiverName(fd.Recv.List[0].Type)
			if recv == "" {
				continue
			}
			for _, te := range bodyTypeExprs(fd.Body) {
				if m, ok := resolveModel(te, pkg, imports); ok {
					if out[recv] == nil {
						out[recv] = map[rules.QName]bool{}
					}
					out[recv][m] = true
				}
			}
		}
	}
	return out
}

// receiverName is the name of the type of a receiver: T, *T, T[K], *T[K].
func receiverName(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.ParenExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

// bodyTypeExprs lists the type expressions of body (closures included)
// that say what the body constructs or declares.
func bodyTypeExprs(body *ast.BlockStmt) []ast.Expr {
	var out []ast.Expr
	ast.Inspect(body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.CompositeLit:
			if x.Type != nil {
				out = append(out, x.Type)
			}
		case *ast.ValueSpec:
			if x.Type != nil {
				out = append(out, x.Type)
			}
		case *ast.CallExpr:
			if id, ok := x.Fun.(*ast.Ident); ok && (id.Name == "new" || id.Name == "make") && len(x.Args) > 0 {
				out = append(out, x.Args[0])
			}
			if p, ok := x.Fun.(*ast.ParenExpr); ok {
				if _, ok := p.X.(*ast.StarExpr); ok {
					out = append(out, p.X) // (*M)(nil)
				}
			}
		}
		return true
	})
	return out
}

// fileImports maps the names under which f imports packages to them.
func fileImports(f *ast.File, pkg *types.Package) map[string]*types.Package {
	byPath := map[string]*types.Package{}
	for _, p := range pkg.Imports() {
		byPath[p.Path()] = p
	}
	out := map[string]*types.Package{}
	for _, is := range f.Imports {
		path, err := strconv.Unquote(is.Path.Value)
		if err != nil {
			continue
		}
		p, ok := byPath[path]
		if !ok {
			continue
		}
		name := p.Name()
		if is.Name != nil {
			name = is.Name.Name
		}
		out[name] = p
	}
	return out
}

// resolveModel resolves a type expression in the shapes of modelIn to a
// package-level struct type, by name.
func resolveModel(e ast.Expr, pkg *types.Package, imports map[string]*types.Package) (rules.QName, bool) {
	e = ast.Unparen(e)
	switch x := e.(type) {
	case *ast.ArrayType:
		if x.Len != nil {
			return rules.QName{}, false // arrays are not looked into, as in modelIn
		}
		e = x.Elt
	case *ast.MapType:
		e = x.Value
	}
	e = ast.Unparen(e)
	if s, ok := e.(*ast.StarExpr); ok {
		e = ast.Unparen(s.X)
	}
	switch x := e.(type) { // a generic model by its origin
	case *ast.IndexExpr:
		e = x.X
	case *ast.IndexListExpr:
		e = x.X
	}
	var obj types.Object
	switch x := e.(type) {
	case *ast.Ident:
		obj = pkg.Scope().Lookup(x.Name)
	case *ast.SelectorExpr:
		id, ok := x.X.(*ast.Ident)
		if !ok {
			return rules.QName{}, false
		}
		p, ok := imports[id.Name]
		if !ok {
			return rules.QName{}, false
		}
		obj = p.Scope().Lookup(x.Sel.Name)
	}
	tn, ok := obj.(*types.TypeName)
	if !ok {
		return rules.QName{}, false
	}
	return ModelIn(tn.Type())
}

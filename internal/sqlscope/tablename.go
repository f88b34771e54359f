package sqlscope

import (
	"go/ast"
	"go/constant"
	"go/types"

	"github.com/tenantlint/tenantlint/internal/ctxscope"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// tableNames maps each type of a package that has a TableName method
// returning a constant to that constant. The method may take a
// context.Context (gorm's and bun's TableName(ctx) form) or nothing, and
// have a value or a pointer receiver; its body must be a single return
// of a string constant. The package's declarations are read once, for
// every model, rather than once per model.
func tableNames(files []*ast.File, info *types.Info) map[*types.TypeName]string {
	out := map[*types.TypeName]string{}
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || fd.Name.Name != "TableName" || fd.Body == nil || len(fd.Body.List) != 1 {
				continue
			}
			fn, ok := info.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			sig := fn.Signature()
			_, named, ok := rules.NamedOf(sig.Recv().Type())
			if !ok || !tableNameSignature(sig) {
				continue
			}
			ret, ok := fd.Body.List[0].(*ast.ReturnStmt)
			if !ok || len(ret.Results) != 1 {
				continue
			}
			if tv, ok := info.Types[ret.Results[0]]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
				out[named.Origin().Obj()] = constant.StringVal(tv.Value)
			}
		}
	}
	return out
}

// tableNameSignature reports whether sig takes nothing or a
// context.Context and returns one result (whose constant tableNames
// reads).
func tableNameSignature(sig *types.Signature) bool {
	if sig.Results().Len() != 1 {
		return false
	}
	switch sig.Params().Len() {
	case 0:
		return true
	case 1:
		return ctxscope.IsContextType(sig.Params().At(0).Type())
	}
	return false
}

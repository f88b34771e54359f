package sqlscope

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// APIs are the query methods and functions of a configuration: its
// sql.presets (all of them when the key is absent) and sql.apis.
type APIs struct {
	methods map[rules.QName]map[string]int // receiver type -> method -> query index
	funcs   map[rules.QName]int
}

// CompileAPIs compiles the query APIs of c.
func CompileAPIs(c *config.Config) *APIs {
	a := &APIs{methods: map[rules.QName]map[string]int{}, funcs: map[rules.QName]int{}}
	for _, name := range c.SQLPresetNames() {
		for _, p := range config.SQLPresets[name] {
			for _, t := range p.Types {
				a.addMethods(rules.QName{Pkg: p.Pkg, Name: t}, p.Methods)
			}
			for f, i := range p.Funcs {
				a.funcs[rules.QName{Pkg: p.Pkg, Name: f}] = i
			}
		}
	}
	for _, api := range c.SQL.APIs {
		if api.Type.Value != "" {
			m := map[string]int{}
			for name, q := range api.Methods {
				m[name] = *q.Query
			}
			a.addMethods(rules.ParseQName(api.Type.Value), m)
		} else {
			a.funcs[rules.ParseQName(api.Func.Value)] = *api.Query
		}
	}
	return a
}

func (a *APIs) addMethods(t rules.QName, methods map[string]int) {
	m := a.methods[t]
	if m == nil {
		m = map[string]int{}
		a.methods[t] = m
	}
	for name, i := range methods {
		m[name] = i
	}
}

// Call is a call of a query API.
type Call struct {
	Call  *ast.CallExpr
	Query ast.Expr // the query argument
	API   string   // how the finding names the API: "sql.DB.QueryContext"
}

// Match recognises a call of a query API. A method is matched on the type
// that declares it, so promoted methods count (sqlx.DB's Query is
// sql.DB's) and so do calls through a configured interface, or one that
// embeds it; generic types match by their origin.
func (a *APIs) Match(info *types.Info, call *ast.CallExpr) (*Call, bool) {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Pkg() == nil {
		return nil, false
	}
	fn = fn.Origin()
	sig := fn.Type().(*types.Signature)
	idx, api := -1, ""
	if recv := sig.Recv(); recv != nil {
		q, _, ok := rules.NamedOf(recv.Type())
		if !ok {
			return nil, false
		}
		i, ok := a.methods[q][fn.Name()]
		if !ok {
			return nil, false
		}
		idx, api = i, rules.PackageNameGuess(q.Pkg)+"."+q.Name+"."+fn.Name()
	} else {
		i, ok := a.funcs[rules.QName{Pkg: fn.Pkg().Path(), Name: fn.Name()}]
		if !ok {
			return nil, false
		}
		idx, api = i, fn.Pkg().Name()+"."+fn.Name()
	}
	if idx >= len(call.Args) || call.Ellipsis.IsValid() && idx >= len(call.Args)-1 {
		return nil, false
	}
	return &Call{Call: call, Query: call.Args[idx], API: api}, true
}

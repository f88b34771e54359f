package tenantsql

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/tenantlint/tenantlint/internal/lint"
	"github.com/tenantlint/tenantlint/internal/sqlscope"
)

// ChainFact says what a function that returns a query builder puts in
// it: the steps of the chain it returns, resolved to the SQL they add
// (its model, FROM items, joins and conditions), so that a chain that
// starts at a call of it continues from them, in its package and in
// those that import it. Repositories write their tenant predicate once,
// in such a helper (Ory Keto's queryWithNetwork), and every query of
// theirs starts there.
type ChainFact struct {
	Lib    string // the builder library's package path
	Result int    // the index of the builder among the function's results
	// Param is the index of the parameter whose builder the returned
	// chain extends (a whereQuery(ctx, q, rq) helper), or -1: the chain
	// starts in the function (a fresh statement).
	Param     int
	Stmt      string // the statement the chain starts, if it starts one
	Model     *ChainModel
	ModelExpr string
	From      []string
	Joins     []sqlscope.BuiltJoin
	Where     []sqlscope.BuiltCond
	Unknown   bool // a condition of unknown text stands as TRUE
}

// ChainModel is the table a helper's Model step set.
type ChainModel struct {
	Table, Alias string
	PKs          []string
}

// AFact implements analysis.Fact.
func (*ChainFact) AFact() {}

// String describes the fact, as analysistest's fact expectations read it.
func (f *ChainFact) String() string {
	var conds []string
	for _, c := range f.Where {
		conds = append(conds, c.Text)
	}
	from := slices.Clone(f.From)
	if f.Model != nil {
		from = append([]string{f.Model.Table}, from...)
	}
	return fmt.Sprintf("chain(param %d; from %s; where %s)", f.Param, strings.Join(from, ", "), strings.Join(conds, " AND "))
}

// chainFacts maps a function (its origin) to the chain it returns: the
// result of the chains analyzer, for the package's own functions and
// every function of its dependencies that has a ChainFact.
type chainFacts map[*types.Func]*ChainFact

// helperState is what the builders of one declaration know of helper
// functions: the ChainFacts of the functions it may call, and, while a
// helper's own chain is followed, its builder parameters (roots: their
// value on entry is where its chain may start) and the one its
// returned chain reached (rootHit).
type helperState struct {
	helpers chainFacts
	roots   map[*types.Var]int
	rootHit int
}

// newChains returns the analyzer that exports a ChainFact on each
// function returning a builder whose chain tenantsql can follow (every
// return the same chain). Like tenantsqlmodels it runs on every
// package, dependencies included, and never reports.
func newChains(env *lint.Env, models *analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:       "tenantsqlchains",
		Doc:        "find the query builder chains that functions return, for tenantsql's query builders",
		URL:        "https://github.com/tenantlint/tenantlint#tenantsql",
		FactTypes:  []analysis.Fact{new(ChainFact)},
		Requires:   []*analysis.Analyzer{models},
		ResultType: reflect.TypeOf(chainFacts(nil)),
		Run: func(pass *analysis.Pass) (any, error) {
			out := chainFacts{}
			r := env.RulesFor(pass, Name)
			if r == nil {
				return out, nil
			}
			for _, f := range pass.AllObjectFacts() {
				if cf, ok := f.Fact.(*ChainFact); ok {
					if fn, ok := f.Object.(*types.Func); ok {
						out[fn] = cf
					}
				}
			}
			p := &lint.Pass{Pass: pass, Check: Name, Rules: r, Files: lint.SourceFiles(pass)}
			// The libraries and model tables are the package's: looked
			// up once, not per declaration and round.
			libs, mt, _ := chainLibs(p)
			indexes := map[*ast.FuncDecl]*declIndex{} // across rounds
			var decls []*ast.FuncDecl
			for _, f := range p.Files {
				for _, d := range f.Decls {
					if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
						decls = append(decls, fd)
					}
				}
			}
			// A helper may start at another of the package: follow
			// them until no new fact appears (a chain of helpers is
			// short; the bound keeps a cycle finite).
			for round := 0; round < 8; round++ {
				added := false
				for _, fd := range decls {
					fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
					if !ok || out[fn] != nil {
						continue
					}
					if f := helperChain(p, libs, mt, out, indexes, fd, fn); f != nil {
						out[fn] = f
						pass.ExportObjectFact(fn, f)
						added = true
					}
				}
				if !added {
					break
				}
			}
			return out, nil
		},
	}
}

// chainLibs returns the builder libraries enabled for p (by
// sql.presets), the model tables (tenantsqlmodels' result) and the
// helpers' chains (tenantsqlchains' result) among p's results.
func chainLibs(p *lint.Pass) ([]*library, modelTables, chainFacts) {
	var libs []*library
	presets := p.Rules.Config.SQLPresetNames()
	for _, l := range libraries {
		if slices.Contains(presets, l.name) {
			libs = append(libs, l)
		}
	}
	var mt modelTables
	var cf chainFacts
	for _, r := range p.ResultOf {
		switch r := r.(type) {
		case modelTables:
			mt = r
		case chainFacts:
			cf = r
		}
	}
	return libs, mt, cf
}

// helperChain follows the chain that fd returns: nil when it returns no
// builder of an enabled library, or its returns are not one chain that
// can be followed (never a guessed chain: the callers stay unchecked).
func helperChain(p *lint.Pass, libs []*library, mt modelTables, known chainFacts, indexes map[*ast.FuncDecl]*declIndex, fd *ast.FuncDecl, fn *types.Func) *ChainFact {
	b := &builders{p: p, decl: fd, libs: libs, models: mt}
	b.helpers = known
	sig := fn.Type().(*types.Signature)
	lib, result := (*library)(nil), -1
	for i := 0; i < sig.Results().Len(); i++ {
		for _, l := range libs {
			if b.isLib(l, l.builders, sig.Results().At(i).Type()) {
				if lib != nil {
					return nil // two builders: not a helper of one chain
				}
				lib, result = l, i
			}
		}
	}
	if lib == nil {
		return inPlaceChain(b, indexes, fd, sig)
	}
	b.roots = map[*types.Var]int{}
	for i := 0; i < sig.Params().Len(); i++ {
		v := sig.Params().At(i)
		if b.isLib(lib, lib.builders, v.Type()) || b.isLib(lib, lib.starts, v.Type()) {
			b.roots[v] = i
		}
	}
	b.indexWith(indexes, fd)
	var out *ChainFact
	ok := sqlscope.EachReturn(fd.Body, sig.Results().Len(), func(ret *ast.ReturnStmt) bool {
		e := ret.Results[result]
		if b.isNil(e) {
			return true // the error path: callers do not query nil
		}
		b.rootHit = -1
		steps, err := b.walk(lib, e, e.Pos(), nil, 0)
		if err != nil {
			return false
		}
		_, f, err := b.assemble(lib, steps, true)
		if err != nil {
			return false
		}
		f.Lib, f.Result, f.Param = lib.pkg, result, b.rootHit
		if out != nil && !reflect.DeepEqual(out, f) {
			return false // two returns of different chains
		}
		out = f
		return true
	})
	if !ok {
		return nil
	}
	return out
}

// inPlaceChain is the fact of a function that returns no builder but
// extends the one it takes, in place (Keto's `whereQuery(ctx, q, rq)
// error`): the steps its builder parameter has at each return that
// does not return an error (and at its end, without results), which
// must be the same. Result is -1: its callers' builder is the argument.
func inPlaceChain(b *builders, indexes map[*ast.FuncDecl]*declIndex, fd *ast.FuncDecl, sig *types.Signature) *ChainFact {
	var lib *library
	var param *types.Var
	b.roots = map[*types.Var]int{}
	for i := 0; i < sig.Params().Len(); i++ {
		v := sig.Params().At(i)
		for _, l := range b.libs {
			if l.mutable && b.isLib(l, l.builders, v.Type()) {
				if lib != nil {
					return nil // two builders: not one chain
				}
				lib, param = l, v
				b.roots[v] = i
			}
		}
	}
	if lib == nil {
		return nil
	}
	b.indexWith(indexes, fd)
	var out *ChainFact
	at := func(pos token.Pos) bool {
		lv := b.vars[param]
		if lv == nil {
			lv = &localVar{}
		}
		b.rootHit = -1
		steps, err := b.local(lib, param, lv, pos, 0)
		if err != nil {
			return false
		}
		_, f, err := b.assemble(lib, steps, true)
		if err != nil {
			return false
		}
		f.Lib, f.Result, f.Param = lib.pkg, -1, b.roots[param]
		if out != nil && !reflect.DeepEqual(out, f) {
			return false // two returns of different chains
		}
		out = f
		return true
	}
	errType := types.Universe.Lookup("error").Type()
	ok := sqlscope.EachReturn(fd.Body, sig.Results().Len(), func(ret *ast.ReturnStmt) bool {
		for i, r := range ret.Results {
			if types.Identical(sig.Results().At(i).Type(), errType) && !b.isNil(r) {
				return true // an error path: callers do not run the query
			}
		}
		return at(ret.Pos())
	})
	if ok && sig.Results().Len() == 0 {
		ok = at(fd.Body.Rbrace)
	}
	if !ok {
		return nil
	}
	return out
}

// isNil reports whether e is the predeclared nil.
func (b *builders) isNil(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && b.p.TypesInfo.Uses[id] == types.Universe.Lookup("nil")
}

// helper recognises a call of a function with a ChainFact of lib: its
// step, and the builder it extends (its Param argument; nil when the
// chain starts in the helper).
func (b *builders) helper(lib *library, call *ast.CallExpr) (step, ast.Expr, bool) {
	f := b.helperFact(call)
	if f == nil || f.Lib != lib.pkg {
		return step{}, nil, false
	}
	var recv ast.Expr
	if f.Param >= 0 {
		if f.Param >= len(call.Args) {
			return step{}, nil, false
		}
		recv = call.Args[f.Param]
	}
	return step{call: call, name: "helper", m: m(opPass), helper: f}, recv, true
}

// helperFact is the ChainFact of the function call calls, or nil.
func (b *builders) helperFact(call *ast.CallExpr) *ChainFact {
	if len(b.helpers) == 0 && b.absent == nil {
		return nil
	}
	fn, ok := typeutil.Callee(b.p.TypesInfo, call).(*types.Func)
	if !ok {
		return nil
	}
	f := b.helpers[fn.Origin()]
	if f == nil && b.absent != nil {
		b.absent[fn.Origin()] = true
	}
	return f
}

// declIndex is a declaration's index (builders.index), kept between
// the rounds of the chains analyzer: it depends on the helpers only
// through the ChainFacts of the functions the declaration calls, so it
// holds until one of those that had none (absent) gets one.
type declIndex struct {
	parent map[ast.Node]ast.Node
	vars   map[*types.Var]*localVar
	absent map[*types.Func]bool
}

// indexWith is index, taken from indexes when the declaration's index
// there still holds, else built and kept there.
func (b *builders) indexWith(indexes map[*ast.FuncDecl]*declIndex, fd *ast.FuncDecl) {
	if ix := indexes[fd]; ix != nil && !ix.stale(b.helpers) {
		b.parent, b.vars, b.indexed = ix.parent, ix.vars, true
		return
	}
	b.absent = map[*types.Func]bool{}
	b.index()
	indexes[fd] = &declIndex{parent: b.parent, vars: b.vars, absent: b.absent}
	b.absent = nil
}

// stale reports whether a function the declaration calls has a
// ChainFact in known that it had not when it was indexed.
func (ix *declIndex) stale(known chainFacts) bool {
	for fn := range ix.absent {
		if known[fn] != nil {
			return true
		}
	}
	return false
}

// helperArg reports whether the i-th argument of call is the builder a
// helper extends (its ChainFact's Param): passing it there is an
// extension the fact describes, not an escape to unknown code.
func (b *builders) helperArg(call *ast.CallExpr, i int) bool {
	f := b.helperFact(call)
	return f != nil && f.Param == i
}

// applyHelper adds the steps a helper's chain contributes (f) to q.
// conditional: the call of the helper does not run on every path.
func applyHelper(q *sqlscope.BuiltQuery, f *ChainFact, conditional bool) {
	if f.Stmt != "" {
		q.Stmt = f.Stmt
	}
	q.From = append(q.From, f.From...)
	for _, j := range f.Joins {
		j.On = slices.Clone(j.On)
		for i := range j.On {
			j.On[i].Conditional = j.On[i].Conditional || conditional
		}
		q.Joins = append(q.Joins, j)
	}
	for _, c := range f.Where {
		c.Conditional = c.Conditional || conditional
		q.Where = append(q.Where, c)
	}
	q.Unknown = q.Unknown || f.Unknown
}

// helperResult is the call on the right of `q, err := helper(...)`
// when the i-th result is the builder a helper returns, or nil.
func (b *builders) helperResult(n *ast.AssignStmt, i int) ast.Expr {
	if len(n.Rhs) != 1 || len(n.Lhs) < 2 || n.Tok != token.ASSIGN && n.Tok != token.DEFINE {
		return nil
	}
	call, ok := ast.Unparen(n.Rhs[0]).(*ast.CallExpr)
	if !ok {
		return nil
	}
	if f := b.helperFact(call); f != nil && f.Result == i {
		return call
	}
	return nil
}

// inPlace records the call of a helper that extends its argument a as
// an extension of a's local, at the statement of the enclosing block
// that holds the call (the if of `if err := ...; err != nil`), which
// runs whenever that statement does: builders that change in place
// (lib.mutable) are changed by the call whatever it returns (Keto's
// `err := p.whereQuery(ctx, q, rq)`, `page := withNetwork(q).Order(x)`).
// A statement `helper(q)` of a helper returning the builder is recorded
// by index's rootIdent already. stack is the path from the declaration
// to the call.
func (b *builders) inPlace(call *ast.CallExpr, a ast.Expr, stack []ast.Node, lv func(*ast.Ident) *localVar) {
	f := b.helperFact(call)
	id, ok := ast.Unparen(a).(*ast.Ident)
	if f == nil || !ok {
		return
	}
	if es, isStmt := stack[len(stack)-2].(*ast.ExprStmt); isStmt && f.Result >= 0 && ast.Unparen(es.X) == call {
		return
	}
	for i := len(stack) - 1; i > 0; i-- {
		st, isStmt := stack[i].(ast.Stmt)
		if !isStmt {
			continue
		}
		switch stack[i-1].(type) {
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			if v := lv(id); v != nil {
				v.calls = append(v.calls, assign{stmt: st, expr: call})
			}
			return
		}
	}
}

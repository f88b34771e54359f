package tenantsql

import (
	"errors"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/tenantlint/tenantlint/internal/lint"
	"github.com/tenantlint/tenantlint/internal/models"
	"github.com/tenantlint/tenantlint/internal/rules"
	"github.com/tenantlint/tenantlint/internal/sqlscope"
)

// errUnresolved: the chain cannot be followed (a builder from outside
// the function, a model of unknown type, a dynamic condition, a step
// whose effect is not modelled); errNotChain: the chain is not one the
// check judges (an INSERT, a raw text the raw presets check).
var (
	errUnresolved = errors.New("unresolved")
	errNotChain   = errors.New("not a chain")
)

// builders checks the builder chains of one top-level declaration: each
// call of a terminal method (Scan, Exec, Find, ToSql, All, ...) is one
// statement, built by the calls on its receiver, followed through the
// locals of the function the receiver is assigned to and extended in.
type builders struct {
	p      *lint.Pass
	r      *queryRun
	parser *sqlscope.Parser
	tables sqlscope.Tables
	decl   ast.Decl
	stats  *Stats
	// tenantAt names the tenant value in scope at a call, or "".
	tenantAt func(*ast.CallExpr) string
	libs     []*library
	models   modelTables
	texts    *sqlscope.Texts
	parent   map[ast.Node]ast.Node
	vars     map[*types.Var]*localVar
	indexed  bool
	// absent, when not nil, records the functions called in the
	// declaration that have no ChainFact (helperFact), while index
	// runs: see declIndex.
	absent map[*types.Func]bool
	helperState
}

// localVar is what the function does with one local: its assignments,
// the statements that call builder methods on it, and whether it is
// passed to a function (which may extend it).
type localVar struct {
	assigns []assign
	calls   []assign // statements `v.Where(...)`: expr is the call
	escapes bool
}

type assign struct {
	stmt ast.Stmt
	expr ast.Expr // nil: not followed (a multi-value assignment, ...)
}

// step is one call of a chain.
type step struct {
	call *ast.CallExpr
	name string
	m    method
	// conditional: the step is in a statement that does not run on
	// every path to the chain's terminal.
	conditional bool
	// helper: the step is a call of a function returning a chain, whose
	// steps its fact resolves.
	helper *ChainFact
}

func newBuilders(p *lint.Pass, r *queryRun, decl ast.Decl, tenantAt func(*ast.CallExpr) string) *builders {
	if !r.chainsLooked {
		// The package's libraries, models and helpers: looked up once,
		// not per declaration.
		r.chainsLooked = true
		r.libs, r.models, r.helpers = chainLibs(p)
	}
	b := &builders{p: p, r: r, parser: r.parser, tables: r.tables, decl: decl, stats: r.stats, tenantAt: tenantAt, libs: r.libs, models: r.models}
	b.helpers = r.helpers
	return b
}

// check checks call when it is the terminal of a builder chain, and
// reports whether it is one (judged or not).
func (b *builders) check(call *ast.CallExpr) bool {
	if len(b.libs) == 0 {
		return false
	}
	lib, st, recv, ok := b.method(call)
	if !ok || st.m.op != opTerminal || recv == nil {
		return false
	}
	b.index()
	prev, err := b.walk(lib, recv, call.Pos(), nil, 0)
	var q *sqlscope.BuiltQuery
	if err == nil {
		q, err = b.build(lib, append(prev, st))
	}
	if errors.Is(err, errNotChain) {
		return true // counted by the raw presets, or not judged
	}
	b.stats.Queries++
	b.stats.Chains++
	if err != nil || q.SQL(true) == "" {
		b.unchecked(UncheckedChain)
		return true
	}
	res, err := sqlscope.CheckBuilt(b.parser, q, b.tables, b.r.cc.rule)
	if err != nil {
		b.unchecked(UncheckedParse)
		return true
	}
	if len(res.Violations) == 0 && len(res.OnBranch) == 0 {
		b.r.global.match(b.global(call))
		b.stats.Constrained++
		b.stats.ChainsConstrained++
		countTables(b.stats, b.tables, res.Tables, nil, SourceChain, false)
		return true
	}
	if q.Unknown {
		b.unchecked(UncheckedOpaque) // the condition not known may be the predicate
		countTables(b.stats, b.tables, res.Tables, nil, SourceChain, true)
		return true
	}
	if g := b.r.global.match(b.global(call)); g >= 0 {
		b.r.global.used[g] = true // global on purpose: not a finding
		b.stats.Suppressed++
		return true
	}
	tenant := b.tenantAt(call)
	var f findings
	for _, v := range res.Violations {
		f.add(v.Table, reportViolation(b.p, b.stats, call, tenant, v, chainFix(v, b.parser, tenant), nil))
	}
	for _, v := range res.OnBranch {
		f.add(v.Table, reportViolation(b.p, b.stats, call, tenant, v, ": its predicate is added on one branch only", nil))
	}
	if f.count(b.stats) {
		b.stats.ChainsUnconstrained++
	}
	countTables(b.stats, b.tables, res.Tables, f.outcomes, SourceChain, false)
	return true
}

// global is what sql.global entries match of the chain ending at call:
// its file (a chain has no name).
func (b *builders) global(call *ast.CallExpr) query {
	return query{files: []string{b.p.Position(call.Pos()).Filename}}
}

func (b *builders) unchecked(reason string) {
	b.stats.unchecked(reason)
	b.stats.ChainsUnchecked++
}

// method recognises a call of a builder method (or function) of an
// enabled library: its step and its receiver (the first argument of a
// function that takes the builder, as pop.Q(c); nil for one that starts
// a statement).
func (b *builders) method(call *ast.CallExpr) (*library, step, ast.Expr, bool) {
	fn, ok := typeutil.Callee(b.p.TypesInfo, call).(*types.Func)
	if !ok || fn.Pkg() == nil {
		return nil, step{}, nil, false
	}
	fn = fn.Origin()
	for _, lib := range b.libs {
		if fn.Pkg().Path() != lib.pkg {
			continue
		}
		sig := fn.Type().(*types.Signature)
		if sig.Recv() == nil {
			mt, ok := lib.funcs[fn.Name()]
			if !ok {
				return nil, step{}, nil, false
			}
			var recv ast.Expr
			if mt.op == opPass && len(call.Args) > 0 {
				recv = call.Args[0]
			}
			return lib, step{call: call, name: fn.Name(), m: mt}, recv, true
		}
		q, _, ok := rules.NamedOf(sig.Recv().Type())
		if !ok || !slices.Contains(lib.builders, q.Name) && !slices.Contains(lib.starts, q.Name) {
			return nil, step{}, nil, false
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return nil, step{}, nil, false
		}
		mt, ok := lib.methods[fn.Name()]
		if !ok {
			// Other methods that return a builder keep it (Order,
			// Limit, WithContext, ...); the rest end no chain.
			if sig.Results().Len() != 1 || !b.isLib(lib, lib.builders, sig.Results().At(0).Type()) {
				return nil, step{}, nil, false
			}
			mt = m(opPass)
		}
		if (mt.op == opStart || mt.op == opInsert || mt.op == opRaw) && slices.Contains(lib.starts, q.Name) {
			sel = nil // the statement starts here
		}
		var recv ast.Expr
		if sel != nil {
			recv = sel.X
		}
		return lib, step{call: call, name: fn.Name(), m: mt}, recv, true
	}
	return nil, step{}, nil, false
}

// isLib reports whether t is (a pointer to) one of the named types of lib.
func (b *builders) isLib(lib *library, names []string, t types.Type) bool {
	q, _, ok := rules.NamedOf(t)
	return ok && q.Pkg == lib.pkg && slices.Contains(names, q.Name)
}

// walk returns the steps that build the builder e, root first, as they
// stand at pos. stop is a local whose value the steps extend (the
// builder an extension statement starts from): reaching it ends the walk.
func (b *builders) walk(lib *library, e ast.Expr, pos token.Pos, stop *types.Var, depth int) ([]step, error) {
	if depth > 16 {
		return nil, errUnresolved
	}
	e = ast.Unparen(e)
	switch e := e.(type) {
	case *ast.CallExpr:
		l, st, recv, ok := b.method(e)
		if ok && l == lib && st.m.op == opTerminal {
			return nil, errUnresolved // a builder that a terminal returns: not followed
		}
		if !ok || l != lib {
			st, recv, ok = b.helper(lib, e)
		}
		if ok {
			if recv == nil {
				return []step{st}, nil
			}
			prev, err := b.walk(lib, recv, pos, stop, depth+1)
			if err != nil {
				return nil, err
			}
			return append(prev, st), nil
		}
	case *ast.Ident:
		if v, ok := b.p.TypesInfo.Uses[e].(*types.Var); ok {
			if v == stop {
				return nil, nil
			}
			if lv := b.vars[v]; lv != nil && len(lv.assigns) > 0 {
				return b.local(lib, v, lv, pos, depth)
			}
			if _, root := b.roots[v]; root {
				lv := b.vars[v]
				if lv == nil {
					lv = &localVar{}
				}
				return b.local(lib, v, lv, pos, depth)
			}
		}
	}
	// A value from outside the function: a fresh statement for gorm's
	// *DB and pop's *Connection; any other builder is not followed.
	if lib.rootStarts && b.isLib(lib, lib.starts, b.p.TypesInfo.TypeOf(e)) {
		return nil, nil
	}
	return nil, errUnresolved
}

// local returns the steps that build the local v at pos: its last
// assignment before pos that does not extend it (which must run on every
// path to pos), then the extensions after it (`v = v.Where(...)`, and
// for mutable builders `v.Where(...)`), those that do not run on every
// path marked conditional.
func (b *builders) local(lib *library, v *types.Var, lv *localVar, pos token.Pos, depth int) ([]step, error) {
	if lib.mutable && lv.escapes {
		return nil, errUnresolved // a function it is passed to may extend it
	}
	var def *assign
	for i := range lv.assigns {
		a := &lv.assigns[i]
		if a.stmt.Pos() >= pos || b.extends(a.expr, v) {
			continue
		}
		if def == nil || a.stmt.Pos() > def.stmt.Pos() {
			def = a
		}
	}
	var steps []step
	defPos := token.NoPos // a helper's builder parameter: its value on entry
	if i, root := b.roots[v]; root && def == nil {
		b.rootHit = i
	} else {
		if def == nil || def.expr == nil || !b.dominates(def.stmt, pos) {
			return nil, errUnresolved
		}
		var err error
		if steps, err = b.walk(lib, def.expr, def.stmt.Pos(), nil, depth+1); err != nil {
			return nil, err
		}
		defPos = def.stmt.Pos()
	}
	exts := []assign{}
	for _, a := range lv.assigns {
		if a.stmt.Pos() > defPos && a.stmt.Pos() < pos && b.extends(a.expr, v) {
			exts = append(exts, a)
		}
	}
	if lib.mutable {
		for _, a := range lv.calls {
			if a.stmt.Pos() > defPos && a.stmt.Pos() < pos {
				exts = append(exts, a)
			}
		}
	}
	sort.Slice(exts, func(i, j int) bool { return exts[i].stmt.Pos() < exts[j].stmt.Pos() })
	for _, a := range exts {
		more, err := b.walk(lib, a.expr, a.stmt.Pos(), v, depth+1)
		if err != nil {
			return nil, err
		}
		cond := !b.dominates(a.stmt, pos)
		for _, s := range more {
			s.conditional = s.conditional || cond
			steps = append(steps, s)
		}
	}
	return steps, nil
}

// extends reports whether e is a chain of calls on v itself (or on a
// helper's call that extends v).
func (b *builders) extends(e ast.Expr, v *types.Var) bool {
	id := b.rootIdent(e)
	return id != nil && b.p.TypesInfo.Uses[id] == v
}

// rootIdent returns the identifier a chain of method calls starts from
// (through the calls of helpers that extend their argument:
// whereQuery(ctx, q, rq) extends q).
func (b *builders) rootIdent(e ast.Expr) *ast.Ident {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.CallExpr:
			if f := b.helperFact(x); f != nil && f.Result >= 0 && f.Param >= 0 && f.Param < len(x.Args) {
				if id, ok := ast.Unparen(x.Args[f.Param]).(*ast.Ident); ok {
					return id
				}
				e = x.Args[f.Param]
				continue
			}
			sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr)
			if !ok {
				return nil
			}
			if _, isCall := ast.Unparen(sel.X).(*ast.CallExpr); !isCall {
				id, _ := ast.Unparen(sel.X).(*ast.Ident)
				return id
			}
			e = sel.X
		default:
			return nil
		}
	}
}

// dominates reports whether the statement s runs on every path to pos:
// it is in a statement list that holds pos after it (or is the init of
// an if, for or switch holding pos). A statement in a branch, a loop or
// a closure that does not hold pos does not.
func (b *builders) dominates(s ast.Stmt, pos token.Pos) bool {
	p := b.parent[s]
	if p == nil || pos < p.Pos() || pos >= p.End() {
		return false
	}
	switch p.(type) {
	case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
		return s.End() <= pos
	case *ast.IfStmt, *ast.ForStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt:
		return true
	}
	return false
}

// index records, once per declaration, the parents of its nodes and
// what it does with each local.
func (b *builders) index() {
	if b.indexed {
		return
	}
	b.indexed = true
	b.parent = map[ast.Node]ast.Node{}
	b.vars = map[*types.Var]*localVar{}
	info := b.p.TypesInfo
	lv := func(id *ast.Ident) *localVar {
		v, ok := info.ObjectOf(id).(*types.Var)
		if !ok || v.IsField() {
			return nil
		}
		if b.vars[v] == nil {
			b.vars[v] = &localVar{}
		}
		return b.vars[v]
	}
	var stack []ast.Node
	ast.Inspect(b.decl, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		if len(stack) > 0 {
			b.parent[n] = stack[len(stack)-1]
		}
		stack = append(stack, n)
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				id, ok := ast.Unparen(l).(*ast.Ident)
				if !ok {
					continue
				}
				if v := lv(id); v != nil {
					var rhs ast.Expr
					if len(n.Lhs) == len(n.Rhs) && (n.Tok == token.ASSIGN || n.Tok == token.DEFINE) {
						rhs = n.Rhs[i]
					} else {
						rhs = b.helperResult(n, i) // q, err := helper(...)
					}
					v.assigns = append(v.assigns, assign{stmt: n, expr: rhs})
				}
			}
		case *ast.DeclStmt:
			if gd, ok := n.Decl.(*ast.GenDecl); ok {
				for _, spec := range gd.Specs {
					vs, ok := spec.(*ast.ValueSpec)
					if !ok {
						continue
					}
					for i, id := range vs.Names {
						if v := lv(id); v != nil {
							var rhs ast.Expr
							if len(vs.Values) == len(vs.Names) {
								rhs = vs.Values[i]
							}
							v.assigns = append(v.assigns, assign{stmt: n, expr: rhs})
						}
					}
				}
			}
		case *ast.ExprStmt:
			if id := b.rootIdent(n.X); id != nil {
				if v := lv(id); v != nil {
					v.calls = append(v.calls, assign{stmt: n, expr: n.X})
				}
			}
		case *ast.CallExpr:
			for i, a := range n.Args {
				if b.helperArg(n, i) {
					// The helper's fact says what it adds; one that
					// returns no builder extends it in place.
					b.inPlace(n, a, stack, lv)
					continue
				}
				if id, ok := ast.Unparen(a).(*ast.Ident); ok {
					if v := lv(id); v != nil {
						v.escapes = true
					}
				}
			}
		case *ast.UnaryExpr:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND {
				if v := lv(id); v != nil {
					v.escapes = true
				}
			}
		}
		return true
	})
}

// text resolves a string argument to its text.
func (b *builders) text(e ast.Expr) (string, bool) {
	if b.texts == nil {
		b.texts = sqlscope.NewTexts(b.p.TypesInfo, b.decl)
	}
	return b.texts.Text(e)
}

// model is the table a chain's model type maps to.
type model struct {
	table, alias string
	pks          []string
}

// build turns the steps of a chain into the statement it runs.
func (b *builders) build(lib *library, steps []step) (*sqlscope.BuiltQuery, error) {
	q, _, err := b.assemble(lib, steps, false)
	return q, err
}

// assemble is build; partial assembles the steps a helper returns (no
// statement kind needed, the model left to its callers, returned as a
// ChainFact without its Lib, Result and Param).
func (b *builders) assemble(lib *library, steps []step, partial bool) (*sqlscope.BuiltQuery, *ChainFact, error) {
	q := &sqlscope.BuiltQuery{}
	var modelType types.Type
	var helperModel *ChainModel
	modelExpr := ""
	var pk []int // the WherePK() conditions, filled in once the model is known
	for _, st := range steps {
		if st.helper != nil {
			applyHelper(q, st.helper, st.conditional)
			if st.helper.Model != nil {
				modelType, helperModel = nil, st.helper.Model
			}
			if st.helper.ModelExpr != "" {
				modelExpr = st.helper.ModelExpr
			}
			continue
		}
		args := st.call.Args
		arg := func(i int) (string, bool) {
			if i >= len(args) {
				return "", false
			}
			return b.text(args[i])
		}
		switch st.m.op {
		case opInsert, opRaw:
			return nil, nil, errNotChain
		case opOpaque:
			return nil, nil, errUnresolved
		case opStart:
			q.Stmt = st.m.stmt
			if st.m.table >= 0 {
				t, ok := arg(st.m.table)
				if !ok {
					return nil, nil, errUnresolved
				}
				if t != "" {
					q.From = append(q.From, t)
				}
			}
		case opModel:
			if len(args) == 0 {
				return nil, nil, errUnresolved
			}
			modelType, helperModel = b.p.TypesInfo.TypeOf(args[0]), nil
		case opTable:
			for i := range args {
				t, ok := arg(i)
				if !ok {
					return nil, nil, errUnresolved
				}
				q.From = append(q.From, t)
			}
		case opFromExpr, opModelExpr:
			t, ok := arg(0)
			if !ok {
				return nil, nil, errUnresolved
			}
			if st.m.op == opModelExpr {
				modelExpr = t
			} else {
				q.From = append(q.From, t)
			}
		case opWhere, opWhereOr, opWhereNot:
			if len(args) == 0 {
				return nil, nil, errUnresolved
			}
			c, ok := b.cond(lib, args[0])
			if !ok && st.m.op == opWhere {
				// ANDed, it cannot undo another condition's constraint.
				c, ok, q.Unknown = "TRUE", true, true
			}
			if !ok {
				return nil, nil, errUnresolved
			}
			if st.m.op == opWhereNot {
				c = "NOT (" + c + ")"
			}
			q.Where = append(q.Where, sqlscope.BuiltCond{Text: c, Or: st.m.op == opWhereOr, Conditional: st.conditional})
		case opWhereGroup:
			c, or, ok := b.group(lib, st)
			if !ok {
				return nil, nil, errUnresolved
			}
			q.Where = append(q.Where, sqlscope.BuiltCond{Text: c, Or: or, Conditional: st.conditional})
		case opWherePK:
			var cols []string
			for i := range args {
				c, ok := arg(i)
				if !ok {
					return nil, nil, errUnresolved
				}
				cols = append(cols, c)
			}
			q.Where = append(q.Where, sqlscope.BuiltCond{Text: strings.Join(cols, ","), Conditional: st.conditional})
			pk = append(pk, len(q.Where)-1)
		case opJoin:
			t, ok := arg(0)
			if !ok {
				return nil, nil, errUnresolved
			}
			if lib == gormLib && !strings.Contains(strings.TrimSpace(t), " ") {
				continue // an association's name: Joins("Company")
			}
			q.Joins = append(q.Joins, sqlscope.BuiltJoin{Text: st.m.prefix + t})
		case opJoinOn:
			c, ok := arg(0)
			if !ok || len(q.Joins) == 0 {
				return nil, nil, errUnresolved
			}
			j := &q.Joins[len(q.Joins)-1]
			j.On = append(j.On, sqlscope.BuiltCond{Text: c, Conditional: st.conditional})
		case opPopJoin:
			t, ok1 := arg(0)
			on, ok2 := arg(1)
			if !ok1 || !ok2 {
				return nil, nil, errUnresolved
			}
			kind := strings.ToUpper(strings.TrimSuffix(strings.TrimSuffix(st.name, "Join"), "Outer"))
			prefix := "JOIN "
			if kind != "" {
				prefix = kind + " JOIN "
			}
			q.Joins = append(q.Joins, sqlscope.BuiltJoin{Text: prefix + t, On: []sqlscope.BuiltCond{{Text: on}}})
		case opTerminal:
			if st.m.stmt != "" {
				q.Stmt = st.m.stmt
			}
			if st.m.model >= 0 && modelType == nil && helperModel == nil && len(q.From) == 0 {
				if st.m.model >= len(args) {
					return nil, nil, errUnresolved
				}
				modelType = b.p.TypesInfo.TypeOf(args[st.m.model])
			}
			if st.m.cond >= 0 && st.m.cond < len(args) {
				c, ok := b.inline(lib, args[st.m.cond])
				if !ok {
					return nil, nil, errUnresolved
				}
				q.Where = append(q.Where, sqlscope.BuiltCond{Text: c})
			}
		}
	}
	if q.Stmt == "" && !partial {
		return nil, nil, errUnresolved
	}
	var md model
	if modelType != nil {
		var ok bool
		if md, ok = b.model(modelType); !ok {
			return nil, nil, errUnresolved
		}
		helperModel = &ChainModel{Table: md.table, Alias: md.alias, PKs: md.pks}
	} else if helperModel != nil {
		md = model{table: helperModel.Table, alias: helperModel.Alias, pks: helperModel.PKs}
	}
	if partial {
		if len(pk) > 0 {
			return nil, nil, errUnresolved // WherePK of a model its callers may set
		}
		return q, &ChainFact{Stmt: q.Stmt, Model: helperModel, ModelExpr: modelExpr, From: q.From,
			Joins: q.Joins, Where: q.Where, Unknown: q.Unknown}, nil
	}
	if helperModel != nil {
		item := modelExpr
		if item == "" {
			item = b.parser.QuoteIdent(md.table)
			if lib.alias {
				item += " AS " + b.parser.QuoteIdent(md.alias)
			}
		}
		q.From = append([]string{item}, q.From...)
	}
	for _, i := range pk {
		c := &q.Where[i]
		cols := md.pks
		if c.Text != "" {
			cols = strings.Split(c.Text, ",")
		}
		if len(cols) == 0 {
			cols = []string{"id"}
		}
		var parts []string
		for _, col := range cols {
			qual := ""
			if md.alias != "" {
				qual = b.parser.QuoteIdent(md.alias) + "."
			}
			parts = append(parts, qual+b.parser.QuoteIdent(col)+" = ?")
		}
		c.Text = strings.Join(parts, " AND ")
	}
	if lib.alias && md.table != "" {
		r := strings.NewReplacer("?TableAlias", b.parser.QuoteIdent(md.alias), "?TableName", b.parser.QuoteIdent(md.table))
		for i := range q.Where {
			q.Where[i].Text = r.Replace(q.Where[i].Text)
		}
		for i := range q.Joins {
			q.Joins[i].Text = r.Replace(q.Joins[i].Text)
			for j := range q.Joins[i].On {
				q.Joins[i].On[j].Text = r.Replace(q.Joins[i].On[j].Text)
			}
		}
	}
	return q, nil, nil
}

// group is the condition of bun's WhereGroup(sep, func(q) *Query {
// return q.Where(...).WhereOr(...) }): the conditions the function adds
// to its parameter, in parentheses, and whether sep ORs them with the
// conditions before.
func (b *builders) group(lib *library, st step) (string, bool, bool) {
	args := st.call.Args
	if len(args) != 2 {
		return "", false, false
	}
	sep, ok := b.text(args[0])
	fl, isLit := ast.Unparen(args[1]).(*ast.FuncLit)
	if !ok || !isLit || len(fl.Type.Params.List) != 1 || len(fl.Type.Params.List[0].Names) != 1 || len(fl.Body.List) != 1 {
		return "", false, false
	}
	ret, ok := fl.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return "", false, false
	}
	param, _ := b.p.TypesInfo.Defs[fl.Type.Params.List[0].Names[0]].(*types.Var)
	steps, err := b.walk(lib, ret.Results[0], ret.Pos(), param, 0)
	if err != nil || param == nil {
		return "", false, false
	}
	var text strings.Builder
	for _, s := range steps {
		if s.m.op != opWhere && s.m.op != opWhereOr || len(s.call.Args) == 0 {
			return "", false, false
		}
		c, ok := b.cond(lib, s.call.Args[0])
		if !ok {
			return "", false, false
		}
		if text.Len() > 0 {
			text.WriteString(map[bool]string{true: " OR ", false: " AND "}[s.m.op == opWhereOr])
		}
		text.WriteString("(" + c + ")")
	}
	if text.Len() == 0 {
		return "", false, false
	}
	return text.String(), strings.Contains(strings.ToUpper(sep), "OR"), true
}

// inline is a gorm terminal's inline condition (First(&x, "org_id = ?",
// org)): a string is a fragment, a struct or map an equality per field,
// anything else (First(&x, 10)) the primary key.
func (b *builders) inline(lib *library, e ast.Expr) (string, bool) {
	if c, ok := b.cond(lib, e); ok {
		return c, true
	}
	if t := b.p.TypesInfo.TypeOf(e); t != nil {
		if basic, ok := t.Underlying().(*types.Basic); ok && basic.Info()&types.IsString == 0 {
			return "id = ?", true
		}
		if _, ok := t.Underlying().(*types.Slice); ok {
			return "id = ?", true
		}
	}
	return "", false
}

// cond is the SQL text of a Where argument: a string (with ?
// placeholders), squirrel's Eq, And, Or and Expr, a map of column to
// value, gorm's struct of the model's fields.
func (b *builders) cond(lib *library, e ast.Expr) (string, bool) {
	if t, ok := b.text(e); ok {
		return t, true
	}
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	if id, ok := e.(*ast.Ident); ok {
		// A local assigned once, as `where := sq.Eq{...}`.
		b.index()
		if v, ok := b.p.TypesInfo.Uses[id].(*types.Var); ok {
			if lv := b.vars[v]; lv != nil && len(lv.assigns) == 1 && lv.assigns[0].expr != nil {
				return b.cond(lib, lv.assigns[0].expr)
			}
		}
		return "", false
	}
	if call, ok := e.(*ast.CallExpr); ok {
		fn, ok := typeutil.Callee(b.p.TypesInfo, call).(*types.Func)
		if ok && fn.Pkg() != nil && fn.Pkg().Path() == squirrelLib.pkg && fn.Name() == "Expr" && len(call.Args) > 0 {
			return b.text(call.Args[0])
		}
		return "", false
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return "", false
	}
	t := b.p.TypesInfo.TypeOf(lit)
	if t == nil {
		return "", false
	}
	if q, _, ok := rules.NamedOf(t); ok && q.Pkg == squirrelLib.pkg {
		switch q.Name {
		case "Eq":
			return b.equalities(lit)
		case "And", "Or":
			var parts []string
			for _, el := range lit.Elts {
				c, ok := b.cond(lib, el)
				if !ok {
					return "", false
				}
				parts = append(parts, "("+c+")")
			}
			if len(parts) == 0 {
				return "TRUE", true
			}
			return strings.Join(parts, map[string]string{"And": " AND ", "Or": " OR "}[q.Name]), true
		case "NotEq", "Lt", "Gt", "LtOrEq", "GtOrEq", "Like", "NotLike", "ILike", "NotILike":
			return "TRUE", true // constrains nothing
		}
		return "", false
	}
	switch u := t.Underlying().(type) {
	case *types.Map:
		return b.equalities(lit)
	case *types.Struct:
		var parts []string
		for _, el := range lit.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				return "", false
			}
			key, ok := kv.Key.(*ast.Ident)
			if !ok {
				return "", false
			}
			for i := 0; i < u.NumFields(); i++ {
				if u.Field(i).Name() == key.Name {
					parts = append(parts, sqlscope.FieldColumn(key.Name, u.Tag(i))+" = ?")
				}
			}
		}
		if len(parts) == 0 {
			return "TRUE", true
		}
		return strings.Join(parts, " AND "), true
	}
	return "", false
}

// equalities turns a map literal of column names to values into
// `col = ?` conditions (`col IS NULL` for nil).
func (b *builders) equalities(lit *ast.CompositeLit) (string, bool) {
	var parts []string
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			return "", false
		}
		col, ok := b.text(kv.Key)
		if !ok {
			return "", false
		}
		if id, ok := ast.Unparen(kv.Value).(*ast.Ident); ok && id.Name == "nil" {
			parts = append(parts, col+" IS NULL")
			continue
		}
		parts = append(parts, col+" = ?")
	}
	if len(parts) == 0 {
		return "TRUE", true
	}
	return strings.Join(parts, " AND "), true
}

// model returns the table of a model type (a struct, a pointer to one, a
// slice of either, named or not, a pointer to such a slice): its TableName() method's
// constant (through a fact for other packages' types), a bun.BaseModel
// tag's table (table:NAME, or its name), else the snake_case plural of
// its name; and bun's alias (the tag's alias:, else the snake_case name)
// and the primary key columns (bun's pk option).
func (b *builders) model(t types.Type) (model, bool) {
	for i := 0; i < 4; i++ {
		switch u := types.Unalias(t).(type) {
		case *types.Pointer:
			t = u.Elem()
			continue
		case *types.Slice:
			t = u.Elem()
			continue
		case *types.Named:
			if sl, ok := u.Underlying().(*types.Slice); ok {
				t = sl.Elem() // a named slice: type relationTuples []*RelationTuple
				continue
			}
		}
		break
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return model{}, false
	}
	st, ok := named.Underlying().(*types.Struct)
	if !ok {
		return model{}, false
	}
	tn := named.Origin().Obj()
	md := model{alias: models.Snake(tn.Name())}
	if table, ok := b.models[tn]; ok {
		md.table = table
	}
	if tn.Pkg() == b.p.Pkg && md.table == "" {
		if table, ok := models.TableName(tn, b.p.Files, b.p.TypesInfo); ok {
			md.table = table
		}
	}
	if md.table == "" && hasTableNameMethod(named) {
		return model{}, false // its table is in a body this package cannot read
	}
	if table, alias, ok := sqlscope.BunModel(st); ok {
		if md.table == "" {
			md.table = table
		}
		if alias != "" {
			md.alias = alias
		}
	}
	for i := 0; i < st.NumFields(); i++ {
		parts := strings.Split(reflect.StructTag(st.Tag(i)).Get("bun"), ",")
		if slices.Contains(parts[1:], "pk") {
			md.pks = append(md.pks, sqlscope.FieldColumn(st.Field(i).Name(), st.Tag(i)))
		}
	}
	if md.table == "" {
		md.table = models.SnakePlural(tn.Name())
	}
	return md, true
}

// hasTableNameMethod reports whether the type has a TableName method
// (on it or its pointer).
func hasTableNameMethod(named *types.Named) bool {
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(named), true, named.Obj().Pkg(), "TableName")
	_, ok := obj.(*types.Func)
	return ok
}

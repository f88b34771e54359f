package tenantctx

import (
	"go/ast"
	"go/types"
	"reflect"
	"sort"

	"golang.org/x/tools/go/analysis"

	"github.com/tenantlint/tenantlint/internal/ctxscope"
	"github.com/tenantlint/tenantlint/internal/lint"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// newFacts returns the analyzer that finds the helpers: functions and
// methods that pass a context parameter on to a sink, which are sinks for
// their callers. It exports them as facts, so that a helper in one
// package is seen at its callers in others; like tenantcachehelpers, it
// is separate from the check because an analyzer with facts runs on every
// dependency, where it must neither fail nor report.
func newFacts(env *lint.Env) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:       "tenantctxsinks",
		Doc:        "find the functions that pass their context on to a tenant-aware call, for tenantctx",
		URL:        "https://github.com/tenantlint/tenantlint#tenantctx",
		FactTypes:  []analysis.Fact{new(SinkFact)},
		ResultType: reflect.TypeOf((*Sinks)(nil)),
		Run: func(pass *analysis.Pass) (any, error) {
			return summarize(env, pass), nil
		},
	}
}

func summarize(env *lint.Env, pass *analysis.Pass) *Sinks {
	s := newSinks()
	rules := env.RulesFor(pass, Name)
	if rules == nil {
		return s
	}
	lint.ImportFuncFacts(pass, s.add)
	m := newMatcher(rules, s)
	if !m.active() {
		return s
	}
	for _, fn := range findHelpers(pass.TypesInfo, pass.Pkg, lint.SourceFiles(pass), m) {
		pass.ExportObjectFact(fn, s.lookup(fn))
	}
	return s
}

// findHelpers adds the helpers among the functions of files to m's
// helpers and returns them. A helper may reach a sink through another
// helper of the package: it repeats until no function is added.
func findHelpers(info *types.Info, pkg *types.Package, files []*ast.File, m *matcher) []*types.Func {
	var decls []*helperCandidate
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			fn, ok := info.Defs[fd.Name].(*types.Func)
			if ok && contextParam(fn.Type().(*types.Signature)) >= 0 {
				decls = append(decls, &helperCandidate{fn: fn, decl: fd})
			}
		}
	}
	var found []*types.Func
	for changed := true; changed; {
		changed = false
		for _, d := range decls {
			if m.helpers.lookup(d.fn) != nil {
				continue
			}
			if f := d.fact(info, pkg, m); f != nil {
				m.helpers.add(d.fn, f)
				found = append(found, d.fn)
				changed = true
			}
		}
	}
	return found
}

// helperCandidate is a function with a context parameter, and what
// judging it needs, built once: findHelpers asks again in every round
// until no helper is added, and only the set of helpers changes.
type helperCandidate struct {
	fn     *types.Func
	decl   *ast.FuncDecl
	params map[*types.Var]int // the parameters, by index
	scope  *ctxscope.Scope
	fv     *declFuncVals
}

// fact returns the fact of the function when it passes one of its
// context parameters (itself, or a context derived from it) to a sink, or
// drops it there for an empty context.
func (c *helperCandidate) fact(info *types.Info, pkg *types.Package, m *matcher) *SinkFact {
	if c.scope == nil {
		// A declaration's parameter objects are its signature's.
		sig := c.fn.Type().(*types.Signature)
		c.params = map[*types.Var]int{}
		for i := 0; i < sig.Params().Len(); i++ {
			c.params[sig.Params().At(i)] = i
		}
		c.scope = ctxscope.New(info, pkg, c.decl)
		c.fv = newDeclFuncVals(info, c.decl)
	}
	decl, params, scope, fv := c.decl, c.params, c.scope, c.fv
	var fact *SinkFact
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || fact != nil {
			return fact == nil
		}
		sc, ok := m.match(info, fv, call)
		if !ok {
			return true
		}
		arg := call.Args[sc.arg]
		root, ok := scope.Root(arg)
		if !ok && scope.IsEmpty(arg) {
			// The call drops the parameter's tenant, a finding here whose
			// fix passes the parameter: the function is a sink for its
			// callers already, so that fixes converge in one pass.
			if c, found := scope.Find(call.Pos()); found {
				root, ok = c.Var, true
			}
		}
		if idx, isParam := params[root]; ok && isParam && ctxscope.IsContextType(root.Type()) {
			fact = &SinkFact{Param: idx, Via: sc.reaches}
		}
		return true
	})
	return fact
}

// Package is one type-checked package, for Wrappers.
type Package struct {
	Types *types.Package
	Info  *types.Info
	Files []*ast.File
}

// Wrapper is a function or method that passes a context parameter on to
// a sink.
type Wrapper struct {
	Func *types.Func
	Via  string // the sink it reaches, as messages name it
}

// Wrappers returns the functions and methods of pkgs that tenantctx
// follows as helpers under rules, sorted by full name: those that pass a
// context parameter on to a sink, directly or through one another, in
// any order of the packages.
func Wrappers(rules *rules.Rules, pkgs []Package) []Wrapper {
	m := newMatcher(rules, newSinks())
	if !m.active() {
		return nil
	}
	var out []Wrapper
	for changed := true; changed; {
		changed = false
		for _, p := range pkgs {
			for _, fn := range findHelpers(p.Info, p.Types, p.Files, m) {
				out = append(out, Wrapper{Func: fn, Via: m.helpers.lookup(fn).Via})
				changed = true
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Func.FullName() < out[j].Func.FullName() })
	return out
}

package tenantctx

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/analysis"

	"github.com/tenantlint/tenantlint/internal/ctxscope"
	"github.com/tenantlint/tenantlint/internal/edit"
	"github.com/tenantlint/tenantlint/internal/lint"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// Analyzer finds configuration files by walking up from each package.
var Analyzer = New(lint.NewEnv())

// New returns a tenantctx analyzer that uses env's configuration loader
// (shared with the other checks in one process).
func New(env *lint.Env) *analysis.Analyzer {
	facts := newFacts(env)
	a := lint.NewAnalyzer(env, Name, Doc, func(p *lint.Pass, stats *Stats) error {
		s, _ := p.ResultOf[facts].(*Sinks)
		return run(p, s, stats)
	})
	a.Requires = []*analysis.Analyzer{facts}
	return a
}

func run(p *lint.Pass, sinks *Sinks, stats *Stats) error {
	if err := ValidateSinks(p.Rules.Config, rules.Direct(p.Pkg)); err != nil {
		return err
	}
	m := newMatcher(p.Rules, sinks)
	if !m.active() {
		return nil
	}
	for _, f := range p.Files {
		var drops []*drop
		for _, decl := range f.Decls {
			drops = append(drops, findDrops(p, m, decl, stats)...)
		}
		report(p, f, drops, stats)
	}
	return nil
}

// drop is a sink's call given an empty context while one that may carry
// the tenant is in scope.
type drop struct {
	call  *ast.CallExpr
	arg   ast.Expr
	sink  sinkCall
	ctx   ctxscope.Context
	scope *ctxscope.Scope
	inGo  bool   // the call is in a go statement
	pass  string // what the message says to pass: the fix's text

	fix *analysis.SuggestedFix
	why string // why there is no fix
	// uses are the uses of package context that the fix removes;
	// withoutCancel says it writes context.WithoutCancel, a new one.
	uses          int
	withoutCancel bool
}

// findDrops finds the drops of one top-level declaration; closures and
// goroutines see the contexts of the functions around them.
func findDrops(p *lint.Pass, m *matcher, decl ast.Decl, stats *Stats) []*drop {
	var scope *ctxscope.Scope
	fv := newDeclFuncVals(p.TypesInfo, decl)
	var out []*drop
	ast.PreorderStack(decl, nil, func(n ast.Node, stack []ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sc, ok := m.match(p.TypesInfo, fv, call)
		if !ok {
			return true
		}
		if scope == nil {
			scope = ctxscope.New(p.TypesInfo, p.Pkg, decl)
		}
		arg := call.Args[sc.arg]
		ctx, found := scope.Find(call.Pos())
		shadowed := false
		if !found {
			// A tenant context hidden by a declaration of its name is
			// dropped all the same, but only by hand can it be passed.
			ctx, shadowed = scope.FindShadowed(call.Pos())
			if !shadowed {
				return true // no tenant to lose: main, init, CLIs
			}
		}
		stats.Calls++
		if !scope.IsEmpty(arg) {
			stats.Scoped++
			return true
		}
		d := &drop{call: call, arg: arg, sink: sc, ctx: ctx, scope: scope, pass: ctx.Text}
		if shadowed {
			d.why = fmt.Sprintf("a declaration of %s hides the %s that carries the tenant; rename it", ctx.Var.Name(), ctx.Var.Name())
		}
		for _, a := range stack {
			if _, ok := a.(*ast.GoStmt); ok {
				d.inGo = true
			}
		}
		out = append(out, d)
		return true
	})
	return out
}

// report reports the drops of one file with their fixes. A fix that
// removes the file's last use of package context removes its import too
// (the fixes of a file are meant to be applied together, as tenantfix
// and go fix do).
func report(p *lint.Pass, f *ast.File, drops []*drop, stats *Stats) {
	if len(drops) == 0 {
		return
	}
	ef, err := p.EditFile(f)
	for _, d := range drops {
		switch {
		case err != nil:
			d.why = err.Error()
		case d.why != "":
		case lint.IsGenerated(f):
			d.why = "the call is in a generated file; change its generator"
		default:
			d.fix, d.why = suggestFix(p, ef, d)
		}
	}
	if ef != nil {
		removeUnusedImport(p, ef, drops)
	}
	for _, d := range drops {
		diag := analysis.Diagnostic{Pos: d.arg.Pos(), End: d.arg.End(), Message: message(d)}
		if d.fix == nil {
			diag.Message += " (manual fix: " + d.why + ")"
		} else {
			diag.SuggestedFixes = []analysis.SuggestedFix{*d.fix}
		}
		switch {
		case !p.Report(diag):
			stats.Suppressed++
		case d.fix != nil:
			stats.Fixable++
		default:
			stats.Manual++
		}
	}
}

func message(d *drop) string {
	to := d.sink.name
	if d.sink.reaches != d.sink.name {
		to += " (which passes it to " + d.sink.reaches + ")"
	}
	arg := types.ExprString(d.arg)
	if id, ok := ast.Unparen(d.arg).(*ast.Ident); ok && id.Name != "nil" {
		from := "nil"
		if roots, _ := d.scope.EmptyRoots(d.arg); len(roots) > 0 {
			from = types.ExprString(roots[0])
		}
		return fmt.Sprintf("%s (from %s) passed to %s drops the tenant carried by %s; derive it from %s", arg, from, to, d.ctx.Text, d.pass)
	}
	return fmt.Sprintf("%s passed to %s drops the tenant carried by %s; pass %s", arg, to, d.ctx.Text, d.pass)
}

// suggestFix replaces the empty contexts at the root of the argument
// (the argument itself, or the Background(), TODO() and nil a local is
// derived from) with the context in scope; in a go statement with
// context.WithoutCancel(ctx), which keeps the tenant but not the
// request's cancellation, which ends when the handler returns.
func suggestFix(p *lint.Pass, ef *edit.File, d *drop) (*analysis.SuggestedFix, string) {
	roots, ok := d.scope.EmptyRoots(d.arg)
	if !ok || len(roots) == 0 {
		return nil, fmt.Sprintf("%s is declared without a value; assign it from %s", types.ExprString(d.arg), d.ctx.Text)
	}
	var edits []analysis.TextEdit
	text := d.ctx.Text
	for _, r := range roots {
		if !d.scope.VisibleAt(d.ctx, r.Pos()) {
			return nil, fmt.Sprintf("%s is not in scope where %s is written", d.ctx.Var.Name(), types.ExprString(r))
		}
		text = d.ctx.Text
		if d.inGo {
			if q := contextQualifier(p, ef.AST, r.Pos()); q != "" {
				text = q + ".WithoutCancel(" + d.ctx.Text + ")"
				d.withoutCancel = true
			}
		}
		edits = append(edits, analysis.TextEdit{Pos: r.Pos(), End: r.End(), NewText: []byte(text)})
		d.uses += contextUses(p, ef.AST, r)
	}
	d.pass = text
	msg := "pass " + text
	if id, ok := ast.Unparen(d.arg).(*ast.Ident); ok && id.Name != "nil" {
		msg = "derive " + id.Name + " from " + text
	}
	return &analysis.SuggestedFix{Message: msg, TextEdits: edits}, ""
}

// contextImport returns the file's import of package context and the
// name it binds.
func contextImport(p *lint.Pass, f *ast.File) (*ast.ImportSpec, *types.PkgName) {
	for _, spec := range f.Imports {
		if path, _ := strconv.Unquote(spec.Path.Value); path != "context" {
			continue
		}
		obj := p.TypesInfo.Implicits[spec]
		if spec.Name != nil {
			obj = p.TypesInfo.Defs[spec.Name]
		}
		if pn, ok := obj.(*types.PkgName); ok {
			return spec, pn
		}
	}
	return nil, nil
}

// contextQualifier returns the name package context has at pos, or "".
func contextQualifier(p *lint.Pass, f *ast.File, pos token.Pos) string {
	_, pn := contextImport(p, f)
	if pn == nil {
		return ""
	}
	if _, obj := p.Pkg.Scope().Innermost(pos).LookupParent(pn.Name(), pos); obj != pn {
		return ""
	}
	return pn.Name()
}

// contextUses counts the uses of package context inside n.
func contextUses(p *lint.Pass, f *ast.File, n ast.Node) int {
	_, pn := contextImport(p, f)
	count := 0
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && pn != nil && p.TypesInfo.Uses[id] == pn {
			count++
		}
		return true
	})
	return count
}

// removeUnusedImport adds the removal of the import of package context
// to the fixes that remove its uses when, all fixes applied, none is
// left.
func removeUnusedImport(p *lint.Pass, ef *edit.File, drops []*drop) {
	spec, pn := contextImport(p, ef.AST)
	if pn == nil {
		return
	}
	removed := 0
	for _, d := range drops {
		if d.fix == nil {
			continue
		}
		if d.withoutCancel {
			return // the import stays in use
		}
		removed += d.uses
	}
	if removed == 0 || contextUses(p, ef.AST, ef.AST) > removed {
		return
	}
	del := importRemoval(ef, spec)
	for _, d := range drops {
		if d.fix != nil && d.uses > 0 {
			d.fix.TextEdits = append(d.fix.TextEdits, del)
		}
	}
}

// importRemoval deletes spec's line, or its whole declaration when it is
// the declaration's only import.
func importRemoval(ef *edit.File, spec *ast.ImportSpec) analysis.TextEdit {
	var n ast.Node = spec
	for _, d := range ef.AST.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT && len(gd.Specs) == 1 && gd.Specs[0] == spec {
			n = gd
		}
	}
	tf := ef.Tok()
	start := tf.LineStart(tf.Line(n.Pos()))
	end := token.Pos(tf.Base() + tf.Size())
	if line := tf.Line(n.End()); line < tf.LineCount() {
		end = tf.LineStart(line + 1)
	}
	return analysis.TextEdit{Pos: start, End: end}
}

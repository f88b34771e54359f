package initcfg

import (
	"go/types"

	"golang.org/x/tools/go/packages"

	"github.com/tenantlint/tenantlint/analyzers/tenantctx"
	"github.com/tenantlint/tenantlint/internal/gotypes"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// CtxSinkCandidate is a wrapper: an exported function or method of the
// module that passes its context.Context on to a sink of the proposal (a
// repository, a cache, key_func), directly or through other wrappers.
type CtxSinkCandidate struct {
	Name string // as ctx.sinks writes it: pkgpath.Func or pkgpath.Type.Method
	Via  string // the sink it reaches
}

// ctxSinkCandidates finds the wrappers under the configuration that
// proposal (the rendered file, without ctx, compiled) sets; none when
// proposal is nil (it did not parse: Check reports its errors).
func ctxSinkCandidates(pkgs []*packages.Package, proposal *rules.Rules) []*CtxSinkCandidate {
	if proposal == nil {
		return nil
	}
	var in []tenantctx.Package
	for _, p := range pkgs {
		in = append(in, tenantctx.Package{Types: p.Types, Info: p.TypesInfo, Files: p.Syntax})
	}
	var out []*CtxSinkCandidate
	for _, w := range tenantctx.Wrappers(proposal, in) {
		if name, ok := sinkName(w.Func); ok {
			out = append(out, &CtxSinkCandidate{Name: name, Via: w.Via})
		}
	}
	return out
}

// sinkName writes fn as a ctx.sinks entry, when code in other packages
// can call it: an exported function, or an exported method of an
// exported package-level type.
func sinkName(fn *types.Func) (string, bool) {
	if !fn.Exported() {
		return "", false
	}
	recv := fn.Type().(*types.Signature).Recv()
	if recv == nil {
		return qualified(fn), true
	}
	n, ok := gotypes.Deref(recv.Type()).(*types.Named)
	if !ok || !n.Obj().Exported() || n.Obj().Pkg() == nil || n.Obj().Parent() != n.Obj().Pkg().Scope() {
		return "", false
	}
	return qualified(n.Obj()) + "." + fn.Name(), true
}

func renderCtx(w *yamlWriter, f *Findings) {
	if len(f.CtxSinks) == 0 {
		w.comment(0, "ctx:")
		w.comment(0, "  sinks: none found: no exported function passes its context.Context on")
		w.comment(0, "  to a repository, cache or key function proposed above.")
		return
	}
	w.line(0, "ctx:")
	w.comment(2, "Functions and methods that pass their context.Context on to a sink above:")
	w.comment(2, "tenantctx reports callers that give them context.Background() while a")
	w.comment(2, "tenant context is in scope. It follows such wrappers by itself; listing")
	w.comment(2, "them keeps them checked should their bodies stop showing it.")
	w.line(2, "sinks:")
	for _, c := range f.CtxSinks {
		w.entry(4, true, "- "+scalar(c.Name), "passes it to "+c.Via)
	}
}

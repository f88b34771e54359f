// Package tenantctx defines an Analyzer that reports tenant-aware calls
// given a context that drops the tenant.
//
// # Analyzer tenantctx
//
// tenantctx: report tenant-aware calls given an empty context while a tenant context is in scope
//
// A request's context carries the tenant. A tenant-aware call given
// context.Background(), context.TODO(), nil, or a context derived only
// from them (context.WithTimeout(context.Background(), d), a local only
// ever assigned those) loses it: the repository or cache behind the call
// runs unscoped or fails open. Such a call is reported when a context
// that may carry the tenant is in scope: a context.Context parameter, a
// local declared before the call that holds more than Background or
// TODO, or r.Context() of an *http.Request parameter; closures and go
// statements see the contexts of the functions around them. Where none is
// in scope (main, init, command-line tools) there is nothing to lose and
// nothing is reported. Contexts derived from the one in scope
// (context.WithTimeout(ctx, d), WithValue, WithCancel,
// context.WithoutCancel(ctx)) carry the tenant; struct fields and the
// results of other functions are not judged.
//
// The tenant-aware calls (sinks) are the methods of cache.safe_types,
// cache.key_func, the configured cache APIs (cache.presets and
// cache.apis), the methods of repository.types and of the types that
// repository.methods recognises by a tenant_method (decided from their
// methods' signatures; such a type reads the tenant from the context,
// while one recognised only by a tenant_param takes it explicitly and is
// no sink), the functions and methods listed in ctx.sinks
// ("pkgpath.Func", "pkgpath.Type.Method"), and helpers: a function or
// method that passes one of its context parameters (or a context derived
// from it) to a sink is a sink for its callers, in other packages too
// (facts of the tenantctxsinks analyzer, which tenantctx requires). Calls
// through method values, method expressions, locals holding them,
// interfaces that embed a sink's type and type parameters constrained by
// one count. The context argument is the call's first context.Context
// parameter.
//
// The finding spans the context argument. Its suggested fix replaces the
// empty context (or, for a local, the Background(), TODO() or nil it is
// derived from) with the context in scope; in a go statement with
// context.WithoutCancel(ctx), which keeps the tenant but not the
// request's cancellation. A fix that leaves package context unused
// removes its import. The fix is manual when the context in scope is
// hidden by a declaration of its name, when a local is declared without
// a value, when the context in scope is declared after the empty one, or
// in a generated file.
//
// A //tenantlint:ignore tenantctx <reason> comment on the reported line
// or the line above suppresses the finding; such a comment that
// suppresses nothing is reported.
//
// # Rule tenantctx
//
// The rule as the report formats (SARIF) describe it:
//
// Short: Tenant context dropped on the way to a tenant-aware call
//
// Full: A cache, repository or configured sink is given context.Background(),
// context.TODO(), nil or a context derived only from them while a context
// that carries the tenant is in scope, so the call runs for no tenant or
// for the wrong one.
//
// Help: Pass the context in scope (`ctx`, or `r.Context()`) instead of the
// empty one (tenantfix does this), or suppress a deliberate detach with
// `//tenantlint:ignore tenantctx <reason>`.
package tenantctx

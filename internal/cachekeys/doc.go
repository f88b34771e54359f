// Package cachekeys answers tenantcache's questions about the code:
// which calls are cache calls (MatchCall, MatchCallVia), whether a key
// is tenant-scoped where it is used (FuncScope, following assignments,
// helpers and tenant values), and which context is in scope for a fix
// (ctx.go).
package cachekeys

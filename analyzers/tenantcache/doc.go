// Package tenantcache defines an Analyzer that reports cache calls whose
// keys are not tenant-scoped.
//
// # Analyzer tenantcache
//
// tenantcache: report cache calls whose key is not tenant-scoped
//
// A cache call is a call to a method of a configured cache API
// (cache.presets and cache.apis in .tenantlint.yaml), matched on the
// static type of the receiver expression: methods promoted through
// embedded fields count, and so do calls through a configured interface,
// an interface that embeds one, or a type parameter constrained by one.
// Calls of configured package-level functions are cache calls too; calls
// on cache.safe_types (or reached through one) are not. Only string keys
// are checked.
//
// A key is tenant-scoped when it is a call to cache.key_func; a string
// concatenation or fmt.Sprintf with a scoped operand or argument; or a
// local variable that is assigned at least once in the function and only
// ever assigned scoped values (parameters are never scoped; shadowed
// variables are separate). A slice of keys is scoped when it is a
// composite literal of scoped elements or is built only by appending
// scoped values; an item is scoped when its key field is. Hand-written
// prefixes such as "tenant:"+id are not scoped: the rule wants key_func.
//
// A call with an unscoped key is reported at its start. The finding is
// fixable when a context.Context is in lexical scope (a parameter, or a
// local declared before the call that holds more than
// context.Background() or context.TODO()), or an *http.Request whose
// Context() can be used, and key_func's package can be imported without
// an import cycle; its suggested fix wraps each unscoped key as
// key_func(ctx, key), at the element for slices of keys and at the key
// field for items. Otherwise the finding is manual and says why.
//
// A //tenantlint:ignore tenantcache <reason> comment on the reported line
// or the line above suppresses the finding; such a comment that
// suppresses nothing is reported.
package tenantcache

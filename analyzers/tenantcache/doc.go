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
// concatenation or fmt.Sprintf with a scoped operand or argument; a
// conversion of a scoped key to a string type; or a local variable that
// is assigned at least once in the function and only ever assigned scoped
// values (parameters are never scoped; shadowed variables are separate;
// assignments in closures count; a variable whose address is taken, a
// range variable or one assigned from a multi-value call is not scoped).
// A declaration without a value assigns nothing: var k string followed by
// k += key_func(ctx, id) is scoped, var k string; k += "x" is not. A
// slice of keys is scoped when it is a composite literal of scoped
// elements, is built only by appending scoped values (or by make and
// index assignments of them), or is a slice expression of such a slice.
// An item is scoped when its key field is set at least once, in a
// composite literal or by a field assignment, and only to scoped values
// (passing its address to the cache call is fine). Hand-written prefixes
// such as "tenant:"+id are not scoped: the rule wants key_func.
//
// With cache.tenant_values, a key that contains a tenant value is scoped
// too: a parameter or field of a configured name, the result of a
// configured function or method, through +, fmt.Sprint*, strings.Join,
// strconv, conversions, string forms (String(), StringValue()), locals, closures, and key builders (a
// function whose string result contains its parameter i is scoped when
// called with a scoped value at i; a closure assigned once to a local is
// one too), and hashes, checksums and encodings of a scoped input (a
// hasher must have the tenant written into it on every path to its Sum;
// a key that has it on some paths only is reported with the path that
// lacks it). With cache.follow_helpers, a function
// that passes a string parameter into a cache key unscoped is a cache API
// itself: its callers are checked at that argument, not its body. Key
// builders and helpers reach other packages as facts of the
// tenantcachehelpers analyzer, which tenantcache requires.
//
// A call with a key that is not a string is unchecked, not scoped: the
// statistics count it apart, by reason. With cache.report: tenant-data,
// only the calls about tenant data are reported (a value stored or
// returned, or the cache's value type, is a tenant model or comes from a
// tenant-filtered lookup, followed through locals, fields, encodings and
// functions that return tenant data, the last through facts), and their
// keys are judged whatever their type: a UUID, integer, array or struct
// key is scoped when it holds a tenant value. The other calls are counted
// as not tenant data.
//
// A call with an unscoped key is reported at its start. The finding is
// fixable when a context.Context is in lexical scope (a parameter, or a
// local declared before the call that holds more than
// context.Background() or context.TODO()), or an *http.Request parameter
// whose Context() can be used, and key_func's package can be imported
// without an import cycle; its suggested fix wraps each unscoped key as
// key_func(ctx, key), at the element for slices of keys and at the key
// field (or its assignment) for items, importing key_func's package when
// the file does not (under another name when its name is taken) and
// converting keys of a defined string type: T(key_func(ctx, string(k))).
// Otherwise the finding is manual and says why: no context, an import
// cycle, a generated file, keys built where the fix cannot wrap them.
//
// The reported calls of a package that share a cache (the same field,
// variable, or package of cache functions) and a key form (the key's
// constant text with a hole for every other part, or the key builder it
// calls) are a group, fixed whole or not at all: wrapping the Get but not
// the Set of one entry would make the cache miss forever. When a member
// cannot be fixed (manual, or suppressed), every member is
// manual, and the messages name the call that holds the group back and
// the one it holds back. A key of no visible form (a parameter, a field)
// matches nothing; groups do not span packages.
//
// A //tenantlint:ignore tenantcache <reason> comment on the reported line
// or the line above suppresses the finding; such a comment that
// suppresses nothing is reported.
//
// # Rule tenantcache
//
// The rule as the report formats (SARIF) describe it:
//
// Short: Cache key that is not tenant-scoped
//
// Full: A call of a configured cache API passes a key that is not built with
// the configured key function, so one tenant can read or overwrite
// another tenant's cache entries.
//
// Help: Wrap the key with the key function, e.g. `tenant.Key(ctx, key)`
// (tenantfix does this when a context is in scope), or suppress a
// deliberately shared key with `//tenantlint:ignore tenantcache
// <reason>`.
package tenantcache

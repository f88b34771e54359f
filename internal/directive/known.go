package directive

// known are the names of every check of the tool, in the registry's
// order. The analyzers' package-level Analyzer variables (what Bazel's
// nogo links, without internal/registry) must know them to report a
// misspelt check in a directive, and they cannot import the registry
// (it imports them); so this package, which every analyzer already
// uses, owns the list, and a test keeps it equal to registry.Names.
var checkNames = [...]string{"tenantrepo", "tenantcache", "tenantctx", "tenantsql"}

// Known returns the names of every check of the tool, which directives
// may name.
func Known() []string { return append([]string(nil), checkNames[:]...) }

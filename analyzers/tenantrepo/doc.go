// Package tenantrepo defines an Analyzer that reports tenant-scoped
// structs with no tenant-aware repository.
//
// # Analyzer tenantrepo
//
// tenantrepo: report tenant-scoped structs that have no tenant-aware repository
//
// A package-level struct type is tenant-scoped when it embeds one of the
// configured marker types (models.markers in .tenantlint.yaml), by value or
// pointer, directly or through embedded structs, or when it has a field
// named as one of models.fields, directly or through embedded structs. A
// models.fields entry may also require the field's struct tag to contain
// a text (tag) and its type to be a named type (type; through aliases and
// one pointer); with both set both must hold. Structs declared in the
// packages of models.exclude are never models.
//
// Such a struct must be read and written through a tenant-aware
// repository: an instantiation T[M] (or *T[M]) of one of
// repository.types, with M identical to the struct (by type identity: an
// alias of M counts, *M does not; for a generic model any instantiation
// counts), held at package level: a var's declared type or the type of
// its initializer, a type or alias declaration, or a field of a
// package-level struct type (a named one, or the anonymous struct type
// of a var). A generic alias of a repository type, instantiated at
// package level, counts; a generic alias may itself be configured as a
// repository type, and then instantiations written through it count.
// With repository.scope: module (the default) an instantiation anywhere
// in the module covers M, also in an ignored package; with scope:
// package only one in M's package does. Instantiations in function
// bodies or signatures (including vars of function type) do not cover,
// nor do slices or maps of repositories.
//
// With repository.methods, a package-level defined type of the module is
// also a tenant-aware repository when its method set (that of *T, or of
// T for an interface: pointer and value receivers, exported or not,
// promoted through embedding, embedded interfaces included) has a method
// with a parameter named as in tenant_param, or a method named as
// tenant_method that returns something. It covers every other struct
// type that any of its methods takes or returns as M, *M, []M, []*M or a
// map's value type, or that the bodies of its methods declared in its
// package construct or declare in those shapes (M{}, new(M), make, var,
// (*M)(nil)); not map keys, channels, func types, arrays, named
// slice types or a generic type's type parameter. Such coverage follows
// repository.scope, and reaches across packages through the module
// index in go vet mode as in the standalone driver. Methods declared in
// _test.go files count only when tests are checked.
//
// When tenantsql runs too (lint.Env.Running, set by the registry), the
// structs sqlc generated for tables are left to it: the structs of a
// file sqlc generated that declares none of sqlc's query constants (its
// models.go), in a package that declares some. Their queries are what
// reads and writes their rows, and tenantsql reports each one that does
// not constrain its table; tenantrepo neither covers them (a method of
// *Queries taking a tenant parameter would cover them all, filtered or
// not) nor reports them, and records their table for the inventory,
// which counts them covered when every query on the table is
// constrained. When tenantsql does not run, or that is not known, they
// are judged as any struct.
//
// Types whose doc comment holds the line //tenantlint:global (alone or
// followed by a note after a space) are not reported: the comment
// attached to the spec, or, for an ungrouped declaration, to the type
// keyword; the doc comment of a parenthesized group does not count. Nor
// are the markers themselves, the repository types, types in ignored
// packages and types in _test.go files (when ignore.tests is true, the
// default). Types in generated files are reported; their fix goes into
// the first non-generated file of the package, by name.
//
// With models.unreferenced: skip, a model that no declaration of the
// module names outside its own declaration and its methods is not
// reported either (the module index records the types each package
// names, so go vet agrees with the standalone driver); the inventory
// lists it as unreferenced. References in _test.go files count only when
// tests are checked.
//
// The finding is reported at the type's name. When repository.fix is
// configured it carries a suggested fix that inserts the rendered
// template after the declaration, with the import it needs (named so
// that it collides with nothing in the file, the template's qualifier
// following; none and no qualifier in the repository package itself),
// unless that import would create an import cycle, the declaration would
// redeclare a name of the package, or the model is generic: then the
// message says why the fix is manual.
//
// A //tenantlint:ignore tenantrepo <reason> comment on the reported line
// or the line above suppresses the finding; such a comment that
// suppresses nothing is reported, and so is one without a reason or with
// a check name that is not exactly a known one (those suppress nothing).
//
// # Rule tenantrepo
//
// The rule as the report formats (SARIF) describe it:
//
// Short: Tenant-scoped struct with no tenant-aware repository
//
// Full: A package-level struct that embeds a configured marker type or has a
// configured tenant field has no instantiation of a configured
// tenant-aware repository type at package level in the module, so its
// rows can be read and written without the tenant filter.
//
// Help: Declare a tenant-aware repository for the model, e.g. `var UserRepo =
// tenant.NewRepository[User]("users")` (tenantfix does this from the
// repository.fix template), or mark a deliberately shared type with a
// `//tenantlint:global` line in its doc comment.
package tenantrepo

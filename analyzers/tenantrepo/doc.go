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
// named as one of models.fields, directly or through embedded structs.
//
// Such a struct must be read and written through a tenant-aware
// repository: an instantiation T[M] (or *T[M]) of one of
// repository.types, with M identical to the struct, held at package level
// (a var's declared type or initializer, a type or alias declaration, or
// a field of a package-level struct type). With repository.scope: module
// (the default) an instantiation anywhere in the module covers M; with
// scope: package only one in M's package does. Instantiations in function
// bodies or signatures do not cover.
//
// Types whose doc comment holds the line //tenantlint:global, the markers
// themselves, types in ignored packages and types in _test.go files (when
// ignore.tests is true, the default) are not reported. Types in generated
// files are reported; their fix goes into a sibling non-generated file.
//
// The finding is reported at the type's name. When repository.fix is
// configured it carries a suggested fix that inserts the rendered
// template after the declaration, with the import it needs, unless that
// import would create an import cycle.
//
// A //tenantlint:ignore tenantrepo <reason> comment on the reported line
// or the line above suppresses the finding; such a comment that
// suppresses nothing is reported.
package tenantrepo

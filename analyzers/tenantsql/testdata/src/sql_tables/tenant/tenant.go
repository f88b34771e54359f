// Package tenant declares the marker that makes a struct tenant-scoped.
package tenant

type Model struct{ Account string }

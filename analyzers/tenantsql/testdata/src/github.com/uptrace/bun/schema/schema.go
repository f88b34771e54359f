// Package schema is a stub of github.com/uptrace/bun/schema v1.2.9: the
// type that bun.BaseModel is an alias of.
package schema

type BaseModel struct{}

type QueryAppender interface{}

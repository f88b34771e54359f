// Package bun is a stub of github.com/uptrace/bun: the embedded model
// type whose tag names a table.
package bun

type BaseModel struct{}

// Package orm is a third-party generic table type.
package orm

type Table[M any] struct{ name string }

// Package pgconn is a stub of the types pgx/v5's query methods return.
package pgconn

type CommandTag struct{}
type StatementDescription struct{}

// Package sqlx is a stub of github.com/jmoiron/sqlx v1.4.0: the query
// methods and functions with their real signatures (bodies elided).
package sqlx

import (
	"context"
	"database/sql"
)

type Rows struct{ *sql.Rows }
type Row struct{}
type Stmt struct{ *sql.Stmt }
type NamedStmt struct{}

type DB struct{ *sql.DB }

func (db *DB) Rebind(query string) string { return query }
func (db *DB) BindNamed(query string, arg interface{}) (string, []interface{}, error) {
	return "", nil, nil
}
func (db *DB) NamedQuery(query string, arg interface{}) (*Rows, error)          { return nil, nil }
func (db *DB) NamedExec(query string, arg interface{}) (sql.Result, error)      { return nil, nil }
func (db *DB) Select(dest interface{}, query string, args ...interface{}) error { return nil }
func (db *DB) Get(dest interface{}, query string, args ...interface{}) error    { return nil }
func (db *DB) Queryx(query string, args ...interface{}) (*Rows, error)          { return nil, nil }
func (db *DB) QueryRowx(query string, args ...interface{}) *Row                 { return nil }
func (db *DB) MustExec(query string, args ...interface{}) sql.Result            { return nil }
func (db *DB) Preparex(query string) (*Stmt, error)                             { return nil, nil }
func (db *DB) PrepareNamed(query string) (*NamedStmt, error)                    { return nil, nil }
func (db *DB) PrepareNamedContext(ctx context.Context, query string) (*NamedStmt, error) {
	return nil, nil
}
func (db *DB) NamedQueryContext(ctx context.Context, query string, arg interface{}) (*Rows, error) {
	return nil, nil
}
func (db *DB) NamedExecContext(ctx context.Context, query string, arg interface{}) (sql.Result, error) {
	return nil, nil
}
func (db *DB) SelectContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return nil
}
func (db *DB) GetContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return nil
}
func (db *DB) PreparexContext(ctx context.Context, query string) (*Stmt, error) { return nil, nil }
func (db *DB) QueryxContext(ctx context.Context, query string, args ...interface{}) (*Rows, error) {
	return nil, nil
}
func (db *DB) QueryRowxContext(ctx context.Context, query string, args ...interface{}) *Row {
	return nil
}
func (db *DB) MustExecContext(ctx context.Context, query string, args ...interface{}) sql.Result {
	return nil
}

type Tx struct{ *sql.Tx }

func (tx *Tx) Rebind(query string) string                                       { return query }
func (tx *Tx) NamedQuery(query string, arg interface{}) (*Rows, error)          { return nil, nil }
func (tx *Tx) NamedExec(query string, arg interface{}) (sql.Result, error)      { return nil, nil }
func (tx *Tx) Select(dest interface{}, query string, args ...interface{}) error { return nil }
func (tx *Tx) Queryx(query string, args ...interface{}) (*Rows, error)          { return nil, nil }
func (tx *Tx) QueryRowx(query string, args ...interface{}) *Row                 { return nil }
func (tx *Tx) Get(dest interface{}, query string, args ...interface{}) error    { return nil }
func (tx *Tx) MustExec(query string, args ...interface{}) sql.Result            { return nil }
func (tx *Tx) Preparex(query string) (*Stmt, error)                             { return nil, nil }
func (tx *Tx) PrepareNamed(query string) (*NamedStmt, error)                    { return nil, nil }
func (tx *Tx) PreparexContext(ctx context.Context, query string) (*Stmt, error) { return nil, nil }
func (tx *Tx) PrepareNamedContext(ctx context.Context, query string) (*NamedStmt, error) {
	return nil, nil
}
func (tx *Tx) MustExecContext(ctx context.Context, query string, args ...interface{}) sql.Result {
	return nil
}
func (tx *Tx) QueryxContext(ctx context.Context, query string, args ...interface{}) (*Rows, error) {
	return nil, nil
}
func (tx *Tx) SelectContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return nil
}
func (tx *Tx) GetContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return nil
}
func (tx *Tx) QueryRowxContext(ctx context.Context, query string, args ...interface{}) *Row {
	return nil
}
func (tx *Tx) NamedExecContext(ctx context.Context, query string, arg interface{}) (sql.Result, error) {
	return nil, nil
}

type Conn struct{ *sql.Conn }

func (c *Conn) SelectContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return nil
}
func (c *Conn) GetContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return nil
}
func (c *Conn) PreparexContext(ctx context.Context, query string) (*Stmt, error) { return nil, nil }
func (c *Conn) QueryxContext(ctx context.Context, query string, args ...interface{}) (*Rows, error) {
	return nil, nil
}
func (c *Conn) QueryRowxContext(ctx context.Context, query string, args ...interface{}) *Row {
	return nil
}
func (c *Conn) Rebind(query string) string { return query }

type Queryer interface {
	Query(query string, args ...interface{}) (*sql.Rows, error)
	Queryx(query string, args ...interface{}) (*Rows, error)
	QueryRowx(query string, args ...interface{}) *Row
}

type Execer interface {
	Exec(query string, args ...interface{}) (sql.Result, error)
}

type Ext interface {
	Queryer
	Execer
}

type QueryerContext interface {
	QueryContext(ctx context.Context, query string, args ...interface{}) (*sql.Rows, error)
	QueryxContext(ctx context.Context, query string, args ...interface{}) (*Rows, error)
	QueryRowxContext(ctx context.Context, query string, args ...interface{}) *Row
}

type ExecerContext interface {
	ExecContext(ctx context.Context, query string, args ...interface{}) (sql.Result, error)
}

type ExtContext interface {
	QueryerContext
	ExecerContext
}

type Preparer interface{}
type PreparerContext interface{}

func NamedQuery(e Ext, query string, arg interface{}) (*Rows, error)              { return nil, nil }
func NamedExec(e Ext, query string, arg interface{}) (sql.Result, error)          { return nil, nil }
func Preparex(p Preparer, query string) (*Stmt, error)                            { return nil, nil }
func Select(q Queryer, dest interface{}, query string, args ...interface{}) error { return nil }
func Get(q Queryer, dest interface{}, query string, args ...interface{}) error    { return nil }
func MustExec(e Execer, query string, args ...interface{}) sql.Result             { return nil }
func NamedQueryContext(ctx context.Context, e ExtContext, query string, arg interface{}) (*Rows, error) {
	return nil, nil
}
func NamedExecContext(ctx context.Context, e ExtContext, query string, arg interface{}) (sql.Result, error) {
	return nil, nil
}
func SelectContext(ctx context.Context, q QueryerContext, dest interface{}, query string, args ...interface{}) error {
	return nil
}
func PreparexContext(ctx context.Context, p PreparerContext, query string) (*Stmt, error) {
	return nil, nil
}
func GetContext(ctx context.Context, q QueryerContext, dest interface{}, query string, args ...interface{}) error {
	return nil
}
func MustExecContext(ctx context.Context, e ExecerContext, query string, args ...interface{}) sql.Result {
	return nil
}

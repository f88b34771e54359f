// Package bun is a stub of github.com/uptrace/bun v1.2.9: the embedded
// model type whose tag names a table, the DB, Tx and Conn types with
// their raw query methods and query constructors, and the method sets
// of the SELECT, UPDATE, DELETE, INSERT and raw query builders, with the
// real names and signatures (generated from the module's source; types
// of its internal packages are local stand-ins here).
package bun

import (
	"context"
	"database/sql"

	"github.com/uptrace/bun/schema"
)

// BaseModel is an alias, as in bun: the field's type is schema's.
type BaseModel = schema.BaseModel

type (
	Formatter    struct{}
	Query        interface{}
	QueryBuilder interface{}
	RelationOpts struct{}
	Ident        string
)

type IConn interface {
	QueryContext(ctx context.Context, query string, args ...interface{}) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...interface{}) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...interface{}) *sql.Row
}

type IDB interface {
	IConn
	NewSelect() *SelectQuery
	NewInsert() *InsertQuery
	NewUpdate() *UpdateQuery
	NewDelete() *DeleteQuery
	NewRaw(query string, args ...interface{}) *RawQuery
	RunInTx(ctx context.Context, opts *sql.TxOptions, f func(ctx context.Context, tx Tx) error) error
}

type DB struct{ *sql.DB }

type Conn struct{ *sql.Conn }

type Tx struct{ *sql.Tx }

type (
	SelectQuery struct{}
	UpdateQuery struct{}
	DeleteQuery struct{}
	InsertQuery struct{}
	RawQuery    struct{}
)

func (db *DB) NewSelect() *SelectQuery                                    { panic("stub") }
func (db *DB) NewInsert() *InsertQuery                                    { panic("stub") }
func (db *DB) NewUpdate() *UpdateQuery                                    { panic("stub") }
func (db *DB) NewDelete() *DeleteQuery                                    { panic("stub") }
func (db *DB) NewRaw(query string, args ...interface{}) *RawQuery         { panic("stub") }
func (db *DB) Exec(query string, args ...interface{}) (sql.Result, error) { panic("stub") }
func (db *DB) ExecContext(ctx context.Context, query string, args ...interface{}) (sql.Result, error) {
	panic("stub")
}
func (db *DB) Query(query string, args ...interface{}) (*sql.Rows, error) { panic("stub") }
func (db *DB) QueryContext(ctx context.Context, query string, args ...interface{}) (*sql.Rows, error) {
	panic("stub")
}
func (db *DB) QueryRow(query string, args ...interface{}) *sql.Row { panic("stub") }
func (db *DB) QueryRowContext(ctx context.Context, query string, args ...interface{}) *sql.Row {
	panic("stub")
}
func (c Conn) ExecContext(ctx context.Context, query string, args ...interface{}) (sql.Result, error) {
	panic("stub")
}
func (c Conn) QueryContext(ctx context.Context, query string, args ...interface{}) (*sql.Rows, error) {
	panic("stub")
}
func (c Conn) QueryRowContext(ctx context.Context, query string, args ...interface{}) *sql.Row {
	panic("stub")
}
func (c Conn) NewSelect() *SelectQuery                                   { panic("stub") }
func (c Conn) NewInsert() *InsertQuery                                   { panic("stub") }
func (c Conn) NewUpdate() *UpdateQuery                                   { panic("stub") }
func (c Conn) NewDelete() *DeleteQuery                                   { panic("stub") }
func (c Conn) NewRaw(query string, args ...interface{}) *RawQuery        { panic("stub") }
func (tx Tx) Exec(query string, args ...interface{}) (sql.Result, error) { panic("stub") }
func (tx Tx) ExecContext(ctx context.Context, query string, args ...interface{}) (sql.Result, error) {
	panic("stub")
}
func (tx Tx) Query(query string, args ...interface{}) (*sql.Rows, error) { panic("stub") }
func (tx Tx) QueryContext(ctx context.Context, query string, args ...interface{}) (*sql.Rows, error) {
	panic("stub")
}
func (tx Tx) QueryRow(query string, args ...interface{}) *sql.Row { panic("stub") }
func (tx Tx) QueryRowContext(ctx context.Context, query string, args ...interface{}) *sql.Row {
	panic("stub")
}
func (tx Tx) NewSelect() *SelectQuery                                                { panic("stub") }
func (tx Tx) NewInsert() *InsertQuery                                                { panic("stub") }
func (tx Tx) NewUpdate() *UpdateQuery                                                { panic("stub") }
func (tx Tx) NewDelete() *DeleteQuery                                                { panic("stub") }
func (tx Tx) NewRaw(query string, args ...interface{}) *RawQuery                     { panic("stub") }
func (q *SelectQuery) Conn(db IConn) *SelectQuery                                    { panic("stub") }
func (q *SelectQuery) Model(model interface{}) *SelectQuery                          { panic("stub") }
func (q *SelectQuery) Err(err error) *SelectQuery                                    { panic("stub") }
func (q *SelectQuery) Apply(fns ...func(*SelectQuery) *SelectQuery) *SelectQuery     { panic("stub") }
func (q *SelectQuery) With(name string, query Query) *SelectQuery                    { panic("stub") }
func (q *SelectQuery) WithRecursive(name string, query Query) *SelectQuery           { panic("stub") }
func (q *SelectQuery) Distinct() *SelectQuery                                        { panic("stub") }
func (q *SelectQuery) DistinctOn(query string, args ...interface{}) *SelectQuery     { panic("stub") }
func (q *SelectQuery) Table(tables ...string) *SelectQuery                           { panic("stub") }
func (q *SelectQuery) TableExpr(query string, args ...interface{}) *SelectQuery      { panic("stub") }
func (q *SelectQuery) ModelTableExpr(query string, args ...interface{}) *SelectQuery { panic("stub") }
func (q *SelectQuery) Column(columns ...string) *SelectQuery                         { panic("stub") }
func (q *SelectQuery) ColumnExpr(query string, args ...interface{}) *SelectQuery     { panic("stub") }
func (q *SelectQuery) ExcludeColumn(columns ...string) *SelectQuery                  { panic("stub") }
func (q *SelectQuery) WherePK(cols ...string) *SelectQuery                           { panic("stub") }
func (q *SelectQuery) Where(query string, args ...interface{}) *SelectQuery          { panic("stub") }
func (q *SelectQuery) WhereOr(query string, args ...interface{}) *SelectQuery        { panic("stub") }
func (q *SelectQuery) WhereGroup(sep string, fn func(*SelectQuery) *SelectQuery) *SelectQuery {
	panic("stub")
}
func (q *SelectQuery) WhereDeleted() *SelectQuery                               { panic("stub") }
func (q *SelectQuery) WhereAllWithDeleted() *SelectQuery                        { panic("stub") }
func (q *SelectQuery) UseIndex(indexes ...string) *SelectQuery                  { panic("stub") }
func (q *SelectQuery) UseIndexForJoin(indexes ...string) *SelectQuery           { panic("stub") }
func (q *SelectQuery) UseIndexForOrderBy(indexes ...string) *SelectQuery        { panic("stub") }
func (q *SelectQuery) UseIndexForGroupBy(indexes ...string) *SelectQuery        { panic("stub") }
func (q *SelectQuery) IgnoreIndex(indexes ...string) *SelectQuery               { panic("stub") }
func (q *SelectQuery) IgnoreIndexForJoin(indexes ...string) *SelectQuery        { panic("stub") }
func (q *SelectQuery) IgnoreIndexForOrderBy(indexes ...string) *SelectQuery     { panic("stub") }
func (q *SelectQuery) IgnoreIndexForGroupBy(indexes ...string) *SelectQuery     { panic("stub") }
func (q *SelectQuery) ForceIndex(indexes ...string) *SelectQuery                { panic("stub") }
func (q *SelectQuery) ForceIndexForJoin(indexes ...string) *SelectQuery         { panic("stub") }
func (q *SelectQuery) ForceIndexForOrderBy(indexes ...string) *SelectQuery      { panic("stub") }
func (q *SelectQuery) ForceIndexForGroupBy(indexes ...string) *SelectQuery      { panic("stub") }
func (q *SelectQuery) Group(columns ...string) *SelectQuery                     { panic("stub") }
func (q *SelectQuery) GroupExpr(group string, args ...interface{}) *SelectQuery { panic("stub") }
func (q *SelectQuery) Having(having string, args ...interface{}) *SelectQuery   { panic("stub") }
func (q *SelectQuery) Order(orders ...string) *SelectQuery                      { panic("stub") }
func (q *SelectQuery) OrderExpr(query string, args ...interface{}) *SelectQuery { panic("stub") }
func (q *SelectQuery) Limit(n int) *SelectQuery                                 { panic("stub") }
func (q *SelectQuery) Offset(n int) *SelectQuery                                { panic("stub") }
func (q *SelectQuery) For(s string, args ...interface{}) *SelectQuery           { panic("stub") }
func (q *SelectQuery) Union(other *SelectQuery) *SelectQuery                    { panic("stub") }
func (q *SelectQuery) UnionAll(other *SelectQuery) *SelectQuery                 { panic("stub") }
func (q *SelectQuery) Intersect(other *SelectQuery) *SelectQuery                { panic("stub") }
func (q *SelectQuery) IntersectAll(other *SelectQuery) *SelectQuery             { panic("stub") }
func (q *SelectQuery) Except(other *SelectQuery) *SelectQuery                   { panic("stub") }
func (q *SelectQuery) ExceptAll(other *SelectQuery) *SelectQuery                { panic("stub") }
func (q *SelectQuery) Join(join string, args ...interface{}) *SelectQuery       { panic("stub") }
func (q *SelectQuery) JoinOn(cond string, args ...interface{}) *SelectQuery     { panic("stub") }
func (q *SelectQuery) JoinOnOr(cond string, args ...interface{}) *SelectQuery   { panic("stub") }
func (q *SelectQuery) Relation(name string, apply ...func(*SelectQuery) *SelectQuery) *SelectQuery {
	panic("stub")
}
func (q *SelectQuery) RelationWithOpts(name string, opts RelationOpts) *SelectQuery { panic("stub") }
func (q *SelectQuery) Comment(comment string) *SelectQuery                          { panic("stub") }
func (q *SelectQuery) Operation() string                                            { panic("stub") }
func (q *SelectQuery) AppendQuery(fmter Formatter, b []byte) (_ []byte, err error)  { panic("stub") }
func (q *SelectQuery) Rows(ctx context.Context) (*sql.Rows, error)                  { panic("stub") }
func (q *SelectQuery) Exec(ctx context.Context, dest ...interface{}) (res sql.Result, err error) {
	panic("stub")
}
func (q *SelectQuery) Scan(ctx context.Context, dest ...interface{}) error { panic("stub") }
func (q *SelectQuery) Count(ctx context.Context) (int, error)              { panic("stub") }
func (q *SelectQuery) ScanAndCount(ctx context.Context, dest ...interface{}) (int, error) {
	panic("stub")
}
func (q *SelectQuery) Exists(ctx context.Context) (bool, error) { panic("stub") }
func (q *SelectQuery) String() string                           { panic("stub") }
func (q *SelectQuery) QueryBuilder() QueryBuilder               { panic("stub") }
func (q *SelectQuery) ApplyQueryBuilder(fn func(QueryBuilder) QueryBuilder) *SelectQuery {
	panic("stub")
}
func (q *UpdateQuery) Conn(db IConn) *UpdateQuery                                    { panic("stub") }
func (q *UpdateQuery) Model(model interface{}) *UpdateQuery                          { panic("stub") }
func (q *UpdateQuery) Err(err error) *UpdateQuery                                    { panic("stub") }
func (q *UpdateQuery) Apply(fns ...func(*UpdateQuery) *UpdateQuery) *UpdateQuery     { panic("stub") }
func (q *UpdateQuery) With(name string, query Query) *UpdateQuery                    { panic("stub") }
func (q *UpdateQuery) WithRecursive(name string, query Query) *UpdateQuery           { panic("stub") }
func (q *UpdateQuery) Table(tables ...string) *UpdateQuery                           { panic("stub") }
func (q *UpdateQuery) TableExpr(query string, args ...interface{}) *UpdateQuery      { panic("stub") }
func (q *UpdateQuery) ModelTableExpr(query string, args ...interface{}) *UpdateQuery { panic("stub") }
func (q *UpdateQuery) Column(columns ...string) *UpdateQuery                         { panic("stub") }
func (q *UpdateQuery) ExcludeColumn(columns ...string) *UpdateQuery                  { panic("stub") }
func (q *UpdateQuery) Set(query string, args ...interface{}) *UpdateQuery            { panic("stub") }
func (q *UpdateQuery) SetColumn(column string, query string, args ...interface{}) *UpdateQuery {
	panic("stub")
}
func (q *UpdateQuery) Value(column string, query string, args ...interface{}) *UpdateQuery {
	panic("stub")
}
func (q *UpdateQuery) OmitZero() *UpdateQuery                                 { panic("stub") }
func (q *UpdateQuery) Join(join string, args ...interface{}) *UpdateQuery     { panic("stub") }
func (q *UpdateQuery) JoinOn(cond string, args ...interface{}) *UpdateQuery   { panic("stub") }
func (q *UpdateQuery) JoinOnOr(cond string, args ...interface{}) *UpdateQuery { panic("stub") }
func (q *UpdateQuery) WherePK(cols ...string) *UpdateQuery                    { panic("stub") }
func (q *UpdateQuery) Where(query string, args ...interface{}) *UpdateQuery   { panic("stub") }
func (q *UpdateQuery) WhereOr(query string, args ...interface{}) *UpdateQuery { panic("stub") }
func (q *UpdateQuery) WhereGroup(sep string, fn func(*UpdateQuery) *UpdateQuery) *UpdateQuery {
	panic("stub")
}
func (q *UpdateQuery) WhereDeleted() *UpdateQuery                                  { panic("stub") }
func (q *UpdateQuery) WhereAllWithDeleted() *UpdateQuery                           { panic("stub") }
func (q *UpdateQuery) Order(orders ...string) *UpdateQuery                         { panic("stub") }
func (q *UpdateQuery) OrderExpr(query string, args ...interface{}) *UpdateQuery    { panic("stub") }
func (q *UpdateQuery) Limit(n int) *UpdateQuery                                    { panic("stub") }
func (q *UpdateQuery) Returning(query string, args ...interface{}) *UpdateQuery    { panic("stub") }
func (q *UpdateQuery) Comment(comment string) *UpdateQuery                         { panic("stub") }
func (q *UpdateQuery) Operation() string                                           { panic("stub") }
func (q *UpdateQuery) AppendQuery(fmter Formatter, b []byte) (_ []byte, err error) { panic("stub") }
func (q *UpdateQuery) Bulk() *UpdateQuery                                          { panic("stub") }
func (q *UpdateQuery) Scan(ctx context.Context, dest ...interface{}) error         { panic("stub") }
func (q *UpdateQuery) Exec(ctx context.Context, dest ...interface{}) (sql.Result, error) {
	panic("stub")
}
func (q *UpdateQuery) FQN(column string) Ident    { panic("stub") }
func (q *UpdateQuery) String() string             { panic("stub") }
func (q *UpdateQuery) QueryBuilder() QueryBuilder { panic("stub") }
func (q *UpdateQuery) ApplyQueryBuilder(fn func(QueryBuilder) QueryBuilder) *UpdateQuery {
	panic("stub")
}
func (q *UpdateQuery) UseIndex(indexes ...string) *UpdateQuery                       { panic("stub") }
func (q *UpdateQuery) IgnoreIndex(indexes ...string) *UpdateQuery                    { panic("stub") }
func (q *UpdateQuery) ForceIndex(indexes ...string) *UpdateQuery                     { panic("stub") }
func (q *DeleteQuery) Conn(db IConn) *DeleteQuery                                    { panic("stub") }
func (q *DeleteQuery) Model(model interface{}) *DeleteQuery                          { panic("stub") }
func (q *DeleteQuery) Err(err error) *DeleteQuery                                    { panic("stub") }
func (q *DeleteQuery) Apply(fns ...func(*DeleteQuery) *DeleteQuery) *DeleteQuery     { panic("stub") }
func (q *DeleteQuery) With(name string, query Query) *DeleteQuery                    { panic("stub") }
func (q *DeleteQuery) WithRecursive(name string, query Query) *DeleteQuery           { panic("stub") }
func (q *DeleteQuery) Table(tables ...string) *DeleteQuery                           { panic("stub") }
func (q *DeleteQuery) TableExpr(query string, args ...interface{}) *DeleteQuery      { panic("stub") }
func (q *DeleteQuery) ModelTableExpr(query string, args ...interface{}) *DeleteQuery { panic("stub") }
func (q *DeleteQuery) WherePK(cols ...string) *DeleteQuery                           { panic("stub") }
func (q *DeleteQuery) Where(query string, args ...interface{}) *DeleteQuery          { panic("stub") }
func (q *DeleteQuery) WhereOr(query string, args ...interface{}) *DeleteQuery        { panic("stub") }
func (q *DeleteQuery) WhereGroup(sep string, fn func(*DeleteQuery) *DeleteQuery) *DeleteQuery {
	panic("stub")
}
func (q *DeleteQuery) WhereDeleted() *DeleteQuery                                  { panic("stub") }
func (q *DeleteQuery) WhereAllWithDeleted() *DeleteQuery                           { panic("stub") }
func (q *DeleteQuery) Order(orders ...string) *DeleteQuery                         { panic("stub") }
func (q *DeleteQuery) OrderExpr(query string, args ...interface{}) *DeleteQuery    { panic("stub") }
func (q *DeleteQuery) ForceDelete() *DeleteQuery                                   { panic("stub") }
func (q *DeleteQuery) Limit(n int) *DeleteQuery                                    { panic("stub") }
func (q *DeleteQuery) Returning(query string, args ...interface{}) *DeleteQuery    { panic("stub") }
func (q *DeleteQuery) Comment(comment string) *DeleteQuery                         { panic("stub") }
func (q *DeleteQuery) Operation() string                                           { panic("stub") }
func (q *DeleteQuery) AppendQuery(fmter Formatter, b []byte) (_ []byte, err error) { panic("stub") }
func (q *DeleteQuery) Scan(ctx context.Context, dest ...interface{}) error         { panic("stub") }
func (q *DeleteQuery) Exec(ctx context.Context, dest ...interface{}) (sql.Result, error) {
	panic("stub")
}
func (q *DeleteQuery) String() string             { panic("stub") }
func (q *DeleteQuery) QueryBuilder() QueryBuilder { panic("stub") }
func (q *DeleteQuery) ApplyQueryBuilder(fn func(QueryBuilder) QueryBuilder) *DeleteQuery {
	panic("stub")
}
func (q *InsertQuery) Conn(db IConn) *InsertQuery                                    { panic("stub") }
func (q *InsertQuery) Model(model interface{}) *InsertQuery                          { panic("stub") }
func (q *InsertQuery) Err(err error) *InsertQuery                                    { panic("stub") }
func (q *InsertQuery) Apply(fns ...func(*InsertQuery) *InsertQuery) *InsertQuery     { panic("stub") }
func (q *InsertQuery) With(name string, query Query) *InsertQuery                    { panic("stub") }
func (q *InsertQuery) WithRecursive(name string, query Query) *InsertQuery           { panic("stub") }
func (q *InsertQuery) Table(tables ...string) *InsertQuery                           { panic("stub") }
func (q *InsertQuery) TableExpr(query string, args ...interface{}) *InsertQuery      { panic("stub") }
func (q *InsertQuery) ModelTableExpr(query string, args ...interface{}) *InsertQuery { panic("stub") }
func (q *InsertQuery) Column(columns ...string) *InsertQuery                         { panic("stub") }
func (q *InsertQuery) ColumnExpr(query string, args ...interface{}) *InsertQuery     { panic("stub") }
func (q *InsertQuery) ExcludeColumn(columns ...string) *InsertQuery                  { panic("stub") }
func (q *InsertQuery) Value(column string, expr string, args ...interface{}) *InsertQuery {
	panic("stub")
}
func (q *InsertQuery) Where(query string, args ...interface{}) *InsertQuery        { panic("stub") }
func (q *InsertQuery) WhereOr(query string, args ...interface{}) *InsertQuery      { panic("stub") }
func (q *InsertQuery) Returning(query string, args ...interface{}) *InsertQuery    { panic("stub") }
func (q *InsertQuery) Ignore() *InsertQuery                                        { panic("stub") }
func (q *InsertQuery) Replace() *InsertQuery                                       { panic("stub") }
func (q *InsertQuery) Comment(comment string) *InsertQuery                         { panic("stub") }
func (q *InsertQuery) Operation() string                                           { panic("stub") }
func (q *InsertQuery) AppendQuery(fmter Formatter, b []byte) (_ []byte, err error) { panic("stub") }
func (q *InsertQuery) On(s string, args ...interface{}) *InsertQuery               { panic("stub") }
func (q *InsertQuery) Set(query string, args ...interface{}) *InsertQuery          { panic("stub") }
func (q *InsertQuery) Scan(ctx context.Context, dest ...interface{}) error         { panic("stub") }
func (q *InsertQuery) Exec(ctx context.Context, dest ...interface{}) (sql.Result, error) {
	panic("stub")
}
func (q *InsertQuery) String() string                                                 { panic("stub") }
func (q *RawQuery) Conn(db IConn) *RawQuery                                           { panic("stub") }
func (q *RawQuery) Err(err error) *RawQuery                                           { panic("stub") }
func (q *RawQuery) Exec(ctx context.Context, dest ...interface{}) (sql.Result, error) { panic("stub") }
func (q *RawQuery) Scan(ctx context.Context, dest ...interface{}) error               { panic("stub") }
func (q *RawQuery) Comment(comment string) *RawQuery                                  { panic("stub") }
func (q *RawQuery) AppendQuery(fmter Formatter, b []byte) ([]byte, error)             { panic("stub") }
func (q *RawQuery) Operation() string                                                 { panic("stub") }
func (q *RawQuery) String() string                                                    { panic("stub") }

func (db *DB) RunInTx(ctx context.Context, opts *sql.TxOptions, f func(ctx context.Context, tx Tx) error) error {
	panic("stub")
}
func (c Conn) RunInTx(ctx context.Context, opts *sql.TxOptions, f func(ctx context.Context, tx Tx) error) error {
	panic("stub")
}
func (tx Tx) RunInTx(ctx context.Context, opts *sql.TxOptions, f func(ctx context.Context, tx Tx) error) error {
	panic("stub")
}

func In(slice interface{}) schema.QueryAppender { panic("stub") }

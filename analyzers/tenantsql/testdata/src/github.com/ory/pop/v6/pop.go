// Package pop is a stub of Ory's fork of pop, github.com/ory/pop/v6: the
// same API as the stub of github.com/gobuffalo/pop/v6 v6.1.1 next to it
// (the methods of *Connection and *Query that build and run statements).
package pop

import (
	"context"
	"database/sql"
)

type (
	Connection       struct{}
	Query            struct{}
	ScopeFunc        func(q *Query) *Query
	PaginationParams interface{ Get(key string) string }
	ValidateErrors   struct{}
)

func (c *Connection) BelongsTo(model interface{}) *Query                             { panic("stub") }
func (c *Connection) BelongsToAs(model interface{}, as string) *Query                { panic("stub") }
func (q *Query) BelongsTo(model interface{}) *Query                                  { panic("stub") }
func (q *Query) BelongsToAs(model interface{}, as string) *Query                     { panic("stub") }
func (c *Connection) BelongsToThrough(bt, thru interface{}) *Query                   { panic("stub") }
func (q *Query) BelongsToThrough(bt, thru interface{}) *Query                        { panic("stub") }
func (c *Connection) Context() context.Context                                       { panic("stub") }
func (c *Connection) Transaction(fn func(tx *Connection) error) error                { panic("stub") }
func (c *Connection) Rollback(fn func(tx *Connection)) error                         { panic("stub") }
func (c *Connection) NewTransaction() (*Connection, error)                           { panic("stub") }
func (c *Connection) NewTransactionContext(ctx context.Context) (*Connection, error) { panic("stub") }
func (c *Connection) NewTransactionContextOptions(ctx context.Context, options *sql.TxOptions) (*Connection, error) {
	panic("stub")
}
func (c *Connection) WithContext(ctx context.Context) *Connection { panic("stub") }
func (c *Connection) Q() *Query                                   { panic("stub") }
func (q *Query) Exec() error                                      { panic("stub") }
func (q *Query) ExecWithCount() (int, error)                      { panic("stub") }
func (c *Connection) ValidateAndSave(model interface{}, excludeColumns ...string) (*ValidateErrors, error) {
	panic("stub")
}
func (c *Connection) Save(model interface{}, excludeColumns ...string) error { panic("stub") }
func (c *Connection) ValidateAndCreate(model interface{}, excludeColumns ...string) (*ValidateErrors, error) {
	panic("stub")
}
func (c *Connection) Create(model interface{}, excludeColumns ...string) error { panic("stub") }
func (c *Connection) ValidateAndUpdate(model interface{}, excludeColumns ...string) (*ValidateErrors, error) {
	panic("stub")
}
func (c *Connection) Update(model interface{}, excludeColumns ...string) error       { panic("stub") }
func (q *Query) UpdateQuery(model interface{}, columnNames ...string) (int64, error) { panic("stub") }
func (c *Connection) UpdateColumns(model interface{}, columnNames ...string) error   { panic("stub") }
func (c *Connection) Destroy(model interface{}) error                                { panic("stub") }
func (q *Query) Delete(model interface{}) error                                      { panic("stub") }
func (c *Connection) Find(model interface{}, id interface{}) error                   { panic("stub") }
func (q *Query) Find(model interface{}, id interface{}) error                        { panic("stub") }
func (c *Connection) First(model interface{}) error                                  { panic("stub") }
func (q *Query) First(model interface{}) error                                       { panic("stub") }
func (c *Connection) Last(model interface{}) error                                   { panic("stub") }
func (q *Query) Last(model interface{}) error                                        { panic("stub") }
func (c *Connection) All(models interface{}) error                                   { panic("stub") }
func (q *Query) All(models interface{}) error                                        { panic("stub") }
func (q *Query) Exists(model interface{}) (bool, error)                              { panic("stub") }
func (c *Connection) Count(model interface{}) (int, error)                           { panic("stub") }
func (c *Connection) Select(fields ...string) *Query                                 { panic("stub") }
func (q *Query) Select(fields ...string) *Query                                      { panic("stub") }
func (c *Connection) Paginate(page int, perPage int) *Query                          { panic("stub") }
func (q *Query) Paginate(page int, perPage int) *Query                               { panic("stub") }
func (c *Connection) PaginateFromParams(params PaginationParams) *Query              { panic("stub") }
func (q *Query) PaginateFromParams(params PaginationParams) *Query                   { panic("stub") }
func (c *Connection) RawQuery(stmt string, args ...interface{}) *Query               { panic("stub") }
func (q *Query) RawQuery(stmt string, args ...interface{}) *Query                    { panic("stub") }
func (c *Connection) Eager(fields ...string) *Connection                             { panic("stub") }
func (q *Query) Eager(fields ...string) *Query                                       { panic("stub") }
func (c *Connection) Where(stmt string, args ...interface{}) *Query                  { panic("stub") }
func (q *Query) Where(stmt string, args ...interface{}) *Query                       { panic("stub") }
func (c *Connection) Order(stmt string, args ...interface{}) *Query                  { panic("stub") }
func (q *Query) Order(stmt string, args ...interface{}) *Query                       { panic("stub") }
func (c *Connection) Limit(limit int) *Query                                         { panic("stub") }
func (q *Query) Limit(limit int) *Query                                              { panic("stub") }
func (c *Connection) EagerPreload(fields ...string) *Query                           { panic("stub") }
func (q *Query) EagerPreload(fields ...string) *Query                                { panic("stub") }
func Q(c *Connection) *Query                                                         { panic("stub") }
func (q *Query) GroupBy(field string, fields ...string) *Query                       { panic("stub") }
func (q *Query) Having(condition string, args ...interface{}) *Query                 { panic("stub") }
func (q *Query) Join(table string, on string, args ...interface{}) *Query            { panic("stub") }
func (q *Query) LeftJoin(table string, on string, args ...interface{}) *Query        { panic("stub") }
func (q *Query) RightJoin(table string, on string, args ...interface{}) *Query       { panic("stub") }
func (q *Query) LeftOuterJoin(table string, on string, args ...interface{}) *Query   { panic("stub") }
func (q *Query) RightOuterJoin(table string, on string, args ...interface{}) *Query  { panic("stub") }
func (q *Query) InnerJoin(table string, on string, args ...interface{}) *Query       { panic("stub") }
func (q *Query) Scope(sf ScopeFunc) *Query                                           { panic("stub") }
func (c *Connection) Scope(sf ScopeFunc) *Query                                      { panic("stub") }
func (q Query) Count(model interface{}) (int, error)                                 { panic("stub") }
func (q Query) CountByField(model interface{}, field string) (int, error)            { panic("stub") }

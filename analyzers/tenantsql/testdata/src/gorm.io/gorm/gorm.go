// Package gorm is a stub of gorm.io/gorm v1.25.12: the methods of *DB
// that build and run statements (chainable_api.go, finisher_api.go and
// gorm.go), with the real names and signatures; types of other packages
// are local stand-ins.
package gorm

import (
	"context"
	"database/sql"
)

type (
	DB struct {
		Error        error
		RowsAffected int64
	}
	Session    struct{}
	Expression interface{}
)

func (db *DB) Model(value interface{}) (tx *DB)                          { panic("stub") }
func (db *DB) Clauses(conds ...Expression) (tx *DB)                      { panic("stub") }
func (db *DB) Table(name string, args ...interface{}) (tx *DB)           { panic("stub") }
func (db *DB) Distinct(args ...interface{}) (tx *DB)                     { panic("stub") }
func (db *DB) Select(query interface{}, args ...interface{}) (tx *DB)    { panic("stub") }
func (db *DB) Omit(columns ...string) (tx *DB)                           { panic("stub") }
func (db *DB) MapColumns(m map[string]string) (tx *DB)                   { panic("stub") }
func (db *DB) Where(query interface{}, args ...interface{}) (tx *DB)     { panic("stub") }
func (db *DB) Not(query interface{}, args ...interface{}) (tx *DB)       { panic("stub") }
func (db *DB) Or(query interface{}, args ...interface{}) (tx *DB)        { panic("stub") }
func (db *DB) Joins(query string, args ...interface{}) (tx *DB)          { panic("stub") }
func (db *DB) InnerJoins(query string, args ...interface{}) (tx *DB)     { panic("stub") }
func (db *DB) Group(name string) (tx *DB)                                { panic("stub") }
func (db *DB) Having(query interface{}, args ...interface{}) (tx *DB)    { panic("stub") }
func (db *DB) Order(value interface{}) (tx *DB)                          { panic("stub") }
func (db *DB) Limit(limit int) (tx *DB)                                  { panic("stub") }
func (db *DB) Offset(offset int) (tx *DB)                                { panic("stub") }
func (db *DB) Scopes(funcs ...func(*DB) *DB) (tx *DB)                    { panic("stub") }
func (db *DB) Preload(query string, args ...interface{}) (tx *DB)        { panic("stub") }
func (db *DB) Attrs(attrs ...interface{}) (tx *DB)                       { panic("stub") }
func (db *DB) Assign(attrs ...interface{}) (tx *DB)                      { panic("stub") }
func (db *DB) Unscoped() (tx *DB)                                        { panic("stub") }
func (db *DB) Raw(sql string, values ...interface{}) (tx *DB)            { panic("stub") }
func (db *DB) Create(value interface{}) (tx *DB)                         { panic("stub") }
func (db *DB) CreateInBatches(value interface{}, batchSize int) (tx *DB) { panic("stub") }
func (db *DB) Save(value interface{}) (tx *DB)                           { panic("stub") }
func (db *DB) First(dest interface{}, conds ...interface{}) (tx *DB)     { panic("stub") }
func (db *DB) Take(dest interface{}, conds ...interface{}) (tx *DB)      { panic("stub") }
func (db *DB) Last(dest interface{}, conds ...interface{}) (tx *DB)      { panic("stub") }
func (db *DB) Find(dest interface{}, conds ...interface{}) (tx *DB)      { panic("stub") }
func (db *DB) FindInBatches(dest interface{}, batchSize int, fc func(tx *DB, batch int) error) *DB {
	panic("stub")
}
func (db *DB) FirstOrInit(dest interface{}, conds ...interface{}) (tx *DB)           { panic("stub") }
func (db *DB) FirstOrCreate(dest interface{}, conds ...interface{}) (tx *DB)         { panic("stub") }
func (db *DB) Update(column string, value interface{}) (tx *DB)                      { panic("stub") }
func (db *DB) Updates(values interface{}) (tx *DB)                                   { panic("stub") }
func (db *DB) UpdateColumn(column string, value interface{}) (tx *DB)                { panic("stub") }
func (db *DB) UpdateColumns(values interface{}) (tx *DB)                             { panic("stub") }
func (db *DB) Delete(value interface{}, conds ...interface{}) (tx *DB)               { panic("stub") }
func (db *DB) Count(count *int64) (tx *DB)                                           { panic("stub") }
func (db *DB) Row() *sql.Row                                                         { panic("stub") }
func (db *DB) Rows() (*sql.Rows, error)                                              { panic("stub") }
func (db *DB) Scan(dest interface{}) (tx *DB)                                        { panic("stub") }
func (db *DB) Pluck(column string, dest interface{}) (tx *DB)                        { panic("stub") }
func (db *DB) ScanRows(rows *sql.Rows, dest interface{}) error                       { panic("stub") }
func (db *DB) Connection(fc func(tx *DB) error) (err error)                          { panic("stub") }
func (db *DB) Transaction(fc func(tx *DB) error, opts ...*sql.TxOptions) (err error) { panic("stub") }
func (db *DB) Begin(opts ...*sql.TxOptions) *DB                                      { panic("stub") }
func (db *DB) Commit() *DB                                                           { panic("stub") }
func (db *DB) Rollback() *DB                                                         { panic("stub") }
func (db *DB) SavePoint(name string) *DB                                             { panic("stub") }
func (db *DB) RollbackTo(name string) *DB                                            { panic("stub") }
func (db *DB) Exec(sql string, values ...interface{}) (tx *DB)                       { panic("stub") }
func (db *DB) Session(config *Session) *DB                                           { panic("stub") }
func (db *DB) WithContext(ctx context.Context) *DB                                   { panic("stub") }
func (db *DB) Debug() (tx *DB)                                                       { panic("stub") }

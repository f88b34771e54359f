// Package store calls every preset query method once with an
// unconstrained query and once with a constrained one.
package store

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"

	_ "sql_presets/model"
)

const (
	bad  = "SELECT * FROM invoices WHERE id = $1"
	good = "SELECT * FROM invoices WHERE id = $1 AND tenant_id = $2"
	upd  = "UPDATE invoices SET total = 0 WHERE id = $1"
)

func databaseSQL(ctx context.Context, db *sql.DB, tx *sql.Tx, conn *sql.Conn) {
	db.Query(bad)                 // want `SELECT from invoices has no predicate on invoices.tenant_id`
	db.QueryContext(ctx, bad)     // want `SELECT from invoices has no predicate`
	db.QueryRow(bad)              // want `SELECT from invoices has no predicate`
	db.QueryRowContext(ctx, bad)  // want `SELECT from invoices has no predicate`
	db.Exec(upd)                  // want `UPDATE of invoices has no predicate on invoices.tenant_id`
	db.ExecContext(ctx, upd)      // want `UPDATE of invoices has no predicate`
	db.Prepare(bad)               // want `SELECT from invoices has no predicate`
	db.PrepareContext(ctx, bad)   // want `SELECT from invoices has no predicate`
	tx.Query(bad)                 // want `SELECT from invoices has no predicate`
	tx.QueryRowContext(ctx, bad)  // want `SELECT from invoices has no predicate`
	tx.Exec(upd)                  // want `UPDATE of invoices has no predicate`
	conn.QueryContext(ctx, bad)   // want `SELECT from invoices has no predicate`
	conn.ExecContext(ctx, upd)    // want `UPDATE of invoices has no predicate`
	conn.PrepareContext(ctx, bad) // want `SELECT from invoices has no predicate`

	db.Query(good)
	tx.ExecContext(ctx, good)
	conn.QueryRowContext(ctx, good)
	db.Ping() // not a query
}

func sqlxCalls(ctx context.Context, db *sqlx.DB, tx *sqlx.Tx, conn *sqlx.Conn, e sqlx.Ext, ec sqlx.ExtContext) {
	var dest []int
	db.Get(&dest, bad)                                                     // want `SELECT from invoices has no predicate`
	db.Select(&dest, bad)                                                  // want `SELECT from invoices has no predicate`
	db.GetContext(ctx, &dest, bad)                                         // want `SELECT from invoices has no predicate`
	db.SelectContext(ctx, &dest, bad)                                      // want `SELECT from invoices has no predicate`
	db.Queryx(bad)                                                         // want `SELECT from invoices has no predicate`
	db.QueryRowxContext(ctx, bad)                                          // want `SELECT from invoices has no predicate`
	db.NamedExec("UPDATE invoices SET total = :total WHERE id = :id", nil) // want `UPDATE of invoices has no predicate`
	db.NamedQueryContext(ctx, bad, nil)                                    // want `SELECT from invoices has no predicate`
	db.MustExec(upd)                                                       // want `UPDATE of invoices has no predicate`
	db.Preparex(bad)                                                       // want `SELECT from invoices has no predicate`
	db.Query(bad)                                                          // want `SELECT from invoices has no predicate`
	tx.Get(&dest, bad)                                                     // want `SELECT from invoices has no predicate`
	tx.NamedExecContext(ctx, upd, nil)                                     // want `UPDATE of invoices has no predicate`
	tx.ExecContext(ctx, upd)                                               // want `UPDATE of invoices has no predicate`
	conn.SelectContext(ctx, &dest, bad)                                    // want `SELECT from invoices has no predicate`
	conn.QueryContext(ctx, bad)                                            // want `SELECT from invoices has no predicate`
	e.Queryx(bad)                                                          // want `SELECT from invoices has no predicate`
	e.Exec(upd)                                                            // want `UPDATE of invoices has no predicate`
	ec.QueryRowxContext(ctx, bad)                                          // want `SELECT from invoices has no predicate`
	sqlx.Get(e, &dest, bad)                                                // want `SELECT from invoices has no predicate`
	sqlx.SelectContext(ctx, ec, &dest, bad)                                // want `SELECT from invoices has no predicate`
	sqlx.NamedExec(e, upd, nil)                                            // want `UPDATE of invoices has no predicate`

	db.NamedExec("UPDATE invoices SET total = :total WHERE id = :id AND tenant_id = :tenant_id", nil)
	tx.Select(&dest, "SELECT * FROM invoices WHERE tenant_id = ? AND id = ?")
	db.Rebind(bad) // not a query
}

func pgxCalls(ctx context.Context, pool *pgxpool.Pool, pc *pgxpool.Conn, ptx *pgxpool.Tx, conn *pgx.Conn, tx pgx.Tx, b *pgx.Batch) {
	pool.Query(ctx, bad)           // want `SELECT from invoices has no predicate`
	pool.QueryRow(ctx, bad)        // want `SELECT from invoices has no predicate`
	pool.Exec(ctx, upd)            // want `UPDATE of invoices has no predicate`
	pc.Query(ctx, bad)             // want `SELECT from invoices has no predicate`
	ptx.Prepare(ctx, "stmt", bad)  // want `SELECT from invoices has no predicate`
	ptx.Exec(ctx, upd)             // want `UPDATE of invoices has no predicate`
	conn.QueryRow(ctx, bad)        // want `SELECT from invoices has no predicate`
	conn.Prepare(ctx, "stmt", bad) // want `SELECT from invoices has no predicate`
	tx.Query(ctx, bad)             // want `SELECT from invoices has no predicate`
	tx.Exec(ctx, upd)              // want `UPDATE of invoices has no predicate`
	b.Queue(bad)                   // want `SELECT from invoices has no predicate`

	pool.Query(ctx, good)
	b.Queue(good)
	pool.SendBatch(ctx, b) // not a query
}

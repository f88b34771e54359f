// Package other runs SQL of its own, not sqlc's, on the tables of the
// sqlc package it imports (their TablesFact).
package other

import (
	"context"
	"database/sql"

	_ "sql_sqlc_schema/db"
)

func ListWorkflows(ctx context.Context, db *sql.DB) {
	db.QueryContext(ctx, `SELECT * FROM "Workflow"`) // want `^SELECT from Workflow has no predicate on Workflow.tenantId \(manual fix: add "Workflow"\."tenantId" = \$1 to its WHERE\)$`
	db.QueryContext(ctx, `SELECT * FROM "Workflow" WHERE "tenantId" = $1`, "t")
}

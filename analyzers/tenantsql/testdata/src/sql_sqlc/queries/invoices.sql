-- name: GetInvoice :one
SELECT id, tenant_id, total FROM invoices
WHERE id = $1 LIMIT 1;

-- name: GetTenantInvoice :one
SELECT id, tenant_id, total FROM invoices
WHERE id = $1 AND tenant_id = $2 LIMIT 1;

-- name: PollUnpaid :many
-- The scheduler's poll.
-- tenantlint:ignore tenantsql the scheduler polls every tenant's unpaid invoices
SELECT id, tenant_id, total FROM invoices
WHERE total > 0;

-- name: DeleteInvoice :exec
DELETE FROM invoices WHERE id = $1;

-- name: CountUsers :one
-- tenantlint:ignore tenantsql users are not a tenant table
SELECT count(*) FROM users;

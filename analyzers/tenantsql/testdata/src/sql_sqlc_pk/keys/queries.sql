-- name: ListLinesOfInvoice :many
SELECT l.id FROM invoices i JOIN lines l ON l.invoice_id = i.id WHERE i.tenant_id = $1;

-- name: ListRefundsOfLine :many
SELECT r.id FROM lines l JOIN refunds r ON r.line_id = l.id WHERE l.tenant_id = $1;

-- name: ListRefundsOfPayment :many
SELECT r.id FROM payments p JOIN refunds r ON r.payment_no = p.payment_no WHERE p.tenant_id = $1;

-- name: ListRefundsOfAccount :many
SELECT r.id FROM accounts a JOIN refunds r ON r.account_id = a.id WHERE a.tenant_id = $1;

-- name: GetTaskByExternalID :one
SELECT t.id FROM lookups l JOIN tasks t ON t.id = l.task_id AND t.inserted_at = l.task_inserted_at WHERE l.external_id = $1 AND l.tenant_id = $2;

-- The primary keys the schema declares are the tables' keys for key
-- joins (sql.propagate: keys), unless sql.keys names the table.
CREATE TABLE invoices (id uuid PRIMARY KEY, tenant_id uuid NOT NULL);
-- A composite key: two tenants may have a line with the same id, so id
-- alone is no key.
CREATE TABLE lines (id uuid NOT NULL, tenant_id uuid NOT NULL, invoice_id uuid NOT NULL, PRIMARY KEY (tenant_id, id));
CREATE TABLE payments (payment_no text NOT NULL, tenant_id uuid NOT NULL);
ALTER TABLE payments ADD CONSTRAINT payments_pk PRIMARY KEY (payment_no);
-- No primary key: its key is id, as without a schema.
CREATE TABLE refunds (id uuid NOT NULL, tenant_id uuid NOT NULL, line_id uuid NOT NULL, payment_no text NOT NULL, account_id uuid NOT NULL);
CREATE TABLE accounts (id uuid NOT NULL, tenant_id uuid NOT NULL, PRIMARY KEY (tenant_id, id));
-- All the columns of a composite key tie a row to one row.
CREATE TABLE tasks (id bigint NOT NULL, inserted_at timestamptz NOT NULL, tenant_id uuid NOT NULL, PRIMARY KEY (id, inserted_at));
CREATE TABLE lookups (external_id uuid PRIMARY KEY, task_id bigint NOT NULL, task_inserted_at timestamptz NOT NULL, tenant_id uuid NOT NULL);

CREATE TABLE invoices (
  id bigserial PRIMARY KEY,
  tenant_id text NOT NULL,
  total bigint NOT NULL
);

CREATE TABLE users (
  id bigserial PRIMARY KEY
);

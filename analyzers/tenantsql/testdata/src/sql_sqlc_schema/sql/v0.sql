-- Shaped like Hatchet's: v0 tables are quoted CamelCase and singular,
-- with a "tenantId" column; v1 tables are snake_case with tenant_id.
CREATE TABLE "Tenant" ("id" UUID NOT NULL, "name" TEXT NOT NULL, CONSTRAINT "Tenant_pkey" PRIMARY KEY ("id"));
CREATE TABLE "Workflow" ("id" UUID NOT NULL, "tenantId" UUID NOT NULL, "name" TEXT NOT NULL, "deletedAt" TIMESTAMP(3));
CREATE TABLE "WorkflowVersion" ("id" UUID NOT NULL, "workflowId" UUID NOT NULL);
CREATE TABLE "Event" ("id" UUID NOT NULL, "key" TEXT NOT NULL);
CREATE TABLE public.v1_task (id bigint NOT NULL, tenant_id uuid NOT NULL, workflow_id uuid NOT NULL, inserted_at timestamptz NOT NULL) PARTITION BY RANGE (inserted_at);
CREATE TABLE v1_task_20240101 PARTITION OF v1_task FOR VALUES FROM ('2024-01-01') TO ('2024-01-02');
CREATE FUNCTION touch() RETURNS trigger AS $$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- Not PostgreSQL that this parser knows: ignored, and the statements
-- around it still count.
CREATE TABLE broken (;
CREATE TABLE old_log (id bigint, tenant uuid);

ALTER TABLE "Event" ADD COLUMN "tenantId" UUID;
ALTER TABLE old_log RENAME TO v1_log;
ALTER TABLE v1_log RENAME COLUMN tenant TO tenant_id;

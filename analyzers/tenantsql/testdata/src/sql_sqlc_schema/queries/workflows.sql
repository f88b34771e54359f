-- name: GetWorkflow :one
SELECT * FROM "Workflow" WHERE "id" = $1::uuid AND "tenantId" = $2::uuid;

-- name: ListAllWorkflows :many
SELECT * FROM "Workflow" WHERE "deletedAt" IS NULL;

-- name: ListTasksWithWorkflow :many
SELECT t.id, w."name" FROM v1_task t
JOIN "Workflow" w ON w."tenantId" = t.tenant_id AND w."id" = t.workflow_id
WHERE t.tenant_id = @tenantId::uuid;

-- name: ListTasksByWorkflowID :many
SELECT t.id FROM v1_task t
JOIN "Workflow" w ON w."id" = t.workflow_id
WHERE t.tenant_id = $1::uuid;

-- name: PollPartition :many
SELECT id FROM v1_task_20240101;

-- name: DeleteEvent :exec
DELETE FROM "Event" WHERE "id" = $1::uuid;

-- name: ListLogs :many
SELECT * FROM v1_log;

-- name: ListVersions :many
SELECT * FROM "WorkflowVersion" WHERE "workflowId" = $1::uuid;

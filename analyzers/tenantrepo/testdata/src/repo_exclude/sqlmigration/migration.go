// Package sqlmigration holds frozen copies of models: excluded with
// the packages below it.
package sqlmigration

type User struct {
	TenantID string
}

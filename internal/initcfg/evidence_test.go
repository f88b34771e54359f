package initcfg

import "testing"

// TestMigrationFolder: the folder that models.exclude (and, with the sql
// section, ignore.packages) gets for a package of migrations is the
// first element below the module named like one, at any depth, never
// the module's own path.
func TestMigrationFolder(t *testing.T) {
	const mod = "github.com/ory/keto"
	for path, want := range map[string]string{
		mod + "/internal/persistence/sql/migrations/uuidmapping": mod + "/internal/persistence/sql/migrations",
		mod + "/pkg/sqlmigration":                                mod + "/pkg/sqlmigration",
		mod + "/pkg/SQLMigrations/v2":                            mod + "/pkg/SQLMigrations",
		mod + "/internal/persistence/sql":                        "",
		mod:                                                      "",
	} {
		got, ok := migrationFolder(mod, path)
		if got != want || ok != (want != "") {
			t.Errorf("migrationFolder(%q) = %q, %v; want %q", path, got, ok, want)
		}
	}
	if got, ok := migrationFolder("example.com/migrationtool", "example.com/migrationtool/store"); ok {
		t.Errorf("a module named like a migration: %q", got)
	}
}

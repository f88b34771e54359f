package tenantsql

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tenantlint/tenantlint/internal/sqlscope"
)

// A module's dialect is that of the drivers its go.mod requires
// directly: MySQL's alone make it MySQL; PostgreSQL's, none, both, an
// indirect requirement only, or no go.mod leave it PostgreSQL.
func TestModuleDialect(t *testing.T) {
	ms := &modules{}
	for _, tc := range []struct {
		name, gomod string
		want        sqlscope.Dialect
	}{
		{"mysql", "require github.com/go-sql-driver/mysql v1.9.3\n", sqlscope.MySQL},
		{"gorm's mysql", "require (\n\tgorm.io/gorm v1.25.12\n\tgorm.io/driver/mysql v1.5.7\n)\n", sqlscope.MySQL},
		{"indirect", "require github.com/go-sql-driver/mysql v1.9.3 // indirect\n", sqlscope.PostgreSQL},
		{"both", "require (\n\tgithub.com/go-sql-driver/mysql v1.9.3\n\tgithub.com/jackc/pgx/v5 v5.7.0\n)\n", sqlscope.PostgreSQL},
		{"none", "require golang.org/x/mod v0.20.0\n", sqlscope.PostgreSQL},
		{"no go.mod", "", sqlscope.PostgreSQL},
	} {
		dir := t.TempDir()
		if tc.gomod != "" {
			if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/m\n\ngo 1.26\n\n"+tc.gomod), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if got := ms.dialect(dir); got != tc.want {
			t.Errorf("%s: dialect %q, want %q", tc.name, got, tc.want)
		}
	}
	if got := ms.dialect(""); got != sqlscope.PostgreSQL {
		t.Errorf("no module: %q, want postgres", got)
	}
}

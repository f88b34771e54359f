package tenantsql

import (
	"go/types"
	"strings"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/sqlscope"
)

// mysqlDrivers and postgresDrivers are the import paths (and prefixes of
// them) of the SQL drivers that say which SQL a package's queries are
// written in.
var (
	mysqlDrivers = []string{
		"github.com/go-sql-driver/mysql",
		"gorm.io/driver/mysql",
		"github.com/uptrace/bun/dialect/mysqldialect",
	}
	postgresDrivers = []string{
		"github.com/jackc/pgx",
		"github.com/lib/pq",
		"gorm.io/driver/postgres",
		"github.com/uptrace/bun/dialect/pgdialect",
		"github.com/uptrace/bun/driver/pgdriver",
	}
)

// dialect is the SQL grammar of pkg's queries: sql.dialect when the
// configuration sets it; else MySQL when pkg imports a MySQL driver and
// no PostgreSQL one; else PostgreSQL. Only the package's own imports
// count, not its dependencies': go vet sees a dependency's imports only
// as far as its export data names them, and both modes must agree. A
// service usually imports its driver in main, not where it runs its
// queries, so a MySQL module sets sql.dialect (tenantlint init proposes
// it from go.mod).
func dialect(cfg *config.Config, pkg *types.Package) sqlscope.Dialect {
	if cfg != nil {
		switch cfg.SQLDialect() {
		case config.DialectMySQL:
			return sqlscope.MySQL
		case config.DialectPostgres:
			return sqlscope.PostgreSQL
		}
	}
	mysql := false
	for _, imp := range pkg.Imports() {
		switch {
		case importsAny(imp.Path(), postgresDrivers):
			return sqlscope.PostgreSQL
		case importsAny(imp.Path(), mysqlDrivers):
			mysql = true
		}
	}
	if mysql {
		return sqlscope.MySQL
	}
	return sqlscope.PostgreSQL
}

func importsAny(path string, prefixes []string) bool {
	for _, p := range prefixes {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

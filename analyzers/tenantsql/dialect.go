package tenantsql

import (
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/mod/modfile"
	"golang.org/x/tools/go/analysis"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/lint"
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
// configuration sets it; else that of the SQL driver pkg imports (MySQL
// when it imports a MySQL driver and no PostgreSQL one); else, when pkg
// imports none, that of the drivers its module requires (module: see
// modules.dialect); else PostgreSQL. A package's own imports are read,
// not its dependencies': go vet knows a dependency's imports only as far
// as its export data names them, and both modes must agree.
func dialect(cfg *config.Config, pkg *types.Package, module func() sqlscope.Dialect) sqlscope.Dialect {
	if cfg != nil {
		switch cfg.SQLDialect() {
		case config.DialectMySQL:
			return sqlscope.MySQL
		case config.DialectPostgres:
			return sqlscope.PostgreSQL
		}
	}
	var paths []string
	for _, imp := range pkg.Imports() {
		paths = append(paths, imp.Path())
	}
	if d, ok := driversDialect(paths); ok {
		return d
	}
	if module != nil {
		return module()
	}
	return sqlscope.PostgreSQL
}

// driversDialect is the dialect of the drivers among paths: PostgreSQL
// when one is PostgreSQL's, else MySQL when one is MySQL's; false when
// none is a driver.
func driversDialect(paths []string) (sqlscope.Dialect, bool) {
	mysql := false
	for _, p := range paths {
		switch {
		case importsAny(p, postgresDrivers):
			return sqlscope.PostgreSQL, true
		case importsAny(p, mysqlDrivers):
			mysql = true
		}
	}
	if mysql {
		return sqlscope.MySQL, true
	}
	return "", false
}

// modules remembers the dialect of each module's go.mod, read once per
// process: a service usually imports its driver in main, not in the
// packages that run its queries, and go.mod requires it.
type modules struct {
	mu sync.Mutex
	m  map[string]sqlscope.Dialect
}

// dialect is the dialect of the drivers that the go.mod in root
// requires directly (an indirect requirement is a dependency's driver),
// PostgreSQL when it requires none or cannot be read.
func (ms *modules) dialect(root string) sqlscope.Dialect {
	if root == "" {
		return sqlscope.PostgreSQL
	}
	ms.mu.Lock()
	defer ms.mu.Unlock()
	if d, ok := ms.m[root]; ok {
		return d
	}
	d := sqlscope.PostgreSQL
	if data, err := os.ReadFile(filepath.Join(root, "go.mod")); err == nil {
		if mf, err := modfile.ParseLax("go.mod", data, nil); err == nil {
			var paths []string
			for _, r := range mf.Require {
				if !r.Indirect {
					paths = append(paths, r.Mod.Path)
				}
			}
			if md, ok := driversDialect(paths); ok {
				d = md
			}
		}
	}
	if ms.m == nil {
		ms.m = map[string]sqlscope.Dialect{}
	}
	ms.m[root] = d
	return d
}

// packageDialect is dialect for the package of pass under configuration
// cfg, its module's go.mod read unless the run is hermetic (which reads
// nothing outside the package).
func (ms *modules) packageDialect(env *lint.Env, pass *analysis.Pass, cfg *config.Config) sqlscope.Dialect {
	module := func() sqlscope.Dialect {
		files := lint.SourceFiles(pass)
		if env.Hermetic || len(files) == 0 {
			return sqlscope.PostgreSQL
		}
		dir := filepath.Dir(pass.Fset.Position(files[0].Package).Filename)
		return ms.dialect(env.RootFor(dir, pass.Pkg.Path(), ""))
	}
	return dialect(cfg, pass.Pkg, module)
}

func importsAny(path string, prefixes []string) bool {
	for _, p := range prefixes {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

package tenantsql_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/tenantlint/tenantlint/analyzers/tenantsql"
	"github.com/tenantlint/tenantlint/internal/registry"
)

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "tenantsql-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("TENANTLINT_CACHE", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func testdata(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func run(t *testing.T, pattern string) []*analysistest.Result {
	t.Helper()
	return analysistest.Run(t, testdata(t), tenantsql.New(registry.NewSourceEnv()), pattern)
}

// Every method of the database/sql, sqlx and pgx/v5 presets, through
// promoted methods and interfaces, with the model's table known through
// a fact of its package.
func TestPresets(t *testing.T) {
	run(t, "sql_presets/...")
}

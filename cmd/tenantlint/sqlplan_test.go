package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

// TestVetPlansParserStarts: go vet's processes plan the SQL parser's
// start-up with the module index's count of packages that run SQL. With
// fewer than eight, each keeps to the interpreter (their starts are
// counted, and no more than the count plus four would compile); with
// eight, the first compiles the module there for the others at once,
// with no interpreter start counted first. The findings are the
// standalone run's either way.
func TestVetPlansParserStarts(t *testing.T) {
	t.Parallel()
	for _, n := range []int{2, 8} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			files := map[string]string{
				".tenantlint.yaml": "version: 1\nmodels:\n  fields: [TenantID]\n  unreferenced: skip\n",
				"go.mod":           "module example.com/plan\n\ngo 1.26\n",
				"model/model.go":   "package model\n\n// Invoice is a tenant's invoice.\ntype Invoice struct {\n\tID       int64\n\tTenantID string\n}\n\nvar _ = Invoice{}\n",
			}
			// tenantrepo's finding: the model has no repository.
			want := []string{"model/model.go:4:6: Invoice is tenant-scoped (has field TenantID) but has no tenant-aware repository; declare a package-level repository for it"}
			for i := range n {
				files[fmt.Sprintf("q%d/q.go", i)] = fmt.Sprintf(`package q%d

import (
	"database/sql"

	_ "example.com/plan/model"
)

// Find reads any tenant's invoice.
func Find(db *sql.DB, id int64) {
	db.QueryRow("SELECT * FROM invoices WHERE id = $1 AND %d = %d", id)
}
`, i, i, i)
				want = append(want, fmt.Sprintf("q%d/q.go:11:2: SELECT from invoices has no predicate on invoices.tenant_id (manual fix: add invoices.tenant_id = $2 to its WHERE)", i))
			}
			testfs.Write(t, dir, files)
			slices.Sort(want)
			diffLines(t, "go vet -vettool", vet(t, dir), want)

			entries, _ := os.ReadDir(filepath.Join(tenantlintCache(t), "wasm"))
			counted, compiled := 0, false
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), "interpreter-starts-") {
					if info, err := e.Info(); err == nil {
						counted = int(info.Size()) // a byte per start
					}
				}
				compiled = compiled || strings.HasPrefix(e.Name(), "compiled-")
			}
			wantCounted := n // each process starts the interpreter
			if n >= 8 {
				wantCounted = 0 // the first compiles, the others load
			}
			if counted != wantCounted || compiled != (n >= 8) {
				t.Errorf("%d packages with SQL: %d starts counted, module compiled %v; want %d, %v (folder: %v)", n, counted, compiled, wantCounted, n >= 8, entries)
			}
			diffLines(t, "standalone", stripChecks(lines(lint(t, dir, "./...").stdout)), want)
		})
	}
}

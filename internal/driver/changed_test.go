package driver_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/driver"
	"github.com/tenantlint/tenantlint/internal/testfs"
	"github.com/tenantlint/tenantlint/report"
	"github.com/tenantlint/tenantlint/rewrite"
)

// changedModule is a module with one fixable raw key in app/app.go.
var changedModule = driver.ChangedModuleFiles

// TestFileChangedAfterParsing: a file edited between its parsing and the
// plan (here, through the driver's seam, right after it is parsed) gives
// fixes computed on the bytes parsed, and planning them is the
// concurrent-edit error: never a manual finding that blames cgo, never a
// plan applied to content nobody analyzed, whether the edit changes the
// file's size or not.
func TestFileChangedAfterParsing(t *testing.T) {
	t.Setenv("TENANTLINT_CACHE", t.TempDir())
	t.Setenv("TENANTLINT_CONFIG", "")
	t.Setenv("GOFLAGS", "-mod=mod")
	for name, edit := range map[string]func(string) string{
		"longer":    func(s string) string { return s + "\n// edited meanwhile\n" },
		"same size": func(s string) string { return strings.Replace(s, `"k:"`, `"q:"`, 1) },
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			testfs.Write(t, dir, changedModule)
			app := filepath.Join(dir, "app", "app.go")
			edited := false
			res, err := driver.RunAfterParse(driver.Options{Dir: dir, NoCache: true}, []string{"./..."}, func(files []string) {
				for _, f := range files {
					if f == app && !edited {
						edited = true
						testfs.WriteFile(t, app, edit(changedModule["app/app.go"]))
					}
				}
			})
			if err != nil {
				t.Fatalf("run: %v", err)
			}
			if !edited {
				t.Fatal("the seam never saw app/app.go")
			}
			if len(res.Findings) != 1 || res.Findings[0].Fix != report.Fixable || strings.Contains(res.Findings[0].Message, "cgo") {
				t.Fatalf("findings = %+v, want one fixable finding", res.Findings)
			}
			if len(res.Fixes) != 1 || !strings.Contains(applied(changedModule["app/app.go"], res.Fixes[0]), `tenant.Key(ctx, "k:"+id)`) {
				t.Fatalf("fixes = %+v, want the wrap of the key as parsed", res.Fixes)
			}
			_, err = rewrite.FromFixes(res.Fixes, dir)
			if err == nil || !strings.Contains(err.Error(), app+" changed while it was being analyzed") {
				t.Fatalf("planning the fixes of a changed file: %v, want the concurrent-edit error", err)
			}
			if data, _ := os.ReadFile(app); string(data) != edit(changedModule["app/app.go"]) {
				t.Error("the edited file was touched")
			}
		})
	}
}

// applied is src with the fix's edits applied (they are sorted and
// disjoint).
func applied(src string, fx driver.Fix) string {
	for i := len(fx.Edits) - 1; i >= 0; i-- {
		e := fx.Edits[i]
		src = src[:e.Start] + e.New + src[e.End:]
	}
	return src
}

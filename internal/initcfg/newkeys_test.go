package initcfg

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/testfs"
)

// TestNewKeys: init proposes #8's keys, models.unreferenced: skip and
// cache.report: tenant-data, when the evidence supports them, with the
// counts that made the decision, and leaves them commented out with the
// reason otherwise; the proposal loads as tenantlint loads it.
func TestNewKeys(t *testing.T) {
	offline(t)
	for _, tc := range []struct {
		txtar        string
		unreferenced string // models.unreferenced the proposal sets
		report       string // cache.report
		texts        []string
		summary      []string // lines init prints
	}{
		{"newkeys.txtar", config.UnreferencedSkip, "tenant-data", []string{
			"  # 2 of 3 tenant-scoped models are referred to by nothing outside their\n" +
				"  # declaration and methods: models.AuditRow, models.Draft.\n" +
				"  # 1 of them in generated files (models.AuditRow): such a model cannot leak,\n",
			"\n  unreferenced: skip\n",
			"  # The 2 cache calls of the presets and apis above: 1 with a key that is not a\n" +
				"  # string (unchecked under report: all), 1 on a generic cache whose values hold\n" +
				"  # no tenant model (a finding under all): lru.Cache[int64, *service.Route].\n",
			"\n  report: tenant-data\n",
		}, []string{
			"  unreferenced: skip: 2 of 3 models referred to by nothing, 1 in generated files (proposed)\n",
			"  cache report: tenant-data: 1 of 2 cache calls with a non-string key, 1 on a cache of no tenant data (proposed)\n",
		}},
		{"newkeys_none.txtar", "", "", []string{
			"  # unreferenced: skip   # not proposed: every tenant-scoped model (2) is referred to outside its declaration\n",
			"  # Every key of the 4 cache calls of the presets and apis above is a string;\n" +
				"  # 1 call on a generic cache whose values hold no tenant model: lru.Cache[string, *service.Route].\n",
			"  # report: tenant-data   # not proposed: no non-string key that all leaves unchecked\n",
		}, nil},
	} {
		t.Run(tc.txtar, func(t *testing.T) {
			dir := t.TempDir()
			testfs.WriteTxtar(t, dir, filepath.Join("testdata", tc.txtar))
			f := scan(t, dir)
			out := Render(f)
			if err := f.Check(filepath.Join(dir, config.FileName), out); err != nil {
				t.Fatalf("the proposal is rejected: %v\n%s", err, out)
			}
			hasAll(t, out, tc.texts...)
			summary := Summary(f)
			for _, want := range tc.summary {
				if !strings.Contains(summary, want) {
					t.Errorf("the summary lacks %q:\n%s", want, summary)
				}
			}
			if tc.summary == nil && (strings.Contains(summary, "unreferenced") || strings.Contains(summary, "cache report")) {
				t.Errorf("the summary names a key that is not proposed:\n%s", summary)
			}
			path := filepath.Join(dir, config.FileName)
			if err := os.WriteFile(path, out, 0o644); err != nil {
				t.Fatal(err)
			}
			cfg, err := config.Load(path)
			if err != nil {
				t.Fatalf("config.Load of the proposal: %v\n%s", err, out)
			}
			if got := cfg.Models.Unreferenced.Value; got != tc.unreferenced {
				t.Errorf("models.unreferenced = %q, want %q", got, tc.unreferenced)
			}
			if got := cfg.Cache.Report.Value; got != tc.report {
				t.Errorf("cache.report = %q, want %q", got, tc.report)
			}
		})
	}
}

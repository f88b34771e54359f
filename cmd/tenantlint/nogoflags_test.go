package main

import (
	"encoding/json"
	"maps"
	"os"
	"regexp"
	"slices"
	"testing"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

// TestVetPerAnalyzerConfigYAML: the README's nogo.json passed to the
// binary as go vet passes per-analyzer flags
// (-tenantrepo.config-yaml=... -tenantcache.config-yaml=...): each
// analyzer checks with its own part of the configuration, so both the
// model and the go-redis call are reported, and the directive that
// tenantrepo uses is not called unused.
func TestVetPerAnalyzerConfigYAML(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```json\n(\\{\n  \"tenantrepo\".*?)```").FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md has no ```json nogo configuration")
	}
	var nogo map[string]struct {
		AnalyzerFlags map[string]string `json:"analyzer_flags"`
	}
	if err := json.Unmarshal(m[1], &nogo); err != nil {
		t.Fatal(err)
	}
	args := []string{"vet", "-vettool=" + tenantlint}
	for _, name := range []string{"tenantrepo", "tenantcache"} {
		flags := nogo[name].AnalyzerFlags
		if len(flags) == 0 {
			t.Fatalf("no analyzer_flags for %s in README's nogo.json", name)
		}
		for _, k := range slices.Sorted(maps.Keys(flags)) {
			args = append(args, "-"+name+"."+k+"="+flags[k])
		}
	}
	args = append(args, "./...")

	dir := t.TempDir()
	testfs.Write(t, dir, map[string]string{
		"go.mod":       "module example.com/app\n\ngo 1.26\n\nrequire github.com/redis/go-redis/v9 v9.0.0\n\nreplace github.com/redis/go-redis/v9 => ./redis\n",
		"redis/go.mod": "module github.com/redis/go-redis/v9\n\ngo 1.26\n",
		"redis/redis.go": "package redis\n\nimport \"context\"\n\ntype Client struct{}\n\ntype StringCmd struct{}\n\n" +
			"func (c *Client) Get(ctx context.Context, key string) *StringCmd { return nil }\n",
		"internal/tenant/tenant.go": "package tenant\n\nimport \"context\"\n\ntype Repository[M any] struct{}\n\n" +
			"func Key(ctx context.Context, key string) string { return key }\n",
		"models/models.go": "package models\n\ntype Order struct{ TenantID string }\n\n" +
			"//tenantlint:ignore tenantrepo generated, covered elsewhere\ntype Item struct{ TenantID string }\n",
		"jobs/jobs.go": "package jobs\n\nimport (\n\t\"context\"\n\n\t\"github.com/redis/go-redis/v9\"\n)\n\n" +
			"func Warm(ctx context.Context, rdb *redis.Client) { rdb.Get(ctx, \"warm\") }\n",
	})
	r := runCmd(t, dir, "go", args...)
	var got []string
	for _, l := range lines(r.stderr) {
		if mm := vetLine.FindStringSubmatch(l); mm != nil {
			got = append(got, rel(dir, mm[1])+":"+mm[2]+":"+mm[3]+": "+mm[4])
		} else if l[0] != '#' {
			t.Errorf("unexpected line: %s", l)
		}
	}
	slices.Sort(got)
	diffLines(t, "go vet with the README's per-analyzer flags", got, []string{
		"jobs/jobs.go:9:53: redis.Client.Get key is not tenant-scoped; wrap it as tenant.Key(ctx, key)",
		"models/models.go:3:6: Order is tenant-scoped (has field TenantID) but has no tenant-aware repository; declare a package-level var of type tenant.Repository[Order]",
	})
	if r.code != 1 {
		t.Errorf("exit %d, want 1", r.code)
	}
}

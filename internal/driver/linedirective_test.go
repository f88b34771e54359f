package driver

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

// TestLineDirectiveFinding: a finding in code that a //line directive
// maps to a file that does not exist is reported where it is (the file,
// line and column that hold it), and its message names the mapped place;
// its fix's position is the same.
func TestLineDirectiveFinding(t *testing.T) {
	t.Setenv("TENANTLINT_CACHE", t.TempDir())
	t.Setenv("TENANTLINT_CONFIG", "")
	t.Setenv("GOFLAGS", "-mod=mod")
	dir := t.TempDir()
	files := map[string]string{}
	for name, src := range changedModuleFiles {
		files[name] = src
	}
	files["app/app.go"] = strings.Replace(files["app/app.go"], "\treturn s.Get(", "//line /generator/templates/app.tmpl:40:1\n\treturn s.Get(", 1)
	testfs.Write(t, dir, files)
	for _, legacy := range []bool{false, true} {
		res, err := Run(Options{Dir: dir, NoCache: true, Legacy: legacy}, []string{"./..."})
		if err != nil {
			t.Fatal(err)
		}
		app := filepath.Join(dir, "app", "app.go")
		if len(res.Findings) != 1 {
			t.Fatalf("legacy=%v: findings %+v, want 1", legacy, res.Findings)
		}
		f := res.Findings[0]
		if f.File != app || f.Line != 11 || f.Column != 9 || !strings.HasSuffix(f.Message, "(a //line directive maps it to /generator/templates/app.tmpl:40:9)") {
			t.Errorf("legacy=%v: finding at %s:%d:%d: %s; want %s:11:9, naming the mapped position", legacy, f.File, f.Line, f.Column, f.Message, app)
		}
		if len(res.Fixes) != 1 || res.Fixes[0].Pos.Filename != app || res.Fixes[0].Pos.Line != 11 {
			t.Errorf("legacy=%v: fixes %+v, want one at %s:11", legacy, res.Fixes, app)
		}
	}
}

// changedModuleFiles is a module with one fixable raw key in app/app.go,
// at line 10.
var changedModuleFiles = map[string]string{
	"go.mod": "module example.com/changed\n\ngo 1.26\n",
	".tenantlint.yaml": "version: 1\ncache:\n  key_func: example.com/changed/tenant.Key\n  apis:\n" +
		"    - type: example.com/changed/kv.Store\n      methods:\n        Get: {key: 1}\n",
	"tenant/tenant.go": "package tenant\n\nimport \"context\"\n\nfunc Key(ctx context.Context, key string) string { return key }\n",
	"kv/kv.go":         "package kv\n\nimport \"context\"\n\ntype Store struct{}\n\nfunc (s *Store) Get(ctx context.Context, key string) string { return key }\n",
	"app/app.go": `package app

import (
	"context"

	"example.com/changed/kv"
)

func Get(ctx context.Context, s *kv.Store, id string) string {
	return s.Get(ctx, "k:"+id)
}
`,
}

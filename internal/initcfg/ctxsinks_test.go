package initcfg

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/config"
)

// The wrappers of the shapes module: Service's methods pass their
// context to go-redis (the proposed preset); tenant.Key, which takes a
// context but passes it to no sink, is none.
func TestCtxSinkCandidates(t *testing.T) {
	offline(t)
	f := scan(t, shapesModule(t))
	var got []string
	for _, c := range f.CtxSinks {
		got = append(got, c.Name+" -> "+c.Via)
	}
	want := []string{
		"example.com/shapes/internal/service.Service.Forget -> redis.Client.Del",
		"example.com/shapes/internal/service.Service.Scoped -> redis.Client.Get",
		"example.com/shapes/internal/service.Service.User -> redis.Client.Get",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("ctx.sinks candidates:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

// Check rejects a ctx.sinks entry that names no function of a scanned
// package, as tenantlint would.
func TestCheckCtxSinks(t *testing.T) {
	offline(t)
	dir := shapesModule(t)
	f := scan(t, dir)
	data := "version: 1\nctx:\n  sinks: [example.com/shapes/internal/service.Service.Nope]\n"
	err := f.Check(filepath.Join(dir, config.FileName), []byte(data))
	if err == nil || !strings.Contains(err.Error(), ":3:11: ctx.sinks: example.com/shapes/internal/service.Service.Nope: Service has no method Nope") {
		t.Errorf("Check = %v", err)
	}
}

package rules

import (
	"go/types"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/config"
)

// TestValidateTenantValues: each of cache.tenant_values.funcs whose
// package is loaded must be a function or a method of a type of it.
func TestValidateTenantValues(t *testing.T) {
	visible := Visible(typeCheck(t))
	const file = "/app/.tenantlint.yaml"
	tests := []struct {
		fn   string
		want string // "" for no error
	}{
		{fn: "example.com/app/internal/tenant.Key"},
		{fn: "example.com/app/internal/tenant.Cache.Get"},
		{fn: "example.com/other/pkg.FromContext"},
		{fn: "example.com/other/pkg.Type.Method"},
		{fn: "example.com/app/internal/tenant.Kye",
			want: "21:13: cache.tenant_values.funcs: example.com/app/internal/tenant.Kye is not a function"},
		{fn: "example.com/app/internal/tenant.NotAFunc",
			want: "21:13: cache.tenant_values.funcs: example.com/app/internal/tenant.NotAFunc is not a function"},
		{fn: "example.com/app/internal/tenant.Cache.Gte",
			want: "21:13: cache.tenant_values.funcs: example.com/app/internal/tenant.Cache has no method Gte"},
		{fn: "example.com/app/internal/tenant.Nope.Get",
			want: "21:13: cache.tenant_values.funcs: example.com/app/internal/tenant.Nope.Get is not a function, and package example.com/app/internal/tenant has no type Nope"},
		{fn: "example.com/app/internal/tenant.Model.TenantID",
			want: "21:13: cache.tenant_values.funcs: example.com/app/internal/tenant.Model.TenantID is a field, not a method"},
	}
	for _, tt := range tests {
		t.Run(tt.fn, func(t *testing.T) {
			src := validBase + "  tenant_values:\n    funcs: [" + tt.fn + "]\n"
			c, err := config.Parse(file, []byte(src))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			err = Compile(c).Validate(visible)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("Validate: %v", err)
			case tt.want == "":
			case err == nil:
				t.Fatalf("Validate: no error, want %s", tt.want)
			case err.Error() != file+":"+tt.want || strings.Contains(err.Error(), "\n"):
				t.Errorf("Validate:\n\t%v\nwant\n\t%s:%s", err, file, tt.want)
			}
		})
	}
}

// TestFuncKey: functions and methods (pointer or value receivers,
// generic origins) are named as cache.tenant_values.funcs writes them.
func TestFuncKey(t *testing.T) {
	app := typeCheck(t)
	pkgs := Visible(app)
	tenant := pkgs["example.com/app/internal/tenant"]
	cache := pkgs["example.com/app/internal/cache"]
	key := tenant.Scope().Lookup("Key")
	get, _, _ := lookupMethod(tenant, "Cache", "Get")
	touch, _, _ := lookupMethod(cache, "inner", "Touch")
	for obj, want := range map[any]string{
		key:   "example.com/app/internal/tenant.Key",
		get:   "example.com/app/internal/tenant.Cache.Get",
		touch: "example.com/app/internal/cache.inner.Touch",
	} {
		fn, ok := obj.(interface{ FullName() string })
		if !ok {
			t.Fatalf("%v is not a function", obj)
		}
		if got := FuncKey(asFunc(t, fn)); got != want {
			t.Errorf("FuncKey(%s) = %q, want %q", fn.FullName(), got, want)
		}
	}
}

func lookupMethod(p *types.Package, typ, method string) (types.Object, []int, bool) {
	tn := p.Scope().Lookup(typ).(*types.TypeName)
	return types.LookupFieldOrMethod(types.NewPointer(tn.Type()), true, p, method)
}

func asFunc(t *testing.T, obj any) *types.Func {
	t.Helper()
	fn, ok := obj.(*types.Func)
	if !ok {
		t.Fatalf("%v is not a *types.Func", obj)
	}
	return fn
}

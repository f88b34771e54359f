package directive_test

import (
	"slices"
	"testing"

	"github.com/tenantlint/tenantlint/internal/directive"
	"github.com/tenantlint/tenantlint/internal/registry"
)

// TestKnownIsTheRegistry: the names directives are validated against
// outside the registry (nogo's analyzers) are the registry's checks; a
// new check must be added to directive.Known too.
func TestKnownIsTheRegistry(t *testing.T) {
	if got, want := directive.Known(), registry.Names(); !slices.Equal(got, want) {
		t.Errorf("directive.Known() = %q, registry.Names() = %q: add the check to internal/directive/known.go", got, want)
	}
}

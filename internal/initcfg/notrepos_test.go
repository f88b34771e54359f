package initcfg

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

// TestNeverARepository: a collection, an option or a page of models is
// never proposed as a repository (issue 15 §1), neither in
// repository.types (each is instantiated with more models than the real
// repository, so it would win without its exclusion) nor as a data-layer
// type whose parameters make repository.methods (testdata/notrepos.txtar).
func TestNeverARepository(t *testing.T) {
	offline(t)
	dir := t.TempDir()
	testfs.WriteTxtar(t, dir, "testdata/notrepos.txtar")
	out, cfg := propose(t, dir)
	var repos []string
	for _, r := range cfg.Repository.Types {
		repos = append(repos, r.Value)
	}
	if want := []string{"example.com/notrepos/repo.Repo"}; !reflect.DeepEqual(repos, want) {
		t.Errorf("repository.types = %v, want %v", repos, want)
	}
	for _, tc := range []struct{ what, text string }{
		{"a generic set", "    # not a repository: a collection\n    # - example.com/notrepos/coll.Set\n"},
		{"an option", "    # not a repository: a container of its type argument (a page, option or result)\n    # - example.com/notrepos/coll.Option\n"},
		{"a page", "    # not a repository: a container of its type argument (a page, option or result)\n    # - example.com/notrepos/coll.Page\n"},
		// lists.Projects (a slice type) and lists.MemberPage (a struct
		// holding the models) take an orgID beside the models too; only
		// the store counts.
		{"the data layer", "    # tenant_param orgID: 2 methods of 1 type: store.Invoices\n"},
	} {
		if !bytes.Contains(out, []byte(tc.text)) {
			t.Errorf("%s: the proposal lacks %q:\n%s", tc.what, tc.text, out)
		}
	}
}

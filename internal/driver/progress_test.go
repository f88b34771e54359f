package driver_test

import (
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/tenantlint/tenantlint/internal/driver"
)

// recorder is a driver.Progress that keeps what it hears.
type recorder struct {
	mu     sync.Mutex
	phases []string
	counts []string
}

func (r *recorder) Phase(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.phases = append(r.phases, name)
}

func (r *recorder) Packages(done, total int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.counts = append(r.counts, fmt.Sprintf("%d/%d", done, total))
}

// TestProgress: the streaming driver reports loading, then analyzing
// with the packages done out of the total, each package once.
func TestProgress(t *testing.T) {
	dir := writeChangedModule(t)
	rec := &recorder{}
	if _, err := driver.Run(driver.Options{Dir: dir, NoCache: true, Progress: rec}, []string{"./..."}); err != nil {
		t.Fatalf("run: %v", err)
	}
	if want := []string{"loading", "analyzing"}; !reflect.DeepEqual(rec.phases, want) {
		t.Errorf("phases = %q, want %q", rec.phases, want)
	}
	// tenant, kv and app: three packages, counted from 0 to 3 in order
	// (the workers report under the scheduler's lock).
	if want := []string{"0/3", "1/3", "2/3", "3/3"}; !reflect.DeepEqual(rec.counts, want) {
		t.Errorf("counts = %q, want %q", rec.counts, want)
	}
}

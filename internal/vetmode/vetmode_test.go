package vetmode

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFactsOnly(t *testing.T) {
	dir := t.TempDir()
	for name, tc := range map[string]struct {
		content string
		want    bool
	}{
		"facts only":   {`{"ID":"p","VetxOnly":true}`, true},
		"full run":     {`{"ID":"p","VetxOnly":false}`, false},
		"field absent": {`{"ID":"p"}`, false},
		"not json":     {`VetxOnly: true`, false},
	} {
		path := filepath.Join(dir, name+".cfg")
		if err := os.WriteFile(path, []byte(tc.content), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := factsOnly(path); got != tc.want {
			t.Errorf("%s: factsOnly = %v, want %v", name, got, tc.want)
		}
	}
	if factsOnly(filepath.Join(dir, "missing.cfg")) {
		t.Error("a missing file is not facts-only")
	}
}

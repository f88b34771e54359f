package gate

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

func TestBaselineRoundTripIsSortedAndStable(t *testing.T) {
	dir := t.TempDir()
	fs := findingsIn(t, dir, "internal/store/store.go", storeSrc)
	fs = append(fs, findingsIn(t, dir, "a/a.go", "package a\n\ntype Invoice struct{}\n")...)
	path := filepath.Join(dir, "baseline.json")
	if err := NewBaseline(fs, Keys(fs, dir)).Write(path); err != nil {
		t.Fatal(err)
	}
	first := testfs.ReadFile(t, path)

	// The same findings in another order write the same bytes.
	rev := slices.Clone(fs)
	slices.Reverse(rev)
	if err := NewBaseline(rev, Keys(rev, dir)).Write(path); err != nil {
		t.Fatal(err)
	}
	if second := testfs.ReadFile(t, path); second != first {
		t.Errorf("rewriting the same findings changed the file:\n%s\n---\n%s", first, second)
	}

	b, err := ReadBaseline(path)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range b.Findings {
		files = append(files, e.File+" "+e.Check+" "+e.Decl)
	}
	want := []string{
		"a/a.go tenantrepo type Invoice",
		"internal/store/store.go tenantcache func (*Store).Load",
		"internal/store/store.go tenantcache func (*Store).Save",
		"internal/store/store.go tenantcache func (*Store).Save",
		"internal/store/store.go tenantcache func (*Store).Save",
		"internal/store/store.go tenantrepo type Invoice",
	}
	if !slices.Equal(files, want) {
		t.Errorf("entries:\n got %q\nwant %q", files, want)
	}
	for _, line := range []string{`"version": 1,`, `"message": "Invoice has no repository"`, `"file": "internal/store/store.go",`} {
		if !strings.Contains(first, line) {
			t.Errorf("baseline file lacks %s:\n%s", line, first)
		}
	}
	if !strings.HasSuffix(first, "}\n") {
		t.Error("baseline file does not end with a newline")
	}
}

func TestEmptyBaselineHasAnEmptyList(t *testing.T) {
	path := filepath.Join(t.TempDir(), "b.json")
	if err := NewBaseline(nil, nil).Write(path); err != nil {
		t.Fatal(err)
	}
	if got := testfs.ReadFile(t, path); !strings.Contains(got, `"findings": []`) {
		t.Errorf("empty baseline:\n%s", got)
	}
	if _, err := ReadBaseline(path); err != nil {
		t.Errorf("reading the empty baseline: %v", err)
	}
}

func TestReadBaselineErrors(t *testing.T) {
	const fp = "0123456789abcdef0123456789abcdef"
	cases := []struct{ name, content, want string }{
		{"syntax", "{\n  \"version\": 1,\n  \"findings\": [\n}", "b.json: not a tenantlint baseline: line 4, column 1: invalid character '}' looking for beginning of value"},
		{"type", `{"version": "1", "findings": []}`, `b.json: not a tenantlint baseline: "version" should be int, not a JSON string`},
		{"no version", `{"findings": []}`, `b.json: not a tenantlint baseline: no "version"`},
		{"future version", `{"version": 2, "findings": []}`, "b.json: baseline version 2 is not supported (this tenantlint reads version 1; regenerate it with --write-baseline)"},
		{"no findings", `{"version": 1}`, `b.json: not a tenantlint baseline: no "findings"`},
		{"bad fingerprint", `{"version": 1, "findings": [{"check": "tenantcache", "fingerprint": "` + fp + `"}, {"check": "tenantcache", "fingerprint": "XYZ"}]}`, `b.json: finding 2: fingerprint "XYZ" is not 32 lowercase hex digits`},
		{"no check", `{"version": 1, "findings": [{"fingerprint": "` + fp + `"}]}`, `b.json: finding 1: no check`},
		{"not an object", `[]`, "b.json: not a tenantlint baseline: not a JSON object"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			if err := os.WriteFile("b.json", []byte(c.content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := ReadBaseline("b.json")
			if err == nil || err.Error() != c.want {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
	t.Run("missing", func(t *testing.T) {
		_, err := ReadBaseline(filepath.Join(t.TempDir(), "none.json"))
		if err == nil || !strings.Contains(err.Error(), "none.json: no such file") {
			t.Errorf("error %v, want one naming none.json", err)
		}
	})
}

func TestMatchCountsGoneOnlyForChecksThatRan(t *testing.T) {
	dir := t.TempDir()
	fs := findingsIn(t, dir, "internal/store/store.go", storeSrc)
	b := NewBaseline(fs, Keys(fs, dir))

	// The Load call is fixed and an Invoice repository declared.
	fixed := strings.Replace(storeSrc, `s.c.Get(ctx, "invoice:"+id)`, `s.c.Get(ctx, key(ctx, id))`, 1)
	fixed = strings.Replace(fixed, "type Invoice", "type Bill", 1)
	now := findingsIn(t, dir, "internal/store/store.go", fixed)
	keys := Keys(now, dir)

	m := b.Match(keys, []string{"tenantcache", "tenantrepo"})
	if got := gone(m); !slices.Equal(got, []string{"tenantcache func (*Store).Load", "tenantrepo type Invoice"}) {
		t.Errorf("gone: %q", got)
	}
	var known []string
	for i, k := range m.Known {
		if !k {
			known = append(known, now[i].Message+" "+keys[i].Decl)
		}
	}
	if !slices.Equal(known, []string{"key is not tenant-scoped func (*Store).Load"}) {
		t.Errorf("findings not in the baseline: %q", known)
	}

	m = b.Match(keys, []string{"tenantcache"})
	if got := gone(m); !slices.Equal(got, []string{"tenantcache func (*Store).Load"}) {
		t.Errorf("gone with only tenantcache run: %q", got)
	}
	if kept := b.Keep([]string{"tenantcache"}); len(kept) != 1 || kept[0].Check != "tenantrepo" {
		t.Errorf("entries kept for a rewrite by a tenantcache run: %+v", kept)
	}
}

func gone(m Match) []string {
	var out []string
	for _, e := range m.Gone {
		out = append(out, e.Check+" "+e.Decl)
	}
	return out
}

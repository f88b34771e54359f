package driver

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestProfiles(t *testing.T) {
	dir := t.TempDir()
	p := Profiles{CPU: filepath.Join(dir, "cpu.prof"), Mem: filepath.Join(dir, "mem.prof")}
	stop, err := p.Start()
	if err != nil {
		t.Fatal(err)
	}
	sink := 0
	for i := 0; i < 1e6; i++ {
		sink += len(strings.Repeat("x", i%7))
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{p.CPU, p.Mem} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) { // pprof writes gzipped protobuf
			t.Errorf("%s is not a pprof profile (%d bytes)", f, len(data))
		}
	}
	bad := Profiles{CPU: filepath.Join(dir, "missing", "cpu.prof")}
	if _, err := bad.Start(); err == nil || !strings.HasPrefix(err.Error(), "--cpuprofile: ") {
		t.Errorf("an unwritable --cpuprofile gave %v", err)
	}
	bad = Profiles{Mem: filepath.Join(dir, "missing", "mem.prof")}
	stop, err = bad.Start()
	if err != nil {
		t.Fatal(err)
	}
	if err := stop(); err == nil || !strings.HasPrefix(err.Error(), "--memprofile: ") {
		t.Errorf("an unwritable --memprofile gave %v", err)
	}
	_ = sink
}

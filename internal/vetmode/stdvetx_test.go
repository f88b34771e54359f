package vetmode

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"go/build"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/gcexportdata"
)

// TestStdVetx writes the vetx files of net/url and every package it
// depends on, bottom-up as go vet would, from vet.cfg files made from
// `go list -deps`: each holds the package's types and no facts, and
// net/url's types read back with url.Parse's signature.
func TestStdVetx(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-json", "net/url").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dir := t.TempDir()
	vetx := map[string]string{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p struct {
			ImportPath, Dir string
			GoFiles         []string
			Imports         []string
			ImportMap       map[string]string
			Standard        bool
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		if p.ImportPath == "unsafe" {
			continue
		}
		cfg := vetConfig{ImportPath: p.ImportPath, Dir: p.Dir, VetxOnly: true,
			ImportMap: map[string]string{}, PackageVetx: map[string]string{},
			VetxOutput: filepath.Join(dir, strings.ReplaceAll(p.ImportPath, "/", "_")+".vetx")}
		for _, f := range p.GoFiles {
			cfg.GoFiles = append(cfg.GoFiles, filepath.Join(p.Dir, f))
		}
		for _, imp := range p.Imports {
			path := imp
			if m, ok := p.ImportMap[imp]; ok {
				path = m
			}
			cfg.ImportMap[imp] = path
			cfg.PackageVetx[path] = vetx[path]
		}
		if !isStd(&cfg) {
			t.Fatalf("%s (in %s) is not taken for a package of std", p.ImportPath, p.Dir)
		}
		data, err := json.Marshal(cfg)
		if err != nil {
			t.Fatal(err)
		}
		cfgPath := filepath.Join(dir, "vet.cfg")
		if err := os.WriteFile(cfgPath, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if c := readVetConfig(cfgPath); !writeStdVetx(&c) {
			t.Fatalf("no vetx file written for %s", p.ImportPath)
		}
		vetx[p.ImportPath] = cfg.VetxOutput
	}

	data, err := os.ReadFile(vetx["net/url"])
	if err != nil {
		t.Fatal(err)
	}
	if string(data[:4]) != vetxMagic || binary.LittleEndian.Uint32(data[8:12]) != 0 ||
		12+int(binary.LittleEndian.Uint32(data[4:8])) != len(data) {
		t.Fatalf("net/url's vetx file: header %q; want vetx, the types' length, no facts", data[:12])
	}
	typesData, err := vetxTypes(vetx["net/url"])
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := gcexportdata.Read(bytes.NewReader(append([]byte("i"), typesData...)), token.NewFileSet(), map[string]*types.Package{}, "net/url")
	if err != nil {
		t.Fatal(err)
	}
	parse, _ := pkg.Scope().Lookup("Parse").(*types.Func)
	if parse == nil || parse.Type().String() != "func(rawURL string) (*net/url.URL, error)" {
		t.Fatalf("net/url.Parse read back as %v", parse)
	}
}

// TestIsStd: a package of std is in GOROOT's src under its path and has
// no module; a module's package or a GOPATH package is not.
func TestIsStd(t *testing.T) {
	goroot := build.Default.GOROOT
	for _, c := range []struct {
		cfg  vetConfig
		want bool
	}{
		{vetConfig{ImportPath: "net/url", Dir: filepath.Join(goroot, "src", "net", "url")}, true},
		{vetConfig{ImportPath: "vendor/golang.org/x/net/idna", Dir: filepath.Join(goroot, "src", "vendor", "golang.org", "x", "net", "idna")}, true},
		{vetConfig{ImportPath: "example.com/m/url", Dir: "/src/m/url", ModulePath: "example.com/m"}, false},
		{vetConfig{ImportPath: "models", Dir: "/home/u/go/src/models"}, false},                                        // GOPATH mode, no module
		{vetConfig{ImportPath: "net/url", Dir: filepath.Join(goroot, "src", "net", "url"), ModulePath: "std"}, false}, // a module claims it
	} {
		if got := isStd(&c.cfg); got != c.want {
			t.Errorf("isStd(%s in %s, module %q) = %v, want %v", c.cfg.ImportPath, c.cfg.Dir, c.cfg.ModulePath, got, c.want)
		}
	}
}

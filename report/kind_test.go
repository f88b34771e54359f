package report

import (
	"bytes"
	"encoding/json"
	"testing"
)

// A finding's kind (tenantsql's in-scope or unconstrained) is in the
// JSON output as "kind", and in SARIF as the result's properties.kind;
// a finding without one has neither.
func TestKind(t *testing.T) {
	root, wd, fs := sarifModule(t, svcSrc)
	fs[0].Kind = "in-scope"

	var b bytes.Buffer
	if err := JSON(&b, fs); err != nil {
		t.Fatal(err)
	}
	var j struct{ Findings []map[string]any }
	if err := json.Unmarshal(b.Bytes(), &j); err != nil {
		t.Fatal(err)
	}
	if got := j.Findings[0]["kind"]; got != "in-scope" {
		t.Errorf("json: kind %v, want in-scope in\n%s", got, b.Bytes())
	}
	if got, ok := j.Findings[1]["kind"]; ok {
		t.Errorf("json: a finding without a kind has kind %v", got)
	}

	data, _ := writeSARIF(t, root, wd, fs)
	validate(t, loadSARIFSchema(t), data)
	var s struct {
		Runs []struct {
			Results []struct{ Properties map[string]string }
		}
	}
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	res := s.Runs[0].Results
	if p := res[0].Properties; p["kind"] != "in-scope" || p["fix"] != Fixable {
		t.Errorf("sarif: properties %v, want kind in-scope and fix fixable", p)
	}
	if p := res[1].Properties; p["kind"] != "" {
		t.Errorf("sarif: a finding without a kind has properties %v", p)
	}
}

package report

import (
	"encoding/xml"
	"io"
)

type csRoot struct {
	XMLName xml.Name `xml:"checkstyle"`
	Version string   `xml:"version,attr"`
	Files   []csFile `xml:"file"`
}

type csFile struct {
	Name   string    `xml:"name,attr"`
	Errors []csError `xml:"error"`
}

type csError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// Checkstyle writes Checkstyle XML (version 4.3): one <file> per file in
// order of first appearance, one <error> per finding with source
// "tenantlint.<check>".
func Checkstyle(w io.Writer, fs []Finding) error {
	root := csRoot{Version: "4.3"}
	at := map[string]int{}
	for _, f := range fs {
		i, ok := at[f.File]
		if !ok {
			i = len(root.Files)
			at[f.File] = i
			root.Files = append(root.Files, csFile{Name: f.File})
		}
		root.Files[i].Errors = append(root.Files[i].Errors, csError{
			Line: f.Line, Column: f.Column, Severity: "error", Message: f.Message, Source: "tenantlint." + f.Check,
		})
	}
	return writeXML(w, root)
}

func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

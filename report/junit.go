package report

import (
	"fmt"
	"io"
)

type juSuites struct {
	XMLName  struct{}  `xml:"testsuites"`
	Name     string    `xml:"name,attr"`
	Tests    int       `xml:"tests,attr"`
	Failures int       `xml:"failures,attr"`
	Errors   int       `xml:"errors,attr"`
	Suites   []juSuite `xml:"testsuite"`
}

type juSuite struct {
	Name     string   `xml:"name,attr"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Cases    []juCase `xml:"testcase"`
}

type juCase struct {
	Name      string     `xml:"name,attr"`
	Classname string     `xml:"classname,attr"`
	Failure   *juFailure `xml:"failure"`
}

type juFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// JUnit writes JUnit XML: one <testsuite> per check (those in checks,
// then any other check with findings), one
// failing <testcase name="file:line:col"> per finding, and a passing test
// case named after the check when it found nothing, so a clean run still
// shows that it ran.
func JUnit(w io.Writer, fs []Finding, checks []string) error {
	var out juSuites
	out.Name = "tenantlint"
	at := map[string]int{}
	suite := func(check string) *juSuite {
		i, ok := at[check]
		if !ok {
			i = len(out.Suites)
			at[check] = i
			out.Suites = append(out.Suites, juSuite{Name: check})
		}
		return &out.Suites[i]
	}
	for _, c := range checks {
		suite(c)
	}
	for _, f := range fs {
		s := suite(f.Check)
		pos := fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column)
		text := fmt.Sprintf("%s: %s (%s)", pos, f.Message, f.Check)
		if f.Fix != "" {
			text += "\nfix: " + f.Fix
		}
		s.Cases = append(s.Cases, juCase{Name: pos, Classname: f.Check,
			Failure: &juFailure{Message: f.Message, Type: f.Check, Text: text}})
		s.Failures++
	}
	for i := range out.Suites {
		s := &out.Suites[i]
		if len(s.Cases) == 0 {
			s.Cases = []juCase{{Name: s.Name, Classname: s.Name}}
		}
		s.Tests = len(s.Cases)
		out.Tests += s.Tests
		out.Failures += s.Failures
	}
	return writeXML(w, out)
}

package check

import (
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// GeneratedFrom starts the message of the related information by which
// a check says where the generated code it reports on was written: a sqlc
// query's line in its .sql file, for a finding on the constant sqlc
// generated from it. The standalone driver (and so its JSON and SARIF)
// reports such a finding at that position, the line to edit. go vet,
// nogo and golangci-lint keep the diagnostic's own position, in the
// package's files (golangci-lint drops findings in other files), and
// the check's message names the source there (go vet also prints the
// related information: "queries.sql:4:1: generated from sqlc query X").
const GeneratedFrom = "generated from"

// GeneratedSource returns the position of d's GeneratedFrom related
// information, if it has one.
func GeneratedSource(d analysis.Diagnostic) (token.Pos, bool) {
	for _, r := range d.Related {
		if strings.HasPrefix(r.Message, GeneratedFrom) && r.Pos.IsValid() {
			return r.Pos, true
		}
	}
	return token.NoPos, false
}

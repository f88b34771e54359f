package sqlscope

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/wasilibs/go-pgquery/parser"
)

// Parser parses SQL statements, remembering the trees of the texts it
// has parsed. One Parser serves a process's analyzer (it is created with
// the analyzer, not as a package variable); its zero value is ready.
//
// Parses are serialised: the wasm runtime behind them keeps a pool of
// instances and compiles a new one for every call that finds the pool
// empty, so concurrent first calls (the drivers analyze packages in
// parallel) would each pay the compilation. One at a time, the first
// call compiles and every later one reuses the instance.
type Parser struct {
	mu   sync.Mutex
	memo map[string]parsed
}

type parsed struct {
	stmts []any
	err   error
}

// Parse returns the statements of text, each the JSON tree of one
// libpg_query RawStmt's stmt ({"SelectStmt": {...}}), or the parser's
// error for text that is not valid PostgreSQL.
func (p *Parser) Parse(text string) ([]any, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if r, ok := p.memo[text]; ok {
		return r.stmts, r.err
	}
	stmts, err := parse(text)
	if p.memo == nil {
		p.memo = map[string]parsed{}
	}
	p.memo[text] = parsed{stmts, err}
	return stmts, err
}

func parse(text string) ([]any, error) {
	js, err := parser.ParseToJSON(text)
	if err != nil {
		return nil, fmt.Errorf("%s", strings.TrimSpace(err.Error()))
	}
	var tree struct {
		Stmts []struct {
			Stmt any `json:"stmt"`
		} `json:"stmts"`
	}
	if err := json.Unmarshal([]byte(js), &tree); err != nil {
		return nil, fmt.Errorf("decoding the parse tree: %w", err)
	}
	out := make([]any, 0, len(tree.Stmts))
	for _, s := range tree.Stmts {
		out = append(out, s.Stmt)
	}
	return out, nil
}

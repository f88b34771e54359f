package sqlscope

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"

	"github.com/tenantlint/tenantlint/internal/buildinfo"
	"github.com/tenantlint/tenantlint/internal/diskcache"
	"github.com/tenantlint/tenantlint/internal/pgwasm"
)

// Parser parses SQL statements, remembering the trees of the texts it
// has parsed. One Parser serves a process's analyzer (it is created with
// the analyzer, not as a package variable); its zero value is ready.
//
// Parses are serialised (the memo is shared), so one instance of the
// wasm module serves them all. The module runs on wazero's interpreter
// (internal/pgwasm): it starts in a few tenths of a second where the
// optimizing compiler takes two seconds, which go vet, with a process per
// package, would pay in every package with SQL; its parses are slower
// (about 1 ms against 0.05 ms, and 4 ms for a text that does not
// parse), which a process pays only for the texts the cache folder does
// not hold. A process whose parses have cost about what the compiler's
// start-up does (interpreterBudget) moves to the compiler for the rest:
// a standalone run on a large module pays at most about twice the
// better engine's cost. Numbers in docs/performance.md ("parser start-up
// after the fork").
type Parser struct {
	// Dir, when it returns a folder, keeps the parse trees between
	// processes (a folder of tenantlint's cache): go vet runs a process
	// per package, and one whose texts were all parsed before, by any
	// run, never starts the wasm module. It is asked once, on the first
	// parse.
	Dir func() string
	// ModuleDir, when it returns a folder, keeps the wasm module
	// compiled by wazero's compiler between processes (newWasm). It is
	// asked once, on the first parse that needs the module.
	ModuleDir func() string

	// base is the parser a dialect's view (For) shares its memo and
	// cache with, and dialect the view's grammar; nil and "" for
	// PostgreSQL's.
	base    *Parser
	dialect Dialect

	mu   sync.Mutex
	memo map[memoKey]parsed
	dir  *string // Dir's answer, once asked
	// toJSON is libpg_query's parse, version the parser's identity in
	// the cache's keys (parserVersion): test seams (a test binary has no
	// build information of its dependencies).
	toJSON  func(string) (string, error)
	version string
	// engine runs libpg_query when toJSON is nil (the interpreter, the
	// zero value, unless a benchmark sets another); wasm is its parser,
	// created on the first parse. spent is the interpreter's work so far
	// in parse units (interpreterBudget), budget the units after which
	// the parser moves to the compiler (0: interpreterBudget; a test
	// seam).
	engine pgwasm.Engine
	wasm   *pgwasm.Parser
	spent  int
	budget int
	// moduleDir is ModuleDir's answer, once asked; startsBeforeCompile
	// is interpreterStartsBeforeCompile unless a test sets it.
	moduleDir           *string
	startsBeforeCompile int
	// processes is PlanProcesses' count, asked when the process first
	// starts the module (newWasm, once: later it only moves to the
	// compiler).
	processes func() int
}

// PlanProcesses gives the parser, where every package is analysed in a
// process of its own (go vet), how many processes of the run may start
// it: the module's packages that run SQL (modfacts.Facts.SQLPackageCount,
// 0 when not known). count is asked at most once, when this process
// first starts the wasm module, which then either compiles it for all
// of them or keeps to the interpreter (newWasm). The first call wins:
// every package of a process's module gives the same count.
func (p *Parser) PlanProcesses(count func() int) {
	if p.base != nil {
		p = p.base
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.processes == nil {
		p.processes = count
	}
}

// interpreterBudget is the interpreter's work, in parse units, after
// which a Parser moves to the compiler: a parse costs one unit (about
// 1 ms on the interpreter, 0.05 ms compiled), a text that does not
// parse four (the aborted instance is replaced: about 4 ms), and the
// compiler's start-up is about 1.5 s of CPU more than the
// interpreter's, so the move comes when the interpreter has cost about
// as much as the compiler would have (the ski-rental rule: never much
// more than twice the cheaper engine's cost). A go vet process, which
// parses one package's texts (a dozen in the benchmark's), never gets
// there.
const interpreterBudget = 1500

// wasmParse parses text with libpg_query in wasm, on the interpreter
// until its budget is spent.
func (p *Parser) wasmParse(text string) (string, error) {
	if p.wasm == nil {
		p.wasm = p.newWasm()
	}
	js, err := p.wasm.ParseToJSON(text)
	if p.engine == pgwasm.Interpreter {
		p.spent++
		if err != nil {
			p.spent += 3
		}
		budget := p.budget
		if budget == 0 {
			budget = interpreterBudget
		}
		if p.spent >= budget {
			_ = p.wasm.Close() // nothing to lose: the compiler parses from here
			p.engine, p.wasm = pgwasm.Compiler, nil
		}
	}
	return js, err
}

type memoKey struct {
	dialect Dialect
	text    string
}

type parsed struct {
	stmts []Stmt
	err   error
}

// Stmt is one statement of a parsed text: the JSON tree of libpg_query's
// RawStmt's stmt ({"SelectStmt": {...}}), and where its text is (Len 0:
// to the end of the text).
type Stmt struct {
	Node     any
	Loc, Len int
}

// Parse returns the statements of text, or the parser's error for text
// that is not valid in p's dialect (PostgreSQL unless p is a view of For).
func (p *Parser) Parse(text string) ([]Stmt, error) {
	d := p.dialect
	if p.base != nil {
		p = p.base
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	key := memoKey{d, text}
	if r, ok := p.memo[key]; ok {
		return r.stmts, r.err
	}
	var stmts []Stmt
	var err error
	switch d {
	case MySQL:
		// Not in the cache folder: vitess parses in-process in tens of
		// microseconds with no start-up to save, and an entry would hold
		// tenantlint's own translation, stale once it changes.
		stmts, err = parseMySQL(text)
	default:
		var js string
		if js, err = p.parseJSON(text); err == nil {
			stmts, err = decode(js)
		}
	}
	if p.memo == nil {
		p.memo = map[memoKey]parsed{}
	}
	p.memo[key] = parsed{stmts, err}
	return stmts, err
}

// parseJSON returns libpg_query's JSON tree of text, from the cache
// folder when an earlier run stored it there. A cache entry is the tree
// prefixed by "T", or the parse error prefixed by "E".
func (p *Parser) parseJSON(text string) (string, error) {
	parse := p.toJSON
	if parse == nil {
		parse = p.wasmParse
	}
	if p.version == "" {
		p.version = parserVersion
	}
	if p.dir == nil {
		d := ""
		if p.Dir != nil && p.version != "" {
			d = p.Dir()
		}
		p.dir = &d
	}
	if *p.dir == "" {
		return parseText(parse, text)
	}
	sum := sha256.Sum256([]byte(p.version + "\x00" + text))
	key := hex.EncodeToString(sum[:])
	path := filepath.Join(*p.dir, key[:2], key+".txt")
	if data, err := diskcache.ReadFile(path); err == nil && len(data) > 0 {
		switch data[0] {
		case 'T':
			return string(data[1:]), nil
		case 'E':
			return "", errors.New(string(data[1:]))
		}
	}
	js, err := parseText(parse, text)
	entry := "T" + js
	if err != nil {
		entry = "E" + err.Error()
	}
	_ = diskcache.WriteFile(path, []byte(entry)) // a missing entry costs a later run a parse
	return js, err
}

func parseText(parse func(string) (string, error), text string) (string, error) {
	js, err := parse(text)
	if err != nil {
		return "", fmt.Errorf("%s", strings.TrimSpace(err.Error()))
	}
	return js, nil
}

// parserVersion identifies the parser in the cache's keys: the version
// and checksum of the go-pgquery module built in. Without build
// information of the dependencies (test binaries, some build systems)
// nothing is cached.
var parserVersion = func() string {
	m, ok := buildinfo.Dependency("github.com/wasilibs/go-pgquery")
	if !ok {
		return ""
	}
	return m.Path + "@" + m.Version + " " + m.Sum
}()

// decode returns the statements of a JSON parse tree.
func decode(js string) ([]Stmt, error) {
	var tree struct {
		Stmts []struct {
			Stmt any `json:"stmt"`
			Loc  int `json:"stmt_location"`
			Len  int `json:"stmt_len"`
		} `json:"stmts"`
	}
	if err := json.Unmarshal([]byte(js), &tree); err != nil {
		return nil, fmt.Errorf("decoding the parse tree: %w", err)
	}
	out := make([]Stmt, 0, len(tree.Stmts))
	for _, s := range tree.Stmts {
		out = append(out, Stmt{Node: s.Stmt, Loc: s.Loc, Len: s.Len})
	}
	return out, nil
}

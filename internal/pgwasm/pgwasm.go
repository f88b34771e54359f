package pgwasm

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
	"github.com/wasilibs/wazero-helpers/allocator"

	"github.com/tenantlint/tenantlint/internal/buildinfo"
	"github.com/tenantlint/tenantlint/internal/gcpace"
)

// startGCPercent and startHeadroom bound the collector's percent while
// the module is compiled and first instantiated (gcpace.HoldHeadroom):
// with them a start-up in a small process collects about once, as a go
// vet process does before its first collection.
const (
	startGCPercent = 800
	startHeadroom  = 160 << 20
)

// Engine is how wazero runs the module.
type Engine int

const (
	// Interpreter is wazero's interpreter: a few tenths of a second to
	// load the module, slower parses. Its error for a text that does not
	// parse is ErrInterpreted, without libpg_query's message (see
	// wasixData.abortOnRestore).
	Interpreter Engine = iota
	// Compiler is wazero's optimizing compiler (go-pgquery's choice):
	// seconds of CPU to compile the module, then the fastest parses.
	Compiler
)

func (e Engine) String() string {
	switch e {
	case Compiler:
		return "compiler"
	case Interpreter:
		return "interpreter"
	}
	return fmt.Sprintf("Engine(%d)", int(e))
}

// Parser parses PostgreSQL with libpg_query in wasm. The module is
// compiled on the first parse, not by New, so that a process that never
// parses never pays for it. A Parser is safe for concurrent use: each
// concurrent parse takes an instance of the module from a pool (one
// compilation, an instantiation per instance). Close releases it.
type Parser struct {
	engine Engine
	// cacheDir, with the Compiler, is the folder of wazero's
	// compilation cache (NewCached).
	cacheDir string
	cache    wazero.CompilationCache // closed by Close
	hits     atomic.Int32            // cache entries loaded

	mu     sync.Mutex
	rt     wazero.Runtime
	code   wazero.CompiledModule
	err    error // the start-up's failure, returned by every parse
	pool   []*instance
	closed bool
}

// New returns a Parser that runs the module with engine.
func New(engine Engine) *Parser {
	return &Parser{engine: engine}
}

// NewCached returns a Parser on the Compiler whose compiled module is
// kept in dir by wazero's compilation cache, which other processes
// share: the first compiles the module (about 2 s of CPU) and stores
// its machine code (about 9 MB); the others load it (under 0.1 s, less
// than the interpreter's start-up). wazero writes an entry to a
// temporary file and renames it, so concurrent processes never read a
// partial one, and it checks the code's checksum on load.
func NewCached(dir string) *Parser {
	return &Parser{engine: Compiler, cacheDir: dir}
}

// Start compiles (or loads) the module now rather than on the first
// parse: a caller that holds a lock while the compiled module is made
// calls it under the lock.
func (p *Parser) Start() error {
	in, err := p.get()
	if err != nil {
		return err
	}
	p.put(in)
	return nil
}

// FromCache reports whether the module was loaded from the cache folder
// of NewCached rather than compiled.
func (p *Parser) FromCache() bool { return p.hits.Load() > 0 }

// ModuleKey identifies the compiled module a cache folder may hold for
// this build: the wasm module's SHA-256 and wazero's version, which
// together decide wazero's own key. A caller keeps its notes about a
// cache folder (NewCached) under this key, so that a build with another
// module or wazero never trusts them.
func ModuleKey() string {
	sum := sha256.Sum256(libPGQuery)
	return fmt.Sprintf("%x-%s", sum[:8], wazeroVersion())
}

// wazeroVersion is the version of wazero built in ("" when the build
// carries no information on its dependencies, as a test binary).
func wazeroVersion() string {
	m, _ := buildinfo.Dependency("github.com/tetratelabs/wazero")
	return m.Version
}

// Error is libpg_query's error for a text that does not parse.
type Error struct {
	Message   string // exception message
	Funcname  string // source function of exception (e.g. SearchSysCache)
	Filename  string // source of exception (e.g. parse.l)
	Lineno    int    // source of exception (e.g. 104)
	Cursorpos int    // char in query at which exception occurred (1-based)
	Context   string // additional context (optional)
}

func (e *Error) Error() string { return e.Message }

// ErrInterpreted is the Interpreter's error for every text that does
// not parse: where the compiler returns libpg_query's *Error (its
// message and position), the interpreter can only tell that the parse
// failed, since it cannot resume the parse where PostgreSQL catches its
// error. It is an *Error, so that callers tell parse errors from the
// runtime's the same way for both engines.
var ErrInterpreted error = &Error{Message: "syntax error (libpg_query's message is not read under wazero's interpreter)"}

// ParseToJSON returns libpg_query's parse tree of text as JSON, or an
// *Error when text is not valid PostgreSQL.
func (p *Parser) ParseToJSON(text string) (string, error) {
	in, err := p.get()
	if err != nil {
		return "", err
	}
	js, err := in.parse(text)
	if errors.Is(err, errLongjmp) {
		// The interpreter's parse met an error (pg_query_parse's
		// PG_TRY catches every one and returns it): the aborted
		// instance, whose PostgreSQL state is mid-error, is dropped.
		_ = in.mod.Close(context.Background())
		return "", ErrInterpreted
	}
	if err != nil && !isParseError(err) {
		// A trap or a failed memory access leaves the instance in an
		// unknown state: drop it rather than pool it.
		_ = in.mod.Close(context.Background())
		return "", err
	}
	p.put(in)
	return js, err
}

// isParseError reports whether err is libpg_query's (the instance is
// fine) rather than the runtime's.
func isParseError(err error) bool {
	var pe *Error
	return errors.As(err, &pe)
}

// Close releases the runtime and its compiled module. Parses after
// Close fail.
func (p *Parser) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	p.pool = nil
	if p.rt == nil {
		return nil
	}
	err := p.rt.Close(context.Background())
	if p.cache != nil {
		err = errors.Join(err, p.cache.Close(context.Background()))
	}
	return err
}

// get returns a pooled instance, or a new one, compiling the module on
// the first call.
func (p *Parser) get() (*instance, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return nil, errors.New("pgwasm: parser closed")
	}
	if n := len(p.pool); n > 0 {
		in := p.pool[n-1]
		p.pool = p.pool[:n-1]
		return in, nil
	}
	if p.rt == nil && p.err == nil {
		// The compile allocates about 90 MiB in a few tenths of a
		// second, most of it live until the end: collecting at the
		// default pace was a third of the interpreter's start-up (0.55 s
		// of CPU against 0.37 s, BenchmarkStartup). The headroom keeps
		// a process with a large heap (the standalone driver's) from
		// growing by a multiple of it meanwhile.
		release := gcpace.HoldHeadroom(startHeadroom, startGCPercent)
		defer release()
		p.rt, p.code, p.err = p.start()
		if p.err == nil {
			// A Parser dropped without Close releases its runtime
			// (go-pgquery's finalizer did the same).
			runtime.AddCleanup(p, func(rt wazero.Runtime) { _ = rt.Close(context.Background()) }, p.rt)
		}
	}
	if p.err != nil {
		return nil, p.err
	}
	// Instantiating under the lock keeps Close from racing it; it is
	// milliseconds, and concurrent parses are rare (sqlscope serialises
	// its own).
	return newInstance(p.rt, p.code, p.engine == Interpreter)
}

func (p *Parser) put(in *instance) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return
	}
	p.pool = append(p.pool, in)
}

// start creates the runtime, with the host modules the wasm imports, and
// compiles the module.
func (p *Parser) start() (wazero.Runtime, wazero.CompiledModule, error) {
	if len(libPGQuery) == 0 {
		return nil, nil, errors.New("pgwasm: libpg_query's wasm module is not linked (did go-pgquery rename internal/wasm.LibPGQuery?)")
	}
	ctx := context.Background()
	cfg := wazero.NewRuntimeConfigCompiler()
	if p.engine == Interpreter {
		cfg = wazero.NewRuntimeConfigInterpreter()
	}
	// No DWARF-based stack traces of the module's traps: a trap is an
	// error either way, and without them the cached code is a third
	// smaller and loads twice as fast.
	cfg = cfg.WithDebugInfoEnabled(false)
	if p.engine == Compiler && p.cacheDir != "" {
		// A cache that cannot be made or buffered costs this process the
		// compile, nothing else.
		if cc, err := wazero.NewCompilationCacheWithDir(p.cacheDir); err == nil && bufferOf(cc, &p.hits) == nil {
			cfg = cfg.WithCompilationCache(cc)
			p.cache = cc
		}
	}
	rt := wazero.NewRuntimeWithConfig(ctx, cfg.WithCoreFeatures(api.CoreFeaturesV2|experimental.CoreFeaturesThreads))
	fail := func(what string, err error) (wazero.Runtime, wazero.CompiledModule, error) {
		_ = rt.Close(ctx)
		return nil, nil, fmt.Errorf("pgwasm: %s: %w", what, err)
	}
	if _, err := wasi_snapshot_preview1.Instantiate(ctx, rt); err != nil {
		return fail("instantiating WASI", err)
	}
	if err := instantiateWasix(ctx, rt); err != nil {
		return fail("instantiating wasix", err)
	}
	code, err := rt.CompileModule(ctx, libPGQuery)
	if err != nil {
		return fail("compiling libpg_query ("+p.engine.String()+")", err)
	}
	return rt, code, nil
}

// instance is one instantiation of the module, used by one parse at a
// time.
type instance struct {
	abortOnRestore                bool // wasixData.abortOnRestore
	mod                           api.Module
	mem                           api.Memory
	malloc, free                  api.Function
	pgQueryParse, freeParseResult api.Function
}

func newInstance(rt wazero.Runtime, code wazero.CompiledModule, abortOnRestore bool) (*instance, error) {
	// The non-moving allocator reserves the module's maximum memory up
	// front so that growing it never copies (go-pgquery's choice).
	ctx := experimental.WithMemoryAllocator(context.Background(), allocator.NewNonMoving())
	// The module's stdout and stderr are discarded: a tool's output is
	// its findings (go-pgquery passes the process's own).
	cfg := wazero.NewModuleConfig().WithName("").WithSysNanotime().
		WithStdout(io.Discard).WithStderr(io.Discard).WithStartFunctions("_initialize")
	mod, err := rt.InstantiateModule(ctx, code, cfg)
	if err != nil {
		return nil, fmt.Errorf("pgwasm: instantiating libpg_query: %w", err)
	}
	in := &instance{abortOnRestore: abortOnRestore, mod: mod, mem: mod.Memory()}
	for _, f := range []struct {
		fn   *api.Function
		name string
	}{
		{&in.malloc, "malloc"},
		{&in.free, "free"},
		{&in.pgQueryParse, "pg_query_parse"},
		{&in.freeParseResult, "pg_query_free_parse_result"},
	} {
		if *f.fn = mod.ExportedFunction(f.name); *f.fn == nil {
			_ = mod.Close(ctx)
			return nil, fmt.Errorf("pgwasm: libpg_query exports no %s", f.name)
		}
	}
	init := mod.ExportedFunction("pg_query_init")
	if init == nil {
		_ = mod.Close(ctx)
		return nil, errors.New("pgwasm: libpg_query exports no pg_query_init")
	}
	if _, err := init.Call(ctx); err != nil {
		_ = mod.Close(ctx)
		return nil, fmt.Errorf("pgwasm: pg_query_init: %w", err)
	}
	return in, nil
}

var errMemory = errors.New("pgwasm: access outside the module's memory")

// parse runs pg_query_parse on text. Its result is a PgQueryParseResult:
// {char *parse_tree; char *stderr_buffer; PgQueryError *error}, 12 bytes
// on wasm32. The error is errLongjmp when an instance that aborts on
// longjmp did.
func (in *instance) parse(text string) (js string, err error) {
	ctx, d := callContext(in.abortOnRestore)
	defer func() {
		if d.restored {
			js, err = "", errLongjmp
		}
	}()
	input, err := in.cString(ctx, text)
	if err != nil {
		return "", err
	}
	defer in.call(ctx, in.free, input) //nolint:errcheck // freeing is best effort: the instance is dropped on any failure
	res, err := in.call(ctx, in.malloc, 12)
	if err != nil {
		return "", err
	}
	defer in.call(ctx, in.free, res) //nolint:errcheck
	if _, err := in.call(ctx, in.pgQueryParse, res, input); err != nil {
		return "", err
	}
	defer in.call(ctx, in.freeParseResult, res) //nolint:errcheck
	buf, ok := in.mem.Read(uint32(res), 12)
	if !ok {
		return "", errMemory
	}
	if errPtr := binary.LittleEndian.Uint32(buf[8:]); errPtr != 0 {
		return "", in.readError(errPtr)
	}
	return in.stringAt(uint32(res))
}

// call calls f with args and returns its one result (or 0).
func (in *instance) call(ctx context.Context, f api.Function, args ...uint64) (uint64, error) {
	stack := make([]uint64, max(len(args), 1))
	copy(stack, args)
	if err := f.CallWithStack(ctx, stack); err != nil {
		return 0, fmt.Errorf("pgwasm: %s: %w", f.Definition().Name(), err)
	}
	return stack[0], nil
}

// cString copies s into the module's memory, NUL-terminated, and returns
// its address.
func (in *instance) cString(ctx context.Context, s string) (uint64, error) {
	ptr, err := in.call(ctx, in.malloc, uint64(len(s))+1)
	if err != nil {
		return 0, err
	}
	if ptr == 0 {
		return 0, fmt.Errorf("pgwasm: malloc of %d bytes failed", len(s)+1)
	}
	if !in.mem.WriteString(uint32(ptr), s) || !in.mem.WriteByte(uint32(ptr)+uint32(len(s)), 0) { //nolint:gosec // a text fits in 32 bits or the write fails
		return 0, errMemory
	}
	return ptr, nil
}

// readError reads a PgQueryError: {char *message; char *funcname; char
// *filename; int lineno; int cursorpos; char *context}.
func (in *instance) readError(ptr uint32) error {
	e := &Error{}
	var err error
	read := func(off uint32, dst *string) {
		if err == nil {
			*dst, err = in.stringAt(ptr + off)
		}
	}
	read(0, &e.Message)
	read(4, &e.Funcname)
	read(8, &e.Filename)
	read(20, &e.Context)
	line, ok1 := in.mem.ReadUint32Le(ptr + 12)
	cursor, ok2 := in.mem.ReadUint32Le(ptr + 16)
	if err != nil {
		return err
	}
	if !ok1 || !ok2 {
		return errMemory
	}
	e.Lineno, e.Cursorpos = int(line), int(cursor)
	return e
}

// stringAt reads the NUL-terminated string whose address is stored at
// ptrptr ("" for NULL).
func (in *instance) stringAt(ptrptr uint32) (string, error) {
	ptr, ok := in.mem.ReadUint32Le(ptrptr)
	if !ok {
		return "", errMemory
	}
	if ptr == 0 {
		return "", nil
	}
	end := ptr
	for {
		b, ok := in.mem.ReadByte(end)
		if !ok {
			return "", errMemory
		}
		if b == 0 {
			break
		}
		end++
	}
	buf, ok := in.mem.Read(ptr, end-ptr)
	if !ok {
		return "", errMemory
	}
	return string(buf), nil
}

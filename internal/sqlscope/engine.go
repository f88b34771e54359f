package sqlscope

import (
	"os"
	"path/filepath"

	"github.com/tenantlint/tenantlint/internal/diskcache"
	"github.com/tenantlint/tenantlint/internal/pgwasm"
)

// interpreterStartsBefore compiling is how many processes start the
// interpreter, on one cache folder, before one compiles the module into
// the folder for all later ones (the same ski-rental rule as
// interpreterBudget, across processes): an interpreter start costs about
// 0.45 s of CPU, the compile about 2.3 s, and a load of the compiled
// module from the folder under 0.1 s. go vet runs a process per
// package, so a module with SQL in many packages pays the compile once
// and then the load in each; one with SQL in a few never compiles; and
// no run pays much more than twice the cheaper way.
const interpreterStartsBeforeCompile = 4

// compileForProcesses is the number of processes that may start the
// parser (PlanProcesses) from which the first one compiles the module
// for all of them: n starts on the interpreter cost about 0.37·n s of
// CPU, a compile and n-1 loads 1.9 + 0.11·(n-1) s (BenchmarkStartup),
// even at about seven. The count is of the packages that import an SQL
// library, some of which run no query the cache folder lacks, so the
// interpreter is kept a little longer.
const compileForProcesses = 8

// newWasm returns the wasm parser of this process's first parse (or of
// the move to the compiler), and sets p.engine to its engine. With a
// module folder (ModuleDir), the compiled module is shared between
// processes:
//   - when the folder holds it (a note, compiled-KEY, says so), the
//     process loads it;
//   - else, when the driver planned the run (PlanProcesses: go vet, with
//     the module's count n of packages that import an SQL library) and n
//     is compileForProcesses or more, the first process that takes the
//     compile lock compiles it into the folder;
//   - else the process counts its interpreter start in the folder
//     (interpreter-starts-KEY, a byte per start), and once
//     interpreterStartsBeforeCompile starts (plus n, when the run was
//     planned with fewer) are counted, the process that takes the
//     compile lock compiles it into the folder while the others keep to
//     the interpreter.
//
// KEY is pgwasm.ModuleKey: another build's notes are never trusted.
// Every step that fails (no folder, a lock held elsewhere, a write
// refused) falls back to what the process would do without the folder.
func (p *Parser) newWasm() *pgwasm.Parser {
	if p.moduleDir == nil {
		d := ""
		if p.ModuleDir != nil {
			d = p.ModuleDir()
		}
		p.moduleDir = &d
	}
	dir := *p.moduleDir
	if dir == "" {
		return pgwasm.New(p.engine)
	}
	key := pgwasm.ModuleKey()
	ready := filepath.Join(dir, "compiled-"+key)
	compile := func() *pgwasm.Parser {
		w := pgwasm.NewCached(dir)
		if err := w.Start(); err != nil {
			_ = w.Close()
			return nil
		}
		_ = diskcache.WriteFile(ready, []byte("1")) // without the note, later processes count again
		p.engine = pgwasm.Compiler
		return w
	}
	// lockedCompile compiles the module into the folder unless another
	// process holds the lock (it is compiling): nil then, or when the
	// compile fails.
	lockedCompile := func() *pgwasm.Parser {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil
		}
		release, ok := diskcache.TryLock(filepath.Join(dir, "compile-"+key+".lock"))
		if !ok {
			return nil
		}
		defer release()
		return compile()
	}
	if p.engine == pgwasm.Compiler {
		// The budget was spent in this process: the compile it pays now
		// serves the later processes too.
		if w := compile(); w != nil {
			return w
		}
		return pgwasm.New(pgwasm.Compiler)
	}
	if _, err := os.Stat(ready); err == nil {
		if w := compile(); w != nil { // a load, unless the entry was trimmed
			// wazero reads its entry itself: keep the folder from
			// the trim of entries unused for a week.
			diskcache.MarkTreeUsed(dir)
			return w
		}
	}
	n := 0
	if p.processes != nil {
		// In go vet mode this reads the package's shard of the module
		// index (a few hundred bytes), under the parser's lock: the
		// package's other parses wait for what they need anyway.
		n = p.processes()
	}
	threshold := p.startsBeforeCompile
	if threshold == 0 {
		threshold = interpreterStartsBeforeCompile
	}
	if n >= compileForProcesses {
		// Enough processes will start the parser: the first compiles it
		// for the others at once.
		if w := lockedCompile(); w != nil {
			return w
		}
		return pgwasm.New(pgwasm.Interpreter)
	} else if n > 0 {
		// So few that the interpreter is the cheaper way, if the count
		// is right. It counts the packages that import an SQL library
		// themselves, and misses those that run queries through a
		// wrapper package of the module (sql.apis): starts past the
		// count fall back to the rule of a run of unknown size.
		threshold += n
	}
	if countStart(filepath.Join(dir, "interpreter-starts-"+key)) > threshold {
		if w := lockedCompile(); w != nil {
			return w
		}
	}
	return pgwasm.New(pgwasm.Interpreter)
}

// countStart adds this process's start to the count kept in path and
// returns the count (0 when the file cannot be written: the folder is
// then as good as absent). A one-byte append is atomic, so concurrent
// processes count each start once.
func countStart(path string) int {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return 0
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return 0
	}
	defer f.Close()
	if _, err := f.Write([]byte{1}); err != nil {
		return 0
	}
	st, err := f.Stat()
	if err != nil {
		return 0
	}
	return int(st.Size())
}

package pgwasm

// The wasix_32v1 host module that libpg_query's wasm imports, from
// go-pgquery's internal/wasix32v1 (see doc.go): its stack_checkpoint
// and stack_restore implement setjmp and longjmp, by which PostgreSQL's
// parser reports an error, with wazero's experimental snapshots; the
// other imports are never called by a single-threaded parse and panic.

import (
	"context"
	"errors"
	"fmt"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

const wasixModuleName = "wasix_32v1"

const i32, i64 = api.ValueTypeI32, api.ValueTypeI64

// instantiateWasix instantiates the wasix_32v1 host module into r.
func instantiateWasix(ctx context.Context, r wazero.Runtime) error {
	b := r.NewHostModuleBuilder(wasixModuleName)
	exportFunctions(b)
	if _, err := b.Instantiate(ctx); err != nil {
		return fmt.Errorf("instantiate %s host module: %w", wasixModuleName, err)
	}
	return nil
}

func exportFunctions(builder wazero.HostModuleBuilder) {
	builder.NewFunctionBuilder().
		WithGoModuleFunction(callbackSignalFn, []api.ValueType{i32, i32}, []api.ValueType{}).
		Export("callback_signal")

	builder.NewFunctionBuilder().
		WithGoModuleFunction(futexWaitFn, []api.ValueType{i32, i32, i32, i32}, []api.ValueType{i32}).
		Export("futex_wait")

	builder.NewFunctionBuilder().
		WithGoModuleFunction(futexWakeFn, []api.ValueType{i32, i32}, []api.ValueType{i32}).
		Export("futex_wake")

	builder.NewFunctionBuilder().
		WithGoModuleFunction(futexWakeAllFn, []api.ValueType{i32, i32}, []api.ValueType{i32}).
		Export("futex_wake_all")

	builder.NewFunctionBuilder().
		WithGoModuleFunction(stackCheckpointFn, []api.ValueType{i32, i32}, []api.ValueType{i32}).
		Export("stack_checkpoint")

	builder.NewFunctionBuilder().
		WithGoModuleFunction(stackRestoreFn, []api.ValueType{i32, i64}, []api.ValueType{}).
		Export("stack_restore")

	builder.NewFunctionBuilder().
		WithGoModuleFunction(procIDFn, []api.ValueType{i32}, []api.ValueType{i32}).
		Export("proc_id")

	builder.NewFunctionBuilder().
		WithGoModuleFunction(threadExitFn, []api.ValueType{i32}, []api.ValueType{}).
		Export("thread_exit")

	builder.NewFunctionBuilder().
		WithGoModuleFunction(threadSignalFn, []api.ValueType{i32, i32}, []api.ValueType{i32}).
		Export("thread_signal")
}

var callbackSignalFn = api.GoModuleFunc(func(_ context.Context, _ api.Module, _ []uint64) {
	// We do not execute any signals against the wasm module so know this is never called.
	panic("callback_signal")
})

var futexWaitFn = api.GoModuleFunc(func(_ context.Context, _ api.Module, _ []uint64) {
	// We do not execute the wasm module concurrently so know this is never called.
	panic("futex_wait")
})

var futexWakeFn = api.GoModuleFunc(func(_ context.Context, _ api.Module, _ []uint64) {
	// We do not execute the wasm module concurrently so know this is never called.
	panic("futex_wake")
})

var futexWakeAllFn = api.GoModuleFunc(func(_ context.Context, _ api.Module, _ []uint64) {
	// We do not execute the wasm module concurrently so know this is never called.
	panic("futex_wake_all")
})

var procIDFn = api.GoModuleFunc(func(_ context.Context, m api.Module, stack []uint64) {
	resPtr := uint32(stack[0])
	m.Memory().WriteUint32Le(resPtr, 1)
	stack[0] = 0
})

var stackCheckpointFn = api.GoModuleFunc(func(ctx context.Context, mod api.Module, stack []uint64) {
	snapshotPtr := stack[0]
	retValPtr := stack[1]
	d := ctx.Value(wasixDataKey{}).(*wasixData) //nolint:forcetypeassert // Private implementation detail: callContext always seeds this key.
	if d.abortOnRestore {
		// No snapshot to take: a restore aborts the call. The
		// checkpoint's index stays the same as with snapshots.
		idx := len(d.checkpoints)
		d.checkpoints = append(d.checkpoints, wasixCheckpoint{})
		if !mod.Memory().WriteUint64Le(uint32(snapshotPtr), uint64(idx)) || !mod.Memory().WriteUint64Le(uint32(retValPtr), 0) {
			panic("write failed")
		}
		stack[0] = 0
		return
	}

	// We go ahead and save the entire C-stack for now
	cstackPointer := uint32(mod.ExportedGlobal("__stack_pointer").Get())
	cstackTop := uint32(mod.ExportedGlobal("__heap_base").Get())
	cstackView, ok := mod.Memory().Read(cstackPointer, cstackTop-cstackPointer)
	if !ok {
		panic("read failed")
	}
	cstack := make([]byte, len(cstackView))
	copy(cstack, cstackView)

	sc := experimental.GetSnapshotter(ctx)
	s := sc.Snapshot()

	idx := len(d.checkpoints)
	d.checkpoints = append(d.checkpoints, wasixCheckpoint{
		snapshot:      s,
		retValPtr:     uint32(retValPtr),
		cstackPointer: cstackPointer,
		cstack:        cstack,
	})

	// pub struct StackSnapshot {
	//    pub user: u64,
	//    pub hash: u128,
	// }
	if !mod.Memory().WriteUint64Le(uint32(snapshotPtr), uint64(idx)) {
		panic("write failed")
	}
	if !mod.Memory().WriteUint64Le(uint32(retValPtr), 0) {
		panic("write failed")
	}

	stack[0] = 0
})

var stackRestoreFn = api.GoModuleFunc(func(ctx context.Context, mod api.Module, stack []uint64) {
	d := ctx.Value(wasixDataKey{}).(*wasixData) //nolint:forcetypeassert // Private implementation detail: callContext always seeds this key.
	if d.abortOnRestore {
		d.restored = true
		panic(errLongjmp)
	}
	snapshotPtr := stack[0]
	ret := stack[1]

	snapshotIdx, ok := mod.Memory().ReadUint64Le(uint32(snapshotPtr))
	if !ok {
		panic("read failed")
	}

	c := d.checkpoints[snapshotIdx]

	mod.ExportedGlobal("__stack_pointer").(api.MutableGlobal).Set(uint64(c.cstackPointer)) //nolint:forcetypeassert // Private implementation detail: __stack_pointer is a mutable global in this module.
	mod.Memory().Write(c.cstackPointer, c.cstack)

	mod.Memory().WriteUint64Le(c.retValPtr, ret)
	stack[0] = 0
	c.snapshot.Restore(stack[:1])
})

var threadExitFn = api.GoModuleFunc(func(_ context.Context, _ api.Module, _ []uint64) {
	panic("thread_exit")
})

var threadSignalFn = api.GoModuleFunc(func(_ context.Context, _ api.Module, _ []uint64) {
	panic("thread_signal")
})

type wasixCheckpoint struct {
	snapshot      experimental.Snapshot
	retValPtr     uint32
	cstackPointer uint32
	cstack        []byte
}

type wasixData struct {
	checkpoints []wasixCheckpoint
	// abortOnRestore makes stack_restore (longjmp, by which PostgreSQL
	// reports an error) abort the call instead of restoring a snapshot,
	// and restored records that it did. wazero's interpreter (v1.12.0)
	// cannot restore one: its snapshot keeps no program counter and is
	// caught by the innermost call rather than by the checkpoint's, so
	// the module runs on from a wrong place (an "unreachable" trap, or a
	// panic out of wazero). In libpg_query's parse a longjmp is always
	// an error on its way to pg_query_parse's PG_CATCH, so the abort
	// loses only the error's message (ErrInterpreted).
	abortOnRestore bool
	restored       bool
}

// errLongjmp is the panic by which stack_restore aborts a call.
var errLongjmp = errors.New("pgwasm: longjmp aborted the call")

type wasixDataKey struct{}

// callContext is the context of one call into the module: the
// snapshotter and the checkpoints that stack_checkpoint records.
func callContext(abortOnRestore bool) (context.Context, *wasixData) {
	d := &wasixData{abortOnRestore: abortOnRestore}
	ctx := context.Background()
	if !abortOnRestore {
		ctx = experimental.WithSnapshotter(ctx)
	}
	return context.WithValue(ctx, wasixDataKey{}, d), d
}

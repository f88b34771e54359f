// Package pgwasm runs libpg_query's parse to JSON, PostgreSQL's own
// grammar compiled to WebAssembly, on wazero with an engine its caller
// chooses: wazero's optimizing compiler, which takes about 2 s of CPU
// to compile the 2.2 MB module and then parses fast, or its interpreter,
// which starts in a few tenths of a second and parses slower (the
// numbers are in docs/performance.md, "parser start-up after the fork").
//
// It is a fork of github.com/wasilibs/go-pgquery at version
// v0.0.0-20260728010200-155ebad2880e: the wazero glue of its parser
// package (parser/parser_wazero.go), reduced to what ParseToJSON needs
// (the ABI, malloc and free, pg_query_parse, the reading of its result
// struct and its error, a pool of instances), and its host module
// internal/wasix32v1 (wasix.go). go-pgquery hard-codes its runtime
// configuration (the optimizing compiler) and keeps its runtimes in
// package state; here the engine is a parameter and the runtime belongs
// to a Parser value. The wasm bytes are not copied: wasm.go links
// go-pgquery's embedded module. go-pgquery is MIT-licensed, and
// libpg_query's code in the module BSD-licensed: see LICENSE and
// NOTICE.txt in this folder, kept as they came.
package pgwasm

package pgwasm

import (
	_ "unsafe" // for go:linkname

	// The package that embeds libpg_query.so is internal to go-pgquery;
	// its parser package imports it, so importing the parser links the
	// bytes that libPGQuery names.
	_ "github.com/wasilibs/go-pgquery/parser"
)

// libPGQuery is go-pgquery's embedded libpg_query module (2.2 MB),
// linked rather than copied. A go-pgquery upgrade that renames the
// symbol fails the build ("relocation target ... not defined") or
// leaves this empty, which TestModuleLinked catches and New reports.
//
//go:linkname libPGQuery github.com/wasilibs/go-pgquery/internal/wasm.LibPGQuery
var libPGQuery []byte

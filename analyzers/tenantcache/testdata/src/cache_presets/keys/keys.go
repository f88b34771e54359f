// Package keys declares key types for ristrettouse.
package keys

import "github.com/dgraph-io/ristretto/v2"

// Public is an exported key type.
type Public string

type private string

// Private is a cache whose key type cannot be named outside this package.
type Private = ristretto.Cache[private, int]

// Make returns a key of the unexported type.
func Make(s string) private { return private(s) }

// Package valuer mirrors SigNoz's pkg/valuer: a UUID whose string form
// is StringValue, not String.
package valuer

type UUID struct{ val string }

func (u UUID) StringValue() string { return u.val }

func (u UUID) String() string { return u.val }

// Prefixed takes an argument: not a string form of the receiver alone.
func (u UUID) Prefixed(p string) string { return p + u.val }

// Short returns more than a string.
func (u UUID) Short() (string, error) { return u.val[:8], nil }

// Bytes returns no string.
func (u UUID) Bytes() []byte { return []byte(u.val) }

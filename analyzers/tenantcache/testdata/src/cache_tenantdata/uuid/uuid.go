// Package uuid is a small stand-in for github.com/google/uuid.
package uuid

// UUID is a 16-byte identifier.
type UUID [16]byte

// String is the UUID's text form.
func (u UUID) String() string { return string(u[:]) }

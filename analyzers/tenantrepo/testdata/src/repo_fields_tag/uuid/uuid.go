// Package uuid stands for github.com/gofrs/uuid.
package uuid

type UUID [16]byte

// NullUUID is another type of the package.
type NullUUID struct {
	UUID  UUID
	Valid bool
}

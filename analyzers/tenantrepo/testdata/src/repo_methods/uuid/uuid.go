// Package uuid stands for github.com/gofrs/uuid.
package uuid

type UUID [16]byte

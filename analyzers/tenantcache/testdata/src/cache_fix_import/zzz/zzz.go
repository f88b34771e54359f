// Package zzz is imported by app.
package zzz

// Name is used by app.
const Name = "zzz"

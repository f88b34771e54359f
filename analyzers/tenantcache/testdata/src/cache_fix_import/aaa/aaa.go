// Package aaa is imported by app.
package aaa

// Name is used by app.
const Name = "aaa"

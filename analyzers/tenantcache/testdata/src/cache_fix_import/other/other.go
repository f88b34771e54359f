// Package other is imported by app.
package other

// Name is used by app.
const Name = "other"

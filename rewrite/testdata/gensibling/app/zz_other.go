package app

import "strings"

// Upper is a hand-written helper in a file sorted after repos.go.
func Upper(s string) string { return strings.ToUpper(s) }

package models

// A later file: not where the declarations go.
type Note struct{ Text string }

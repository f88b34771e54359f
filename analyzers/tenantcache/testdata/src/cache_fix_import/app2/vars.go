package app2

// tenant is a package-level name: imports of the tenant package need
// another name.
var tenant = "acme"

// Package integration tests the files that wire tenantlint into other
// tools (.pre-commit-hooks.yaml, the README's lefthook example, action.yml
// and the workflow example) by running their commands the way those
// tools do, on a scratch module. It has no code of its own.
package integration

// Package app refers to a model in a function body, under another name
// for its import.
package app

import m "repo_unreferenced/models"

func Build() any {
	x := m.InBody{}
	return x
}

// Package dot refers to a model through a dot import.
package dot

import . "repo_unreferenced/models"

func Make() any { return &Dotted{} }

package driver

import "github.com/tenantlint/tenantlint/internal/index"

// RunAfterParse is Run with the streaming driver's afterParse seam, for
// the external tests that plan the fixes with package rewrite.
func RunAfterParse(opts Options, patterns []string, afterParse func(files []string)) (*Result, error) {
	opts.seams.afterParse = afterParse
	return Run(opts, patterns)
}

// ChangedModuleFiles is changedModuleFiles, for the external tests.
var ChangedModuleFiles = changedModuleFiles

// RunReadFile is Run with the streaming driver's readFile seam.
func RunReadFile(opts Options, patterns []string, readFile func(string) ([]byte, error)) (*Result, error) {
	opts.seams.readFile = readFile
	return Run(opts, patterns)
}

// RunBuildIndex is Run with the buildIndex seam.
func RunBuildIndex(opts Options, patterns []string, build func(root string, tests bool) (*index.Index, error)) (*Result, error) {
	opts.seams.buildIndex = build
	return Run(opts, patterns)
}

package driver

// RunAfterParse is Run with the streaming driver's afterParse seam, for
// the external tests that plan the fixes with package rewrite.
func RunAfterParse(opts Options, patterns []string, afterParse func(files []string)) (*Result, error) {
	opts.afterParse = afterParse
	return Run(opts, patterns)
}

// ChangedModuleFiles is changedModuleFiles, for the external tests.
var ChangedModuleFiles = changedModuleFiles

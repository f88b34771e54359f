package mid

import "repo_fix_cycle/deep"

var Version = deep.Version

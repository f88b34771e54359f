package sqlscope

import (
	"flag"
	"os"
)

// vitess's parser imports its logging package, which imports
// github.com/golang/glog, whose init registers glog's flags (-v,
// -vmodule, -log_dir, ...) on the standard flag.CommandLine. The go/analysis
// drivers register their own flags there too, -v among them (unitchecker,
// which serves go vet -vettool; singlechecker, multichecker), and the
// second -v panics: "flag redefined: v". Neither tenantlint nor vitess's
// parser logs through glog (vitess logs with log/slog unless its own
// Init turns glog on), so its flags are dropped here: glog's init has
// run before this one (Go initialises a package's imports first), and
// the flags registered so far, but for glog's, are kept in a new
// CommandLine. A driver built with tenantsql then starts as it does
// without it.
func init() { dropFlags(glogFlags) }

// glogFlags are the names glog v1 registers.
var glogFlags = map[string]bool{
	"v": true, "vmodule": true, "log_dir": true, "log_link": true, "logbuflevel": true,
	"logtostderr": true, "alsologtostderr": true, "stderrthreshold": true, "log_backtrace_at": true,
}

// dropFlags replaces flag.CommandLine by a flag set with the same flags
// but those named in drop. Nothing is done when none is registered.
func dropFlags(drop map[string]bool) {
	found := false
	flag.CommandLine.VisitAll(func(f *flag.Flag) { found = found || drop[f.Name] })
	if !found {
		return
	}
	old := flag.CommandLine
	fs := flag.NewFlagSet(os.Args[0], old.ErrorHandling())
	fs.SetOutput(old.Output())
	fs.Usage = old.Usage
	old.VisitAll(func(f *flag.Flag) {
		if !drop[f.Name] {
			fs.Var(f.Value, f.Name, f.Usage)
		}
	})
	flag.CommandLine = fs
}

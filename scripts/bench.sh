#!/usr/bin/env bash
# Benchmark tenantlint against plain go vet on a generated module.
#
#   scripts/bench.sh                 # or: make bench [BENCH_PKGS=N]
#
# Knobs (environment):
#   BENCH_PKGS   service packages to generate (default 200)
#   BENCH_FILES  files per package (default 5)
#   BENCH_RUNS   measured runs of each tool and mode (default 3)
#   BENCH_WARM   warm runs after each cold run (default 5): a warm run
#                takes tenths of a second, so one run per cold run left
#                its median at the mercy of scheduling noise
#   BENCH_TOOLS  tools to run, in order (default "vet vettool tenantlint
#                tenantlint-config tenantfix-dry tenantfix-verify";
#                tenantlint-config is tenantlint with TENANTLINT_CONFIG
#                naming the module's .tenantlint.yaml: an explicit config
#                must cost what a discovered one costs)
#   BENCH_EDIT   1 (default) adds the "edit" mode; 0 leaves it out
#   BENCH_DIR    work directory to use and keep (default: a temporary one,
#                removed at the end)
#   BENCH_OUT    also write the result table (markdown) to this file
#   BENCH_REUSE  1: with BENCH_DIR, keep the module and primed GOCACHE of
#                an earlier run of the same size (priming 800 packages
#                takes minutes); the generator is deterministic
#
# What it does: builds bin/tenantlint and bin/tenantfix (make build) and
# the generator (internal/cmd/benchgen, a developer tool, into the work
# directory, not bin/), generates the module (N packages × F files and
# EXPECTED.json), primes a
# fresh GOCACHE with `go build ./...`, then runs each tool back to back,
# BENCH_RUNS times:
#   cold  a copy of the primed GOCACHE (compile work shared, no vet
#         results cached) and an empty TENANTLINT_CACHE;
#   warm  the same command again on the caches the cold run left,
#         BENCH_WARM times;
#   edit  the same command again after appending a function to one file
#         of the middle service package (the file is put back after):
#         what a run after a one-file change costs.
# The module (see docs/performance.md) has SQL in one service package of
# ten, so a cold vettool run starts the SQL parser in each of those vet
# processes; the edit mode changes s(N/2), which is one of them (N even).
# Its tenant-data variant configuration is checked once, untimed.
# It also times the module index alone (`tenantlint -V=full`, which go
# vet runs first, on an empty TENANTLINT_CACHE), BENCH_RUNS times.
# Each run is measured with GNU time (wall, user+sys CPU of the whole
# process tree, peak RSS of its largest process). The table gives medians
# and each tool's ratio to plain `go vet ./...` in the same mode. Every
# tenantlint run (standalone and as vettool, cold and warm) must report
# exactly the EXPECTED.json count, and plain go vet must be clean, else
# the script fails: a fast wrong answer does not count.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PKGS=${BENCH_PKGS:-200}
FILES=${BENCH_FILES:-5}
RUNS=${BENCH_RUNS:-3}
WARM=${BENCH_WARM:-5}
TOOLS=${BENCH_TOOLS:-vet vettool tenantlint tenantlint-config tenantfix-dry tenantfix-verify}
EDIT=${BENCH_EDIT:-1}
GO=${GO:-go}
export GOTOOLCHAIN=local GOFLAGS= GOWORK=off TENANTLINT_CONFIG=

die() { echo "bench: $*" >&2; exit 2; }

# GNU time gives peak RSS (%M); the shell keyword and BSD time do not.
TIME=/usr/bin/time
if ! [ -x "$TIME" ] || ! "$TIME" -f '%e' true >/dev/null 2>&1; then
	die "GNU time is needed at /usr/bin/time to measure CPU time and peak RSS (the shell's
  'time' keyword cannot report memory). On Debian or Ubuntu install it with:
      apt-get update && apt-get install -y time
  then run this script again."
fi

cd "$ROOT"
echo "== building bin/tenantlint and bin/tenantfix"
# Built as `make build` and the README's install line build it: linked
# statically (docs/performance.md, "Per-process start-up").
CGO_ENABLED=0 $GO build -o "$ROOT/bin/" ./cmd/...
BIN=$ROOT/bin
case " $TOOLS " in *" tenantfix-"*) [ -x "$BIN/tenantfix" ] || die "BENCH_TOOLS names tenantfix but bin/tenantfix was not built" ;; esac

REUSE=
if [ -n "${BENCH_DIR:-}" ]; then
	W=$BENCH_DIR
	if [ "${BENCH_REUSE:-}" = 1 ] && [ -d "$W/gocache-primed" ] &&
		grep -q "\"packages\": $PKGS," "$W/mod/EXPECTED.json" 2>/dev/null &&
		grep -q "\"files_per_package\": $FILES," "$W/mod/EXPECTED.json" 2>/dev/null; then
		REUSE=1
		find "$W" -maxdepth 1 -type f -delete
	else
		rm -rf "$W"
		mkdir -p "$W"
	fi
else
	W=$(mktemp -d "${TMPDIR:-/tmp}/tenantlint-bench.XXXXXX")
	trap 'rm -rf "$W"' EXIT
fi
MOD=$W/mod
PRIMED=$W/gocache-primed
RESULTS=$W/results.txt
: >"$RESULTS"

# The generator is developer tooling: built beside the module, not into
# bin/ with the product binaries.
BENCHGEN=$W/benchgen
echo "== building internal/cmd/benchgen"
$GO build -o "$BENCHGEN" ./internal/cmd/benchgen

if [ -n "$REUSE" ]; then
	echo "== reusing the module and primed GOCACHE in $W"
else
	echo "== generating $PKGS packages × $FILES files in $MOD"
	"$BENCHGEN" -pkgs "$PKGS" -files "$FILES" -out "$MOD"
fi
EXPECTED=$MOD/EXPECTED.json
TOTAL=$(sed -n 's/^  "total": \([0-9]*\),*$/\1/p' "$EXPECTED")
[ -n "$TOTAL" ] || die "no total in $EXPECTED"

if [ -z "$REUSE" ]; then
	echo "== priming a fresh GOCACHE with go build ./..."
	(cd "$MOD" && GOCACHE=$PRIMED "$TIME" -f '   go build: %e s wall, %U s user, %S s sys, %M KB peak RSS' $GO build ./...)
fi

# command TOOL: the command line of a tool, run in $MOD.
command_of() {
	case $1 in
	vet) echo "$GO vet ./..." ;;
	vettool) echo "$GO vet -vettool=$BIN/tenantlint ./..." ;;
	tenantlint) echo "$BIN/tenantlint ./..." ;;
	tenantlint-config) echo "env TENANTLINT_CONFIG=$MOD/.tenantlint.yaml $BIN/tenantlint ./..." ;;
	tenantfix-dry) echo "$BIN/tenantfix --dry-run --quiet ./..." ;;
	tenantfix-verify) echo "$BIN/tenantfix --verify --quiet ./..." ;;
	*) die "unknown tool $1 (known: vet vettool tenantlint tenantlint-config tenantfix-dry tenantfix-verify)" ;;
	esac
}

# count_findings FILE: diagnostics of the form path.go:line:col: in FILE.
count_findings() { grep -cE '^[^#].*\.go:[0-9]+:[0-9]+: ' "$1" || true; }

# measure TOOL MODE RUN: runs the tool once under GNU time with the
# current caches, checks its exit status and findings, records a line.
measure() {
	local tool=$1 mode=$2 run=$3 cmd out err tf rc n want_rc
	cmd=$(command_of "$tool")
	out=$W/out.$tool.$mode.$run
	err=$W/err.$tool.$mode.$run
	tf=$W/time.$tool.$mode.$run
	set +e
	(cd "$MOD" && GOCACHE=$W/gocache TENANTLINT_CACHE=$W/tlcache "$TIME" -o "$tf" -f '%e %U %S %M' $cmd >"$out" 2>"$err")
	rc=$?
	set -e
	case $tool in
	vet | tenantfix-dry) want_rc=0 ;;
	*) want_rc=1 ;;
	esac
	[ "$TOTAL" -gt 0 ] || want_rc=0
	if [ "$rc" != "$want_rc" ]; then
		echo "bench: $tool ($mode, run $run) exited $rc, want $want_rc; command: $cmd" >&2
		tail -n 20 "$err" >&2
		exit 1
	fi
	case $tool in
	vettool) n=$(count_findings "$err") ;;
	tenantlint | tenantlint-config) n=$(count_findings "$out") ;;
	*) n=- ;;
	esac
	if [ "$n" != - ] && [ "$n" != "$TOTAL" ]; then
		echo "bench: $tool ($mode, run $run) reported $n findings; EXPECTED.json says $TOTAL" >&2
		exit 1
	fi
	# GNU time puts "Command exited with non-zero status N" first.
	read -r wall user sys rss < <(tail -n 1 "$tf")
	echo "$tool $mode $run $wall $user $sys $rss $n" >>"$RESULTS"
	printf '   %-17s %-4s run %-3s: %6.2f s wall %6.2f s cpu %7.1f MiB  findings %s\n' \
		"$tool" "$mode" "$run" "$wall" "$(echo "$user $sys" | awk '{print $1+$2}')" "$(echo "$rss" | awk '{print $1/1024}')" "$n"
}

# The file that the edit mode changes: in the middle package, so that
# packages above it import it.
EDITED=$MOD/internal/svc/s$(printf %03d $((PKGS / 2)))/models.go
[ -f "$EDITED" ] || die "no $EDITED to edit"

MODES="cold warm"
[ "$EDIT" = 1 ] && MODES="cold warm edit"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== measuring: $RUNS runs of: $TOOLS ($MODES; $WARM warm runs after each cold one)"
for run in $(seq 1 "$RUNS"); do
	for tool in $TOOLS; do
		rm -rf "$W/gocache" "$W/tlcache"
		cp -a "$PRIMED" "$W/gocache"
		# Flush the copy (up to 1 GB at 800 packages) now, or its
		# write-back overlaps the cold run and inflates its wall time
		# by up to 40%.
		sync
		measure "$tool" cold "$run"
		for w in $(seq 1 "$WARM"); do
			measure "$tool" warm "$run.$w"
		done
		if [ "$EDIT" = 1 ]; then
			cp -p "$EDITED" "$W/edited.orig"
			printf '\nfunc benchEdit%s%d() int { return %d }\n' "$(echo "$tool" | tr -d -)" "$run" "$run" >>"$EDITED"
			measure "$tool" edit "$run"
			cp -p "$W/edited.orig" "$EDITED"
		fi
	done
done

# The module index alone: what go vet's -V=full question costs the
# vettool when nothing is cached (the index is built once per module
# state and shared by every vet process).
echo "== timing the module index (tenantlint -V=full, empty TENANTLINT_CACHE)"
for run in $(seq 1 "$RUNS"); do
	rm -rf "$W/gocache" "$W/tlcache"
	cp -a "$PRIMED" "$W/gocache"
	sync
	tf=$W/time.index.$run
	(cd "$MOD" && GOCACHE=$W/gocache TENANTLINT_CACHE=$W/tlcache "$TIME" -o "$tf" -f '%e %U %S %M' "$BIN/tenantlint" -V=full >/dev/null)
	read -r wall user sys rss < <(tail -n 1 "$tf")
	echo "index x $run $wall $user $sys $rss -" >>"$RESULTS"
	printf '   index run %d: %6.2f s wall %6.2f s cpu %7.1f MiB\n' "$run" "$wall" "$(echo "$user $sys" | awk '{print $1+$2}')" "$(echo "$rss" | awk '{print $1/1024}')"
done
rm -rf "$W/gocache" "$W/tlcache"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

echo "== checking the findings by kind (tenantlint --format json)"
cp -a "$PRIMED" "$W/gocache"
set +e
(cd "$MOD" && GOCACHE=$W/gocache TENANTLINT_CACHE=$W/tlcache "$BIN/tenantlint" --format json ./... >"$W/findings.json")
set -e
"$BENCHGEN" -check "$EXPECTED" -findings "$W/findings.json"
rm -rf "$W/gocache" "$W/tlcache"

# The variant configuration (cache.report: tenant-data) reports other
# tenantcache findings on the same module: checked once, not timed.
TDCONFIG=$(sed -n 's/^    "config": "\(.*\)",*$/\1/p' "$EXPECTED")
if [ -n "$TDCONFIG" ]; then
	echo "== checking the findings with $TDCONFIG (tenantlint --format json)"
	cp -a "$PRIMED" "$W/gocache"
	set +e
	(cd "$MOD" && GOCACHE=$W/gocache TENANTLINT_CACHE=$W/tlcache TENANTLINT_CONFIG=$MOD/$TDCONFIG "$BIN/tenantlint" --format json ./... >"$W/findings-td.json")
	set -e
	"$BENCHGEN" -check "$EXPECTED" -tenant-data -findings "$W/findings-td.json"
	rm -rf "$W/gocache" "$W/tlcache"
fi

# median: the middle value (the mean of the two middle ones for an even
# count) of the numbers on stdin.
median() { sort -g | awk '{v[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }

table() {
	local mode tool wall cpu rss bwall bcpu
	echo "Module: $PKGS packages × $FILES files ($(sed -n 's/^  "go_files": \([0-9]*\),*$/\1/p' "$EXPECTED") Go files, $(sed -n 's/^  "lines": \([0-9]*\),*$/\1/p' "$EXPECTED") lines), $TOTAL expected findings; medians of $RUNS runs ($((RUNS * WARM)) warm)."
	echo
	echo "| tool | mode | wall (s) | CPU user+sys (s) | peak RSS (MiB) | wall ÷ go vet | CPU ÷ go vet |"
	echo "|---|---|---:|---:|---:|---:|---:|"
	for mode in $MODES; do
		bwall=$(awk -v m=$mode '$1=="vet" && $2==m {print $4}' "$RESULTS" | median)
		bcpu=$(awk -v m=$mode '$1=="vet" && $2==m {print $5+$6}' "$RESULTS" | median)
		for tool in $TOOLS; do
			wall=$(awk -v t="$tool" -v m=$mode '$1==t && $2==m {print $4}' "$RESULTS" | median)
			cpu=$(awk -v t="$tool" -v m=$mode '$1==t && $2==m {print $5+$6}' "$RESULTS" | median)
			rss=$(awk -v t="$tool" -v m=$mode '$1==t && $2==m {print $7/1024}' "$RESULTS" | median)
			awk -v t="$(command_of "$tool" | sed "s|$BIN/|bin/|; s|$MOD/||; s|^env ||; s|$GO |go |")" -v m=$mode -v w="$wall" -v c="$cpu" -v r="$rss" -v bw="$bwall" -v bc="$bcpu" 'BEGIN {
				rw = (bw == "nan" || bw == 0) ? "–" : sprintf("%.2f×", w / bw)
				rc = (bc == "nan" || bc == 0) ? "–" : sprintf("%.2f×", c / bc)
				printf "| `%s` | %s | %.2f | %.2f | %.0f | %s | %s |\n", t, m, w, c, r, rw, rc
			}'
		done
	done
	echo
	awk '$1=="index" {print $4, $5+$6, $7/1024}' "$RESULTS" | sort -g | awk -v runs="$RUNS" '{w[NR]=$1; c[NR]=$2; r[NR]=$3} END {m=int((NR+1)/2); if (NR) printf "Module index alone (`tenantlint -V=full`, empty TENANTLINT_CACHE): %.2f s wall, %.2f s CPU, %.0f MiB (the run with the median wall time, of %d).\n", w[m], c[m], r[m], runs}'
	echo
	echo "Machine: $(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, $($GO version | sed 's/^go version //'), $(uname -sr); load average $LOAD_BEFORE before the runs, $LOAD_AFTER after."
}

echo
table | tee "$W/table.md"
if [ -n "${BENCH_OUT:-}" ]; then
	cp "$W/table.md" "$BENCH_OUT"
fi

#!/usr/bin/env bash
# Reproduces the real-world runs of docs/real-world/<name>.md on a
# checkout of the service (not part of `make test`):
#
#   docs/real-world/run.sh <name> <dir>      e.g. run.sh kratos /tmp/rw-kratos
#
# <dir> is a checkout of the commit named in <name>.tenantlint.yaml, whose
# `go build ./...` works. The script builds tenantlint and tenantfix from
# this repository, then, in <dir>:
#   1. tenantlint standalone and as go vet's -vettool, with the config
#      passed through TENANTLINT_CONFIG, and diffs their findings;
#   2. tenantfix --dry-run (the diff), then applies it to a scratch copy
#      of <dir> and runs go build ./... there;
#   3. times go vet, the vettool and the standalone run RUNS times each
#      (default 3), back to back, and prints the medians and ratios.
# Everything goes to $OUT (default /tmp/rw-out/<name>); <dir> is not
# modified. PKGS (default ./...) names the packages when a part of the
# service does not build from the module proxy. Every timed run starts with empty tenantlint caches and a new
# go vet cache key (an extra -printf.funcs name, a comment appended to a
# copy of the config), so vet results are never replayed; the Go build
# cache (compiled dependencies) is warm for all three.
set -euo pipefail

name=${1:?usage: run.sh <name> <dir>}
dir=$(cd "${2:?usage: run.sh <name> <dir>}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
repo=${TL_REPO:-$(cd "$here/../.." && pwd)} # TL_REPO: build the tools from another checkout
cfg=$here/$name.tenantlint.yaml
out=${OUT:-/tmp/rw-out/$name}
runs=${RUNS:-3}
steps=${STEPS:-lint,fix,time}
PKGS=${PKGS:-./...}
read -r -a pkgs <<<"$PKGS"
[ -f "$cfg" ] || { echo "run.sh: no config $cfg" >&2; exit 2; }
mkdir -p "$out"
bin=$out/bin
(cd "$repo" && go build -o "$bin/" ./cmd/tenantlint ./cmd/tenantfix)

# The findings of one mode as sorted "file:line:col: message" lines
# (vet prints "# pkg" headers and ./-prefixed paths; standalone adds the
# check name).
normalize() { grep -v '^#' | sed -e 's#^\./##' -e 's/ (tenant[a-z]*)$//' | sort; }

# Runs a command, tolerating exit 1 (findings), and stores seconds.
timed() { # timed <file-for-seconds> cmd...
	local t0 t1 rc=0
	t0=$(date +%s.%N)
	"${@:2}" || rc=$?
	t1=$(date +%s.%N)
	echo "$t1 - $t0" | bc >"$1"
	if [ "$rc" -gt 1 ]; then echo "run.sh: $* exited $rc" >&2; return "$rc"; fi
}

fresh_cache() { rm -rf "$out/tlcache" && mkdir -p "$out/tlcache"; }

cd "$dir"
if [[ $steps == *lint* ]]; then
	fresh_cache
	timed "$out/standalone.sec" env TENANTLINT_CACHE="$out/tlcache" TENANTLINT_CONFIG="$cfg" \
		"$bin/tenantlint" --no-cache "${pkgs[@]}" >"$out/standalone.raw" 2>"$out/standalone.err"
	fresh_cache
	timed "$out/vet.sec" env TENANTLINT_CACHE="$out/tlcache" TENANTLINT_CONFIG="$cfg" \
		go vet -vettool="$bin/tenantlint" "${pkgs[@]}" >"$out/vet.stdout" 2>"$out/vet.raw"
	normalize <"$out/standalone.raw" >"$out/standalone.txt"
	normalize <"$out/vet.raw" >"$out/vet.txt"
	echo "standalone: $(wc -l <"$out/standalone.txt") findings in $(cat "$out/standalone.sec")s; vettool: $(wc -l <"$out/vet.txt") in $(cat "$out/vet.sec")s"
	if diff -u "$out/standalone.txt" "$out/vet.txt" >"$out/modes.diff"; then
		echo "standalone and vettool: identical findings"
	else
		echo "standalone and vettool DIFFER: $out/modes.diff" >&2
	fi
fi

if [[ $steps == *fix* ]]; then
	rc=0
	TENANTLINT_CONFIG="$cfg" "$bin/tenantfix" --dry-run "${pkgs[@]}" >"$out/fix.diff" 2>"$out/fix.err" || rc=$?
	echo "tenantfix --dry-run: exit $rc, $(grep -c '^+++ ' "$out/fix.diff" || true) files; $(tail -1 "$out/fix.err")"
	scratch=$out/scratch
	rm -rf "$scratch" && mkdir -p "$scratch"
	tar -C "$dir" --exclude=.git -cf - . | tar -C "$scratch" -xf -
	rc=0
	(cd "$scratch" && TENANTLINT_CONFIG="$cfg" "$bin/tenantfix" "${pkgs[@]}" >"$out/apply.out" 2>"$out/apply.err") || rc=$?
	echo "tenantfix apply in $scratch: exit $rc"
	rc=0
	(cd "$scratch" && go build "${pkgs[@]}" >"$out/build.out" 2>&1) || rc=$?
	echo "go build $PKGS after the fix: exit $rc"
fi

if [[ $steps == *time* ]]; then
	: >"$out/times.tsv"
	for i in $(seq "$runs"); do
		timed "$out/t.govet.$i" go vet -printf.funcs="tenantlintRun$i$$" "${pkgs[@]}" >/dev/null 2>&1
		cp "$cfg" "$out/cfg.$i.yaml" && echo "# run $i $$" >>"$out/cfg.$i.yaml"
		fresh_cache
		timed "$out/t.vettool.$i" env TENANTLINT_CACHE="$out/tlcache" TENANTLINT_CONFIG="$out/cfg.$i.yaml" \
			go vet -vettool="$bin/tenantlint" "${pkgs[@]}" >/dev/null 2>&1
		fresh_cache
		timed "$out/t.standalone.$i" env TENANTLINT_CACHE="$out/tlcache" TENANTLINT_CONFIG="$cfg" \
			"$bin/tenantlint" --no-cache "${pkgs[@]}" >/dev/null 2>&1
		printf '%s\t%s\t%s\t%s\n' "$i" "$(cat "$out/t.govet.$i")" "$(cat "$out/t.vettool.$i")" "$(cat "$out/t.standalone.$i")" >>"$out/times.tsv"
	done
	median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
	gv=$(cut -f2 "$out/times.tsv" | median)
	vt=$(cut -f3 "$out/times.tsv" | median)
	sa=$(cut -f4 "$out/times.tsv" | median)
	echo "runs (i, go vet, vettool, standalone; seconds):"
	cat "$out/times.tsv"
	echo "median of $runs: go vet ${gv}s, vettool ${vt}s ($(echo "scale=2; $vt / $gv" | bc)x), standalone ${sa}s ($(echo "scale=2; $sa / $gv" | bc)x)"
fi

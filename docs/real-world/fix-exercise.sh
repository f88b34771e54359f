#!/usr/bin/env bash
# Exercises tenantfix on a real service where the team's config leaves
# nothing fixable (no cache.key_func: every finding is manual), as for
# ory/kratos and SigNoz (docs/real-world/*.md):
#
#   docs/real-world/fix-exercise.sh <name> <dir>
#
# In a scratch copy of <dir> it adds a key function,
# <module>/internal/tenantlintkey.Key(ctx, key) string, names it as
# cache.key_func in a copy of <name>.tenantlint.yaml, runs tenantfix (the
# diff, then apply), then go build ./... and tenantfix --verify. Output in
# $OUT (default /tmp/rw-out/<name>/fixex); <dir> is not modified. $BIN is
# the directory of tenantlint and tenantfix (default: built by run.sh in
# /tmp/rw-out/<name>/bin).
set -euo pipefail

name=${1:?usage: fix-exercise.sh <name> <dir>}
dir=$(cd "${2:?usage: fix-exercise.sh <name> <dir>}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
out=${OUT:-/tmp/rw-out/$name/fixex}
bin=${BIN:-/tmp/rw-out/$name/bin}
[ -x "$bin/tenantfix" ] || { echo "fix-exercise.sh: no $bin/tenantfix (run run.sh first, or set BIN)" >&2; exit 2; }

rm -rf "$out" && mkdir -p "$out"
scratch=$out/scratch
mkdir -p "$scratch"
tar -C "$dir" --exclude=.git -cf - . | tar -C "$scratch" -xf -
cd "$scratch"
mod=$(go list -m)
mkdir -p internal/tenantlintkey
cat >internal/tenantlintkey/key.go <<'EOF'
// Package tenantlintkey is the key function that fix-exercise.sh adds so
// that tenantfix has something to wrap keys with.
package tenantlintkey

import "context"

type ctxKey struct{}

// Key scopes key by the tenant in ctx.
func Key(ctx context.Context, key string) string {
	t, _ := ctx.Value(ctxKey{}).(string)
	return t + ":" + key
}
EOF
cfg=$out/config.yaml
awk -v kf="$mod/internal/tenantlintkey.Key" '{print} /^cache:/ {print "  key_func: " kf}' "$here/$name.tenantlint.yaml" >"$cfg"

rc=0
TENANTLINT_CONFIG=$cfg "$bin/tenantfix" --dry-run ./... >"$out/fix.diff" 2>"$out/dryrun.err" || rc=$?
echo "tenantfix --dry-run with a key_func: exit $rc, $(grep -c '^+++ ' "$out/fix.diff" || true) files, $(grep -c '^+[^+]' "$out/fix.diff" || true) added lines; $(tail -1 "$out/dryrun.err")"
rc=0
TENANTLINT_CONFIG=$cfg "$bin/tenantfix" ./... >"$out/apply.out" 2>"$out/apply.err" || rc=$?
echo "tenantfix apply: exit $rc; $(tail -1 "$out/apply.err")"
rc=0
go build ./... >"$out/build.out" 2>&1 || rc=$?
echo "go build ./... after the fix: exit $rc"
rc=0
TENANTLINT_CONFIG=$cfg "$bin/tenantfix" --verify ./... >"$out/verify.out" 2>"$out/verify.err" || rc=$?
echo "tenantfix --verify after the fix: exit $rc; $(tail -1 "$out/verify.err")"

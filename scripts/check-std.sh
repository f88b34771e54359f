#!/usr/bin/env bash
# Run tenantlint over all of std and over golang.org/x/tools with a
# configuration that activates both checks there, and fail on a panic or
# on any error: only findings are expected (exit 0 or 1, never 2, nothing
# on stderr).
#
#   scripts/check-std.sh             # std, then x/tools standalone, then x/tools as go vet -vettool
#
# Knobs (environment):
#   CHECK_TARGETS  what to run (default "std tools tools-vet")
#   CHECK_TOOLS    the x/tools version (default v0.52.0, as in go.mod)
#   CHECK_DIR      work directory to use and keep (default: temporary)
#
# The configuration (written to $CHECK_DIR/std.tenantlint.yaml) uses only
# std names, so it applies to both trees:
#   models      structs that embed sync.Mutex or have a field Name
#   repository  sync/atomic.Pointer[M] at package level covers M, with a fix
#   cache.apis  funcs os.Getenv/Setenv/LookupEnv/Unsetenv (key 0),
#               path.Join (variadic keys), strings.Join (a slice of keys),
#               net/http.SetCookie (an item: Cookie.Name), and the methods
#               of net/http.Header and net/url.Values (string keys)
#   key_func    example.com/tenant.Key: no such package is loaded, so the
#               name is not resolved, but every fix path (context lookup,
#               import edits, wrapping) runs as it would with a real one
#   safe_types  net/textproto.MIMEHeader
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGETS=${CHECK_TARGETS:-std tools tools-vet}
TOOLS_VERSION=${CHECK_TOOLS:-v0.52.0}
GO=${GO:-go}
export GOTOOLCHAIN=local GOFLAGS= GOWORK=off TENANTLINT_CONFIG=

die() { echo "check-std: $*" >&2; exit 2; }

if [ -n "${CHECK_DIR:-}" ]; then
	W=$CHECK_DIR
	mkdir -p "$W"
else
	W=$(mktemp -d "${TMPDIR:-/tmp}/tenantlint-std.XXXXXX")
	trap 'chmod -R u+w "$W" 2>/dev/null; rm -rf "$W"' EXIT
fi
export TENANTLINT_CACHE=$W/tlcache

cd "$ROOT"
$GO build -o "$ROOT/bin/" ./cmd/tenantlint
BIN=$ROOT/bin/tenantlint

CFG=$W/std.tenantlint.yaml
cat >"$CFG" <<'EOF'
version: 1
models:
  markers: [sync.Mutex]
  fields: [Name]
repository:
  types: [sync/atomic.Pointer]
  scope: module
  fix:
    import: sync/atomic
    template: 'var {{.Model}}Ptr atomic.Pointer[{{.Model}}] // table {{.Table}}'
cache:
  key_func: example.com/tenant.Key
  safe_types: [net/textproto.MIMEHeader]
  apis:
    - func: os.Getenv
      key: 0
    - func: os.Setenv
      key: 0
    - func: os.LookupEnv
      key: 0
    - func: os.Unsetenv
      key: 0
    - func: path.Join
      key: 0
      variadic: true
    - func: strings.Join
      key: 0
      slice: true
    - func: net/http.SetCookie
      key: 1
      item_field: Name
    - type: net/http.Header
      methods:
        Get: {key: 0}
        Set: {key: 0}
        Add: {key: 0}
        Del: {key: 0}
        Values: {key: 0}
    - type: net/url.Values
      methods:
        Get: {key: 0}
        Set: {key: 0}
        Add: {key: 0}
        Del: {key: 0}
        Has: {key: 0}
ignore:
  packages: [vendor/...]
  tests: true
EOF

TIME=()
if [ -x /usr/bin/time ] && /usr/bin/time -f %e true >/dev/null 2>&1; then
	TIME=(/usr/bin/time -f '%e s wall, %U s user, %S s sys, %M KB peak RSS')
fi

FAILED=0

# summarize JSON: counts of a tenantlint --format json report by check
# and fix kind.
summarize() {
	awk -F'"' '/"check":/ {c=$4} /"fix":/ {n[c" "$4]++; t++} END {
		printf "%d findings:", t; for (k in n) printf " %s %d;", k, n[k]; printf "\n" }' "$1"
}

# standalone NAME DIR PATTERN: runs tenantlint --config in DIR.
standalone() {
	local name=$1 dir=$2 pattern=$3 rc
	echo "== $name: tenantlint --config std.tenantlint.yaml $pattern (in $dir)"
	set +e
	(cd "$dir" && "${TIME[@]}" "$BIN" --config "$CFG" --format json "$pattern" >"$W/$name.json" 2>"$W/$name.err")
	rc=$?
	set -e
	# GNU time's line is the last of stderr; anything else there is an error.
	if [ ${#TIME[@]} -gt 0 ]; then
		tail -n 1 "$W/$name.err" | sed 's/^/   /'
		sed -i '$d' "$W/$name.err"
		sed -i '/^Command exited with non-zero status/d' "$W/$name.err"
	fi
	echo "   exit $rc; $(summarize "$W/$name.json")"
	if [ "$rc" -gt 1 ] || [ -s "$W/$name.err" ] || grep -q '^panic:' "$W/$name.err"; then
		echo "check-std: $name FAILED (exit $rc); stderr:" >&2
		head -n 40 "$W/$name.err" >&2
		FAILED=1
	fi
}

# vettool NAME DIR: runs go vet -vettool=tenantlint ./... in DIR with the
# configuration from TENANTLINT_CONFIG, and compares the number of
# findings with the standalone run's.
vettool() {
	local name=$1 dir=$2 rc n other want
	echo "== $name: go vet -vettool=bin/tenantlint ./... (TENANTLINT_CONFIG=std.tenantlint.yaml, in $dir)"
	set +e
	(cd "$dir" && TENANTLINT_CONFIG=$CFG "${TIME[@]}" $GO vet -vettool="$BIN" ./... >"$W/$name.out" 2>"$W/$name.err")
	rc=$?
	set -e
	[ ${#TIME[@]} -gt 0 ] && { tail -n 1 "$W/$name.err" | sed 's/^/   /'; sed -i '$d' "$W/$name.err"; sed -i '/^Command exited with non-zero status/d' "$W/$name.err"; }
	n=$(grep -cE '^[^#].*\.go:[0-9]+:[0-9]+: ' "$W/$name.err" || true)
	other=$(grep -vE '^#|\.go:[0-9]+:[0-9]+: ' "$W/$name.err" | grep -c . || true)
	want=$(grep -c '"check":' "$W/tools.json" 2>/dev/null || echo '?')
	echo "   exit $rc; $n findings (standalone: $want); $other other lines on stderr"
	if [ "$other" != 0 ]; then
		echo "check-std: $name FAILED: non-finding output:" >&2
		grep -vE '^#|\.go:[0-9]+:[0-9]+: ' "$W/$name.err" | head -n 40 >&2
		FAILED=1
	fi
	if [ "$want" != '?' ] && [ "$n" != "$want" ]; then
		echo "check-std: $name: go vet reported $n findings, standalone $want" >&2
		FAILED=1
	fi
	# The two modes must agree on every position, not only on the count.
	if [ -s "$W/tools.json" ]; then
		awk -F'"' '/"file":/ {f=$4} /"line":/ {gsub(/[^0-9]/, "", $3); l=$3} /"column":/ {gsub(/[^0-9]/, "", $3); print f ":" l ":" $3}' \
			"$W/tools.json" | sort >"$W/$name.standalone.pos"
		grep -E '\.go:[0-9]+:[0-9]+: ' "$W/$name.err" | sed -E 's/^(\S+\.go:[0-9]+:[0-9]+): .*/\1/; s|^\./||' | sort >"$W/$name.vet.pos"
		if ! diff "$W/$name.standalone.pos" "$W/$name.vet.pos" >"$W/$name.diff"; then
			echo "check-std: $name: positions differ between go vet and standalone (< standalone, > vet):" >&2
			head -n 20 "$W/$name.diff" >&2
			FAILED=1
		else
			echo "   same positions as the standalone run"
		fi
	fi
}

for target in $TARGETS; do
	case $target in
	std)
		mkdir -p "$W/empty"
		standalone std "$W/empty" std
		;;
	tools | tools-vet)
		if ! [ -d "$W/tools" ]; then
			src=$($GO mod download -json "golang.org/x/tools@$TOOLS_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')
			[ -d "$src" ] || die "go mod download golang.org/x/tools@$TOOLS_VERSION gave no directory"
			cp -r "$src" "$W/tools"
			chmod -R u+w "$W/tools"
			(cd "$W/tools" && $GO mod download)
		fi
		if [ "$target" = tools ]; then
			standalone tools "$W/tools" ./...
		else
			vettool tools-vet "$W/tools"
		fi
		;;
	*) die "unknown target $target (known: std tools tools-vet)" ;;
	esac
done

if [ "$FAILED" != 0 ]; then
	echo "check-std: FAILED (reports and stderr in $W)" >&2
	exit 1
fi
echo "check-std: ok"

#!/usr/bin/env bash
# Build golangci-lint with the tenantlint plugin, as `golangci-lint custom`
# does with .custom-gcl.yml, except that golangci-lint's source comes from
# the Go module proxy (go mod download) instead of a git clone of GitHub:
# copy the source, add the plugin's import to cmd/golangci-lint/plugins.go,
# replace the plugin module by this checkout, go mod tidy, go build.
# Then run it on examples/shop with plugin/golangci/example.golangci.yml.
set -euo pipefail
GO=${GO:-go}
root=$(cd "$(dirname "$0")/.." && pwd)
cfg="$root/.custom-gcl.yml"
version=$(awk '/^version:/ {print $2}' "$cfg")
name=$(awk '/^name:/ {print $2}' "$cfg")
module=$(awk '/^ *- module:/ {print $3; exit}' "$cfg")
import=$(awk '/^ *import:/ {print $2; exit}' "$cfg")
dest="$root/bin"
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT

start=$(date +%s)
src=$("$GO" mod download -json "github.com/golangci/golangci-lint/v2@$version" | awk -F'"' '/"Dir":/ {print $4}')
cp -R "$src" "$work/golangci-lint"
chmod -R u+w "$work/golangci-lint"
cd "$work/golangci-lint"
printf 'package main\n\nimport _ "%s"\n' "$import" > cmd/golangci-lint/plugins.go
"$GO" mod edit -replace "$module=$root"
"$GO" mod tidy
mkdir -p "$dest"
"$GO" build -o "$dest/$name" -ldflags "-X main.version=$version-custom-tenantlint" ./cmd/golangci-lint
echo "built $dest/$name in $(($(date +%s) - start))s"

# The findings must be the ones examples/shop/EXPECTED.md lists.
cd "$root/examples/shop"
status=0
"$dest/$name" run --config "$root/plugin/golangci/example.golangci.yml" ./... > "$work/out.txt" || status=$?
cat "$work/out.txt"
if [ "$status" -ne 1 ]; then
  echo "golangci-custom: golangci-lint exited $status, want 1 (issues found)" >&2
  exit 1
fi
grep -oE '^internal/[^ ]+:[0-9]+:[0-9]+: tenant(repo|cache)' "$work/out.txt" | sed 's/: tenant.*//' | sort > "$work/got"
grep -oE '^\| `internal/[^`]+:[0-9]+:[0-9]+`' EXPECTED.md | tr -d '|` ' | sort > "$work/want"
if ! diff -u "$work/want" "$work/got"; then
  echo "golangci-custom: the findings differ from examples/shop/EXPECTED.md" >&2
  exit 1
fi
echo "golangci-custom: the $(wc -l < "$work/got") findings of examples/shop/EXPECTED.md"

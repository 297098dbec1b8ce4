#!/usr/bin/env bash
# Regenerates golden.json: builds golden-gen/main.go against the real kubernetes v1.35.4 packages
# (pkg/printers/internalversion, apiextensions' tableconvertor) with the reference cluster's
# wrapper go.mod, and runs it over cases.json. Needs Go and the module proxy (or a warm cache).
# Ages depend on the time of the run; golden.json records it per case (nowMs).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
mod="$root/conformance/reference-cluster/go/kubernetes"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$mod/go.mod" "$mod/go.sum" "$here/golden-gen/main.go" "$work/"
sed -i 's#^module .*#module printergolden#' "$work/go.mod"
(cd "$work" && GOFLAGS=-mod=mod go build -o golden .)
"$work/golden" < "$here/cases.json" > "$here/golden.json.tmp"
mv "$here/golden.json.tmp" "$here/golden.json"
(cd "$root" && npx prettier --write "$here/golden.json" >/dev/null)
echo "wrote $here/golden.json"

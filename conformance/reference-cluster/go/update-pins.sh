#!/usr/bin/env bash
# Re-pins the Go wrapper modules and rewrites their go.mod/go.sum.
#   Usage: go/update-pins.sh v1.35.4 v3.6.6
# Then set the same values in ../versions.ts (KUBERNETES_VERSION, KUBERNETES_BUILD_DATE — printed
# below —, ETCD_VERSION, MIN_GO_VERSION): build.ts refuses to build when they disagree.
set -euo pipefail
K8S=${1:?kubernetes version, e.g. v1.35.4}
ETCD=${2:?etcd version, e.g. v3.6.6}
cd "$(dirname "$0")"

# etcd: upstream server/main.go in a wrapper module (etcd's server/go.mod has replace directives,
# so `go install go.etcd.io/etcd/server/v3@vX` refuses to build).
etcd_go=$(sed -n 's/^go \(.*\)$/\1/p' "$(go mod download -json "go.etcd.io/etcd/server/v3@$ETCD" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')" | head -1)
cat > etcd/go.mod <<MOD
// Wrapper module for building the etcd server from the Go module proxy. Regenerate with ../update-pins.sh.
module kubeharness.dev/reference-cluster/etcd

go $etcd_go

require go.etcd.io/etcd/server/v3 $ETCD
MOD
(cd etcd && go mod tidy)

# kubernetes: require k8s.io/kubernetes and replace every staging module it requires at v0.0.0 with
# its published v0.<minor>.<patch>. The list is read from the release's own go.mod (no GitHub needed).
modfile=$(go mod download -json "k8s.io/kubernetes@$K8S" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
k8s_go=$(sed -n 's/^go \(.*\)$/\1/p' "$modfile" | head -1)
godebug=$(sed -n 's/^godebug \(.*\)$/\1/p' "$modfile" | head -1)
{
  echo '// Wrapper module for building kube-apiserver and kube-controller-manager from the Go module proxy.'
  echo '// k8s.io/kubernetes cannot be `go install`ed at a version: its go.mod requires the staging modules at'
  echo '// v0.0.0 with replace directives to ./staging, so a main module must replace each of them with its'
  echo "// published v0.<minor>.<patch> tag. Regenerate with ../update-pins.sh."
  echo 'module kubeharness.dev/reference-cluster/kubernetes'
  echo
  echo "go $k8s_go"
  [ -n "$godebug" ] && { echo; echo "// Same GODEBUG defaults as upstream's own build (a dependency's godebug lines are ignored)."; echo "godebug $godebug"; }
  echo
  echo "require k8s.io/kubernetes $K8S"
  echo
  echo 'replace ('
  for m in $(sed -n 's#^\s*k8s.io/\([a-z0-9-]*\) v0\.0\.0$#\1#p' "$modfile"); do
    echo "	k8s.io/$m => k8s.io/$m v0.${K8S#v1.}"
  done
  echo ')'
} > kubernetes/go.mod
(cd kubernetes && go mod tidy)
echo "KUBERNETES_BUILD_DATE for versions.ts: $(sed -n 's/.*"Time":"\([^"]*\)".*/\1/p' "$(go mod download -json "k8s.io/kubernetes@$K8S" | sed -n 's/.*"Info": "\(.*\)".*/\1/p')")"

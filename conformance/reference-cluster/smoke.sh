#!/usr/bin/env bash
# Smoke checks against a running reference cluster with kubectl (npm run reference-cluster -- start first).
# Usage: conformance/reference-cluster/smoke.sh [kubeconfig]
set -euo pipefail
KC=${1:-${KUBEHARNESS_REFERENCE_DIR:-$HOME/.cache/kubeharness/reference-cluster/run}/kubeconfig}
k() { kubectl --kubeconfig "$KC" "$@"; }
ok() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; exit 1; }
wait_gone() { # kind name [namespace] — up to 60 s
  for _ in $(seq 1 120); do
    if ! k get "$1" "$2" ${3:+-n "$3"} >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  return 1
}
ns=kh-smoke-$$

k get ns >/dev/null && ok "kubectl get ns: $(k get ns -o name | tr '\n' ' ')" || fail "previous check (line above)"
n=$(k api-resources --no-headers | wc -l); [ "$n" -gt 50 ] && ok "kubectl api-resources: $n resources" || fail "previous check (line above)"

k create namespace "$ns" >/dev/null
k -n "$ns" create configmap smoke --from-literal=hello=world >/dev/null
[ "$(k -n "$ns" get configmap smoke -o jsonpath='{.data.hello}')" = world ] && ok "kubectl create configmap / get" || fail "previous check (line above)"

# ownerReference GC cascade: dependent ConfigMap owned by another ConfigMap.
uid=$(k -n "$ns" create configmap owner --from-literal=a=b -o jsonpath='{.metadata.uid}')
cat <<YAML | k -n "$ns" apply -f - >/dev/null
apiVersion: v1
kind: ConfigMap
metadata:
  name: dependent
  ownerReferences:
  - {apiVersion: v1, kind: ConfigMap, name: owner, uid: "$uid"}
data: {x: "1"}
YAML
k -n "$ns" delete configmap owner --cascade=background >/dev/null
wait_gone configmap dependent "$ns" && ok "GC deleted the dependent ConfigMap after a Background delete of its owner" \
  || fail "dependent ConfigMap still exists"

# Deployment -> ReplicaSet (-> Pods, which stay Pending: no scheduler/kubelet) and a foreground cascade.
k -n "$ns" create deployment web --image=registry.k8s.io/pause:3.10 --replicas=2 >/dev/null
for _ in $(seq 1 60); do rs=$(k -n "$ns" get rs -o name 2>/dev/null | head -1); [ -n "$rs" ] && break; sleep 0.5; done
[ -n "$rs" ] || fail "deployment controller created no ReplicaSet"
owner=$(k -n "$ns" get "$rs" -o jsonpath='{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}')
[ "$owner" = Deployment/web ] && ok "deployment controller created $rs owned by $owner" || fail "previous check (line above)"
for _ in $(seq 1 60); do p=$(k -n "$ns" get pods --no-headers 2>/dev/null | wc -l); [ "$p" -eq 2 ] && break; sleep 0.5; done
[ "$p" -eq 2 ] && ok "replicaset controller created 2 Pods (Pending: no scheduler)" || fail "previous check (line above)"
k -n "$ns" delete deployment web --cascade=foreground --wait=true --timeout=60s >/dev/null
[ -z "$(k -n "$ns" get rs,pods -o name)" ] && ok "foreground delete of the Deployment removed its ReplicaSet and Pods" || fail "previous check (line above)"

# Namespace deletion is finished by the namespace controller.
k delete namespace "$ns" --wait=false >/dev/null
wait_gone namespace "$ns" && ok "namespace controller finished deleting $ns" || fail "namespace $ns still exists: $(k get ns "$ns" -o jsonpath='{.status}')"

[ -n "$(k -n default get configmap kube-root-ca.crt -o name)" ] && ok "root-ca publisher created kube-root-ca.crt" || fail "previous check (line above)"
echo "smoke: all checks passed"

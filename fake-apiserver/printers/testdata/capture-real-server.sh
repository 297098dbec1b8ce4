#!/usr/bin/env bash
# Captures Tables from a running reference cluster (a real kube-apiserver v1.35.4; start it with
# `npx tsx conformance/reference-cluster/cli.ts start --controllers ''`) into real-server.json:
# for each request, the Date header (ms) and the Table with includeObject=Object.
# Usage: capture-real-server.sh [state-dir]   (default $KUBEHARNESS_REFERENCE_DIR or ~/.cache/...)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-${KUBEHARNESS_REFERENCE_DIR:-$HOME/.cache/kubeharness/reference-cluster/run}}
port=$(python3 -c "import json,sys;print(json.load(open(sys.argv[1]))['ports']['apiserver'])" "$dir/state.json")
base="https://127.0.0.1:$port"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
TABLE='application/json;as=Table;v=v1;g=meta.k8s.io'
req() { # method path [body]
  curl -sS --fail-with-body --cacert "$dir/pki/ca.crt" --cert "$dir/pki/admin.crt" --key "$dir/pki/admin.key" \
    -X "$1" -H 'Content-Type: application/json' ${3:+--data-binary "$3"} "$base$2" >"$out/last" || { cat "$out/last" >&2; echo " ($1 $2)" >&2; return 1; }
}
n=0
capture() { # path
  n=$((n + 1))
  curl -sS --fail-with-body --cacert "$dir/pki/ca.crt" --cert "$dir/pki/admin.crt" --key "$dir/pki/admin.key" \
    -H "Accept: $TABLE" -D "$out/$n.h" -o "$out/$n.json" "$base$1"
  echo "$1" > "$out/$n.path"
}
# A fresh namespace each run (without a controller manager, a deleted namespace never goes away).
ns=printers-$(date +%s)
req POST /api/v1/namespaces "{\"metadata\":{\"name\":\"$ns\"}}"
# Without a controller manager nothing creates the default ServiceAccount that pod admission wants.
req POST "/api/v1/namespaces/$ns/serviceaccounts" '{"metadata":{"name":"default"}}' 2>/dev/null || true
req POST "/api/v1/namespaces/$ns/configmaps" '{"metadata":{"name":"three"},"data":{"a":"1","b":"2","c":"3"}}'
req POST "/api/v1/namespaces/$ns/pods" '{"metadata":{"name":"pending"},"spec":{"containers":[{"name":"app","image":"nginx:1.27"},{"name":"side","image":"busybox"}]}}'
req POST "/api/v1/namespaces/$ns/pods" '{"metadata":{"name":"running"},"spec":{"nodeName":"node-a","containers":[{"name":"app","image":"nginx:1.27"}]}}'
req PUT "/api/v1/namespaces/$ns/pods/running/status" '{"metadata":{"name":"running"},"spec":{"nodeName":"node-a","containers":[{"name":"app","image":"nginx:1.27"}]},"status":{"phase":"Running","podIP":"10.244.0.7","podIPs":[{"ip":"10.244.0.7"}],"conditions":[{"type":"Ready","status":"True"}],"containerStatuses":[{"name":"app","image":"nginx:1.27","imageID":"","ready":true,"restartCount":4,"state":{"running":{"startedAt":"2026-01-01T00:00:00Z"}},"lastState":{"terminated":{"exitCode":1,"reason":"Error","startedAt":"2025-12-31T23:00:00Z","finishedAt":"2025-12-31T23:59:00Z"}}}]}}'
req POST "/api/v1/namespaces/$ns/pods" '{"metadata":{"name":"terminating","finalizers":["example.com/hold"]},"spec":{"containers":[{"name":"app","image":"nginx:1.27"}]}}'
req DELETE "/api/v1/namespaces/$ns/pods/terminating"
req POST "/apis/apps/v1/namespaces/$ns/deployments" '{"metadata":{"name":"web"},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"},{"name":"envoy","image":"envoy:v1"}]}}}}'
req PATCH "/apis/apps/v1/namespaces/$ns/deployments/web/status" '{"status":{"replicas":3,"updatedReplicas":3,"readyReplicas":2,"availableReplicas":2}}' 2>/dev/null || \
  curl -sS --fail-with-body --cacert "$dir/pki/ca.crt" --cert "$dir/pki/admin.crt" --key "$dir/pki/admin.key" -X PATCH -H 'Content-Type: application/merge-patch+json' \
    --data-binary '{"status":{"replicas":3,"updatedReplicas":3,"readyReplicas":2,"availableReplicas":2}}' "$base/apis/apps/v1/namespaces/$ns/deployments/web/status" >/dev/null
req POST "/api/v1/namespaces/$ns/services" '{"metadata":{"name":"web"},"spec":{"type":"NodePort","selector":{"app":"web"},"ports":[{"name":"http","port":80,"targetPort":8080},{"name":"dns","port":53,"protocol":"UDP"}]}}'
req POST /apis/apiextensions.k8s.io/v1/customresourcedefinitions '{"metadata":{"name":"crontabs.stable.example.com"},"spec":{"group":"stable.example.com","scope":"Namespaced","names":{"plural":"crontabs","singular":"crontab","kind":"CronTab","listKind":"CronTabList"},"versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}},"subresources":{"scale":{"specReplicasPath":".spec.replicas","statusReplicasPath":".status.replicas"}},"additionalPrinterColumns":[{"name":"Spec","type":"string","jsonPath":".spec.cronSpec"},{"name":"Replicas","type":"integer","jsonPath":".spec.replicas"},{"name":"Ready","type":"string","jsonPath":".status.conditions[?(@.type==\"Ready\")].status"},{"name":"Hosts","type":"string","priority":1,"jsonPath":".spec.hosts"},{"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp"}]},{"name":"v2","served":true,"storage":false,"schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}' 2>/dev/null || true
for _ in $(seq 1 60); do
  curl -s --cacert "$dir/pki/ca.crt" --cert "$dir/pki/admin.crt" --key "$dir/pki/admin.key" -o /dev/null -w '%{http_code}' "$base/apis/stable.example.com/v1/namespaces/$ns/crontabs" | grep -q 200 && break; sleep 0.5
done
req POST "/apis/stable.example.com/v1/namespaces/$ns/crontabs" '{"apiVersion":"stable.example.com/v1","kind":"CronTab","metadata":{"name":"my-crontab"},"spec":{"cronSpec":"*/5 * * * *","replicas":3,"hosts":["a","b"]},"status":{"conditions":[{"type":"Ready","status":"True"}]}}'
sleep 2

capture "/api/v1/namespaces/$ns?includeObject=Object"
capture "/api/v1/namespaces/$ns/configmaps?includeObject=Object"
capture "/api/v1/namespaces/$ns/pods?includeObject=Object"
capture "/apis/apps/v1/namespaces/$ns/deployments?includeObject=Object"
capture "/apis/apps/v1/namespaces/$ns/deployments/web/scale?includeObject=Object"
capture "/api/v1/namespaces/$ns/services?includeObject=Object"
capture "/apis/stable.example.com/v1/namespaces/$ns/crontabs?includeObject=Object"
capture "/apis/stable.example.com/v2/namespaces/$ns/crontabs?includeObject=Object"
capture "/apis/stable.example.com/v1/namespaces/$ns/crontabs/my-crontab/scale?includeObject=Object"
capture "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/crontabs.stable.example.com?includeObject=Object"
capture "/apis/apiregistration.k8s.io/v1/apiservices?includeObject=Object&limit=3"
capture "/apis/flowcontrol.apiserver.k8s.io/v1/flowschemas?includeObject=Object"
capture "/apis/flowcontrol.apiserver.k8s.io/v1/prioritylevelconfigurations?includeObject=Object"
capture "/apis/rbac.authorization.k8s.io/v1/clusterroles?includeObject=Object&limit=2"

python3 - "$out" "$n" > "$here/real-server.json" <<'PY'
import json, sys, email.utils
out, n = sys.argv[1], int(sys.argv[2])
caps = []
for i in range(1, n + 1):
    headers = open(f"{out}/{i}.h").read().splitlines()
    date = next(h.split(":", 1)[1].strip() for h in headers if h.lower().startswith("date:"))
    now_ms = int(email.utils.parsedate_to_datetime(date).timestamp() * 1000)
    table = json.load(open(f"{out}/{i}.json"))
    for row in table.get("rows", []):
        row.get("object", {}).get("metadata", {}).pop("managedFields", None)
    caps.append({"path": open(f"{out}/{i}.path").read().strip(), "nowMs": now_ms, "table": table})
print("[\n" + ",\n".join(json.dumps(c, separators=(",", ":"), ensure_ascii=False) for c in caps) + "\n]")
PY
(cd "$here/../../.." && npx prettier --write "$here/real-server.json" >/dev/null)
echo "wrote $here/real-server.json ($n tables)"

// Every version the reference cluster is built from, in one place.
//
// The Go wrappers in ./go pin the same versions in their go.mod files; build.ts refuses to build
// when the two disagree, so bumping a version means editing this file AND running
// `go/update-pins.sh` (which rewrites the go.mod/go.sum files).

/** The Kubernetes release kube-apiserver and kube-controller-manager are built from. */
export const KUBERNETES_VERSION = 'v1.35.4';

/**
 * The release date of KUBERNETES_VERSION as the module proxy reports it (`go mod download -json`,
 * the `.info` Time). Used as the reproducible `buildDate` in `/version`.
 */
export const KUBERNETES_BUILD_DATE = '2026-04-15T18:01:22Z';

/**
 * The etcd server version. v3.6.6 is what Kubernetes 1.35 is tested with: hack/lib/etcd.sh has
 * ETCD_VERSION=3.6.6 and kubeadm's DefaultEtcdVersion is 3.6.6-0 (the k8s.io/kubernetes go.mod
 * itself only requires the etcd client libraries at v3.6.5).
 */
export const ETCD_VERSION = 'v3.6.6';

/** The lowest Go that builds both wrappers (the `go` line of k8s.io/kubernetes v1.35.4's go.mod). */
export const MIN_GO_VERSION = '1.25.0';

/** Staging modules (k8s.io/api, …) are published as v0.<minor>.<patch> of the same release. */
export const STAGING_VERSION = KUBERNETES_VERSION.replace(/^v1\./, 'v0.');

/** The cache key: binaries live in ~/.cache/kubeharness/reference-cluster/<key>/bin. */
export const REFERENCE_CLUSTER_VERSION = `${KUBERNETES_VERSION}-etcd${ETCD_VERSION.replace(/^v/, '')}`;

export const GIT_VERSION_MAJOR = KUBERNETES_VERSION.replace(/^v/, '').split('.')[0];
export const GIT_VERSION_MINOR = KUBERNETES_VERSION.replace(/^v/, '').split('.')[1];

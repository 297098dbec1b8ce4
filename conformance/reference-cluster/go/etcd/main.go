// Command etcd is the etcd server used by the kubeharness reference cluster.
//
// It is exactly upstream's go.etcd.io/etcd/server/v3/main.go, in a wrapper
// module: `go install go.etcd.io/etcd/server/v3@vX` refuses to build because
// etcd's own go.mod files carry replace directives (etcd-io/etcd#18501).
// The etcd version is pinned in go.mod (see ../../versions.ts).
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}

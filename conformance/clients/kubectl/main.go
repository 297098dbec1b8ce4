// Command kubectl is the upstream kubectl v1.35.4 (k8s.io/kubectl/pkg/cmd), built from the Go module
// proxy at the version of the reference cluster so the kubectl session does not depend on whatever
// kubectl happens to be installed. Same main as k8s.io/kubernetes/cmd/kubectl.
package main

import (
	"os"

	"k8s.io/component-base/cli"
	"k8s.io/component-base/logs"
	"k8s.io/kubectl/pkg/cmd"
	"k8s.io/kubectl/pkg/cmd/util"

	// Import to initialise client auth plugins.
	_ "k8s.io/client-go/plugin/pkg/client/auth"
)

func main() {
	logs.GlogSetter(cmd.GetLogVerbosity(os.Args)) // nolint:errcheck
	command := cmd.NewDefaultKubectlCommand()
	if err := cli.RunNoErrOutput(command); err != nil {
		util.CheckErr(err)
	}
}

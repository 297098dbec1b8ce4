// Command client-go-conformance drives the real client-go (informers, a workqueue controller, leader
// election, server-side apply, discovery + RESTMapper) against a kube-apiserver and prints one JSON
// line per scenario. Observations are normalised (no uids, resourceVersions or timestamps) so that the
// output of two targets (the fake and the reference cluster) can be compared for equality.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime/debug"
	"strings"
	"time"
)

// Result is one output line.
type Result struct {
	Scenario     string         `json:"scenario"`
	OK           bool           `json:"ok"`
	Observations map[string]any `json:"observations"`
	Error        string         `json:"error,omitempty"`
	DurationMs   int64          `json:"durationMs"`
}

type scenarioFunc func(ctx context.Context, env *Env, obs map[string]any) error

type scenario struct {
	name string
	run  scenarioFunc
	// subprocess scenarios are run in a child process with extra environment (client-go reads its
	// feature gates from KUBE_FEATURE_* once per process).
	childEnv []string
	childArg string
}

func scenarios() []scenario {
	return []scenario{
		{name: "informers/watchlist=on", childEnv: []string{"KUBE_FEATURE_WatchListClient=true"}, childArg: "informers"},
		{name: "informers/watchlist=off", childEnv: []string{"KUBE_FEATURE_WatchListClient=false"}, childArg: "informers"},
		{name: "informers", run: runInformers},
		{name: "workqueue-controller", run: runController},
		{name: "leader-election", run: runLeaderElection},
		{name: "ssa-typed", run: runSSATyped},
		{name: "ssa-dynamic", run: runSSADynamic},
		{name: "discovery-restmapper", run: runDiscovery},
	}
}

func main() {
	kubeconfig := flag.String("kubeconfig", os.Getenv("KUBECONFIG"), "path to the kubeconfig of the target")
	namespace := flag.String("namespace", "", "base name of the fresh namespaces to create (default: kh-cg-<random>)")
	only := flag.String("scenarios", "", "comma-separated scenario names (default: all but the in-process 'informers')")
	timeout := flag.Duration("timeout", 45*time.Second, "deadline per scenario")
	child := flag.String("child", "", "internal: run one scenario in this process under the given output name")
	keep := flag.Bool("keep", false, "do not delete the namespaces")
	flag.Parse()
	if *kubeconfig == "" {
		fmt.Fprintln(os.Stderr, "--kubeconfig is required")
		os.Exit(2)
	}
	base := *namespace
	if base == "" {
		base = fmt.Sprintf("kh-cg-%d", time.Now().UnixNano()%1000000)
	}
	out := json.NewEncoder(os.Stdout)
	env, err := newEnv(*kubeconfig, base, *keep)
	if err != nil {
		fmt.Fprintln(os.Stderr, "client setup:", err)
		os.Exit(2)
	}

	if *child != "" {
		for _, s := range scenarios() {
			if s.name == *child && s.run != nil {
				_ = out.Encode(runOne(env, *child, s.run, *timeout))
				return
			}
		}
		fmt.Fprintln(os.Stderr, "unknown child scenario", *child)
		os.Exit(2)
	}

	selected := map[string]bool{}
	for _, n := range strings.Split(*only, ",") {
		if n = strings.TrimSpace(n); n != "" {
			selected[n] = true
		}
	}
	failed := false
	for _, s := range scenarios() {
		if len(selected) > 0 && !selected[s.name] {
			continue
		}
		if len(selected) == 0 && s.name == "informers" {
			continue // covered by the two subprocess variants
		}
		var r Result
		if s.childArg != "" {
			r = runChild(s, *kubeconfig, base, *timeout, *keep)
		} else {
			r = runOne(env, s.name, s.run, *timeout)
		}
		failed = failed || !r.OK
		_ = out.Encode(r)
	}
	if failed {
		os.Exit(1)
	}
}

func runOne(env *Env, name string, fn scenarioFunc, timeout time.Duration) (r Result) {
	r = Result{Scenario: name, Observations: map[string]any{}}
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	done := make(chan error, 1)
	senv := env.forScenario(name)
	defer func() { r.Observations = redact(r.Observations, senv.Namespace) }()
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- fmt.Errorf("panic: %v\n%s", p, debug.Stack())
			}
		}()
		done <- fn(ctx, senv, r.Observations)
	}()
	var err error
	select {
	case err = <-done:
	case <-time.After(timeout + 10*time.Second):
		err = fmt.Errorf("scenario did not return within %s", timeout+10*time.Second)
		r.Observations = map[string]any{"timedOut": true} // the scenario goroutine still owns the old map
	}
	r.DurationMs = time.Since(start).Milliseconds()
	if err != nil {
		r.Error = err.Error()
		return r
	}
	r.OK = true
	return r
}

// redact replaces the scenario namespace (which also names the CRD group) with a placeholder.
func redact(obs map[string]any, ns string) map[string]any {
	raw, err := json.Marshal(obs)
	if err != nil {
		return map[string]any{"marshalError": err.Error()}
	}
	raw = []byte(strings.ReplaceAll(string(raw), ns, "NAMESPACE"))
	out := map[string]any{}
	_ = json.Unmarshal(raw, &out)
	return out
}

func runChild(s scenario, kubeconfig, base string, timeout time.Duration, keep bool) Result {
	r := Result{Scenario: s.name, Observations: map[string]any{}}
	self, err := os.Executable()
	if err != nil {
		r.Error = err.Error()
		return r
	}
	suffix := "wl0"
	if strings.HasSuffix(s.name, "=on") {
		suffix = "wl1"
	}
	args := []string{"--kubeconfig", kubeconfig, "--namespace", base + "-" + suffix, "--timeout", timeout.String(), "--child", s.childArg}
	if keep {
		args = append(args, "--keep")
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout+20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, self, args...)
	cmd.Env = append(os.Environ(), s.childEnv...)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		r.Error = err.Error()
		return r
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		r.Error = err.Error()
		return r
	}
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	got := false
	for sc.Scan() {
		var cr Result
		if json.Unmarshal(sc.Bytes(), &cr) == nil && cr.Scenario != "" {
			r = cr
			got = true
		}
	}
	werr := cmd.Wait()
	r.Scenario = s.name
	r.DurationMs = time.Since(start).Milliseconds()
	if !got {
		r.OK = false
		r.Error = fmt.Sprintf("child process printed no result (%v)", werr)
	}
	return r
}

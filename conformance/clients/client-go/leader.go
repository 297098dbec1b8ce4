package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/tools/leaderelection"
	"k8s.io/client-go/tools/leaderelection/resourcelock"
)

type candidate struct {
	id      string
	cancel  context.CancelFunc
	done    chan struct{}
	started chan struct{}
	stopped chan struct{}
}

// runLeaderElection: two candidates compete for a Lease; exactly one leads; when the leader releases
// the lease (ReleaseOnCancel) the other takes over.
func runLeaderElection(ctx context.Context, env *Env, obs map[string]any) error {
	return env.withNamespace(ctx, func() error {
		const leaseName = "kh-leader"
		var mu sync.Mutex
		leading := map[string]bool{}
		maxConcurrent := 0
		var order []string
		newLeaderSeen := map[string][]string{}

		start := func(id string) (*candidate, error) {
			c := &candidate{id: id, done: make(chan struct{}), started: make(chan struct{}), stopped: make(chan struct{})}
			cctx, cancel := context.WithCancel(ctx)
			c.cancel = cancel
			lock := &resourcelock.LeaseLock{
				LeaseMeta:  metav1.ObjectMeta{Name: leaseName, Namespace: env.Namespace},
				Client:     env.client.CoordinationV1(),
				LockConfig: resourcelock.ResourceLockConfig{Identity: id},
			}
			le, err := leaderelection.NewLeaderElector(leaderelection.LeaderElectionConfig{
				Lock:            lock,
				LeaseDuration:   4 * time.Second,
				RenewDeadline:   3 * time.Second,
				RetryPeriod:     250 * time.Millisecond,
				ReleaseOnCancel: true,
				Name:            "kh-conformance",
				Callbacks: leaderelection.LeaderCallbacks{
					OnStartedLeading: func(context.Context) {
						mu.Lock()
						leading[id] = true
						n := 0
						for _, v := range leading {
							if v {
								n++
							}
						}
						if n > maxConcurrent {
							maxConcurrent = n
						}
						order = append(order, id)
						mu.Unlock()
						close(c.started)
					},
					OnStoppedLeading: func() {
						mu.Lock()
						leading[id] = false
						mu.Unlock()
						close(c.stopped)
					},
					OnNewLeader: func(identity string) {
						mu.Lock()
						l := newLeaderSeen[id]
						if identity == "" {
							mu.Unlock()
							return
						}
						if len(l) == 0 || l[len(l)-1] != identity {
							newLeaderSeen[id] = append(l, identity)
						}
						mu.Unlock()
					},
				},
			})
			if err != nil {
				cancel()
				return nil, err
			}
			go func() {
				defer close(c.done)
				le.Run(cctx)
			}()
			return c, nil
		}
		waitCh := func(ch chan struct{}, d time.Duration) bool {
			select {
			case <-ch:
				return true
			case <-time.After(d):
				return false
			case <-ctx.Done():
				return false
			}
		}
		leaseState := func() (map[string]any, error) {
			l, err := env.client.CoordinationV1().Leases(env.Namespace).Get(ctx, leaseName, metav1.GetOptions{})
			if err != nil {
				return nil, err
			}
			out := map[string]any{}
			if l.Spec.HolderIdentity != nil {
				out["holderIdentity"] = *l.Spec.HolderIdentity
			}
			if l.Spec.LeaseDurationSeconds != nil {
				out["leaseDurationSeconds"] = *l.Spec.LeaseDurationSeconds
			}
			if l.Spec.LeaseTransitions != nil {
				out["leaseTransitions"] = *l.Spec.LeaseTransitions
			}
			out["hasAcquireTime"] = l.Spec.AcquireTime != nil
			out["hasRenewTime"] = l.Spec.RenewTime != nil
			return out, nil
		}

		a, err := start("candidate-a")
		if err != nil {
			return err
		}
		defer a.cancel()
		if !waitCh(a.started, 15*time.Second) {
			return fmt.Errorf("candidate-a never became leader")
		}
		if obs["leaseAfterA"], err = leaseState(); err != nil {
			return err
		}
		b, err := start("candidate-b")
		if err != nil {
			return err
		}
		defer b.cancel()
		// b must not lead while a renews.
		bLedEarly := waitCh(b.started, 2*time.Second)
		obs["secondCandidateLedWhileFirstRenewed"] = bLedEarly
		a.cancel() // releases the lease
		aStopped := waitCh(a.stopped, 10*time.Second) && waitCh(a.done, 10*time.Second)
		obs["firstStoppedLeading"] = aStopped
		tookOver := waitCh(b.started, 15*time.Second)
		obs["secondTookOver"] = tookOver
		if obs["leaseAfterB"], err = leaseState(); err != nil {
			return err
		}
		b.cancel()
		waitCh(b.done, 10*time.Second)
		if obs["leaseAfterRelease"], err = leaseState(); err != nil {
			return err
		}
		mu.Lock()
		obs["leaderOrder"] = order
		obs["maxConcurrentLeaders"] = maxConcurrent
		obs["leadersSeenByB"] = newLeaderSeen["candidate-b"]
		mu.Unlock()
		if bLedEarly || !aStopped || !tookOver || maxConcurrent != 1 {
			return fmt.Errorf("leader election misbehaved: %v", obs)
		}
		return nil
	})
}

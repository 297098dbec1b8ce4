package main

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	clientfeatures "k8s.io/client-go/features"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/tools/cache"
)

type eventCounter struct {
	mu                    sync.Mutex
	adds, updates, delets map[string]int
	initialAdds           int
}

func newCounter() *eventCounter {
	return &eventCounter{adds: map[string]int{}, updates: map[string]int{}, delets: map[string]int{}}
}

func (c *eventCounter) handler() cache.ResourceEventHandler {
	name := func(o any) string {
		if d, ok := o.(cache.DeletedFinalStateUnknown); ok {
			o = d.Obj
		}
		if m, ok := o.(metav1.Object); ok {
			return m.GetName()
		}
		return "?"
	}
	return cache.ResourceEventHandlerDetailedFuncs{
		AddFunc: func(o any, isInInitialList bool) {
			c.mu.Lock()
			defer c.mu.Unlock()
			c.adds[name(o)]++
			if isInInitialList {
				c.initialAdds++
			}
		},
		UpdateFunc: func(oldObj, newObj any) {
			// Skip no-op updates (resyncs); none are expected since the resync period is 0.
			if oldObj.(metav1.Object).GetResourceVersion() == newObj.(metav1.Object).GetResourceVersion() {
				return
			}
			c.mu.Lock()
			defer c.mu.Unlock()
			c.updates[name(newObj)]++
		},
		DeleteFunc: func(o any) {
			c.mu.Lock()
			defer c.mu.Unlock()
			c.delets[name(o)]++
		},
	}
}

func (c *eventCounter) summary() map[string]any {
	c.mu.Lock()
	defer c.mu.Unlock()
	sum := func(m map[string]int) int {
		n := 0
		for _, v := range m {
			n += v
		}
		return n
	}
	return map[string]any{
		"adds": sum(c.adds), "updates": sum(c.updates), "deletes": sum(c.delets),
		"initialListAdds": c.initialAdds,
		"addedNames":      sortedKeys(c.adds), "updatedNames": sortedKeys(c.updates), "deletedNames": sortedKeys(c.delets),
	}
}

const scenarioLabel = "kubeharness.io/scenario"

// runInformers: objects are created before the informers start (the initial list) and while they
// run; the listers must converge and the handlers must see each event once.
func runInformers(ctx context.Context, env *Env, obs map[string]any) error {
	watchList := clientfeatures.FeatureGates().Enabled(clientfeatures.WatchListClient)
	obs["watchListClientGate"] = watchList
	return env.withNamespace(ctx, func() error {
		ns := env.Namespace
		sel := map[string]string{scenarioLabel: "informers"}
		cms := env.client.CoreV1().ConfigMaps(ns)
		mkCM := func(name string) error {
			_, err := cms.Create(ctx, &corev1.ConfigMap{
				ObjectMeta: metav1.ObjectMeta{Name: name, Labels: sel},
				Data:       map[string]string{"v": "0"},
			}, metav1.CreateOptions{})
			return err
		}
		const beforeCM, beforePods = 6, 3
		for i := 0; i < beforeCM; i++ {
			if err := mkCM(fmt.Sprintf("cm-before-%d", i)); err != nil {
				return err
			}
		}
		for i := 0; i < beforePods; i++ {
			if err := env.createPod(ctx, fmt.Sprintf("pod-before-%d", i), sel); err != nil {
				return err
			}
		}
		startIdx := len(env.requests.snapshot())

		factory := informers.NewSharedInformerFactoryWithOptions(env.client, 0,
			informers.WithNamespace(ns),
			informers.WithTweakListOptions(func(o *metav1.ListOptions) {
				o.LabelSelector = labels.SelectorFromSet(sel).String()
			}))
		cmInf := factory.Core().V1().ConfigMaps()
		podInf := factory.Core().V1().Pods()
		cmCount, podCount := newCounter(), newCounter()
		cmReg, err := cmInf.Informer().AddEventHandler(cmCount.handler())
		if err != nil {
			return err
		}
		podReg, err := podInf.Informer().AddEventHandler(podCount.handler())
		if err != nil {
			return err
		}
		stop := make(chan struct{})
		defer func() {
			close(stop)
			factory.Shutdown()
		}()
		factory.Start(stop)
		synced := factory.WaitForCacheSync(ctx.Done())
		for t, ok := range synced {
			if !ok {
				return fmt.Errorf("informer %v did not sync", t)
			}
		}
		if !cache.WaitForCacheSync(ctx.Done(), cmReg.HasSynced, podReg.HasSynced) {
			return fmt.Errorf("handlers did not sync")
		}
		// Right after sync, the handlers have seen exactly the initial list.
		cmAtSync, podAtSync := cmCount.summary(), podCount.summary()
		listed, _ := cmInf.Lister().ConfigMaps(ns).List(labels.Everything())
		obs["configmapsAtSync"] = map[string]any{"lister": len(listed), "initialListAdds": cmAtSync["initialListAdds"], "adds": cmAtSync["adds"]}
		listedPods, _ := podInf.Lister().Pods(ns).List(labels.Everything())
		obs["podsAtSync"] = map[string]any{"lister": len(listedPods), "initialListAdds": podAtSync["initialListAdds"], "adds": podAtSync["adds"]}

		// Changes while running.
		const duringCM = 4
		for i := 0; i < duringCM; i++ {
			if err := mkCM(fmt.Sprintf("cm-during-%d", i)); err != nil {
				return err
			}
		}
		if err := env.createPod(ctx, "pod-during-0", sel); err != nil {
			return err
		}
		for _, n := range []string{"cm-before-0", "cm-during-0"} {
			cm, err := cms.Get(ctx, n, metav1.GetOptions{})
			if err != nil {
				return err
			}
			cm.Data["v"] = "1"
			if _, err := cms.Update(ctx, cm, metav1.UpdateOptions{}); err != nil {
				return err
			}
		}
		if err := cms.Delete(ctx, "cm-before-1", metav1.DeleteOptions{}); err != nil {
			return err
		}
		if err := env.client.CoreV1().Pods(ns).Delete(ctx, "pod-before-1", metav1.DeleteOptions{GracePeriodSeconds: ptr[int64](0)}); err != nil {
			return err
		}
		// An object without the label must not show up.
		if _, err := cms.Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "unlabelled"}}, metav1.CreateOptions{}); err != nil {
			return err
		}

		wantCM := []string{"cm-before-0", "cm-before-2", "cm-before-3", "cm-before-4", "cm-before-5", "cm-during-0", "cm-during-1", "cm-during-2", "cm-during-3"}
		wantPods := []string{"pod-before-0", "pod-before-2", "pod-during-0"}
		listerNames := func() ([]string, []string) {
			c, _ := cmInf.Lister().ConfigMaps(ns).List(labels.Everything())
			p, _ := podInf.Lister().Pods(ns).List(labels.Everything())
			var cn, pn []string
			for _, o := range c {
				cn = append(cn, o.Name)
			}
			for _, o := range p {
				pn = append(pn, o.Name)
			}
			sort.Strings(cn)
			sort.Strings(pn)
			return cn, pn
		}
		var gotCM, gotPods []string
		err = poll(ctx, 20*time.Second, func(context.Context) (bool, error) {
			gotCM, gotPods = listerNames()
			cmS, podS := cmCount.summary(), podCount.summary()
			return reflect.DeepEqual(gotCM, wantCM) && reflect.DeepEqual(gotPods, wantPods) &&
				cmS["updates"] == 2 && cmS["deletes"] == 1 && podS["deletes"] == 1, nil
		})
		// Give stray events a moment to arrive before taking the final counts.
		time.Sleep(300 * time.Millisecond)
		gotCM, gotPods = listerNames()
		obs["configmapLister"] = gotCM
		obs["podLister"] = gotPods
		cmFinal := cmCount.summary()
		obs["configmapEvents"] = cmFinal
		podFinal := podCount.summary()
		delete(podFinal, "updatedNames")
		delete(podFinal, "updates") // pod status updates depend on the controllers; not compared
		obs["podEvents"] = podFinal
		obs["requests"] = summariseInformerRequests(env.requests.snapshot()[startIdx:], ns)
		if err != nil {
			return fmt.Errorf("listers did not converge: configmaps %v (want %v), pods %v (want %v), cm events %v, pod events %v",
				gotCM, wantCM, gotPods, wantPods, cmFinal, podFinal)
		}
		if cmAtSync["initialListAdds"] != beforeCM || podAtSync["initialListAdds"] != beforePods {
			return fmt.Errorf("initial list incomplete: configmaps %v, pods %v", cmAtSync, podAtSync)
		}
		return nil
	})
}

// summariseInformerRequests tells how the reflectors listed: plain LIST, WATCH, or a streaming list
// (a WATCH with sendInitialEvents=true).
func summariseInformerRequests(reqs []requestEntry, ns string) map[string]any {
	out := map[string]any{}
	for _, r := range reqs {
		var res string
		switch {
		case strings.HasSuffix(r.Path, "/namespaces/"+ns+"/configmaps"):
			res = "configmaps"
		case strings.HasSuffix(r.Path, "/namespaces/"+ns+"/pods"):
			res = "pods"
		default:
			continue
		}
		if r.Method != "GET" {
			continue
		}
		kind := "list"
		if strings.Contains(r.Query, "watch=true") || strings.Contains(r.Query, "watch=1") {
			kind = "watch"
			if strings.Contains(r.Query, "sendInitialEvents=true") {
				kind = "streamingList"
			}
		}
		m, _ := out[res].(map[string]bool)
		if m == nil {
			m = map[string]bool{}
			out[res] = m
		}
		m[kind] = true
	}
	return out
}

package main

import (
	"context"
	"fmt"
	"reflect"
	"sync/atomic"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/workqueue"
)

const mirrorLabel = "mirror"
const managedBy = "kubeharness.io/mirrored-from"

// runController: a workqueue-driven controller mirrors ConfigMaps labelled mirror=yes into Secrets
// (same name and data) and removes the Secret when the ConfigMap goes away or loses the label.
func runController(ctx context.Context, env *Env, obs map[string]any) error {
	return env.withNamespace(ctx, func() error {
		ns := env.Namespace
		cms := env.client.CoreV1().ConfigMaps(ns)
		secrets := env.client.CoreV1().Secrets(ns)
		mk := func(name, mirror string, data map[string]string) error {
			l := map[string]string{}
			if mirror != "" {
				l[mirrorLabel] = mirror
			}
			_, err := cms.Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: l}, Data: data}, metav1.CreateOptions{})
			return err
		}
		for i, n := range []string{"a", "b", "c"} {
			if err := mk(n, "yes", map[string]string{"k": fmt.Sprint(i)}); err != nil {
				return err
			}
		}
		if err := mk("n", "no", map[string]string{"k": "n"}); err != nil {
			return err
		}

		factory := informers.NewSharedInformerFactoryWithOptions(env.client, 0, informers.WithNamespace(ns))
		cmInf := factory.Core().V1().ConfigMaps()
		secInf := factory.Core().V1().Secrets()
		queue := workqueue.NewTypedRateLimitingQueueWithConfig(
			workqueue.DefaultTypedControllerRateLimiter[string](),
			workqueue.TypedRateLimitingQueueConfig[string]{Name: "mirror"})
		enqueue := func(o any) {
			if key, err := cache.DeletionHandlingMetaNamespaceKeyFunc(o); err == nil {
				queue.Add(key)
			}
		}
		if _, err := cmInf.Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
			AddFunc: enqueue, UpdateFunc: func(_, n any) { enqueue(n) }, DeleteFunc: enqueue,
		}); err != nil {
			return err
		}
		// Secrets we own: resync their ConfigMap when they change behind our back.
		if _, err := secInf.Informer().AddEventHandler(cache.FilteringResourceEventHandler{
			FilterFunc: func(o any) bool {
				m, ok := o.(metav1.Object)
				return ok && m.GetLabels()[managedBy] != ""
			},
			Handler: cache.ResourceEventHandlerFuncs{
				AddFunc: enqueue, UpdateFunc: func(_, n any) { enqueue(n) }, DeleteFunc: enqueue,
			},
		}); err != nil {
			return err
		}
		var reconciles, writes, conflicts atomic.Int64
		reconcile := func(key string) error {
			reconciles.Add(1)
			nsName, name, _ := cache.SplitMetaNamespaceKey(key)
			cm, err := cmInf.Lister().ConfigMaps(nsName).Get(name)
			if err != nil && !apierrors.IsNotFound(err) {
				return err
			}
			want := cm != nil && err == nil && cm.Labels[mirrorLabel] == "yes"
			sec, serr := secInf.Lister().Secrets(nsName).Get(name)
			if serr != nil && !apierrors.IsNotFound(serr) {
				return serr
			}
			have := serr == nil
			switch {
			case !want && have:
				if sec.Labels[managedBy] == "" {
					return nil
				}
				writes.Add(1)
				err := secrets.Delete(ctx, name, metav1.DeleteOptions{})
				if apierrors.IsNotFound(err) {
					return nil
				}
				return err
			case want && !have:
				writes.Add(1)
				s := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{managedBy: name}}, Type: corev1.SecretTypeOpaque, Data: toBytes(cm.Data)}
				_, err := secrets.Create(ctx, s, metav1.CreateOptions{})
				if apierrors.IsAlreadyExists(err) {
					conflicts.Add(1)
				}
				return err
			case want && have:
				if reflect.DeepEqual(sec.Data, toBytes(cm.Data)) {
					return nil
				}
				s := sec.DeepCopy()
				s.Data = toBytes(cm.Data)
				writes.Add(1)
				_, err := secrets.Update(ctx, s, metav1.UpdateOptions{})
				if apierrors.IsConflict(err) {
					conflicts.Add(1)
				}
				return err
			}
			return nil
		}
		worker := func() {
			for {
				key, shutdown := queue.Get()
				if shutdown {
					return
				}
				if err := reconcile(key); err != nil {
					queue.AddRateLimited(key)
				} else {
					queue.Forget(key)
				}
				queue.Done(key)
			}
		}
		stop := make(chan struct{})
		defer func() {
			queue.ShutDown()
			close(stop)
			factory.Shutdown()
		}()
		factory.Start(stop)
		factory.WaitForCacheSync(ctx.Done())
		for i := 0; i < 2; i++ {
			go worker()
		}

		state := func() map[string]map[string]string {
			out := map[string]map[string]string{}
			list, err := secrets.List(ctx, metav1.ListOptions{LabelSelector: managedBy})
			if err != nil {
				return nil
			}
			for _, s := range list.Items {
				m := map[string]string{}
				for k, v := range s.Data {
					m[k] = string(v)
				}
				out[s.Name] = m
			}
			return out
		}
		converge := func(phase string, want map[string]map[string]string) error {
			var got map[string]map[string]string
			err := poll(ctx, 15*time.Second, func(context.Context) (bool, error) {
				got = state()
				return reflect.DeepEqual(got, want) && queue.Len() == 0, nil
			})
			obs[phase] = got
			if err != nil {
				return fmt.Errorf("%s: secrets did not converge: got %v, want %v", phase, got, want)
			}
			return nil
		}
		if err := converge("initial", map[string]map[string]string{"a": {"k": "0"}, "b": {"k": "1"}, "c": {"k": "2"}}); err != nil {
			return err
		}
		// Changes: a new mirrored map, a data change, a label removed, a delete, a label added, and a
		// mirrored Secret deleted behind the controller's back.
		if err := mk("d", "yes", map[string]string{"k": "3"}); err != nil {
			return err
		}
		if err := patchCM(ctx, env, "a", `{"data":{"k":"changed","extra":"x"}}`); err != nil {
			return err
		}
		if err := patchCM(ctx, env, "b", `{"metadata":{"labels":{"mirror":null}}}`); err != nil {
			return err
		}
		if err := cms.Delete(ctx, "c", metav1.DeleteOptions{}); err != nil {
			return err
		}
		if err := patchCM(ctx, env, "n", `{"metadata":{"labels":{"mirror":"yes"}}}`); err != nil {
			return err
		}
		if err := converge("afterChanges", map[string]map[string]string{"a": {"k": "changed", "extra": "x"}, "d": {"k": "3"}, "n": {"k": "n"}}); err != nil {
			return err
		}
		if err := secrets.Delete(ctx, "d", metav1.DeleteOptions{}); err != nil {
			return err
		}
		if err := converge("afterSecretDeleted", map[string]map[string]string{"a": {"k": "changed", "extra": "x"}, "d": {"k": "3"}, "n": {"k": "n"}}); err != nil {
			return err
		}
		remaining, _ := cmInf.Lister().ConfigMaps(ns).List(labels.SelectorFromSet(map[string]string{mirrorLabel: "yes"}))
		obs["mirroredConfigMaps"] = len(remaining)
		return nil
	})
}

func patchCM(ctx context.Context, env *Env, name, patch string) error {
	_, err := env.client.CoreV1().ConfigMaps(env.Namespace).Patch(ctx, name, "application/merge-patch+json", []byte(patch), metav1.PatchOptions{})
	return err
}

func toBytes(m map[string]string) map[string][]byte {
	out := map[string][]byte{}
	for k, v := range m {
		out[k] = []byte(v)
	}
	return out
}

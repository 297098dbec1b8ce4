package main

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
)

// Env holds the clients of one scenario. Each scenario works in its own fresh namespace.
type Env struct {
	config    *rest.Config
	client    kubernetes.Interface
	dynamic   dynamic.Interface
	base      string
	Namespace string
	keep      bool
	requests  *requestLog
}

// requestLog records the requests the clients send (to tell a streaming list from list+watch).
type requestLog struct {
	mu      sync.Mutex
	entries []requestEntry
}

type requestEntry struct {
	Method, Path, Query string
}

func (l *requestLog) add(r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, requestEntry{r.Method, r.URL.Path, r.URL.RawQuery})
}

func (l *requestLog) snapshot() []requestEntry {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]requestEntry(nil), l.entries...)
}

type roundTripperFunc func(*http.Request) (*http.Response, error)

func (f roundTripperFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func newEnv(kubeconfig, base string, keep bool) (*Env, error) {
	cfg, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		return nil, err
	}
	cfg.QPS = 200
	cfg.Burst = 400
	cfg.UserAgent = "kubeharness-client-go-conformance"
	log := &requestLog{}
	cfg.WrapTransport = func(rt http.RoundTripper) http.RoundTripper {
		return roundTripperFunc(func(r *http.Request) (*http.Response, error) {
			log.add(r)
			return rt.RoundTrip(r)
		})
	}
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return nil, err
	}
	dyn, err := dynamic.NewForConfig(cfg)
	if err != nil {
		return nil, err
	}
	return &Env{config: cfg, client: cs, dynamic: dyn, base: base, keep: keep, requests: log}, nil
}

var nonName = regexp.MustCompile(`[^a-z0-9-]+`)

func (e *Env) forScenario(name string) *Env {
	c := *e
	slug := strings.Trim(nonName.ReplaceAllString(strings.ToLower(name), "-"), "-")
	ns := e.base + "-" + slug
	if len(ns) > 63 {
		ns = strings.TrimRight(ns[:63], "-")
	}
	c.Namespace = ns
	return &c
}

// withNamespace creates the scenario namespace, runs fn and deletes the namespace (without waiting).
func (e *Env) withNamespace(ctx context.Context, fn func() error) error {
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: e.Namespace, Labels: map[string]string{"kubeharness.io/conformance": "client-go"}}}
	if _, err := e.client.CoreV1().Namespaces().Create(ctx, ns, metav1.CreateOptions{}); err != nil {
		return fmt.Errorf("create namespace %s: %w", e.Namespace, err)
	}
	defer func() {
		if e.keep {
			return
		}
		dctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = e.client.CoreV1().Namespaces().Delete(dctx, e.Namespace, metav1.DeleteOptions{})
	}()
	return fn()
}

// poll calls cond every 50ms until it returns true, an error, or ctx/limit expires.
func poll(ctx context.Context, limit time.Duration, cond func(ctx context.Context) (bool, error)) error {
	return wait.PollUntilContextTimeout(ctx, 50*time.Millisecond, limit, true, cond)
}

// createPod creates a minimal pod, retrying while the namespace's default ServiceAccount does not
// exist yet (the real ServiceAccount admission plugin rejects pods until the controller made it).
func (e *Env) createPod(ctx context.Context, name string, labels map[string]string) error {
	pod := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: e.Namespace, Labels: labels},
		Spec: corev1.PodSpec{
			AutomountServiceAccountToken: ptr(false),
			Containers:                   []corev1.Container{{Name: "c", Image: "registry.k8s.io/pause:3.10"}},
		},
	}
	var last error
	err := poll(ctx, 20*time.Second, func(ctx context.Context) (bool, error) {
		_, last = e.client.CoreV1().Pods(e.Namespace).Create(ctx, pod, metav1.CreateOptions{})
		if last == nil {
			return true, nil
		}
		if apierrors.IsForbidden(last) || apierrors.IsServerTimeout(last) {
			return false, nil
		}
		return false, last
	})
	if err != nil && last != nil {
		return fmt.Errorf("create pod %s: %w", name, last)
	}
	return err
}

func ptr[T any](v T) *T { return &v }

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// statusOf summarises an API error without volatile parts.
func statusOf(err error) map[string]any {
	if err == nil {
		return nil
	}
	out := map[string]any{"reason": string(apierrors.ReasonForError(err))}
	if s, ok := err.(apierrors.APIStatus); ok {
		st := s.Status()
		out["code"] = st.Code
		out["message"] = st.Message
		if st.Details != nil {
			causes := []map[string]string{}
			for _, c := range st.Details.Causes {
				causes = append(causes, map[string]string{"type": string(c.Type), "field": c.Field, "message": c.Message})
			}
			out["causes"] = causes
		}
	} else {
		out["error"] = err.Error()
	}
	return out
}

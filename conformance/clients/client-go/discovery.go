package main

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/restmapper"
)

var crdGVR = schema.GroupVersionResource{Group: "apiextensions.k8s.io", Version: "v1", Resource: "customresourcedefinitions"}

func mappingSummary(m *meta.RESTMapping, err error) map[string]any {
	if err != nil {
		return map[string]any{"error": errKind(err)}
	}
	return map[string]any{"resource": m.Resource.String(), "kind": m.GroupVersionKind.String(), "scope": string(m.Scope.Name())}
}

func errKind(err error) string {
	switch {
	case meta.IsNoMatchError(err):
		return "NoMatch"
	case meta.IsAmbiguousError(err):
		return "Ambiguous"
	case apierrors.IsNotFound(err):
		return "NotFound"
	default:
		return "Other: " + err.Error()
	}
}

// runDiscovery: the discovery client with the memory cache and a deferred RESTMapper (with the
// shortcut expander) map kinds and resources, including a CRD created during the run.
func runDiscovery(ctx context.Context, env *Env, obs map[string]any) error {
	return env.withNamespace(ctx, func() error {
		dc, err := discovery.NewDiscoveryClientForConfig(env.config)
		if err != nil {
			return err
		}
		cached := memory.NewMemCacheClient(dc)
		mapper := restmapper.NewDeferredDiscoveryRESTMapper(cached)
		expander := restmapper.NewShortcutExpander(mapper, cached, func(string) {})

		v, err := cached.ServerVersion()
		if err != nil {
			return err
		}
		obs["serverVersion"] = map[string]string{"major": v.Major, "minor": v.Minor, "gitVersion": v.GitVersion}

		groups, err := cached.ServerGroups()
		if err != nil {
			return err
		}
		preferred := map[string]string{}
		for _, g := range groups.Groups {
			if g.Name == "" || isCoreGroup(g.Name) {
				preferred[g.Name] = g.PreferredVersion.Version
			}
		}
		obs["preferredVersions"] = preferred

		// Resources of a few well known group versions: names, kinds, verbs, short names.
		resSummary := map[string]any{}
		for _, gv := range []string{"v1", "apps/v1", "coordination.k8s.io/v1"} {
			list, err := cached.ServerResourcesForGroupVersion(gv)
			if err != nil {
				return fmt.Errorf("resources for %s: %w", gv, err)
			}
			rs := map[string]any{}
			for _, r := range list.APIResources {
				if !interestingResource(r.Name) {
					continue
				}
				verbs := append([]string(nil), r.Verbs...)
				sort.Strings(verbs)
				rs[r.Name] = map[string]any{"kind": r.Kind, "namespaced": r.Namespaced, "verbs": verbs, "shortNames": r.ShortNames, "singularName": r.SingularName, "categories": r.Categories}
			}
			resSummary[gv] = rs
		}
		obs["resources"] = resSummary

		mappings := map[string]any{}
		kinds := []schema.GroupKind{{Group: "apps", Kind: "Deployment"}, {Kind: "ConfigMap"}, {Group: "coordination.k8s.io", Kind: "Lease"}, {Kind: "Namespace"}, {Group: "rbac.authorization.k8s.io", Kind: "ClusterRole"}}
		for _, gk := range kinds {
			mappings["kind:"+gk.String()] = mappingSummary(mapper.RESTMapping(gk))
		}
		for _, r := range []string{"deploy", "cm", "configmaps", "leases", "deployments.apps", "po", "ns"} {
			gvr, err := expander.ResourceFor(schema.ParseGroupResource(r).WithVersion(""))
			if err != nil {
				mappings["resource:"+r] = map[string]any{"error": errKind(err)}
				continue
			}
			gvk, err := expander.KindFor(gvr)
			mappings["resource:"+r] = map[string]any{"resource": gvr.String(), "kind": gvk.String(), "error": errString(err)}
		}
		obs["mappings"] = mappings

		// A CRD (cluster-scoped and unique per run: its group carries the namespace name).
		group := env.Namespace + ".kubeharness.example.com"
		crdName := "widgets." + group
		widgetGK := schema.GroupKind{Group: group, Kind: "Widget"}
		_, beforeErr := mapper.RESTMapping(widgetGK)
		obs["widgetBeforeCRD"] = errKind(beforeErr)
		crd := &unstructured.Unstructured{Object: map[string]any{
			"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
			"metadata": map[string]any{"name": crdName},
			"spec": map[string]any{
				"group": group, "scope": "Namespaced",
				"names": map[string]any{"plural": "widgets", "singular": "widget", "kind": "Widget", "listKind": "WidgetList", "shortNames": []any{"wdg"}, "categories": []any{"kh"}},
				"versions": []any{map[string]any{
					"name": "v1", "served": true, "storage": true,
					"subresources": map[string]any{"status": map[string]any{}},
					"schema": map[string]any{"openAPIV3Schema": map[string]any{
						"type": "object",
						"properties": map[string]any{
							"spec":   map[string]any{"type": "object", "properties": map[string]any{"size": map[string]any{"type": "integer"}}},
							"status": map[string]any{"type": "object", "x-kubernetes-preserve-unknown-fields": true},
						},
					}},
				}},
			},
		}}
		crds := env.dynamic.Resource(crdGVR)
		if _, err := crds.Create(ctx, crd, metav1.CreateOptions{}); err != nil {
			return fmt.Errorf("create CRD: %w", err)
		}
		defer func() {
			dctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_ = crds.Delete(dctx, crdName, metav1.DeleteOptions{})
		}()
		established := false
		err = poll(ctx, 20*time.Second, func(ctx context.Context) (bool, error) {
			u, err := crds.Get(ctx, crdName, metav1.GetOptions{})
			if err != nil {
				return false, err
			}
			conds, _, _ := unstructured.NestedSlice(u.Object, "status", "conditions")
			for _, c := range conds {
				m, _ := c.(map[string]any)
				if m["type"] == "Established" && m["status"] == "True" {
					established = true
				}
			}
			return established, nil
		})
		if err != nil {
			return fmt.Errorf("CRD not established: %w", err)
		}
		// The cached mapper still does not know it; after Reset it does (discovery may lag a moment).
		_, staleErr := mapper.RESTMapping(widgetGK)
		obs["widgetBeforeReset"] = errKind(staleErr)
		var widgetMapping map[string]any
		err = poll(ctx, 20*time.Second, func(context.Context) (bool, error) {
			mapper.Reset()
			m, err := mapper.RESTMapping(widgetGK)
			if err != nil {
				return false, nil
			}
			widgetMapping = mappingSummary(m, nil)
			return true, nil
		})
		if err != nil {
			return fmt.Errorf("widget never mapped: %w", err)
		}
		obs["widgetMapping"] = widgetMapping
		obs["cacheFreshAfterReset"] = cached.Fresh()
		for _, r := range []string{"wdg", "widgets", "widget"} {
			gvr, err := expander.ResourceFor(schema.GroupVersionResource{Resource: r})
			obs["widgetResourceFor:"+r] = map[string]any{"resource": gvr.String(), "error": errString(err)}
		}
		kindsFor, err := mapper.KindsFor(schema.GroupVersionResource{Group: group, Resource: "widgets"})
		obs["widgetKindsFor"] = fmt.Sprint(kindsFor, errString(err))
		wres, err := cached.ServerResourcesForGroupVersion(group + "/v1")
		if err != nil {
			return err
		}
		names := []string{}
		for _, r := range wres.APIResources {
			verbs := append([]string(nil), r.Verbs...)
			sort.Strings(verbs)
			names = append(names, fmt.Sprintf("%s kind=%s namespaced=%v verbs=%s short=%v categories=%v", r.Name, r.Kind, r.Namespaced, strings.Join(verbs, ","), r.ShortNames, r.Categories))
		}
		sort.Strings(names)
		obs["widgetResources"] = names

		// Create and read a Widget through the mapping.
		m, err := mapper.RESTMapping(widgetGK, "v1")
		if err != nil {
			return err
		}
		w := &unstructured.Unstructured{Object: map[string]any{
			"apiVersion": group + "/v1", "kind": "Widget",
			"metadata": map[string]any{"name": "w1"},
			"spec":     map[string]any{"size": int64(3), "unknown": "dropped"},
		}}
		var created *unstructured.Unstructured
		err = poll(ctx, 10*time.Second, func(ctx context.Context) (bool, error) {
			var err error
			created, err = env.dynamic.Resource(m.Resource).Namespace(env.Namespace).Create(ctx, w, metav1.CreateOptions{})
			if apierrors.IsNotFound(err) || apierrors.IsMethodNotSupported(err) {
				return false, nil // the CRD handler may lag establishment briefly
			}
			return err == nil, err
		})
		if err != nil {
			return fmt.Errorf("create widget: %w", err)
		}
		obs["widgetCreated"] = map[string]any{"spec": created.Object["spec"], "generation": created.GetGeneration()}
		got, err := env.dynamic.Resource(m.Resource).Namespace(env.Namespace).Get(ctx, "w1", metav1.GetOptions{})
		if err != nil {
			return err
		}
		obs["widgetGet"] = got.Object["spec"]
		return nil
	})
}

func isCoreGroup(g string) bool {
	switch g {
	case "apps", "batch", "coordination.k8s.io", "rbac.authorization.k8s.io", "apiextensions.k8s.io", "networking.k8s.io", "policy", "autoscaling", "discovery.k8s.io", "storage.k8s.io", "events.k8s.io":
		return true
	}
	return false
}

func interestingResource(name string) bool {
	switch strings.SplitN(name, "/", 2)[0] {
	case "pods", "configmaps", "secrets", "namespaces", "services", "deployments", "replicasets", "statefulsets", "leases":
		return true
	}
	return false
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

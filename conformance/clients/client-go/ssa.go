package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	appsv1ac "k8s.io/client-go/applyconfigurations/apps/v1"
	corev1ac "k8s.io/client-go/applyconfigurations/core/v1"
	metav1ac "k8s.io/client-go/applyconfigurations/meta/v1"
)

// managers summarises managedFields without timestamps.
func managers(entries []metav1.ManagedFieldsEntry) []map[string]any {
	out := []map[string]any{}
	for _, e := range entries {
		m := map[string]any{"manager": e.Manager, "operation": string(e.Operation), "apiVersion": e.APIVersion, "subresource": e.Subresource}
		if e.FieldsV1 != nil {
			var f any
			_ = json.Unmarshal(e.FieldsV1.Raw, &f)
			m["fieldsV1"] = f
		}
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool {
		return fmt.Sprint(out[i]["manager"], out[i]["operation"]) < fmt.Sprint(out[j]["manager"], out[j]["operation"])
	})
	return out
}

// runSSATyped: apply ConfigMaps and a Deployment with ApplyConfigurations; a second manager conflicts,
// then forces; extract a manager's fields.
func runSSATyped(ctx context.Context, env *Env, obs map[string]any) error {
	return env.withNamespace(ctx, func() error {
		ns := env.Namespace
		cms := env.client.CoreV1().ConfigMaps(ns)
		cfgA := corev1ac.ConfigMap("ssa", ns).WithLabels(map[string]string{"owner": "a"}).WithData(map[string]string{"shared": "from-a", "only-a": "1"})
		cm, err := cms.Apply(ctx, cfgA, metav1.ApplyOptions{FieldManager: "manager-a"})
		if err != nil {
			return fmt.Errorf("first apply: %w", err)
		}
		obs["created"] = map[string]any{"data": cm.Data, "labels": cm.Labels, "managedFields": managers(cm.ManagedFields)}

		// Re-applying the same configuration is a no-op.
		again, err := cms.Apply(ctx, cfgA, metav1.ApplyOptions{FieldManager: "manager-a"})
		if err != nil {
			return err
		}
		obs["reapplyKeepsResourceVersion"] = again.ResourceVersion == cm.ResourceVersion

		cfgB := corev1ac.ConfigMap("ssa", ns).WithData(map[string]string{"shared": "from-b", "only-b": "2"})
		_, err = cms.Apply(ctx, cfgB, metav1.ApplyOptions{FieldManager: "manager-b"})
		obs["conflict"] = statusOf(err)
		if !apierrors.IsConflict(err) {
			return fmt.Errorf("expected a conflict, got %v", err)
		}
		// Dry-run force first: nothing changes.
		_, err = cms.Apply(ctx, cfgB, metav1.ApplyOptions{FieldManager: "manager-b", Force: true, DryRun: []string{metav1.DryRunAll}})
		if err != nil {
			return fmt.Errorf("dry-run force apply: %w", err)
		}
		unchanged, err := cms.Get(ctx, "ssa", metav1.GetOptions{})
		if err != nil {
			return err
		}
		obs["afterDryRun"] = unchanged.Data
		forced, err := cms.Apply(ctx, cfgB, metav1.ApplyOptions{FieldManager: "manager-b", Force: true})
		if err != nil {
			return fmt.Errorf("force apply: %w", err)
		}
		obs["forced"] = map[string]any{"data": forced.Data, "labels": forced.Labels, "managedFields": managers(forced.ManagedFields)}

		// manager-a drops "only-a" from its configuration: the field is removed.
		cfgA2 := corev1ac.ConfigMap("ssa", ns).WithLabels(map[string]string{"owner": "a"})
		shrunk, err := cms.Apply(ctx, cfgA2, metav1.ApplyOptions{FieldManager: "manager-a"})
		if err != nil {
			return fmt.Errorf("shrinking apply: %w", err)
		}
		obs["afterShrink"] = map[string]any{"data": shrunk.Data, "managedFields": managers(shrunk.ManagedFields)}

		extracted, err := corev1ac.ExtractConfigMap(shrunk, "manager-b")
		if err != nil {
			return fmt.Errorf("extract: %w", err)
		}
		obs["extractedB"] = map[string]any{"data": extracted.Data, "labels": extracted.Labels}

		// An update by a non-apply manager shows up as an Update entry.
		shrunk.Data["by-update"] = "u"
		updated, err := cms.Update(ctx, shrunk, metav1.UpdateOptions{FieldManager: "updater"})
		if err != nil {
			return err
		}
		obs["afterUpdate"] = managers(updated.ManagedFields)

		// A Deployment with defaults filled in by the server.
		dep := appsv1ac.Deployment("web", ns).WithSpec(appsv1ac.DeploymentSpec().
			WithReplicas(2).
			WithSelector(metav1ac.LabelSelector().WithMatchLabels(map[string]string{"app": "web"})).
			WithTemplate(corev1ac.PodTemplateSpec().
				WithLabels(map[string]string{"app": "web"}).
				WithSpec(corev1ac.PodSpec().WithContainers(corev1ac.Container().
					WithName("web").WithImage("registry.k8s.io/pause:3.10").
					WithPorts(corev1ac.ContainerPort().WithContainerPort(8080).WithName("http"))))))
		d, err := env.client.AppsV1().Deployments(ns).Apply(ctx, dep, metav1.ApplyOptions{FieldManager: "manager-a"})
		if err != nil {
			return fmt.Errorf("deployment apply: %w", err)
		}
		spec, _ := json.Marshal(d.Spec)
		var specObj any
		_ = json.Unmarshal(spec, &specObj)
		obs["deploymentSpec"] = specObj
		obs["deploymentGeneration"] = d.Generation
		mf := managers(d.ManagedFields)
		// The deployment controller may have written status already on the reference cluster.
		filtered := []map[string]any{}
		for _, m := range mf {
			if m["subresource"] != "status" {
				filtered = append(filtered, m)
			}
		}
		obs["deploymentManagedFields"] = filtered

		// Conflict on replicas, then force.
		dep2 := appsv1ac.Deployment("web", ns).WithSpec(appsv1ac.DeploymentSpec().WithReplicas(3))
		_, err = env.client.AppsV1().Deployments(ns).Apply(ctx, dep2, metav1.ApplyOptions{FieldManager: "scaler"})
		obs["deploymentConflict"] = statusOf(err)
		d2, err := env.client.AppsV1().Deployments(ns).Apply(ctx, dep2, metav1.ApplyOptions{FieldManager: "scaler", Force: true})
		if err != nil {
			return fmt.Errorf("deployment force apply: %w", err)
		}
		obs["deploymentAfterForce"] = map[string]any{"replicas": *d2.Spec.Replicas, "generation": d2.Generation, "containers": len(d2.Spec.Template.Spec.Containers)}
		return nil
	})
}

// runSSADynamic: the same conflict/force flow through the dynamic client with unstructured objects.
func runSSADynamic(ctx context.Context, env *Env, obs map[string]any) error {
	return env.withNamespace(ctx, func() error {
		ns := env.Namespace
		res := env.dynamic.Resource(schema.GroupVersionResource{Version: "v1", Resource: "configmaps"}).Namespace(ns)
		obj := func(data map[string]any) *unstructured.Unstructured {
			return &unstructured.Unstructured{Object: map[string]any{
				"apiVersion": "v1", "kind": "ConfigMap",
				"metadata": map[string]any{"name": "dyn", "namespace": ns},
				"data":     data,
			}}
		}
		u, err := res.Apply(ctx, "dyn", obj(map[string]any{"x": "1", "y": "a"}), metav1.ApplyOptions{FieldManager: "dyn-a"})
		if err != nil {
			return fmt.Errorf("apply: %w", err)
		}
		obs["created"] = map[string]any{"data": u.Object["data"], "managedFields": managers(u.GetManagedFields())}
		_, err = res.Apply(ctx, "dyn", obj(map[string]any{"x": "2"}), metav1.ApplyOptions{FieldManager: "dyn-b"})
		obs["conflict"] = statusOf(err)
		if !apierrors.IsConflict(err) {
			return fmt.Errorf("expected a conflict, got %v", err)
		}
		// Same value as the owner: shared ownership, no conflict.
		sh, err := res.Apply(ctx, "dyn", obj(map[string]any{"y": "a"}), metav1.ApplyOptions{FieldManager: "dyn-c"})
		if err != nil {
			return fmt.Errorf("shared apply: %w", err)
		}
		obs["shared"] = managers(sh.GetManagedFields())
		f, err := res.Apply(ctx, "dyn", obj(map[string]any{"x": "2"}), metav1.ApplyOptions{FieldManager: "dyn-b", Force: true})
		if err != nil {
			return fmt.Errorf("force apply: %w", err)
		}
		obs["forced"] = map[string]any{"data": f.Object["data"], "managedFields": managers(f.GetManagedFields())}
		// Invalid apply: missing name in body vs URL mismatch.
		bad := obj(map[string]any{"x": "3"})
		bad.SetName("other")
		_, err = res.Apply(ctx, "dyn", bad, metav1.ApplyOptions{FieldManager: "dyn-b"})
		obs["nameMismatch"] = statusOf(err)
		// Apply to the status subresource of a configmap (which has none) fails.
		_, err = res.ApplyStatus(ctx, "dyn", obj(map[string]any{"x": "4"}), metav1.ApplyOptions{FieldManager: "dyn-b"})
		obs["statusOnConfigMap"] = statusOf(err)
		// Apply to a Secret through a typed struct converted to unstructured.
		sec := &corev1.Secret{TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Secret"}, ObjectMeta: metav1.ObjectMeta{Name: "dyn-secret"}, StringData: map[string]string{"p": "q"}}
		raw, _ := json.Marshal(sec)
		us := &unstructured.Unstructured{}
		if err := us.UnmarshalJSON(raw); err != nil {
			return err
		}
		sres := env.dynamic.Resource(schema.GroupVersionResource{Version: "v1", Resource: "secrets"}).Namespace(ns)
		got, err := sres.Apply(ctx, "dyn-secret", us, metav1.ApplyOptions{FieldManager: "dyn-a"})
		if err != nil {
			return fmt.Errorf("secret apply: %w", err)
		}
		obs["secret"] = map[string]any{"data": got.Object["data"], "type": got.Object["type"], "hasStringData": got.Object["stringData"] != nil, "managedFields": managers(got.GetManagedFields())}
		return nil
	})
}

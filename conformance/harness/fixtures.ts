/**
 * Object builders for the cases. Every object carries the run label (`kubeharness.io/run`) so a
 * label selector finds exactly the case's own objects even on a real cluster, where controllers
 * add others (kube-root-ca.crt ConfigMaps, the default ServiceAccount).
 */
export const RUN_LABEL = 'kubeharness.io/run';
export const CONFORMANCE_LABEL = 'kubeharness.io/conformance';

export type Obj = Record<string, any>;

export interface MetaOptions {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  generateName?: string;
  ownerReferences?: Obj[];
}

export class Fixtures {
  constructor(readonly runId: string) {}

  meta(name: string | undefined, o: MetaOptions = {}): Obj {
    const m: Obj = { labels: { [RUN_LABEL]: this.runId, ...o.labels } };
    if (name !== undefined) m.name = name;
    if (o.generateName) m.generateName = o.generateName;
    if (o.annotations) m.annotations = o.annotations;
    if (o.finalizers) m.finalizers = o.finalizers;
    if (o.ownerReferences) m.ownerReferences = o.ownerReferences;
    return m;
  }

  configMap(name: string | undefined, o: MetaOptions & { data?: Record<string, string> } = {}): Obj {
    const cm: Obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: this.meta(name, o) };
    if (o.data) cm.data = o.data;
    return cm;
  }

  secret(name: string, o: MetaOptions & { data?: Record<string, string>; stringData?: Record<string, string>; type?: string } = {}): Obj {
    const s: Obj = { apiVersion: 'v1', kind: 'Secret', metadata: this.meta(name, o) };
    if (o.data) s.data = o.data;
    if (o.stringData) s.stringData = o.stringData;
    if (o.type) s.type = o.type;
    return s;
  }

  lease(name: string, o: MetaOptions & { holder?: string } = {}): Obj {
    return {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: this.meta(name, o),
      spec: { holderIdentity: o.holder ?? 'kubeharness' },
    };
  }

  podSpec(o: { image?: string; containers?: Obj[]; nodeName?: string } = {}): Obj {
    const spec: Obj = { containers: o.containers ?? [{ name: 'main', image: o.image ?? 'registry.k8s.io/pause:3.10' }] };
    if (o.nodeName) spec.nodeName = o.nodeName;
    return spec;
  }

  podTemplate(name: string, o: MetaOptions = {}): Obj {
    return {
      apiVersion: 'v1',
      kind: 'PodTemplate',
      metadata: this.meta(name, o),
      template: { metadata: { labels: { app: name } }, spec: this.podSpec() },
    };
  }

  pod(name: string, o: MetaOptions & { image?: string; containers?: Obj[]; nodeName?: string; spec?: Obj } = {}): Obj {
    return { apiVersion: 'v1', kind: 'Pod', metadata: this.meta(name, o), spec: { ...this.podSpec(o), ...o.spec } };
  }

  deployment(name: string, o: MetaOptions & { replicas?: number; containers?: Obj[] } = {}): Obj {
    return {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: this.meta(name, o),
      spec: {
        replicas: o.replicas ?? 0,
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: this.podSpec({ containers: o.containers }) },
      },
    };
  }

  service(name: string, o: MetaOptions & { ports?: Obj[] } = {}): Obj {
    return {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: this.meta(name, o),
      spec: { selector: { app: name }, ports: o.ports ?? [{ name: 'http', port: 80 }] },
    };
  }

  namespace(name: string, o: MetaOptions = {}): Obj {
    const m = this.meta(name, o);
    m.labels[CONFORMANCE_LABEL] = 'true';
    return { apiVersion: 'v1', kind: 'Namespace', metadata: m };
  }

  /** An ownerReference to `owner` (a stored object with uid). */
  ownerRef(owner: Obj, o: { blockOwnerDeletion?: boolean; controller?: boolean } = {}): Obj {
    const ref: Obj = { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid };
    if (o.blockOwnerDeletion !== undefined) ref.blockOwnerDeletion = o.blockOwnerDeletion;
    if (o.controller !== undefined) ref.controller = o.controller;
    return ref;
  }
}

/**
 * Defaulting and create/update preparation of the built-in types whose defaults tests observe
 * (pkg/apis/<group>/v1/defaults.go and pkg/registry/<group>/<type>/strategy.go). Other types are stored as sent.
 */
import type { KubeObject } from '../store/types.js';

type Obj = Record<string, any>;

function obj(v: unknown): Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
}

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** SetDefaults_Namespace + namespace strategy: the name label is always present and correct. */
export function defaultNamespace(ns: KubeObject): void {
  // With only generateName the name is not known yet; PrepareForCreate sets the label then.
  if (ns.metadata.name) ns.metadata.labels = { ...(ns.metadata.labels ?? {}), [NAMESPACE_NAME_LABEL]: ns.metadata.name };
}

export function prepareNamespaceCreate(ns: KubeObject): void {
  defaultNamespace(ns);
  const spec = obj(ns.spec);
  const finalizers: string[] = Array.isArray(spec.finalizers) ? spec.finalizers : [];
  ns.spec = { ...spec, finalizers: finalizers.includes('kubernetes') ? finalizers : [...finalizers, 'kubernetes'] };
  ns.status = { phase: 'Active' };
}

/** Defaults a container image pull policy from its tag (`latest` or untagged: Always). */
function pullPolicyFor(image: unknown): string {
  if (typeof image !== 'string') return 'IfNotPresent';
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  const tag = colon >= 0 ? image.slice(colon + 1) : 'latest';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(c: Obj): void {
  c.imagePullPolicy ??= pullPolicyFor(c.image);
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  if (Array.isArray(c.ports)) for (const p of c.ports) if (p && typeof p === 'object') p.protocol ??= 'TCP';
  const res = obj(c.resources);
  if (res.limits && typeof res.limits === 'object') {
    res.requests = { ...res.limits, ...(res.requests ?? {}) };
  }
  if (c.resources !== undefined || Object.keys(res).length > 0) c.resources = res;
  else c.resources = {};
}

export function defaultPodSpec(spec: Obj): void {
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
  for (const list of ['containers', 'initContainers']) {
    if (Array.isArray(spec[list])) for (const c of spec[list]) if (c && typeof c === 'object') defaultContainer(c);
  }
}

/** SetDefaults_Pod: enableServiceLinks is defaulted on Pods, not on pod templates. */
export function defaultPod(pod: KubeObject): void {
  if (pod.spec && typeof pod.spec === 'object') {
    defaultPodSpec(pod.spec as Obj);
    (pod.spec as Obj).enableServiceLinks ??= true;
  }
}

function qosClass(spec: Obj): string {
  const containers: Obj[] = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].filter((c) => c && typeof c === 'object');
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const req = obj(obj(c.resources).requests);
    const lim = obj(obj(c.resources).limits);
    if (Object.keys(req).length > 0 || Object.keys(lim).length > 0) any = true;
    for (const r of ['cpu', 'memory']) {
      if (lim[r] === undefined || String(req[r] ?? lim[r]) !== String(lim[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export function preparePodCreate(pod: KubeObject): void {
  pod.status = { phase: 'Pending', qosClass: qosClass(obj(pod.spec)) };
}

export function defaultDeployment(d: KubeObject): void {
  const spec = obj(d.spec);
  spec.replicas ??= 1;
  const strategy = obj(spec.strategy);
  strategy.type ??= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = obj(strategy.rollingUpdate);
    ru.maxUnavailable ??= '25%';
    ru.maxSurge ??= '25%';
    strategy.rollingUpdate = ru;
  }
  spec.strategy = strategy;
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  if (spec.template && typeof spec.template === 'object' && spec.template.spec) defaultPodSpec(spec.template.spec);
  d.spec = spec;
}

export function defaultReplicaSetLike(o: KubeObject): void {
  const spec = obj(o.spec);
  spec.replicas ??= 1;
  if (spec.template && typeof spec.template === 'object' && spec.template.spec) defaultPodSpec(spec.template.spec);
  o.spec = spec;
}

export function defaultSecret(s: KubeObject): void {
  s.type ??= 'Opaque';
  const stringData = obj(s.stringData);
  if (Object.keys(stringData).length > 0) {
    const data = { ...obj(s.data) };
    for (const [k, v] of Object.entries(stringData)) data[k] = Buffer.from(String(v), 'utf8').toString('base64');
    s.data = data;
  }
  delete s.stringData;
}

export function defaultService(svc: KubeObject): void {
  const spec = obj(svc.spec);
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  if (Array.isArray(spec.ports)) {
    for (const p of spec.ports) {
      if (!p || typeof p !== 'object') continue;
      p.protocol ??= 'TCP';
      p.targetPort ??= p.port;
    }
  }
  if (spec.type === 'ClusterIP' || spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.internalTrafficPolicy ??= 'Cluster';
  svc.spec = spec;
}

export type TypeHook = (o: KubeObject) => void;

export interface TypeHooks {
  defaults?: TypeHook;
  prepareForCreate?: TypeHook;
}

/** Per-resource hooks, keyed by `group/resource`. */
export const TYPE_HOOKS: Record<string, TypeHooks> = {
  '/namespaces': { defaults: defaultNamespace, prepareForCreate: prepareNamespaceCreate },
  '/pods': { defaults: defaultPod, prepareForCreate: preparePodCreate },
  '/secrets': { defaults: defaultSecret },
  '/services': { defaults: defaultService },
  'apps/deployments': { defaults: defaultDeployment },
  'apps/replicasets': { defaults: defaultReplicaSetLike },
  'apps/statefulsets': { defaults: defaultReplicaSetLike },
  '/replicationcontrollers': { defaults: defaultReplicaSetLike },
};

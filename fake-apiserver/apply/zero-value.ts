/**
 * The Go zero value of a built-in kind, as far as managedFields can tell.
 *
 * The real server compares typed Go objects. A non-pointer struct field (Deployment's `spec`,
 * `spec.template`, `spec.strategy`, every kind's `metadata`, `status`) always exists there, even
 * when empty, while a pointer struct (`spec.strategy.rollingUpdate`) or a map/list may be absent.
 * That decides whether an Update records a struct as added (`f:rollingUpdate: {".": {}, ...}`)
 * or only its fields (`f:strategy: {...}`, no "."). It also affects creates, whose "live" object
 * is the zero value of the kind.
 *
 * The OpenAPI schema does not say which fields are pointers, so this module knows the common
 * kinds' non-pointer struct paths, and assumes `spec` and `status` are non-pointer for every
 * built-in kind (an API convention). Custom resources have no zero value beyond `{}`.
 *
 * Lists and maps without omitempty are present as `null` in the zero value (PodSpec.containers),
 * which keeps a new list from being recorded as added. Non-pointer scalars without omitempty
 * (zero strings and numbers) are not modelled: they only decide whether a change counts as
 * "added" or "modified", which grants the same ownership.
 */
import type { SchemaNode } from '../schema/types.js';
import { isMap, type JsonMap } from './value.js';

/** PodSpec.containers has no omitempty: a zero PodSpec serializes `containers: null`. */
const POD_SPEC = { containers: null };
const POD_TEMPLATE = { metadata: {}, spec: POD_SPEC };

/** Nested non-pointer structs beyond metadata/spec/status, by `group/Kind`. */
const NESTED: Record<string, JsonMap> = {
  'apps/Deployment': { spec: { template: POD_TEMPLATE, strategy: {} } },
  'apps/ReplicaSet': { spec: { template: POD_TEMPLATE } },
  'apps/StatefulSet': { spec: { template: POD_TEMPLATE, updateStrategy: {} } },
  'apps/DaemonSet': { spec: { template: POD_TEMPLATE, updateStrategy: {} } },
  'batch/Job': { spec: { template: POD_TEMPLATE } },
  'batch/CronJob': { spec: { jobTemplate: { metadata: {}, spec: { template: POD_TEMPLATE } } } },
  '/Pod': { spec: POD_SPEC },
  '/PodTemplate': { template: POD_TEMPLATE },
  '/Service': { status: { loadBalancer: {} } },
  '/PersistentVolumeClaim': { spec: { resources: {} } },
  '/Node': { status: { daemonEndpoints: { kubeletEndpoint: {} }, nodeInfo: {} } },
  'networking.k8s.io/Ingress': { status: { loadBalancer: {} } },
  'autoscaling/HorizontalPodAutoscaler': { spec: { scaleTargetRef: {} } },
};

/**
 * The zero value of a built-in kind: `{metadata: {}}`, plus `spec: {}` / `status: {}` when the
 * kind's schema declares them (always, without a schema), plus the kind's known nested structs.
 * Do not use for custom resources.
 */
export function goZeroObject(group: string, kind: string, schema?: SchemaNode): JsonMap {
  const out: JsonMap = { metadata: {} };
  for (const f of ['spec', 'status']) {
    const node = schema?.kind === 'struct' ? schema.field(f) : undefined;
    if (!schema || node?.kind === 'struct') out[f] = {};
  }
  const nested = NESTED[`${group}/${kind}`];
  return nested ? (fillZero(out, nested) as JsonMap) : out;
}

/**
 * A copy of `value` where every map of `zero` that is absent or null in `value` is present (as a
 * copy of `zero`'s map), and every `null` of `zero` is present where `value` lacks the field.
 * Other values of `value` are kept as they are.
 */
export function fillZero(value: unknown, zero: unknown): unknown {
  if (zero === null) return value === undefined ? null : value;
  if (!isMap(zero)) return value;
  if (value === undefined || value === null) return structuredClone(zero);
  if (!isMap(value)) return value;
  let out: JsonMap | undefined;
  for (const [k, z] of Object.entries(zero)) {
    if (!isMap(z) && z !== null) continue;
    const filled = fillZero(value[k], z);
    if (filled !== value[k]) {
      out ??= { ...value };
      out[k] = filled;
    }
  }
  return out ?? value;
}

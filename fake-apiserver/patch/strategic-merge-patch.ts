/**
 * Strategic merge patch (apimachinery/pkg/util/strategicpatch) for built-in types.
 *
 * Maps merge as in a JSON merge patch. Lists follow their patch strategy: merged by a key
 * (containers by name, ports by containerPort, ...), merged as a set (finalizers), or replaced.
 * Directives: `$patch: replace|delete|merge`, `$deleteFromPrimitiveList/<f>`,
 * `$setElementOrder/<f>`, `$retainKeys`.
 *
 * Patch metadata comes from PATCH_META below, which mirrors the `patchStrategy`/`patchMergeKey`
 * struct tags of k8s.io/api for the commonly patched fields. Fields not listed are replaced
 * whole, as upstream does for lists without a strategy.
 */
import { badRequest } from '../errors/status.js';

interface ListMeta {
  strategy: 'merge' | 'merge-set' | 'replace';
  key?: string;
  retainKeys?: boolean;
}

/** Keyed by `<parent field>.<field>` first, then `<field>`. */
const PATCH_META: Record<string, ListMeta> = {
  containers: { strategy: 'merge', key: 'name' },
  initContainers: { strategy: 'merge', key: 'name' },
  ephemeralContainers: { strategy: 'merge', key: 'name' },
  env: { strategy: 'merge', key: 'name' },
  volumes: { strategy: 'merge', key: 'name', retainKeys: true },
  volumeMounts: { strategy: 'merge', key: 'mountPath' },
  volumeDevices: { strategy: 'merge', key: 'devicePath' },
  imagePullSecrets: { strategy: 'merge', key: 'name' },
  'containers.ports': { strategy: 'merge', key: 'containerPort' },
  'initContainers.ports': { strategy: 'merge', key: 'containerPort' },
  'spec.ports': { strategy: 'merge', key: 'port' },
  conditions: { strategy: 'merge', key: 'type' },
  ownerReferences: { strategy: 'merge', key: 'uid' },
  finalizers: { strategy: 'merge-set' },
  hostAliases: { strategy: 'merge', key: 'ip' },
  topologySpreadConstraints: { strategy: 'merge', key: 'topologyKey' },
  resourceClaims: { strategy: 'merge', key: 'name' },
  schedulingGates: { strategy: 'merge', key: 'name' },
  addresses: { strategy: 'merge', key: 'type' },
  taints: { strategy: 'replace' },
};

function metaFor(parent: string, field: string): ListMeta {
  return PATCH_META[`${parent}.${field}`] ?? PATCH_META[field] ?? { strategy: 'replace' };
}

type JsonMap = Record<string, unknown>;

function isMap(v: unknown): v is JsonMap {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function applyStrategicMergePatch(target: unknown, patch: unknown): unknown {
  if (!isMap(patch)) throw badRequest('invalid JSON document: a strategic merge patch must be a JSON object');
  return mergeMap(isMap(target) ? target : {}, patch, '');
}

function mergeMap(target: JsonMap, patch: JsonMap, parentField: string): JsonMap | undefined {
  const directive = patch['$patch'];
  if (directive === 'delete') return undefined;
  if (directive === 'replace') {
    const { $patch: _p, ...rest } = patch;
    return stripDirectives(rest) as JsonMap;
  }
  if (directive !== undefined && directive !== 'merge')
    throw badRequest(`Unknown patch type: ${String(directive)} in map: ${JSON.stringify(patch)}`);
  let out: JsonMap = { ...target };
  const retainKeys = patch['$retainKeys'];
  if (Array.isArray(retainKeys)) {
    const keep = new Set(retainKeys.map(String));
    out = Object.fromEntries(Object.entries(out).filter(([k]) => keep.has(k)));
  }
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys' || k.startsWith('$setElementOrder/')) continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      const remove = new Set((Array.isArray(v) ? v : []).map((x) => JSON.stringify(x)));
      const cur = out[field];
      if (Array.isArray(cur)) out[field] = cur.filter((x) => !remove.has(JSON.stringify(x)));
      continue;
    }
    if (v === null) {
      delete out[k];
      continue;
    }
    if (Array.isArray(v)) {
      const merged = mergeList(Array.isArray(out[k]) ? (out[k] as unknown[]) : [], v, metaFor(parentField, k), k);
      out[k] = merged;
      continue;
    }
    if (isMap(v)) {
      const merged = mergeMap(isMap(out[k]) ? (out[k] as JsonMap) : {}, v, k);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
      continue;
    }
    out[k] = v;
  }
  return out;
}

function mergeList(target: unknown[], patch: unknown[], meta: ListMeta, field: string): unknown[] {
  // `[{"$patch": "replace"}, ...]` replaces the list with the remaining elements.
  if (patch.some((e) => isMap(e) && e['$patch'] === 'replace')) {
    return patch.filter((e) => !(isMap(e) && e['$patch'] === 'replace')).map(stripDirectives);
  }
  if (meta.strategy === 'replace') return patch.map(stripDirectives);
  if (meta.strategy === 'merge-set' || !meta.key) {
    const seen = new Set(target.map((x) => JSON.stringify(x)));
    const out = [...target];
    for (const e of patch) {
      if (!seen.has(JSON.stringify(e))) {
        out.push(e);
        seen.add(JSON.stringify(e));
      }
    }
    return out;
  }
  const key = meta.key;
  const out = [...target];
  for (const e of patch) {
    if (!isMap(e)) throw badRequest(`unable to find api field in struct ${field} for the json field "${key}"`);
    if (!(key in e)) throw badRequest(`map: ${JSON.stringify(e)} does not contain declared merge key: ${key}`);
    const idx = out.findIndex((x) => isMap(x) && JSON.stringify(x[key]) === JSON.stringify(e[key]));
    if (e['$patch'] === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) out[idx] = mergeMap(out[idx] as JsonMap, e, field) ?? out[idx];
    else out.push(stripDirectives(e));
  }
  return out;
}

function stripDirectives(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isMap(v)) return v;
  const out: JsonMap = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === '$patch' || k === '$retainKeys' || k.startsWith('$setElementOrder/') || k.startsWith('$deleteFromPrimitiveList/')) continue;
    out[k] = stripDirectives(x);
  }
  return out;
}

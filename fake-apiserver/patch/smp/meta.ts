/**
 * Patch metadata lookup (strategicpatch.LookupPatchMeta): the patch strategy and merge key of a
 * field, and the lookup for the field's value (maps, structs) or elements (lists).
 *
 * SchemaPatchMeta reads `x-kubernetes-patch-strategy` / `x-kubernetes-patch-merge-key` from a
 * SchemaNode (the OpenAPI extensions generated from the Go struct tags upstream reads). A field
 * the schema does not declare has no strategy (lists are replaced, maps merged).
 *
 * LegacyPatchMeta is the fallback when no schema is given: a hand table of the `patchStrategy`
 * and `patchMergeKey` tags of the commonly patched k8s.io/api fields, keyed by
 * `<parent field>.<field>` first, then `<field>`.
 */
import type { SchemaNode } from '../../schema/types.js';

export interface PatchMeta {
  /** `x-kubernetes-patch-strategy` split on ','. */
  readonly strategies: readonly string[];
  readonly mergeKey: string;
}

export interface LookupPatchMeta {
  /** A map- or struct-valued field: the lookup for its value, and the field's metadata. */
  forStruct(key: string): [LookupPatchMeta, PatchMeta];
  /** A list-valued field: the lookup for its elements, and the field's metadata. */
  forSlice(key: string): [LookupPatchMeta, PatchMeta];
  /** Go type name, for error messages. */
  name(): string;
}

const NONE: PatchMeta = { strategies: [], mergeKey: '' };

function metaOf(n: SchemaNode | undefined): PatchMeta {
  if (!n) return NONE;
  return { strategies: n.patchStrategy ? n.patchStrategy.split(',') : [], mergeKey: n.patchMergeKey ?? '' };
}

export class SchemaPatchMeta implements LookupPatchMeta {
  constructor(private readonly node: SchemaNode | undefined) {}

  private child(key: string): SchemaNode | undefined {
    const n = this.node;
    if (!n) return undefined;
    if (n.kind === 'struct') return n.field(key) ?? n.mapValues();
    if (n.kind === 'map') return n.mapValues();
    return undefined;
  }

  forStruct(key: string): [LookupPatchMeta, PatchMeta] {
    const c = this.child(key);
    return [new SchemaPatchMeta(c), metaOf(c)];
  }

  /** The elements' lookup: the list's items, or (like upstream's pointer fields) the node itself. */
  forSlice(key: string): [LookupPatchMeta, PatchMeta] {
    const c = this.child(key);
    return [new SchemaPatchMeta(c?.kind === 'list' ? c.listItems() : c), metaOf(c)];
  }

  /** PatchMetaFromStruct.Name: the Go kind of the type ("struct" for list-of-struct elements). */
  name(): string {
    const k = this.node?.kind;
    return k === 'map' ? 'map' : k === 'list' ? 'slice' : k === 'scalar' ? 'string' : 'struct';
  }
}

const LEGACY: Record<string, PatchMeta> = {
  containers: { strategies: ['merge'], mergeKey: 'name' },
  initContainers: { strategies: ['merge'], mergeKey: 'name' },
  ephemeralContainers: { strategies: ['merge'], mergeKey: 'name' },
  env: { strategies: ['merge'], mergeKey: 'name' },
  volumes: { strategies: ['merge', 'retainKeys'], mergeKey: 'name' },
  volumeMounts: { strategies: ['merge'], mergeKey: 'mountPath' },
  volumeDevices: { strategies: ['merge'], mergeKey: 'devicePath' },
  imagePullSecrets: { strategies: ['merge'], mergeKey: 'name' },
  'containers.ports': { strategies: ['merge'], mergeKey: 'containerPort' },
  'initContainers.ports': { strategies: ['merge'], mergeKey: 'containerPort' },
  'spec.ports': { strategies: ['merge'], mergeKey: 'port' },
  conditions: { strategies: ['merge'], mergeKey: 'type' },
  ownerReferences: { strategies: ['merge'], mergeKey: 'uid' },
  finalizers: { strategies: ['merge'], mergeKey: '' },
  hostAliases: { strategies: ['merge'], mergeKey: 'ip' },
  topologySpreadConstraints: { strategies: ['merge'], mergeKey: 'topologyKey' },
  resourceClaims: { strategies: ['merge', 'retainKeys'], mergeKey: 'name' },
  schedulingGates: { strategies: ['merge'], mergeKey: 'name' },
  addresses: { strategies: ['merge'], mergeKey: 'type' },
  strategy: { strategies: ['retainKeys'], mergeKey: '' },
  updateStrategy: { strategies: ['retainKeys'], mergeKey: '' },
};

export class LegacyPatchMeta implements LookupPatchMeta {
  constructor(private readonly parent = '') {}

  private meta(key: string): PatchMeta {
    return LEGACY[`${this.parent}.${key}`] ?? LEGACY[key] ?? NONE;
  }

  forStruct(key: string): [LookupPatchMeta, PatchMeta] {
    return [new LegacyPatchMeta(key), this.meta(key)];
  }

  forSlice(key: string): [LookupPatchMeta, PatchMeta] {
    return [new LegacyPatchMeta(key), this.meta(key)];
  }

  name(): string {
    return 'struct';
  }
}

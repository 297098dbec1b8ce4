/**
 * A resource's strategy: the rules the generic registry applies to it on create, update and delete
 * (apiserver registry/rest + pkg/registry/<type>/strategy.go), assembled from the catalog entry, the
 * sourced per-type facts (strategy-facts.ts) and the type hooks (type-defaults.ts).
 */
import type { ResourceInfo } from '../catalog/catalog.js';
import type { CustomResourceMeta } from '../crd/custom-resources.js';
import { defaultCrd } from '../crd/crd-validation.js';
import type { FieldError } from '../errors/field-errors.js';
import type { KubeObject } from '../store/types.js';
import { jsonEqual } from '../store/deep-equal.js';
import { strategyFactsFor, type StrategyFacts } from './strategy-facts.js';
import { TYPE_HOOKS, type TypeHooks } from './type-defaults.js';

export interface Strategy {
  readonly info: ResourceInfo;
  readonly facts: StrategyFacts;
  /** A custom resource: unstructured, so list items keep kind/apiVersion. */
  readonly custom: boolean;
  readonly hasStatus: boolean;
  readonly hasScale: boolean;
  readonly hooks: TypeHooks;
  /** Custom resources: the CRD-derived schema, storage version, scale paths. */
  readonly customMeta?: CustomResourceMeta;
  /** The apiVersion objects are stored with (custom resources: the CRD's storage version). */
  readonly storageApiVersion: string;
  /** Schema validation of custom objects (structural schema). */
  validateCustom?(obj: KubeObject): FieldError[];
  /** Generation on create (undefined: the type leaves it unset). */
  initialGeneration(): number | undefined;
  /** Does the change from `old` to `next` bump metadata.generation? */
  bumpsGeneration(next: KubeObject, old: KubeObject): boolean;
}

export function strategyFor(info: ResourceInfo, custom = false, customMeta?: CustomResourceMeta): Strategy {
  const facts = strategyFactsFor(info.group, info.resource);
  const hasStatus = info.subresources.some((s) => s.name === 'status');
  const hasScale = info.subresources.some((s) => s.name === 'scale');
  let hooks: TypeHooks = TYPE_HOOKS[`${info.group}/${info.resource}`] ?? {};
  if (info.group === 'apiextensions.k8s.io' && info.resource === 'customresourcedefinitions') hooks = { defaults: defaultCrd };
  if (custom && customMeta) {
    // Decoding a custom object applies the schema's defaults, then prunes unknown fields.
    hooks = {
      defaults: (o) => {
        customMeta.schema.applyDefaults(o);
        customMeta.schema.prune(o);
      },
    };
  }
  const storageApiVersion = info.group
    ? `${info.group}/${customMeta?.storageVersion ?? info.version}`
    : (customMeta?.storageVersion ?? info.version);
  const generation = custom ? 'non-metadata' : facts.generation;
  return {
    info,
    facts: custom ? { ...facts, allowUnconditionalUpdate: false, allowCreateOnUpdate: false, returnDeletedObject: false } : facts,
    custom,
    hasStatus,
    hasScale,
    hooks,
    customMeta,
    storageApiVersion,
    validateCustom: customMeta ? (o) => customMeta.schema.validate(o) : undefined,
    initialGeneration: () => (generation === 'none' ? undefined : 1),
    bumpsGeneration(next, old) {
      switch (generation) {
        case 'none':
          return false;
        case 'spec':
          return !jsonEqual(next.spec, old.spec);
        case 'spec+annotations':
          return !jsonEqual(next.spec, old.spec) || !jsonEqual(next.metadata.annotations ?? {}, old.metadata.annotations ?? {});
        case 'non-metadata':
          return !jsonEqual(withoutMetaAndStatus(next, hasStatus), withoutMetaAndStatus(old, hasStatus));
      }
    },
  };
}

function withoutMetaAndStatus(o: KubeObject, dropStatus: boolean): Record<string, unknown> {
  const { metadata: _m, kind: _k, apiVersion: _a, ...rest } = o;
  if (dropStatus) delete rest.status;
  return rest;
}

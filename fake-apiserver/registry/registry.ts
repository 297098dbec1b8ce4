/**
 * The generic registry: create, get, update, delete over the MVCC store with the semantics of
 * apiserver's registry/generic/registry/store.go and registry/rest (BeforeCreate, BeforeUpdate,
 * BeforeDelete). HTTP-free: handlers decode requests, call these, and encode the results.
 *
 * Every method either throws a StatusError and leaves the store untouched, or commits exactly the
 * writes it reports. Dry-run runs every check and commits nothing.
 */
import type { Clock } from '../clock.js';
import { rfc3339 } from '../clock.js';
import type { ResourceInfo } from '../catalog/catalog.js';
import {
  alreadyExists,
  badRequest,
  conflict,
  forbidden,
  notFound,
  OPTIMISTIC_LOCK_ERROR_MSG,
  StatusError,
  type GroupResource,
} from '../errors/status.js';
import { invalid, invalidError, type FieldError } from '../errors/field-errors.js';
import { randomSuffix, uuid4, type Random } from '../random.js';
import { jsonEqual } from '../store/deep-equal.js';
import type { RevisionStore } from '../store/revision-store.js';
import { resourceKey, type KubeObject } from '../store/types.js';
import { metaValidationRulesFor } from '../validation/names.js';
import {
  validateGenericCreate,
  validateGenericUpdate,
  validateObjectMetaCreate,
  validateObjectMetaUpdate,
  type ObjectMetaInput,
} from '../validation/object-meta.js';
import { typeValidationErrors } from './type-validation.js';
import { ignoreManagedFieldsTimestamps, recordUpdate } from './field-manager.js';
import { apiVersionOf, deepClone, normalizeObject } from './object-shape.js';
import { strategyFor, type Strategy } from './strategy.js';
import { CustomResources } from '../crd/custom-resources.js';
import { allocateServiceAddresses } from './service-allocator.js';
import { SYSTEM_MANAGER, type WriteOptions } from './write-options.js';

const MAX_GENERATE_NAME_ATTEMPTS = 8;
const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

export interface UpdateResult {
  object: KubeObject;
  created: boolean;
}

export class Registry {
  private readonly strategies = new Map<string, Strategy>();

  /** CRD-derived knowledge of served custom resources (kept by the CRD controller). */
  readonly customResources = new CustomResources();

  constructor(
    readonly store: RevisionStore,
    private readonly clock: Clock,
    private readonly random: Random,
  ) {}

  /**
   * The strategy of a catalog entry. Whether it is a custom resource comes from the entry itself
   * (never from the caller), so every caller (handlers, GC, namespace controller) shares one
   * correct strategy per entry.
   */
  strategy(info: ResourceInfo, _custom?: boolean): Strategy {
    const key = `${info.group}/${info.version}/${info.resource}`;
    let s = this.strategies.get(key);
    if (!s || s.info !== info) {
      const custom = (info as ResourceInfo & { custom?: boolean }).custom === true;
      s = strategyFor(info, custom, custom ? this.customResources.get(info.group, info.version, info.resource) : undefined);
      this.strategies.set(key, s);
    }
    return s;
  }

  forgetStrategy(info: ResourceInfo): void {
    this.strategies.delete(`${info.group}/${info.version}/${info.resource}`);
  }

  get(s: Strategy, namespace: string, name: string): KubeObject {
    const obj = this.store.get(resourceKey(s.info.group, s.info.resource), namespace, name);
    if (!obj) throw notFound(gr(s), name);
    return obj;
  }

  /** POST: BeforeCreate, namespace admission, validation, generateName retries, commit. */
  create(s: Strategy, namespace: string, body: KubeObject, opts: WriteOptions): KubeObject {
    const info = s.info;
    const obj = this.decodeInto(s, body);
    this.ensureNamespaceMatches(s, obj, namespace, 'create');
    const meta = obj.metadata;
    if (meta.resourceVersion) {
      // Observed on the real server: storage refuses it with a plain (500) error.
      throw new StatusError(500, '', 'resourceVersion should not be set on objects to be created');
    }
    // WipeObjectMetaSystemFields: the server owns these.
    delete meta.creationTimestamp;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    delete meta.selfLink;
    delete meta.resourceVersion;
    delete meta.uid;
    delete meta.generation;
    if (!opts.managedFieldsPrepared) delete meta.managedFields;
    if (meta.name) delete meta.generateName;

    if (info.namespaced) this.admitNamespace(s, meta.namespace!, meta.name || meta.generateName || 'Unknown');
    if (s.customMeta?.terminating) {
      throw forbidden(
        gr(s),
        meta.name || meta.generateName || 'Unknown',
        'create not allowed while custom resource definition is terminating',
      );
    }

    // Defaulting happens at decode time, before the field manager sees the object; the
    // strategy's PrepareForCreate runs after it, so server-set fields are owned by nobody.
    s.hooks.defaults?.(obj);
    if (opts.manager !== SYSTEM_MANAGER && !opts.managedFieldsPrepared) recordUpdate(s, obj, undefined, opts.manager, '', this.clock.now());
    // BeforeCreate generates the name before the strategy's PrepareForCreate runs.
    const generated = !meta.name && !!meta.generateName;
    if (generated) meta.name = this.generateName(meta.generateName!);
    s.hooks.prepareForCreate?.(obj);
    if (info.group === '' && info.resource === 'services') allocateServiceAddresses(obj, this.store, this.random);
    if (s.hasStatus && !s.hooks.prepareForCreate && (s.custom || s.facts.createClears.includes('status'))) delete obj.status;
    const generation = s.initialGeneration();
    if (generation !== undefined) meta.generation = generation;
    meta.uid = uuid4(this.random);
    meta.creationTimestamp = rfc3339(this.clock.now());
    meta.resourceVersion = ''; // keeps its place in the key order; the store stamps it

    this.validateCreate(s, obj);

    const rk = resourceKey(info.group, info.resource);
    for (let attempt = 1; ; attempt++) {
      const existing = this.store.get(rk, meta.namespace ?? '', meta.name!);
      if (!existing) break;
      if (!generated) throw alreadyExists(gr(s), meta.name!, existing.metadata.deletionTimestamp ? 'object is being deleted: ' : '');
      if (attempt >= MAX_GENERATE_NAME_ATTEMPTS) {
        const err = alreadyExists(gr(s), meta.name!);
        err.status.message = `${err.status.message}, the server was not able to generate a unique name for the object`;
        err.message = err.status.message;
        err.status.details!.retryAfterSeconds = 1;
        throw err;
      }
      meta.name = this.generateName(meta.generateName!);
    }
    const stored = normalizeObject(obj, info.kind, s.storageApiVersion);
    if (opts.dryRun) {
      delete stored.metadata.resourceVersion; // a dry-run create has no resourceVersion
      return stored;
    }
    return this.store.put(rk, stored);
  }

  /**
   * PUT on the main resource or on `/status`: preconditions, BeforeUpdate, validation, the no-op
   * short-circuit, and deletion once the last finalizer of a terminating object goes.
   */
  update(
    s: Strategy,
    namespace: string,
    name: string,
    body: KubeObject,
    opts: WriteOptions,
    subresource: '' | 'status' = '',
  ): UpdateResult {
    const info = s.info;
    const obj = this.decodeInto(s, body);
    if (obj.metadata.name && obj.metadata.name !== name) {
      throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`);
    }
    obj.metadata.name = name;
    this.ensureNamespaceMatches(s, obj, namespace, 'update');
    const rk = resourceKey(info.group, info.resource);
    const old = this.store.get(rk, namespace, name);
    if (!old) {
      if (subresource === '' && s.facts.allowCreateOnUpdate) {
        return { object: this.create(s, namespace, obj, opts), created: true };
      }
      throw notFound(gr(s), name);
    }
    const rv = obj.metadata.resourceVersion ?? '';
    if (rv === '') {
      if (!s.facts.allowUnconditionalUpdate) {
        throw invalidError(s.custom ? info.resource : info.kind, info.group, s.custom ? info.resource : info.kind, name, [
          invalid('metadata.resourceVersion', 0, 'must be specified for an update'),
        ]);
      }
    } else if (rv !== old.metadata.resourceVersion) {
      throw conflict(gr(s), name, OPTIMISTIC_LOCK_ERROR_MSG);
    }
    if (obj.metadata.uid && obj.metadata.uid !== old.metadata.uid) {
      throw conflict(gr(s), name, `Precondition failed: UID in precondition: ${obj.metadata.uid}, UID in object meta: ${old.metadata.uid}`);
    }
    return this.commitUpdate(s, old, obj, opts, subresource);
  }

  /**
   * The shared tail of update and patch: `next` is a fresh candidate object whose preconditions
   * have been checked against `old`.
   */
  commitUpdate(s: Strategy, old: KubeObject, next: KubeObject, opts: WriteOptions, subresource: '' | 'status' | 'scale'): UpdateResult {
    const info = s.info;
    let obj = next;
    // The fake's own writes (deletion marks, control loops) bypass the client-facing resets.
    const internal = opts.manager === SYSTEM_MANAGER;
    if (!internal) {
      // BeforeUpdate: system fields come from the stored object whatever the client sent.
      obj.metadata.uid = old.metadata.uid;
      obj.metadata.creationTimestamp = old.metadata.creationTimestamp;
      obj.metadata.resourceVersion = old.metadata.resourceVersion;
      obj.metadata.selfLink = undefined;
      if (old.metadata.deletionTimestamp) {
        obj.metadata.deletionTimestamp = old.metadata.deletionTimestamp;
        obj.metadata.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
      } else {
        delete obj.metadata.deletionTimestamp;
        delete obj.metadata.deletionGracePeriodSeconds;
      }
      obj.metadata.generation = old.metadata.generation;
      if (obj.metadata.generation === undefined) delete obj.metadata.generation;

      if (subresource === 'status') {
        const keep = s.custom ? 'all-but-status' : s.facts.statusUpdateKeepsFromOld;
        if (keep === 'all-but-status') {
          const status = obj.status;
          const managedFields = obj.metadata.managedFields;
          obj = deepClone(old);
          if (status === undefined) delete obj.status;
          else obj.status = status;
          obj.metadata.managedFields = managedFields ?? old.metadata.managedFields;
        } else {
          for (const path of keep) copyPath(old, obj, path);
        }
      } else {
        const keep = s.custom ? (s.hasStatus ? ['status'] : []) : s.facts.mainUpdateKeepsFromOld;
        for (const path of keep) copyPath(old, obj, path);
        s.hooks.defaults?.(obj);
        if (obj.metadata.generation !== undefined && s.bumpsGeneration(obj, old)) obj.metadata.generation += 1;
      }
      if (obj.metadata.managedFields === undefined && old.metadata.managedFields) obj.metadata.managedFields = old.metadata.managedFields;
    }

    if (!internal) this.validateUpdate(s, obj, old);
    if (opts.manager !== SYSTEM_MANAGER && !opts.managedFieldsPrepared) {
      recordUpdate(s, obj, old, opts.manager, subresource === 'scale' ? '' : subresource, this.clock.now());
    }
    const stored = normalizeObject(obj, info.kind, s.storageApiVersion);
    // A write that changes nothing but managedFields timestamps is a no-op (no RV, no event).
    if (jsonEqual(ignoreManagedFieldsTimestamps(stored, old), old)) return { object: old, created: false };

    const rk = resourceKey(info.group, info.resource);
    if (shouldDeleteDuringUpdate(stored, old)) {
      // ShouldDeleteDuringUpdate: the last finalizer is gone from a terminating object.
      if (opts.dryRun) return { object: stored, created: false };
      this.store.delete(rk, stored.metadata.namespace ?? '', stored.metadata.name!);
      return { object: stored, created: false };
    }
    if (opts.dryRun) return { object: stored, created: false };
    return { object: this.store.put(rk, stored), created: false };
  }

  /** Namespace lifecycle admission for create: the namespace must exist and not be terminating. */
  admitNamespace(s: Strategy, namespace: string, nameForMessage: string): void {
    const ns = this.store.get(resourceKey('', 'namespaces'), '', namespace);
    if (!ns) throw notFound({ group: '', resource: 'namespaces' }, namespace);
    if (ns.metadata.deletionTimestamp || (ns.status as { phase?: string } | undefined)?.phase === 'Terminating') {
      throw forbidden(gr(s), nameForMessage, `unable to create new content in namespace ${namespace} because it is being terminated`, [
        { reason: 'NamespaceTerminating', message: `namespace ${namespace} is being terminated`, field: 'metadata.namespace' },
      ]);
    }
  }

  isImmortalNamespace(name: string): boolean {
    return IMMORTAL_NAMESPACES.has(name);
  }

  /** The request body (owned by this write from now on) with apiVersion/kind checked against the endpoint. */
  private decodeInto(s: Strategy, body: KubeObject): KubeObject {
    const info = s.info;
    const expected = apiVersionOf(info.group, info.version);
    // Bodies are freshly decoded per request (or built by the caller for this write), so the
    // registry may take them over without a copy.
    const obj = body;
    if (obj.apiVersion !== undefined && obj.apiVersion !== '' && obj.apiVersion !== expected) {
      throw badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${expected})`);
    }
    if (obj.kind !== undefined && obj.kind !== '' && obj.kind !== info.kind) {
      throw badRequest(
        `${obj.kind} in version "${info.version}" cannot be handled as a ${info.kind}: the kind in the data (${obj.kind}) does not match the expected kind (${info.kind})`,
      );
    }
    if (obj.metadata === undefined || obj.metadata === null) obj.metadata = {};
    if (typeof obj.metadata !== 'object' || Array.isArray(obj.metadata)) {
      throw badRequest(
        `${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}: json: cannot unmarshal ${Array.isArray(obj.metadata) ? 'array' : typeof obj.metadata} into Go struct field ${info.kind}.metadata of type v1.ObjectMeta`,
      );
    }
    return obj;
  }

  private ensureNamespaceMatches(s: Strategy, obj: KubeObject, namespace: string, verb: 'create' | 'update'): void {
    if (!s.info.namespaced) {
      delete obj.metadata.namespace;
      return;
    }
    const bodyNs = obj.metadata.namespace ?? '';
    if (bodyNs === '') obj.metadata.namespace = namespace;
    else if (bodyNs !== namespace) {
      throw badRequest(
        verb === 'create'
          ? 'the namespace of the provided object does not match the namespace sent on the request'
          : `the namespace of the object (${bodyNs}) does not match the namespace on the request (${namespace})`,
      );
    }
  }

  private generateName(prefix: string): string {
    return `${prefix.slice(0, 58)}${randomSuffix(this.random)}`;
  }

  /** The type's validation first; the generic "/ and %" pass only when that found nothing (as upstream). */
  /** The type's validation first; the generic "/ and %" pass only when that found nothing (as upstream). */
  private validateCreate(s: Strategy, obj: KubeObject): void {
    const meta = obj.metadata as ObjectMetaInput;
    const rules = metaValidationRulesFor(s.info.group, s.info.resource);
    let errs: FieldError[] =
      typeValidationErrors(s, obj, undefined) ??
      validateObjectMetaCreate(meta, {
        namespaced: s.info.namespaced,
        nameValidator: rules.nameValidator,
        flavour: s.custom ? 'apimachinery' : rules.flavour,
      });
    if (s.validateCustom) errs = [...errs, ...s.validateCustom(obj)];
    if (errs.length === 0) errs = validateGenericCreate(meta, s.info.namespaced);
    if (errs.length > 0) throw this.invalid(s, obj, errs);
  }

  private validateUpdate(s: Strategy, obj: KubeObject, old: KubeObject): void {
    const meta = obj.metadata as ObjectMetaInput;
    const oldMeta = old.metadata as ObjectMetaInput;
    const rules = metaValidationRulesFor(s.info.group, s.info.resource);
    const errs: FieldError[] = [
      ...validateGenericUpdate(meta, oldMeta, s.info.namespaced),
      ...(typeValidationErrors(s, obj, old) ??
        validateObjectMetaUpdate(meta, oldMeta, { flavour: s.custom ? 'apimachinery' : rules.flavour })),
    ];
    if (errs.length > 0) throw this.invalid(s, obj, errs);
  }

  private invalid(s: Strategy, obj: KubeObject, errs: FieldError[]): StatusError {
    const name = obj.metadata.name || obj.metadata.generateName || '';
    return invalidError(s.info.kind, s.info.group, s.info.kind, name, errs);
  }
}

export function gr(s: Strategy): GroupResource {
  return { group: s.info.group, resource: s.info.resource };
}

/**
 * ShouldDeleteDuringUpdate (registry/generic/registry/store.go): an update that leaves a
 * terminating object (deletionTimestamp set before, no grace period pending) with no finalizers
 * deletes it. Namespaces are also held by spec.finalizers until the namespace controller is done.
 */
function shouldDeleteDuringUpdate(next: KubeObject, old: KubeObject): boolean {
  if ((next.metadata.finalizers ?? []).length > 0) return false;
  if (!old.metadata.deletionTimestamp) return false;
  if ((old.metadata.deletionGracePeriodSeconds ?? 0) > 0) return false;
  const specFinalizers = (next.kind === 'Namespace' ? (next.spec as { finalizers?: string[] } | undefined)?.finalizers : undefined) ?? [];
  return specFinalizers.length === 0;
}

/** Copies a dotted path (`status`, `spec.finalizers`, `metadata.labels`) from `from` into `to`. */
function copyPath(from: KubeObject, to: KubeObject, path: string): void {
  const parts = path.split('.');
  let src: any = from;
  let dst: any = to;
  for (let i = 0; i < parts.length - 1; i++) {
    src = src?.[parts[i]];
    if (dst[parts[i]] === null || typeof dst[parts[i]] !== 'object') dst[parts[i]] = {};
    dst = dst[parts[i]];
  }
  const last = parts[parts.length - 1];
  const value = src?.[last];
  if (value === undefined) delete dst[last];
  else dst[last] = deepClone(value);
}

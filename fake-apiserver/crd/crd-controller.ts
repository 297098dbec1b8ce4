/**
 * The CRD controllers of apiextensions-apiserver, folded into one control loop:
 * - naming: accepts names that do not conflict (NamesAccepted), mirrors them into
 *   status.acceptedNames, and records storedVersions;
 * - establishing: marks the CRD Established and starts serving its versions (catalog entries,
 *   so discovery, legacy and aggregated, updates at once);
 * - finalizing: a deleted CRD (Terminating, with the customresourcecleanup finalizer) has its
 *   custom objects deleted, then stops being served and goes.
 */
import type { ResourceCatalog, ResourceInfo, SubresourceInfo } from '../catalog/catalog.js';
import { storageVersionHash } from '../catalog/storage-version-hash.js';
import type { Clock } from '../clock.js';
import { rfc3339 } from '../clock.js';
import { deleteObject } from '../registry/deleter.js';
import type { CRDLike, OpenAPIService } from '../openapi/index.js';
import type { Registry } from '../registry/registry.js';
import { SYSTEM_WRITE } from '../registry/write-options.js';
import { jsonEqual } from '../store/deep-equal.js';
import { resourceKey, type KubeObject } from '../store/types.js';
import { CRD_CLEANUP_FINALIZER, schemaOf, type CustomResourceMeta, type CustomResources } from './custom-resources.js';

export { CRD_CLEANUP_FINALIZER };

const CRD_RESOURCE = resourceKey('apiextensions.k8s.io', 'customresourcedefinitions');
/** Custom resource verbs, in the fixed order the real discovery controller lists them. */
const CR_VERBS = ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'];
const CR_VERBS_TERMINATING = ['delete', 'deletecollection', 'get', 'list', 'watch'];

type Obj = Record<string, any>;

interface Condition {
  type: string;
  status: 'True' | 'False';
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export class CrdController {
  /** What is being served for each CRD, to notice changes and removals. */
  private readonly served = new Map<string, { fingerprint: string; gvrs: Array<[string, string, string]> }>();

  constructor(
    private readonly registry: Registry,
    private readonly catalog: ResourceCatalog,
    private readonly custom: CustomResources,
    private readonly clock: Clock,
    private readonly openapi?: OpenAPIService,
  ) {}

  reset(): void {
    for (const name of [...this.served.keys()]) this.unserve(name);
  }

  reconcile(): boolean {
    let changed = false;
    const crds = this.registry.store.list(CRD_RESOURCE);
    const present = new Set(crds.map((c) => c.metadata.name!));
    for (const name of [...this.served.keys()]) if (!present.has(name)) this.unserve(name);
    for (const crd of crds) changed = this.reconcileOne(crd, crds) || changed;
    return changed;
  }

  private reconcileOne(crd: KubeObject, all: KubeObject[]): boolean {
    const name = crd.metadata.name!;
    const spec = (crd.spec ?? {}) as Obj;
    const terminating = !!crd.metadata.deletionTimestamp;
    const conflict = terminating ? undefined : this.nameConflict(crd, all);
    if (!conflict) this.serve(crd, terminating);
    else if (this.served.has(name) && !terminating) this.unserve(name);

    if (terminating) return this.finalize(crd);

    const names = spec.names ?? {};
    const status = (crd.status ?? {}) as Obj;
    const conditions: Condition[] = [];
    const old = (status.conditions ?? []) as Condition[];
    const now = rfc3339(this.clock.now());
    const cond = (type: string, s: 'True' | 'False', reason: string, message: string): Condition => {
      const prev = old.find((c) => c.type === type);
      return { type, status: s, lastTransitionTime: prev && prev.status === s ? prev.lastTransitionTime : now, reason, message };
    };
    if (conflict) {
      conditions.push(cond('NamesAccepted', 'False', conflict.reason, conflict.message));
      conditions.push(cond('Established', 'False', 'NotAccepted', 'not all names are accepted'));
    } else {
      conditions.push(cond('NamesAccepted', 'True', 'NoConflicts', 'no conflicts found'));
      conditions.push(cond('Established', 'True', 'InitialNamesAccepted', 'the initial names have been accepted'));
    }
    const storage = ((spec.versions ?? []) as Obj[]).find((v) => v.storage)?.name;
    const storedVersions: string[] = [...new Set([...((status.storedVersions as string[]) ?? []), ...(storage ? [storage] : [])])];
    const acceptedNames: Obj = conflict ? (status.acceptedNames ?? {}) : { ...names };
    for (const k of Object.keys(acceptedNames)) if (acceptedNames[k] === undefined) delete acceptedNames[k];
    const desired = { ...status, conditions, acceptedNames, storedVersions };
    if (jsonEqual(desired, status)) return false;
    const next = structuredClone(crd);
    next.status = desired;
    const info = this.catalog.lookup('apiextensions.k8s.io', 'v1', 'customresourcedefinitions')!;
    this.registry.commitUpdate(this.registry.strategy(info), crd, next, SYSTEM_WRITE, 'status');
    return true;
  }

  /** Another CRD of the same group already accepted one of these names (or a built-in has it). */
  private nameConflict(crd: KubeObject, all: KubeObject[]): { reason: string; message: string } | undefined {
    const spec = (crd.spec ?? {}) as Obj;
    const names = spec.names ?? {};
    for (const other of all) {
      if (other === crd || other.metadata.name === crd.metadata.name) continue;
      const os = (other.spec ?? {}) as Obj;
      if (os.group !== spec.group) continue;
      const accepted = ((other.status ?? {}) as Obj).acceptedNames ?? {};
      const earlier =
        (other.metadata.creationTimestamp ?? '') < (crd.metadata.creationTimestamp ?? '') ||
        (other.metadata.creationTimestamp === crd.metadata.creationTimestamp && other.metadata.name! < crd.metadata.name!);
      if (!earlier || !accepted.plural) continue;
      if (accepted.plural === names.plural) return { reason: 'PluralConflict', message: `"${names.plural}" is already in use` };
      if (names.singular && accepted.singular === names.singular)
        return { reason: 'SingularConflict', message: `"${names.singular}" is already in use` };
      const shorts = new Set<string>([...(accepted.shortNames ?? [])]);
      for (const s of names.shortNames ?? [])
        if (shorts.has(s)) return { reason: 'ShortNamesConflict', message: `"${s}" is already in use` };
      if (accepted.kind === names.kind) return { reason: 'KindConflict', message: `"${names.kind}" is already in use` };
      if (names.listKind && accepted.listKind === names.listKind)
        return { reason: 'ListKindConflict', message: `"${names.listKind}" is already in use` };
    }
    return undefined;
  }

  private serve(crd: KubeObject, terminating: boolean): void {
    const name = crd.metadata.name!;
    const spec = (crd.spec ?? {}) as Obj;
    const fingerprint = JSON.stringify([spec, terminating]);
    if (this.served.get(name)?.fingerprint === fingerprint) return;
    this.unserve(name);
    const names = spec.names ?? {};
    const versions = (spec.versions ?? []) as Obj[];
    const storageVersion = versions.find((v) => v.storage)?.name ?? versions[0]?.name;
    const gvrs: Array<[string, string, string]> = [];
    for (const v of versions) {
      if (!v.served) continue;
      const subresources: SubresourceInfo[] = [];
      if (v.subresources?.status !== undefined)
        subresources.push({
          name: 'status',
          kind: { group: spec.group, version: v.name, kind: names.kind },
          verbs: ['get', 'patch', 'update'],
        });
      if (v.subresources?.scale !== undefined)
        subresources.push({
          name: 'scale',
          kind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
          verbs: ['get', 'patch', 'update'],
        });
      const info: ResourceInfo & { custom: true } = {
        group: spec.group,
        version: v.name,
        resource: names.plural,
        kind: names.kind,
        listKind: names.listKind ?? `${names.kind}List`,
        singular: names.singular ?? String(names.kind).toLowerCase(),
        namespaced: spec.scope === 'Namespaced',
        verbs: terminating ? CR_VERBS_TERMINATING : CR_VERBS,
        shortNames: names.shortNames ?? [],
        categories: names.categories ?? [],
        subresources,
        storageVersionHash: storageVersionHash(spec.group, storageVersion, names.kind),
        custom: true,
      };
      this.catalog.add(info);
      const meta: CustomResourceMeta = {
        crdName: name,
        group: spec.group,
        version: v.name,
        resource: names.plural,
        storageVersion,
        schema: schemaOf(v.schema?.openAPIV3Schema),
        scale: v.subresources?.scale,
        printerColumns: v.additionalPrinterColumns ?? [],
        selectableFields: (v.selectableFields ?? []).map((f: Obj) => String(f.jsonPath ?? '').replace(/^\./, '')),
        terminating,
      };
      this.custom.set(meta);
      this.registry.forgetStrategy(info);
      gvrs.push([spec.group, v.name, names.plural]);
    }
    this.served.set(name, { fingerprint, gvrs });
    if (!terminating) this.openapi?.setCustomResourceDefinition(crd as unknown as CRDLike);
  }

  private unserve(name: string): void {
    const s = this.served.get(name);
    if (!s) return;
    this.openapi?.deleteCustomResourceDefinition(name);
    for (const [g, v, r] of s.gvrs) {
      this.catalog.remove(g, v, r);
      this.custom.delete(g, v, r);
    }
    this.served.delete(name);
  }

  /** Deletes every custom object of a terminating CRD, then releases its finalizer. */
  private finalize(crd: KubeObject): boolean {
    const spec = (crd.spec ?? {}) as Obj;
    const rk = resourceKey(spec.group, spec.names?.plural);
    const objects = this.registry.store.list(rk);
    let changed = false;
    const served = this.served.get(crd.metadata.name!)?.gvrs[0];
    const info = served ? this.catalog.lookup(served[0], served[1], served[2]) : undefined;
    if (info) {
      for (const o of objects) {
        if (o.metadata.deletionTimestamp) continue;
        deleteObject(this.registry, this.clock, this.registry.strategy(info, true), o.metadata.namespace ?? '', o.metadata.name!, {
          dryRun: false,
        });
        changed = true;
      }
    }
    if (this.registry.store.list(rk).length > 0) return changed;
    const finalizers = crd.metadata.finalizers ?? [];
    if (!finalizers.includes(CRD_CLEANUP_FINALIZER)) return changed;
    const next = structuredClone(crd);
    const left = finalizers.filter((f) => f !== CRD_CLEANUP_FINALIZER);
    if (left.length > 0) next.metadata.finalizers = left;
    else delete next.metadata.finalizers;
    const crdInfo = this.catalog.lookup('apiextensions.k8s.io', 'v1', 'customresourcedefinitions')!;
    this.registry.commitUpdate(this.registry.strategy(crdInfo), crd, next, SYSTEM_WRITE, '');
    if (!this.registry.store.get(CRD_RESOURCE, '', crd.metadata.name!)) this.unserve(crd.metadata.name!);
    return true;
  }
}

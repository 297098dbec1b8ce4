/**
 * A tiny stand-in for the registry around the field manager, enough to replay the e2e
 * apply.go scenarios: it stores objects, stamps uid/resourceVersion, resets the fields a
 * strategy resets, and applies JSON merge patches as Update operations.
 */
import type { ManagedFieldsEntry } from 'kubernetes-types/meta/v1.js';
import type { SchemaNode } from '../../schema/types.js';
import type { KubeObject } from '../../store/types.js';
import { applyMergePatch } from '../../patch/json-merge-patch.js';
import { apply, update, type ApplyResult } from '../field-manager.js';
import { goZeroObject } from '../zero-value.js';

export interface Kind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly schema?: SchemaNode;
  /** Built-in kinds have a Go zero value; custom resources do not. */
  readonly builtin: boolean;
}

export const T0 = Date.UTC(2025, 0, 1, 0, 0, 0);

export class Harness {
  now = T0;
  private rv = 1;
  object: KubeObject | undefined;

  constructor(readonly k: Kind) {}

  get apiVersion(): string {
    return this.k.group ? `${this.k.group}/${this.k.version}` : this.k.version;
  }

  private opts(subresource: string) {
    return {
      apiVersion: this.apiVersion,
      kind: this.k.kind,
      subresource,
      now: this.now,
      schema: this.k.schema,
      resetFields: subresource === 'status' ? [['spec']] : [['status']],
      zero: this.k.builtin ? goZeroObject(this.k.group, this.k.kind, this.k.schema) : undefined,
    };
  }

  /** Advances the clock (managedFields times are whole seconds). */
  tick(seconds = 1): this {
    this.now += seconds * 1000;
    return this;
  }

  private store(obj: KubeObject, subresource: string): KubeObject {
    const old = this.object;
    const next = structuredClone(obj);
    if (old) {
      // The strategy resets what the endpoint may not change.
      if (subresource === 'status') next.spec = structuredClone(old.spec);
      else if (old.status !== undefined) next.status = structuredClone(old.status);
      else delete next.status;
    }
    next.metadata = { ...next.metadata, uid: old?.metadata.uid ?? 'uid-1', resourceVersion: String(++this.rv) };
    this.object = next;
    return next;
  }

  applyPatch(patch: Record<string, unknown>, manager: string, o: { force?: boolean; subresource?: string } = {}): ApplyResult {
    const r = apply(this.object, structuredClone(patch), manager, { ...this.opts(o.subresource ?? ''), force: o.force });
    this.store(r.object, o.subresource ?? '');
    return r;
  }

  create(obj: Record<string, unknown>, manager: string): KubeObject {
    const r = update(undefined, structuredClone(obj) as KubeObject, manager, this.opts(''));
    return this.store(r.object, '');
  }

  mergePatch(patch: Record<string, unknown>, manager: string, subresource = ''): KubeObject {
    const next = applyMergePatch(structuredClone(this.object), patch) as KubeObject;
    const r = update(this.object, next, manager, this.opts(subresource));
    return this.store(r.object, subresource);
  }

  get managedFields(): ManagedFieldsEntry[] {
    return (this.object?.metadata.managedFields ?? []) as ManagedFieldsEntry[];
  }

  entry(manager: string, operation?: string): ManagedFieldsEntry | undefined {
    return this.managedFields.find((e) => e.manager === manager && (!operation || e.operation === operation));
  }

  fieldsOf(manager: string, operation?: string): string | undefined {
    const e = this.entry(manager, operation);
    return e ? JSON.stringify(e.fieldsV1) : undefined;
  }
}

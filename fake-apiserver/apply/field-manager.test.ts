/**
 * Update operations (create, kubectl label/edit/patch, /status writes), manager capping,
 * before-first-apply, the apply validation errors and kubectl's client-side-apply upgrade.
 */
import { describe, expect, it } from 'vitest';
import { StatusError } from '../errors/status.js';
import type { KubeObject } from '../store/types.js';
import { decodeApplyPatch } from './apply-patch.js';
import { apply, update } from './field-manager.js';
import { LAST_APPLIED_ANNOTATION } from './last-applied.js';
import { goZeroObject } from './zero-value.js';
import { Harness, T0 } from './test/harness.js';
import { CONFIG_MAP, DEPLOYMENT, POD } from './test/schemas.js';
import { ignoreManagedFieldsTimestamps } from './timestamps.js';

const cmKind = { group: '', version: 'v1', kind: 'ConfigMap', schema: CONFIG_MAP, builtin: true };
const deployKind = { group: 'apps', version: 'v1', kind: 'Deployment', schema: DEPLOYMENT, builtin: true };

const cm = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'cm', namespace: 'default', labels: { a: '1' } },
  data: { key: 'value' },
};

function statusError(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('expected a StatusError');
}

describe('Update operations', () => {
  it('create records the creator as an Update manager; new maps carry "."', () => {
    const h = new Harness(cmKind);
    h.create(cm, 'kubectl-create');
    expect(h.managedFields).toEqual([
      {
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: 'v1',
        time: '2025-01-01T00:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { '.': {}, 'f:key': {} }, 'f:metadata': { 'f:labels': { '.': {}, 'f:a': {} } } },
      },
    ]);
  });

  it('kubectl label and edit take only what they change; the creator keeps the rest', () => {
    const h = new Harness(cmKind);
    h.create(cm, 'kubectl-create');
    h.tick(5).mergePatch({ metadata: { labels: { b: '2' } } }, 'kubectl-label');
    h.tick(5).mergePatch({ data: { key: 'edited' } }, 'kubectl-edit');
    expect(h.managedFields.map((e) => [e.manager, e.time, JSON.stringify(e.fieldsV1)])).toEqual([
      // The creator still owns `data` itself (it created the map), but no key in it.
      ['kubectl-create', '2025-01-01T00:00:00Z', '{"f:data":{},"f:metadata":{"f:labels":{".":{},"f:a":{}}}}'],
      ['kubectl-label', '2025-01-01T00:00:05Z', '{"f:metadata":{"f:labels":{"f:b":{}}}}'],
      ['kubectl-edit', '2025-01-01T00:00:10Z', '{"f:data":{"f:key":{}}}'],
    ]);
    // Removing a field takes it from every manager.
    h.tick().mergePatch({ metadata: { labels: { b: null } } }, 'kubectl-label');
    expect(h.entry('kubectl-label')).toBeUndefined();
  });

  it('a write that changes nothing leaves managedFields (and their times) alone', () => {
    const h = new Harness(cmKind);
    h.create(cm, 'kubectl-create');
    const before = structuredClone(h.managedFields);
    h.tick(60).mergePatch({ data: { key: 'value' } }, 'kubectl-edit');
    expect(h.managedFields).toEqual(before);
  });

  it('Deployment create: non-pointer structs are not "added", pointer structs are', () => {
    const h = new Harness(deployKind);
    h.create(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'd' },
        spec: {
          replicas: 1,
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } },
          template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'i' }] } },
        },
      },
      'kubectl-create',
    );
    expect(h.fieldsOf('kubectl-create')).toBe(
      '{"f:spec":{"f:replicas":{},"f:strategy":{"f:rollingUpdate":{".":{},"f:maxSurge":{}},"f:type":{}},' +
        '"f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\\"name\\":\\"c\\"}":{".":{},"f:image":{},"f:name":{}}}}}}}',
    );
  });

  it('custom resources have no zero value: a new spec is itself added', () => {
    const h = new Harness({ group: 'g.io', version: 'v1', kind: 'Thing', builtin: false });
    h.create({ apiVersion: 'g.io/v1', kind: 'Thing', metadata: { name: 't' }, spec: { a: 1, list: [1, 2] } }, 'kubectl-create');
    expect(h.fieldsOf('kubectl-create')).toBe('{"f:spec":{".":{},"f:a":{},"f:list":{}}}');
  });

  it('/status writes record the subresource, ignore reset fields and request managedFields', () => {
    const h = new Harness({ group: '', version: 'v1', kind: 'Pod', schema: POD, builtin: true });
    h.create(
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }] } },
      'kubectl-create',
    );
    h.tick().mergePatch(
      {
        metadata: { managedFields: [{ manager: 'x', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: {} }] },
        status: { phase: 'Running' },
      },
      'kubelet',
      'status',
    );
    expect(h.entry('kubelet')).toMatchObject({ operation: 'Update', subresource: 'status', fieldsV1: { 'f:status': { 'f:phase': {} } } });
    expect(h.entry('x')).toBeUndefined();
  });

  it('a client may clear managedFields; the object then stays untracked by updates', () => {
    const h = new Harness(cmKind);
    h.create(cm, 'kubectl-create');
    h.mergePatch({ metadata: { managedFields: [{}] } }, 'clearer');
    expect(h.object?.metadata.managedFields).toBeUndefined();
    h.mergePatch({ data: { key: 'v2' } }, 'kubectl-edit');
    expect(h.object?.metadata.managedFields).toBeUndefined();
  });

  it('keeps at most 10 Update entries, folding the oldest into ancient-changes', () => {
    const h = new Harness(cmKind);
    h.create(cm, 'kubectl-create');
    for (let i = 0; i < 11; i++) h.tick().mergePatch({ data: { [`k${i}`]: 'v' } }, `manager-${i}`);
    const managers = h.managedFields.map((e) => e.manager);
    expect(managers).toHaveLength(10);
    expect(managers[0]).toBe('ancient-changes');
    // kubectl-create (oldest), manager-0 and manager-1 were folded together.
    expect(h.fieldsOf('ancient-changes')).toBe(
      '{"f:data":{".":{},"f:k0":{},"f:k1":{},"f:key":{}},"f:metadata":{"f:labels":{".":{},"f:a":{}}}}',
    );
    expect(h.entry('ancient-changes')?.time).toBe('2025-01-01T00:00:02Z');
    expect(managers).not.toContain('kubectl-create');
    expect(managers).not.toContain('manager-0');
  });
});

describe('apply', () => {
  const h = () => new Harness(deployKind);
  const dep = (spec: Record<string, unknown>) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec });

  it('records existing fields as before-first-apply when nobody managed the object', () => {
    const x = h();
    const live = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', uid: 'u' },
      spec: { replicas: 2, paused: true },
    } as KubeObject;
    const zero = goZeroObject('apps', 'Deployment', DEPLOYMENT);
    const opts = { apiVersion: 'apps/v1', kind: 'Deployment', now: T0, schema: DEPLOYMENT, resetFields: [['status']], zero };
    const err = statusError(() => apply(live, dep({ replicas: 3 }), 'applier', opts));
    expect(err.message).toBe('Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas');
    const ok = apply(live, dep({ replicas: 2 }), 'applier', opts);
    expect(ok.managedFields?.map((e) => [e.manager, e.operation, JSON.stringify(e.fieldsV1)])).toEqual([
      ['applier', 'Apply', '{"f:spec":{"f:replicas":{}}}'],
      ['before-first-apply', 'Update', '{"f:spec":{"f:paused":{},"f:replicas":{}}}'],
    ]);
    expect(x).toBeDefined();
  });

  it('rejects a patch for another group/version/kind, with managedFields, or without a manager', () => {
    const x = h();
    expect(statusError(() => x.applyPatch({ ...dep({}), apiVersion: 'extensions/v1beta1' }, 'm')).status).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: 'invalid object type: extensions/v1beta1, Kind=Deployment',
    });
    expect(statusError(() => x.applyPatch({ ...dep({}), kind: 'ReplicaSet' }, 'm')).message).toBe(
      'invalid object type: apps/v1, Kind=ReplicaSet',
    );
    expect(statusError(() => x.applyPatch({ ...dep({}), metadata: { name: 'd', managedFields: [] } }, 'm')).status).toMatchObject({
      code: 400,
      message: 'metadata.managedFields must be nil',
    });
    expect(statusError(() => x.applyPatch(dep({}), '')).status).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    });
  });

  it('fails to build the typed patch for fields the schema does not declare', () => {
    const err = statusError(() => h().applyPatch({ ...dep({ replicas: 1, foo: 'bar' }), metadata: { name: 'd', namespace: 'ns' } }, 'm'));
    expect(err.status.code).toBe(500);
    expect(err.status.reason).toBeUndefined();
    expect(err.message).toBe(
      'failed to create typed patch object (ns/d; apps/v1, Kind=Deployment): .spec.foo: field not declared in schema',
    );
  });

  it('lets "kubectl" take over fields it owned through client-side apply, and syncs the annotation', () => {
    const lastApplied = JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 2 } });
    const x = h();
    x.create(
      { ...dep({ replicas: 2 }), metadata: { name: 'd', annotations: { [LAST_APPLIED_ANNOTATION]: lastApplied } } },
      'kubectl-client-side-apply',
    );
    const r = x.tick().applyPatch(dep({ replicas: 3 }), 'kubectl');
    expect((r.object.spec as { replicas: number }).replicas).toBe(3);
    expect(x.entry('kubectl-client-side-apply')?.fieldsV1).toEqual({
      'f:metadata': { 'f:annotations': { '.': {}, [`f:${LAST_APPLIED_ANNOTATION}`]: {} } },
    });
    expect(r.object.metadata.annotations?.[LAST_APPLIED_ANNOTATION]).toBe(
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"replicas":3}}\n',
    );
    // Another manager name gets the conflict.
    x.mergePatch({ spec: { replicas: 7 } }, 'kubectl-edit');
    expect(() => x.applyPatch(dep({ replicas: 3 }), 'other')).toThrow(/conflict with "kubectl-edit"/);
  });

  it('update never throws; it keeps the live managedFields on an internal error', () => {
    const live = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'c',
        uid: 'u',
        managedFields: [{ manager: 'm', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: {} }],
      },
    };
    const bad = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } } as KubeObject;
    const r = update(live as KubeObject, bad, 'x', {
      apiVersion: 'v1',
      now: T0,
      zero: {
        get metadata(): never {
          throw new Error('boom');
        },
      },
    });
    expect(r.managedFields).toEqual(live.metadata.managedFields);
  });
});

describe('ignoreManagedFieldsTimestamps', () => {
  const entry = (time: string) => ({
    manager: 'm',
    operation: 'Update',
    apiVersion: 'v1',
    time,
    fieldsType: 'FieldsV1',
    fieldsV1: { 'f:data': {} },
  });
  const obj = (time: string, data = 'x') =>
    ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', managedFields: [entry(time)] }, data: { k: data } }) as KubeObject;

  it('restores old times when only the times changed', () => {
    const out = ignoreManagedFieldsTimestamps(obj('2025-01-01T00:01:00Z'), obj('2025-01-01T00:00:00Z'));
    expect(out.metadata.managedFields?.[0].time).toBe('2025-01-01T00:00:00Z');
  });

  it('keeps new times when anything else changed', () => {
    const out = ignoreManagedFieldsTimestamps(obj('2025-01-01T00:01:00Z', 'y'), obj('2025-01-01T00:00:00Z'));
    expect(out.metadata.managedFields?.[0].time).toBe('2025-01-01T00:01:00Z');
  });
});

describe('decodeApplyPatch', () => {
  it('reads YAML with go-yaml v2 booleans, and JSON with tabs', () => {
    expect(decodeApplyPatch('apiVersion: v1\nkind: X\nspec:\n  a: yes\n  b: "no"\n  c: Off\n  d: ~\n')).toEqual({
      apiVersion: 'v1',
      kind: 'X',
      spec: { a: true, b: 'no', c: false, d: null },
    });
    expect(decodeApplyPatch('{\n\t"apiVersion": "v1",\n\t"kind": "X"\n}')).toEqual({ apiVersion: 'v1', kind: 'X' });
  });

  it('rejects documents that are not objects', () => {
    expect(() => decodeApplyPatch('- a\n- b\n')).toThrow(/error decoding YAML: .*cannot unmarshal array/);
    expect(() => decodeApplyPatch('a: [')).toThrow(/error decoding YAML/);
  });
});

/**
 * The behaviours of test/e2e/apimachinery/apply.go ("ServerSideApply"), replayed against the
 * field manager with hand-written schemas.
 */
import { describe, expect, it } from 'vitest';
import { StatusError } from '../errors/status.js';
import { Harness } from './test/harness.js';
import { ATOMIC_CRD, DEPLOYMENT, NOXU, POD, SERVICE } from './test/schemas.js';

const podKind = { group: '', version: 'v1', kind: 'Pod', schema: POD, builtin: true };
const deployKind = { group: 'apps', version: 'v1', kind: 'Deployment', schema: DEPLOYMENT, builtin: true };

function deployment(
  name: string,
  spec: Record<string, unknown> = {},
  containerExtra: Record<string, unknown> = {},
  podSpecExtra: Record<string, unknown> = {},
) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: 'nginx' } },
    spec: {
      ...spec,
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: { ...podSpecExtra, containers: [{ name: 'nginx', image: 'nginx:1.25', ...containerExtra }] },
      },
    },
  };
}

function statusError(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('expected a StatusError');
}

describe('ServerSideApply (e2e apply.go)', () => {
  it('should create an applied object if it does not already exist', () => {
    const cases = [
      {
        kind: podKind,
        body: {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'test-pod' },
          spec: { containers: [{ name: 'test-container', image: 'test-image' }] },
        },
        managedFields: '{"f:spec":{"f:containers":{"k:{\\"name\\":\\"test-container\\"}":{".":{},"f:image":{},"f:name":{}}}}}',
      },
      {
        kind: { group: '', version: 'v1', kind: 'Service', schema: SERVICE, builtin: true },
        body: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'test-svc' }, spec: { ports: [{ port: 8080, protocol: 'UDP' }] } },
        managedFields: '{"f:spec":{"f:ports":{"k:{\\"port\\":8080,\\"protocol\\":\\"UDP\\"}":{".":{},"f:port":{},"f:protocol":{}}}}}',
      },
    ];
    for (const tc of cases) {
      const h = new Harness(tc.kind);
      const created = h.applyPatch(tc.body, 'apply_test');
      expect(created.changed).toBe(true);
      expect(created.managedFields).toEqual([
        {
          manager: 'apply_test',
          operation: 'Apply',
          apiVersion: 'v1',
          time: '2025-01-01T00:00:00Z',
          fieldsType: 'FieldsV1',
          fieldsV1: JSON.parse(tc.managedFields),
        },
      ]);
      // A second applier of the same configuration shares ownership, without conflicts.
      h.tick();
      const again = h.applyPatch(tc.body, 'apply_test_2');
      expect(again.changed).toBe(false);
      expect(h.fieldsOf('apply_test')).toBe(tc.managedFields);
      expect(h.fieldsOf('apply_test_2')).toBe(tc.managedFields);
      // managedFieldsUpdater only stamps the time when the object changed.
      expect(h.entry('apply_test_2')?.time).toBeUndefined();
    }
  });

  it('should work for subresources', () => {
    const h = new Harness(podKind);
    h.applyPatch(
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'test-pod' }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
      'apply_test',
    );
    const statusPatch = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'test-pod' },
      status: { conditions: [{ type: 'MyStatus', status: 'True' }] },
    };

    // Applied to the main resource, status is a reset field: not owned, and the strategy drops it.
    h.applyPatch(statusPatch, 'apply_test2');
    expect(h.object?.status).toBeUndefined();
    expect(h.entry('apply_test2')).toBeUndefined();

    h.applyPatch(statusPatch, 'apply_test2', { subresource: 'status' });
    expect(h.object?.status).toEqual({ conditions: [{ type: 'MyStatus', status: 'True' }] });
    expect(h.entry('apply_test2')).toEqual({
      manager: 'apply_test2',
      operation: 'Apply',
      apiVersion: 'v1',
      time: '2025-01-01T00:00:00Z',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:status': { 'f:conditions': { 'k:{"type":"MyStatus"}': { '.': {}, 'f:status': {}, 'f:type': {} } } } },
      subresource: 'status',
    });
  });

  it('should remove a field if it is owned but removed in the apply request', () => {
    const h = new Harness(deployKind);
    h.applyPatch(deployment('deployment', { replicas: 3 }, { ports: [{ containerPort: 80, protocol: 'TCP' }] }), 'apply_test');
    expect(h.fieldsOf('apply_test')).toContain('f:ports');
    h.applyPatch(deployment('deployment', { replicas: 3 }), 'apply_test');
    const spec = h.object?.spec as { template: { spec: { containers: Record<string, unknown>[] } } };
    expect(spec.template.spec.containers[0]).toEqual({ name: 'nginx', image: 'nginx:1.25' });
    expect(h.fieldsOf('apply_test')).not.toContain('f:ports');
  });

  it('should not remove a field if an owner unsets the field but other managers still have ownership of the field', () => {
    const h = new Harness(deployKind);
    const full = deployment('deployment-shared-unset', { replicas: 3 }, {}, { hostname: 'test-hostname' });
    h.applyPatch(full, 'shared_owner_1');
    h.applyPatch(full, 'shared_owner_2');
    const patched = h.applyPatch(deployment('deployment-shared-unset'), 'shared_owner_1').object;
    const spec = patched.spec as { replicas: number; template: { spec: { hostname: string } } };
    expect(spec.replicas).toBe(3);
    expect(spec.template.spec.hostname).toBe('test-hostname');
    expect(h.fieldsOf('shared_owner_1')).not.toContain('f:replicas');
    expect(h.fieldsOf('shared_owner_2')).toContain('f:replicas');
    expect(h.fieldsOf('shared_owner_2')).toContain('f:hostname');
  });

  it('should ignore conflict errors if force apply is used', () => {
    const h = new Harness(deployKind);
    const obj = deployment('deployment', { replicas: 3 });
    h.applyPatch(obj, 'apply_test');
    h.tick().mergePatch({ spec: { replicas: 5 } }, 'kubectl-patch');
    expect(h.fieldsOf('kubectl-patch', 'Update')).toBe('{"f:spec":{"f:replicas":{}}}');
    expect(h.fieldsOf('apply_test')).not.toContain('f:replicas');

    const err = statusError(() => h.applyPatch(obj, 'apply_test'));
    expect(err.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Apply failed with 1 conflict: conflict with "kubectl-patch" using apps/v1: .spec.replicas',
      reason: 'Conflict',
      details: {
        causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-patch" using apps/v1', field: '.spec.replicas' }],
      },
      code: 409,
    });

    h.tick().applyPatch(obj, 'apply_test', { force: true });
    expect((h.object?.spec as { replicas: number }).replicas).toBe(3);
    expect(h.entry('kubectl-patch')).toBeUndefined();
    expect(h.fieldsOf('apply_test')).toContain('f:replicas');
  });

  it('lists every conflict, grouped by manager, in the plural message', () => {
    const h = new Harness(deployKind);
    h.applyPatch(deployment('d', { replicas: 3, minReadySeconds: 1 }), 'apply_test');
    h.mergePatch({ spec: { replicas: 5, minReadySeconds: 2 } }, 'kubectl-edit');
    h.mergePatch({ metadata: { labels: { app: 'other' } } }, 'kubectl-label');
    const err = statusError(() => h.applyPatch(deployment('d', { replicas: 3, minReadySeconds: 1 }), 'apply_test'));
    expect(err.message).toBe(
      'Apply failed with 3 conflicts: conflicts with "kubectl-edit" using apps/v1:\n- .spec.minReadySeconds\n- .spec.replicas\n' +
        'conflicts with "kubectl-label" using apps/v1:\n- .metadata.labels.app',
    );
    expect(err.status.details?.causes?.map((c) => c.field)).toEqual(['.spec.minReadySeconds', '.spec.replicas', '.metadata.labels.app']);
  });

  it('should give up ownership of a field if forced applied by a controller', () => {
    const h = new Harness(deployKind);
    h.applyPatch(deployment('deployment-shared-map-item-removal', { replicas: 3 }), 'test_applier');
    // A controller-style Update (UpdateDeploymentWithRetries) takes spec.replicas.
    h.tick().mergePatch({ spec: { replicas: 4 } }, 'e2e.test');
    const patched = h.applyPatch(deployment('deployment-shared-map-item-removal'), 'test_applier').object;
    expect((patched.spec as { replicas: number }).replicas).toBe(4);
    expect(h.fieldsOf('e2e.test', 'Update')).toBe('{"f:spec":{"f:replicas":{}}}');
  });

  it('should work for CRDs: set-typed finalizers, conflicts, list-map items', () => {
    const h = new Harness({ group: 'mygroup.example.com', version: 'v1beta1', kind: 'Noxu', schema: NOXU, builtin: false });
    const base = { apiVersion: 'mygroup.example.com/v1beta1', kind: 'Noxu', metadata: { name: 'mytest' } };
    const yamlBody = {
      ...base,
      metadata: { name: 'mytest', finalizers: ['test-finalizer'] },
      spec: { cronSpec: '* * * * */5', replicas: 1, ports: [{ name: 'x', containerPort: 80, protocol: 'TCP' }] },
    };
    h.applyPatch(yamlBody, 'apply_test');
    expect(h.fieldsOf('apply_test')).toBe(
      '{"f:metadata":{"f:finalizers":{"v:\\"test-finalizer\\"":{}}},"f:spec":{"f:cronSpec":{},"f:ports":{"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:containerPort":{},"f:name":{},"f:protocol":{}}},"f:replicas":{}}}',
    );

    h.mergePatch({ metadata: { finalizers: ['test-finalizer', 'another-one'] } }, 'patcher');
    // Finalizers are a set: re-applying the same configuration keeps the other finalizer.
    h.applyPatch(yamlBody, 'apply_test');
    expect(h.object?.metadata.finalizers).toEqual(['test-finalizer', 'another-one']);

    h.mergePatch({ spec: { replicas: 5 } }, 'patcher');
    const err = statusError(() => h.applyPatch(yamlBody, 'apply_test'));
    expect(err.status.details?.causes).toHaveLength(1);
    expect(err.message).toBe('Apply failed with 1 conflict: conflict with "patcher" using mygroup.example.com/v1beta1: .spec.replicas');
    h.applyPatch(yamlBody, 'apply_test', { force: true });
    expect((h.object?.spec as { replicas: number }).replicas).toBe(1);

    // A new applier changing a field of an existing list item conflicts.
    const otherPort = (name: string, containerPort: number) => ({ ...base, spec: { ports: [{ name, containerPort, protocol: 'TCP' }] } });
    const conflict = statusError(() => h.applyPatch(otherPort('y', 80), 'apply_test_2'));
    expect(conflict.status.details?.causes).toEqual([
      { reason: 'FieldManagerConflict', message: 'conflict with "apply_test"', field: '.spec.ports[containerPort=80,protocol="TCP"].name' },
    ]);
    // Adding a new item does not.
    h.applyPatch(otherPort('y', 8080), 'apply_test_2');
    expect((h.object?.spec as { ports: unknown[] }).ports).toEqual([
      { name: 'x', containerPort: 80, protocol: 'TCP' },
      { name: 'y', containerPort: 8080, protocol: 'TCP' },
    ]);
  });

  it('should work for CRDs: an atomic list is replaced whole by a forced apply', () => {
    const h = new Harness({ group: 'g.example.com', version: 'v1', kind: 'Atomic', schema: ATOMIC_CRD, builtin: false });
    const body = (item: string) => ({
      apiVersion: 'g.example.com/v1',
      kind: 'Atomic',
      metadata: { name: 'mytest' },
      spec: { atomicList: [item] },
    });
    h.applyPatch(body('item1'), 'apply_test');
    expect(h.fieldsOf('apply_test')).toBe('{"f:spec":{"f:atomicList":{}}}');
    expect(() => h.applyPatch(body('item2'), 'apply_test_2')).toThrow(/conflict with "apply_test": \.spec\.atomicList/);
    h.applyPatch(body('item2'), 'apply_test_2', { force: true });
    expect((h.object?.spec as { atomicList: string[] }).atomicList).toEqual(['item2']);
    expect(h.entry('apply_test')).toBeUndefined();
  });

  it('removes an item the applier dropped even if another manager owns a field inside it', () => {
    const h = new Harness(deployKind);
    const two = deployment('d');
    (two.spec.template.spec.containers as unknown[]).push({ name: 'sidecar', image: 'sidecar:1' });
    h.applyPatch(two, 'applier');
    h.mergePatch(
      {
        spec: {
          template: {
            spec: {
              containers: [
                { name: 'nginx', image: 'nginx:1.25' },
                { name: 'sidecar', image: 'sidecar:2' },
              ],
            },
          },
        },
      },
      'controller',
    );
    // The merge patch replaced the list; the controller now owns the sidecar's image.
    expect(h.fieldsOf('controller')).toContain('sidecar');
    h.applyPatch(deployment('d'), 'applier');
    const containers = (h.object?.spec as { template: { spec: { containers: { name: string }[] } } }).template.spec.containers;
    expect(containers.map((c) => c.name)).toEqual(['nginx']);
    expect(h.entry('controller')).toBeUndefined();
  });

  it('keeps fields the applier never owned (defaults, other writers) when it stops applying others', () => {
    const h = new Harness(deployKind);
    h.applyPatch(deployment('d', { replicas: 3, minReadySeconds: 5 }), 'applier');
    // Defaulting, as the registry would do after the apply: owned by nobody.
    h.object = { ...h.object!, spec: { ...(h.object!.spec as object), revisionHistoryLimit: 10 } };
    h.applyPatch(deployment('d', { replicas: 3 }), 'applier');
    const spec = h.object?.spec as Record<string, unknown>;
    expect(spec.minReadySeconds).toBeUndefined();
    expect(spec.revisionHistoryLimit).toBe(10);
  });

  it('keeps client-supplied managedFields on create, and an applier keeps one entry across versions', () => {
    // test/integration/apiserver/apply TestApplyConvertsManagedFieldsVersion
    const h = new Harness(deployKind);
    h.create(
      {
        ...deployment('deployment'),
        metadata: {
          name: 'deployment',
          labels: { app: 'nginx' },
          managedFields: [
            {
              manager: 'sidecar_controller',
              operation: 'Apply',
              apiVersion: 'extensions/v1beta1',
              fieldsType: 'FieldsV1',
              fieldsV1: {
                'f:metadata': { 'f:labels': { 'f:sidecar_version': {} } },
                'f:spec': { 'f:template': { 'f: spec': { 'f:containers': { 'k:{"name":"sidecar"}': { '.': {}, 'f:image': {} } } } } },
              },
            },
          ],
        },
      },
      'creator',
    );
    h.applyPatch(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'deployment', labels: { sidecar_version: 'release' } },
        spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'sidecar:latest' }] } } },
      },
      'sidecar_controller',
    );
    expect(h.managedFields).toHaveLength(2);
    expect(h.entry('sidecar_controller')).toMatchObject({ operation: 'Apply', apiVersion: 'apps/v1' });
    expect(h.fieldsOf('sidecar_controller')).toBe(
      '{"f:metadata":{"f:labels":{"f:sidecar_version":{}}},"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\\"name\\":\\"sidecar\\"}":{".":{},"f:image":{},"f:name":{}}}}}}}',
    );
  });
});

/**
 * The printers by example: the column layout (name, type, format, priority) of the common
 * printers and hand-checked rows. golden.test.ts and real-server.test.ts hold the exhaustive
 * comparisons with upstream.
 */
import { describe, expect, it } from 'vitest';
import { printerFor, printedResources } from './registry.js';
import { printRows } from './rows.js';
import type { TablePrinter } from './types.js';

const CREATED = '2026-01-01T00:00:00Z';
const NOW = Date.parse('2026-01-01T00:10:00Z');

function layout(p: TablePrinter | undefined): string[] {
  return (p?.columns ?? []).map((c) => `${c.name}:${c.type}${c.format ? `:${c.format}` : ''}${c.priority ? ` (wide)` : ''}`);
}

describe('column layouts', () => {
  it.each([
    [
      '',
      'pods',
      ['Name:string:name', 'Ready:string', 'Status:string', 'Restarts:string', 'Age:string'],
      ['IP:string (wide)', 'Node:string (wide)', 'Nominated Node:string (wide)', 'Readiness Gates:string (wide)'],
    ],
    [
      'apps',
      'deployments',
      ['Name:string:name', 'Ready:string', 'Up-to-date:string', 'Available:string', 'Age:string'],
      ['Containers:string (wide)', 'Images:string (wide)', 'Selector:string (wide)'],
    ],
    [
      'apps',
      'replicasets',
      ['Name:string:name', 'Desired:integer', 'Current:integer', 'Ready:integer', 'Age:string'],
      ['Containers:string (wide)', 'Images:string (wide)', 'Selector:string (wide)'],
    ],
    ['apps', 'statefulsets', ['Name:string:name', 'Ready:string', 'Age:string'], ['Containers:string (wide)', 'Images:string (wide)']],
    [
      'apps',
      'daemonsets',
      [
        'Name:string:name',
        'Desired:integer',
        'Current:integer',
        'Ready:integer',
        'Up-to-date:integer',
        'Available:integer',
        'Node Selector:string',
        'Age:string',
      ],
      ['Containers:string (wide)', 'Images:string (wide)', 'Selector:string (wide)'],
    ],
    [
      '',
      'services',
      ['Name:string:name', 'Type:string', 'Cluster-IP:string', 'External-IP:string', 'Port(s):string', 'Age:string'],
      ['Selector:string (wide)'],
    ],
    ['', 'configmaps', ['Name:string:name', 'Data:string', 'Age:string'], []],
    ['', 'secrets', ['Name:string:name', 'Type:string', 'Data:string', 'Age:string'], []],
    ['', 'namespaces', ['Name:string:name', 'Status:string', 'Age:string'], []],
    [
      '',
      'nodes',
      ['Name:string:name', 'Status:string', 'Roles:string', 'Age:string', 'Version:string'],
      [
        'Internal-IP:string (wide)',
        'External-IP:string (wide)',
        'OS-Image:string (wide)',
        'Kernel-Version:string (wide)',
        'Container-Runtime:string (wide)',
      ],
    ],
    [
      '',
      'events',
      [
        'Last Seen:string',
        'Type:string',
        'Reason:string',
        'Object:string',
        'Subobject:string (wide)',
        'Source:string (wide)',
        'Message:string',
        'First Seen:string (wide)',
        'Count:string (wide)',
        'Name:string:name (wide)',
      ],
      [],
    ],
    [
      'batch',
      'jobs',
      ['Name:string:name', 'Status:string', 'Completions:string', 'Duration:string', 'Age:string'],
      ['Containers:string (wide)', 'Images:string (wide)', 'Selector:string (wide)'],
    ],
    [
      'batch',
      'cronjobs',
      ['Name:string:name', 'Schedule:string', 'Timezone:string', 'Suspend:boolean', 'Active:integer', 'Last Schedule:string', 'Age:string'],
      ['Containers:string (wide)', 'Images:string (wide)', 'Selector:string (wide)'],
    ],
    ['coordination.k8s.io', 'leases', ['Name:string:name', 'Holder:string', 'Age:string'], []],
    ['', 'serviceaccounts', ['Name:string:name', 'Age:string'], []],
    ['', 'endpoints', ['Name:string:name', 'Endpoints:string', 'Age:string'], []],
    [
      'discovery.k8s.io',
      'endpointslices',
      ['Name:string:name', 'AddressType:string', 'Ports:string', 'Endpoints:string', 'Age:string'],
      [],
    ],
    [
      'networking.k8s.io',
      'ingresses',
      ['Name:string:name', 'Class:string', 'Hosts:string', 'Address:string', 'Ports:string', 'Age:string'],
      [],
    ],
    [
      '',
      'persistentvolumeclaims',
      [
        'Name:string:name',
        'Status:string',
        'Volume:string',
        'Capacity:string',
        'Access Modes:string',
        'StorageClass:string',
        'VolumeAttributesClass:string',
        'Age:string',
      ],
      ['VolumeMode:string (wide)'],
    ],
    [
      'storage.k8s.io',
      'storageclasses',
      [
        'Name:string:name',
        'Provisioner:string',
        'ReclaimPolicy:string',
        'VolumeBindingMode:string',
        'AllowVolumeExpansion:string',
        'Age:string',
      ],
      [],
    ],
    [
      'scheduling.k8s.io',
      'priorityclasses',
      ['Name:string:name', 'Value:integer', 'Global-Default:boolean', 'Age:string', 'PreemptionPolicy:string'],
      [],
    ],
    [
      'rbac.authorization.k8s.io',
      'rolebindings',
      ['Name:string:name', 'Role:string', 'Age:string'],
      ['Users:string (wide)', 'Groups:string (wide)', 'ServiceAccounts:string (wide)'],
    ],
    [
      'policy',
      'poddisruptionbudgets',
      ['Name:string:name', 'Min Available:string', 'Max Unavailable:string', 'Allowed Disruptions:integer', 'Age:string'],
      [],
    ],
    [
      'autoscaling',
      'horizontalpodautoscalers',
      ['Name:string:name', 'Reference:string', 'Targets:string', 'MinPods:string', 'MaxPods:string', 'Replicas:string', 'Age:string'],
      [],
    ],
    ['networking.k8s.io', 'networkpolicies', ['Name:string:name', 'Pod-Selector:string', 'Age:string'], []],
  ])('%s/%s', (group, resource, normal, wide) => {
    expect(layout(printerFor(group, resource))).toEqual([...normal, ...wide]);
  });

  it('every printer starts its row with as many cells as it has columns, except ipaddresses (upstream has 2 columns, 3 cells)', () => {
    for (const { group, resource } of printedResources()) {
      const p = printerFor(group, resource)!;
      const cells = p.row({ metadata: { name: 'x', creationTimestamp: CREATED } }, NOW).cells;
      expect(cells.length, `${group}/${resource}`).toBe(resource === 'ipaddresses' ? 3 : p.columns.length);
    }
  });
});

describe('printerFor', () => {
  it('serves the default table (undefined) where upstream storage does', () => {
    for (const [g, r] of [
      ['rbac.authorization.k8s.io', 'roles'],
      ['rbac.authorization.k8s.io', 'clusterroles'],
      ['', 'limitranges'],
      ['storage.k8s.io', 'csistoragecapacities'],
      ['apiextensions.k8s.io', 'customresourcedefinitions'],
      ['example.com', 'widgets'],
      ['', 'constructor'],
    ]) {
      expect(printerFor(g, r), `${g}/${r}`).toBeUndefined();
    }
  });

  it('prints status subresources like the resource and scale subresources as Scale', () => {
    expect(printerFor('', 'pods', 'status')).toBe(printerFor('', 'pods'));
    expect(printerFor('', 'pods/status')).toBe(printerFor('', 'pods'));
    const scale = printerFor('apps', 'deployments/scale')!;
    expect(layout(scale)).toEqual(['Name:string', 'Desired:integer', 'Available:integer', 'Age:string']);
    expect(printerFor('', 'replicationcontrollers', 'scale')).toBe(scale);
    expect(printerFor('', 'pods', 'scale')).toBeUndefined();
    expect(printerFor('', 'pods', 'log')).toBeUndefined();
    expect(
      scale.row({ metadata: { name: 'web', creationTimestamp: CREATED }, spec: { replicas: 3 }, status: { replicas: 2 } }, NOW).cells,
    ).toEqual(['web', 3, 2, '10m']);
  });

  it('prints events.k8s.io/v1 events with the core columns', () => {
    const p = printerFor('events.k8s.io', 'events')!;
    expect(p).toBe(printerFor('', 'events'));
    const row = p.row(
      {
        apiVersion: 'events.k8s.io/v1',
        kind: 'Event',
        metadata: { name: 'web.1', creationTimestamp: CREATED },
        eventTime: '2026-01-01T00:05:00.000000Z',
        reportingController: 'example.com/ctrl',
        reportingInstance: 'ctrl-0',
        reason: 'Synced',
        note: ' all good ',
        type: 'Normal',
        regarding: { kind: 'Deployment', name: 'web' },
      },
      NOW,
    );
    expect(row.cells).toEqual(['5m', 'Normal', 'Synced', 'deployment/web', '', 'example.com/ctrl, ctrl-0', 'all good', '5m', 1, 'web.1']);
  });
});

describe('representative rows', () => {
  const pods = printerFor('', 'pods')!;
  const meta = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    namespace: 'default',
    creationTimestamp: CREATED,
    ...extra,
  });

  it('a pending pod', () => {
    const row = pods.row(
      {
        metadata: meta('pending'),
        spec: { containers: [{ name: 'a' }, { name: 'b' }] },
        status: { phase: 'Pending', qosClass: 'BestEffort' },
      },
      NOW,
    );
    expect(row).toEqual({ cells: ['pending', '0/2', 'Pending', '0', '10m', '<none>', '<none>', '<none>', '<none>'] });
  });

  it('a pod whose container is being created', () => {
    const row = pods.row(
      {
        metadata: meta('creating'),
        spec: { containers: [{ name: 'a' }] },
        status: {
          phase: 'Pending',
          containerStatuses: [{ name: 'a', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }],
        },
      },
      NOW,
    );
    expect(row.cells.slice(0, 4)).toEqual(['creating', '0/1', 'ContainerCreating', '0']);
  });

  it('a running pod with restarts', () => {
    const row = pods.row(
      {
        metadata: meta('web'),
        spec: { nodeName: 'node-a', containers: [{ name: 'a' }, { name: 'b' }], readinessGates: [{ conditionType: 'x/y' }] },
        status: {
          phase: 'Running',
          podIP: '10.0.0.5',
          conditions: [
            { type: 'Ready', status: 'True' },
            { type: 'x/y', status: 'True' },
          ],
          containerStatuses: [
            {
              name: 'a',
              ready: true,
              restartCount: 3,
              state: { running: {} },
              lastState: { terminated: { exitCode: 1, finishedAt: '2026-01-01T00:07:00Z' } },
            },
            { name: 'b', ready: false, restartCount: 1, state: { running: {} } },
          ],
        },
      },
      NOW,
    );
    expect(row).toEqual({ cells: ['web', '1/2', 'Running', '4 (3m ago)', '10m', '10.0.0.5', 'node-a', '<none>', '1/1'] });
  });

  it('a pod in CrashLoopBackOff and one failing its init container', () => {
    const crash = pods.row(
      {
        metadata: meta('crash'),
        spec: { containers: [{ name: 'a' }] },
        status: {
          phase: 'Running',
          containerStatuses: [{ name: 'a', restartCount: 7, state: { waiting: { reason: 'CrashLoopBackOff' } } }],
        },
      },
      NOW,
    );
    expect(crash.cells.slice(0, 4)).toEqual(['crash', '0/1', 'CrashLoopBackOff', '7']);
    const init = pods.row(
      {
        metadata: meta('init'),
        spec: { initContainers: [{ name: 'i1' }, { name: 'i2' }], containers: [{ name: 'a' }] },
        status: {
          phase: 'Pending',
          initContainerStatuses: [
            { name: 'i1', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
            { name: 'i2', state: { terminated: { exitCode: 2 } } },
          ],
        },
      },
      NOW,
    );
    expect(init.cells[2]).toBe('Init:ExitCode:2');
  });

  it('a terminating pod', () => {
    const row = pods.row(
      {
        metadata: meta('bye', { deletionTimestamp: '2026-01-01T00:09:30Z' }),
        spec: { containers: [{ name: 'a' }] },
        status: { phase: 'Running', containerStatuses: [{ name: 'a', ready: true, restartCount: 0, state: { running: {} } }] },
      },
      NOW,
    );
    expect(row.cells.slice(0, 3)).toEqual(['bye', '1/1', 'Terminating']);
  });

  it('a completed pod carries the Completed row condition', () => {
    const row = pods.row(
      {
        metadata: meta('done'),
        spec: { containers: [{ name: 'a' }] },
        status: { phase: 'Succeeded', containerStatuses: [{ name: 'a', state: { terminated: { exitCode: 0, reason: 'Completed' } } }] },
      },
      NOW,
    );
    expect(row.cells[2]).toBe('Completed');
    expect(row.conditions).toEqual([
      { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
    ]);
  });

  it('a deployment with status', () => {
    const row = printerFor('apps', 'deployments')!.row(
      {
        metadata: meta('web'),
        spec: {
          replicas: 3,
          selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe', 'be'] }] },
          template: {
            spec: {
              containers: [
                { name: 'nginx', image: 'nginx:1.27' },
                { name: 'envoy', image: 'envoy:v1' },
              ],
            },
          },
        },
        status: { replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2 },
      },
      NOW,
    );
    expect(row.cells).toEqual(['web', '2/3', 3, 2, '10m', 'nginx,envoy', 'nginx:1.27,envoy:v1', 'app=web,tier in (be,fe)']);
  });

  it('a service with ports', () => {
    const row = printerFor('', 'services')!.row(
      {
        metadata: meta('web'),
        spec: {
          type: 'NodePort',
          clusterIP: '10.96.0.10',
          clusterIPs: ['10.96.0.10'],
          selector: { app: 'web' },
          ports: [
            { name: 'http', port: 80, nodePort: 30080, protocol: 'TCP' },
            { name: 'dns', port: 53, protocol: 'UDP' },
          ],
        },
      },
      NOW,
    );
    expect(row.cells).toEqual(['web', 'NodePort', '10.96.0.10', '<none>', '80:30080/TCP,53/UDP', '10m', 'app=web']);
  });

  it('a LoadBalancer service waiting for its address', () => {
    const row = printerFor('', 'services')!.row(
      { metadata: meta('lb'), spec: { type: 'LoadBalancer', clusterIPs: ['10.96.0.11'], ports: [{ port: 443 }] } },
      NOW,
    );
    expect(row.cells.slice(1, 5)).toEqual(['LoadBalancer', '10.96.0.11', '<pending>', '443/TCP']);
  });

  it('a configmap with three keys, a secret and a namespace', () => {
    expect(printerFor('', 'configmaps')!.row({ metadata: meta('cfg'), data: { a: '1', b: '2', c: '3' } }, NOW).cells).toEqual([
      'cfg',
      3,
      '10m',
    ]);
    expect(
      printerFor('', 'secrets')!.row({ metadata: meta('s'), type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } }, NOW).cells,
    ).toEqual(['s', 'kubernetes.io/tls', 2, '10m']);
    expect(
      printerFor('', 'namespaces')!.row({ metadata: { name: 'team-a', creationTimestamp: CREATED }, status: { phase: 'Active' } }, NOW)
        .cells,
    ).toEqual(['team-a', 'Active', '10m']);
  });

  it('a node, a job and a lease', () => {
    const node = printerFor('', 'nodes')!.row(
      {
        metadata: { name: 'n1', creationTimestamp: CREATED, labels: { 'node-role.kubernetes.io/control-plane': '' } },
        spec: { unschedulable: true },
        status: { conditions: [{ type: 'Ready', status: 'True' }], nodeInfo: { kubeletVersion: 'v1.35.4' } },
      },
      NOW,
    );
    expect(node.cells.slice(0, 5)).toEqual(['n1', 'Ready,SchedulingDisabled', 'control-plane', '10m', 'v1.35.4']);
    const job = printerFor('batch', 'jobs')!.row(
      {
        metadata: meta('pi'),
        spec: { completions: 2, template: { spec: { containers: [{ name: 'pi', image: 'perl' }] } } },
        status: { startTime: '2026-01-01T00:01:00Z', succeeded: 1 },
      },
      NOW,
    );
    expect(job.cells.slice(0, 5)).toEqual(['pi', 'Running', '1/2', '9m', '10m']);
    expect(printerFor('coordination.k8s.io', 'leases')!.row({ metadata: meta('l'), spec: { holderIdentity: 'me' } }, NOW).cells).toEqual([
      'l',
      'me',
      '10m',
    ]);
  });

  it('a missing creationTimestamp prints <unknown>', () => {
    expect(printerFor('', 'configmaps')!.row({ metadata: { name: 'x' } }, NOW).cells).toEqual(['x', 0, '<unknown>']);
  });
});

describe('printRows', () => {
  it('keeps list order and sorts flowschemas by matchingPrecedence, then name', () => {
    const fs = (name: string, matchingPrecedence?: number) => ({
      metadata: { name, creationTimestamp: CREATED },
      spec: { matchingPrecedence, priorityLevelConfiguration: { name: 'pl' } },
    });
    const items = [fs('b', 500), fs('a'), fs('c', 500), fs('d', 10)];
    const rows = printRows(printerFor('flowcontrol.apiserver.k8s.io', 'flowschemas')!, items, NOW);
    expect(rows.map((r) => r.cells[0])).toEqual(['d', 'b', 'c', 'a']);
    expect(rows.map((r) => r.cells[2])).toEqual([10, 500, 500, 1000]);
    expect(rows[0].item).toBe(items[3]);
    const cms = printRows(printerFor('', 'configmaps')!, [fs('z'), fs('y')], NOW);
    expect(cms.map((r) => r.cells[0])).toEqual(['z', 'y']);
  });
});

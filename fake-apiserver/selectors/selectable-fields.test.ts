import { describe, expect, it } from 'vitest';
import { isStatusError } from '../errors/status.js';
import { parseFieldSelector } from './field-selector.js';
import {
  customResourceSelectableFields,
  selectableFieldsFor,
  validateFieldSelector,
  validateFieldSelectorWith,
} from './selectable-fields.js';

function rejection(text: string, group: string, resource: string, version?: string): string {
  try {
    validateFieldSelector(parseFieldSelector(text), group, resource, version);
  } catch (err) {
    if (isStatusError(err)) {
      expect(err.status).toMatchObject({ reason: 'BadRequest', code: 400 });
      return err.message;
    }
    throw err;
  }
  throw new Error(`expected ${text} to be rejected for ${group}/${resource}`);
}

/** Parse, validate and match, as the list handler does. */
function selects(text: string, group: string, resource: string, obj: unknown): boolean {
  const sel = validateFieldSelector(parseFieldSelector(text), group, resource);
  return sel.matches(selectableFieldsFor(group, resource).fieldsOf(obj));
}

const DEFAULT_REJECT = (f: string) => `"${f}" is not a known field selector: only "metadata.name", "metadata.namespace"`;

describe('unsupported field labels: the message differs per conversion func', () => {
  it.each([
    // no conversion func: DefaultMetaV1FieldSelectorConversion
    ['spec.foo=x', '', 'configmaps', DEFAULT_REJECT('spec.foo')],
    ['foo.bar=baz', 'networking.k8s.io', 'ingresses', DEFAULT_REJECT('foo.bar')],
    ['status.replicas=0', 'apps', 'replicasets', DEFAULT_REJECT('status.replicas')],
    ['status.replicas=0', 'apps', 'deployments', DEFAULT_REJECT('status.replicas')],
    ['name=x', '', 'persistentvolumes', DEFAULT_REJECT('name')],
    ['a"b=x', '', 'configmaps', '"a\\"b" is not a known field selector: only "metadata.name", "metadata.namespace"'],
    // core/v1 conversion funcs
    ['foo=bar', '', 'pods', 'field label not supported: foo'],
    ['status.hostIP=1.2.3.4', '', 'pods', 'field label not supported: status.hostIP'],
    ['metadata.namespace=x', '', 'nodes', 'field label not supported: metadata.namespace'],
    ['spec.Unschedulable=true', '', 'nodes', 'field label not supported: spec.Unschedulable'],
    ['metadata.namespace=x', '', 'namespaces', 'field label not supported: metadata.namespace'],
    ['data=x', '', 'secrets', 'field label not supported: data'],
    ['spec.ports=x', '', 'services', 'field label not supported: spec.ports'],
    ['message=whatever', '', 'events', 'field label not supported: message'],
    ['status.readyReplicas=1', '', 'replicationcontrollers', 'field label not supported: status.readyReplicas'],
    // events.k8s.io only accepts its own spellings
    ['involvedObject.kind=Pod', 'events.k8s.io', 'events', 'field label not supported: involvedObject.kind'],
    ['reportingComponent=x', 'events.k8s.io', 'events', 'field label not supported: reportingComponent'],
    // batch/v1 Job has its own wording
    ['status.active=1', 'batch', 'jobs', 'field label "status.active" not supported for Job'],
    ['status.successful=1', 'batch', 'cronjobs', DEFAULT_REJECT('status.successful')],
    // certificates.k8s.io
    ['metadata.namespace=x', 'certificates.k8s.io', 'certificatesigningrequests', 'field label not supported: metadata.namespace'],
    ['spec.usages=x', 'certificates.k8s.io', 'clustertrustbundles', 'field label not supported: spec.usages'],
    ['metadata.namespace=x', 'certificates.k8s.io', 'podcertificaterequests', 'field label not supported: metadata.namespace'],
    // resource.k8s.io names the GroupVersionKind
    ['spec.pool=x', 'resource.k8s.io', 'resourceslices', 'field label not supported for resource.k8s.io/v1, Kind=ResourceSlice: spec.pool'],
    // the first unsupported term in sorted order is reported
    ['zzz=1,aaa=2', '', 'pods', 'field label not supported: aaa'],
    ['status.phase=Running,foo=1', '', 'pods', 'field label not supported: foo'],
  ])('%j on %s/%s', (text, group, resource, message) => {
    expect(rejection(text, group, resource)).toBe(message);
  });

  it('uses the requested version in version-qualified messages', () => {
    expect(rejection('x=1', 'resource.k8s.io', 'resourceslices', 'v1beta1')).toBe(
      'field label not supported for resource.k8s.io/v1beta1, Kind=ResourceSlice: x',
    );
  });

  it('treats "core" as the core group', () => {
    expect(rejection('foo=1', 'core', 'pods')).toBe('field label not supported: foo');
  });
});

describe('accepted labels', () => {
  it.each([
    ['', 'configmaps', ['metadata.name', 'metadata.namespace']],
    ['rbac.authorization.k8s.io', 'clusterroles', ['metadata.name', 'metadata.namespace']],
    [
      '',
      'pods',
      [
        'metadata.name',
        'metadata.namespace',
        'spec.nodeName',
        'spec.restartPolicy',
        'spec.schedulerName',
        'spec.serviceAccountName',
        'spec.hostNetwork',
        'status.phase',
        'status.podIP',
        'status.podIPs',
        'status.nominatedNodeName',
        'spec.host',
      ],
    ],
    ['', 'nodes', ['metadata.name', 'spec.unschedulable']],
    ['', 'namespaces', ['status.phase', 'metadata.name']],
    ['', 'secrets', ['type', 'metadata.namespace', 'metadata.name']],
    ['', 'services', ['metadata.namespace', 'metadata.name', 'spec.clusterIP', 'spec.type']],
    ['', 'replicationcontrollers', ['metadata.name', 'metadata.namespace', 'status.replicas']],
    ['batch', 'jobs', ['metadata.name', 'metadata.namespace', 'status.successful']],
    ['certificates.k8s.io', 'certificatesigningrequests', ['metadata.name', 'spec.signerName']],
    ['resource.k8s.io', 'resourceslices', ['metadata.name', 'spec.nodeName', 'spec.driver']],
  ])('%s/%s', (group, resource, labels) => {
    const s = selectableFieldsFor(group, resource);
    expect(s.supported).toEqual(labels);
    for (const label of labels) expect(() => s.convert(label, 'v')).not.toThrow();
  });

  it('rewrites the legacy pod label spec.host to spec.nodeName', () => {
    const sel = validateFieldSelector(parseFieldSelector('spec.host=node-1'), '', 'pods');
    expect(sel.toString()).toBe('spec.nodeName=node-1');
    expect(selectableFieldsFor('', 'pods').normalizeLabel?.('spec.host')).toBe('spec.nodeName');
  });

  it('rewrites events.k8s.io spellings to the shared field set', () => {
    const sel = validateFieldSelector(
      parseFieldSelector('regarding.kind=Pod,reportingController=kubelet,type=Normal'),
      'events.k8s.io',
      'events',
    );
    expect(sel.toString()).toBe('involvedObject.kind=Pod,reportingComponent=kubelet,type=Normal');
  });
});

describe('pod field set', () => {
  const pod = {
    metadata: { name: 'web-1', namespace: 'prod' },
    spec: { nodeName: 'node-a', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'sa', hostNetwork: true },
    status: { phase: 'Running', podIP: '10.0.0.5', podIPs: [{ ip: '10.0.0.5' }, { ip: 'fd00::5' }], nominatedNodeName: 'node-b' },
  };

  it('stringifies every field like ToSelectableFields', () => {
    expect(selectableFieldsFor('', 'pods').fieldsOf(pod)).toEqual({
      'metadata.name': 'web-1',
      'metadata.namespace': 'prod',
      'spec.nodeName': 'node-a',
      'spec.restartPolicy': 'Always',
      'spec.schedulerName': 'default-scheduler',
      'spec.serviceAccountName': 'sa',
      'spec.hostNetwork': 'true',
      'status.phase': 'Running',
      'status.podIP': '10.0.0.5',
      'status.nominatedNodeName': 'node-b',
    });
  });

  it('reads absent fields as Go zero values', () => {
    expect(selectableFieldsFor('', 'pods').fieldsOf({ metadata: { name: 'p' } })).toEqual({
      'metadata.name': 'p',
      'metadata.namespace': '',
      'spec.nodeName': '',
      'spec.restartPolicy': '',
      'spec.schedulerName': '',
      'spec.serviceAccountName': '',
      'spec.hostNetwork': 'false',
      'status.phase': '',
      'status.podIP': '',
      'status.nominatedNodeName': '',
    });
    expect(selectableFieldsFor('', 'pods').fieldsOf(null)['spec.hostNetwork']).toBe('false');
  });

  it('takes podIP from podIPs[0] and serviceAccountName from the deprecated alias', () => {
    const f = selectableFieldsFor('', 'pods').fieldsOf({
      spec: { serviceAccount: 'legacy' },
      status: { podIPs: [{ ip: 'fd00::1' }, { ip: '10.1.1.1' }] },
    });
    expect(f['status.podIP']).toBe('fd00::1');
    expect(f['spec.serviceAccountName']).toBe('legacy');
  });

  it.each<[string, boolean]>([
    ['spec.nodeName=node-a', true],
    ['spec.nodeName=node-b', false],
    ['spec.nodeName!=node-b', true],
    ['spec.host=node-a', true],
    ['status.phase=Running', true],
    ['status.phase!=Running', false],
    ['status.phase=Pending', false],
    ['spec.hostNetwork=true', true],
    ['spec.hostNetwork=false', false],
    ['spec.hostNetwork=True', false],
    ['status.podIP=10.0.0.5', true],
    // accepted, but never set upstream: only "" matches
    ['status.podIPs=10.0.0.5', false],
    ['status.podIPs=', true],
    ['metadata.namespace=prod,metadata.name=web-1', true],
    ['status.phase=Running,spec.restartPolicy=Never', false],
  ])('%j', (text, want) => {
    expect(selects(text, '', 'pods', pod)).toBe(want);
  });

  it('unscheduled pods match spec.nodeName=', () => {
    expect(selects('spec.nodeName=', '', 'pods', { spec: {} })).toBe(true);
    expect(selects('spec.hostNetwork=false', '', 'pods', { spec: {} })).toBe(true);
  });
});

describe('other built-in field sets', () => {
  it.each<[string, string, unknown, string, boolean]>([
    ['', 'nodes', { metadata: { name: 'n' }, spec: { unschedulable: true } }, 'spec.unschedulable=true', true],
    ['', 'nodes', { metadata: { name: 'n' }, spec: {} }, 'spec.unschedulable=false', true],
    ['', 'namespaces', { metadata: { name: 'ns' }, status: { phase: 'Terminating' } }, 'status.phase=Terminating', true],
    ['', 'namespaces', { metadata: { name: 'ns' }, status: { phase: 'Active' } }, 'metadata.name=ns,status.phase!=Active', false],
    ['', 'secrets', { metadata: { name: 's', namespace: 'd' }, type: 'kubernetes.io/tls' }, 'type=kubernetes.io/tls', true],
    ['', 'secrets', { metadata: { name: 's', namespace: 'd' }, type: 'Opaque' }, 'type!=Opaque', false],
    ['', 'services', { spec: { type: 'ClusterIP', clusterIP: 'None' } }, 'spec.clusterIP=None,spec.type=ClusterIP', true],
    ['', 'replicationcontrollers', { status: { replicas: 3 } }, 'status.replicas=3', true],
    ['', 'replicationcontrollers', { status: {} }, 'status.replicas=0', true],
    ['batch', 'jobs', { status: { succeeded: 1 } }, 'status.successful=1', true],
    ['batch', 'jobs', {}, 'status.successful=0', true],
    [
      'certificates.k8s.io',
      'certificatesigningrequests',
      { spec: { signerName: 'kubernetes.io/kubelet-serving' } },
      'spec.signerName=kubernetes.io/kubelet-serving',
      true,
    ],
    ['certificates.k8s.io', 'clustertrustbundles', { spec: { signerName: 'example.com/s' } }, 'spec.signerName=example.com/s', true],
    [
      'certificates.k8s.io',
      'podcertificaterequests',
      { spec: { podName: 'p', nodeName: 'n', signerName: 's' } },
      'spec.podName=p,spec.nodeName=n,spec.signerName=s',
      true,
    ],
    [
      'resource.k8s.io',
      'resourceslices',
      { spec: { driver: 'gpu.example.com', nodeName: 'n1' } },
      'spec.driver=gpu.example.com,spec.nodeName=n1',
      true,
    ],
    ['resource.k8s.io', 'resourceslices', { spec: { driver: 'gpu.example.com', allNodes: true } }, 'spec.nodeName=', true],
    // default conversion: cluster-scoped objects read metadata.namespace as ""
    ['rbac.authorization.k8s.io', 'clusterroles', { metadata: { name: 'admin' } }, 'metadata.namespace=', true],
    ['rbac.authorization.k8s.io', 'clusterroles', { metadata: { name: 'admin' } }, 'metadata.namespace=default', false],
    ['', 'configmaps', { metadata: { name: 'cm', namespace: 'kube-system' } }, 'metadata.namespace!=default,metadata.name=cm', true],
  ])('%s/%s %j %j', (group, resource, obj, text, want) => {
    expect(selects(text, group, resource, obj)).toBe(want);
  });

  it('keeps the unreachable legacy "name" field of namespaces, PVs and PVCs', () => {
    expect(selectableFieldsFor('', 'namespaces').fieldsOf({ metadata: { name: 'x' } }).name).toBe('x');
    expect(selectableFieldsFor('', 'persistentvolumeclaims').fieldsOf({ metadata: { name: 'c' } }).name).toBe('c');
    expect(selectableFieldsFor('apps', 'replicasets').fieldsOf({ status: { replicas: 2 } })['status.replicas']).toBe('2');
  });
});

describe('event field set', () => {
  const coreEvent = {
    metadata: { name: 'e1', namespace: 'default' },
    involvedObject: {
      kind: 'Pod',
      namespace: 'default',
      name: 'web-1',
      uid: 'u-1',
      apiVersion: 'v1',
      resourceVersion: '42',
      fieldPath: 'spec.containers{app}',
    },
    reason: 'Scheduled',
    source: { component: 'default-scheduler' },
    reportingComponent: 'default-scheduler',
    type: 'Normal',
  };

  it('computes involvedObject.*, reason, source, reportingComponent and type', () => {
    expect(selectableFieldsFor('', 'events').fieldsOf(coreEvent)).toEqual({
      'metadata.name': 'e1',
      'metadata.namespace': 'default',
      'involvedObject.kind': 'Pod',
      'involvedObject.namespace': 'default',
      'involvedObject.name': 'web-1',
      'involvedObject.uid': 'u-1',
      'involvedObject.apiVersion': 'v1',
      'involvedObject.resourceVersion': '42',
      'involvedObject.fieldPath': 'spec.containers{app}',
      reason: 'Scheduled',
      reportingComponent: 'default-scheduler',
      source: 'default-scheduler',
      type: 'Normal',
    });
  });

  it('falls back to the reporting controller for source', () => {
    const f = selectableFieldsFor('', 'events').fieldsOf({ reportingComponent: 'kubelet', source: {} });
    expect(f.source).toBe('kubelet');
  });

  it('reads an events.k8s.io/v1 object (regarding, deprecatedSource, reportingController)', () => {
    const ev = {
      apiVersion: 'events.k8s.io/v1',
      metadata: { name: 'e2', namespace: 'ns' },
      regarding: { kind: 'Node', name: 'n1' },
      reportingController: 'kubelet',
      reason: 'NodeReady',
      type: 'Normal',
    };
    expect(selects('regarding.kind=Node,regarding.name=n1,reportingController=kubelet,source=kubelet', 'events.k8s.io', 'events', ev)).toBe(
      true,
    );
    expect(selects('involvedObject.kind=Node,source=kubelet', '', 'events', ev)).toBe(true);
    expect(selects('regarding.kind=Pod', 'events.k8s.io', 'events', ev)).toBe(false);
  });

  it.each<[string, boolean]>([
    ['involvedObject.kind=Pod,involvedObject.name=web-1', true],
    ['involvedObject.uid=u-2', false],
    ['source=default-scheduler', true],
    ['type=Warning', false],
    ['reason!=Scheduled', false],
  ])('%j', (text, want) => {
    expect(selects(text, '', 'events', coreEvent)).toBe(want);
  });
});

describe('custom resources', () => {
  const namespaced = customResourceSelectableFields({
    clusterScoped: false,
    selectableFields: ['.spec.color', '.spec.size', '.status.ready'],
  });
  const clusterScoped = customResourceSelectableFields({ clusterScoped: true });

  it('accepts name, namespace (unless cluster-scoped) and the declared selectable fields', () => {
    expect(namespaced.supported).toEqual(['metadata.name', 'metadata.namespace', 'spec.color', 'spec.size', 'status.ready']);
    expect(clusterScoped.supported).toEqual(['metadata.name']);
  });

  it('rejects everything else with "field label not supported"', () => {
    expect(() => validateFieldSelectorWith(parseFieldSelector('metadata.namespace=x'), clusterScoped)).toThrow(
      'field label not supported: metadata.namespace',
    );
    expect(() => validateFieldSelectorWith(parseFieldSelector('spec.shape=x'), namespaced)).toThrow(
      'field label not supported: spec.shape',
    );
  });

  it('stringifies string, integer and boolean values; absent is ""', () => {
    const obj = { metadata: { name: 'w', namespace: 'n' }, spec: { color: 'blue', size: 3 }, status: { ready: false } };
    expect(namespaced.fieldsOf(obj)).toEqual({
      'metadata.name': 'w',
      'metadata.namespace': 'n',
      'spec.color': 'blue',
      'spec.size': '3',
      'status.ready': 'false',
    });
    expect(namespaced.fieldsOf({})['spec.color']).toBe('');
    const sel = validateFieldSelectorWith(parseFieldSelector('spec.color=blue,spec.size!=4'), namespaced);
    expect(sel.matches(namespaced.fieldsOf(obj))).toBe(true);
  });
});

/**
 * Hand-written SchemaNode fixtures mirroring the Kubernetes OpenAPI for the fields the tests
 * touch (list types, map keys, key defaults, atomic structs), so the apply engine can be tested
 * without the OpenAPI-backed SchemaSource.
 */
import type { SchemaNode } from '../../schema/types.js';
import { listNode, mapNode, OBJECT_META, scalarNode, structNode, untypedNode } from '../schema-nodes.js';

const str = scalarNode('string');
const int = scalarNode('integer');
const bool = scalarNode('boolean');
const intOrString = scalarNode('int-or-string');
const strMap = mapNode(str);
const atomicStrList = listNode(str, { listType: 'atomic' });

const containerPort = structNode({
  containerPort: int,
  hostIP: str,
  hostPort: int,
  name: str,
  protocol: scalarNode('string', { defaultValue: 'TCP' }),
});

const envVar = structNode({ name: str, value: str });

const container = structNode({
  name: str,
  image: str,
  command: atomicStrList,
  args: atomicStrList,
  imagePullPolicy: str,
  terminationMessagePath: str,
  ports: listNode(containerPort, {
    listType: 'map',
    listMapKeys: ['containerPort', 'protocol'],
    patchStrategy: 'merge',
    patchMergeKey: 'containerPort',
  }),
  env: listNode(envVar, { listType: 'map', listMapKeys: ['name'], patchStrategy: 'merge', patchMergeKey: 'name' }),
  resources: structNode({ limits: mapNode(intOrString), requests: mapNode(intOrString) }),
});

const toleration = structNode({ key: str, operator: str, value: str, effect: str });

export const POD_SPEC: SchemaNode = structNode({
  containers: listNode(container, { listType: 'map', listMapKeys: ['name'], patchStrategy: 'merge', patchMergeKey: 'name' }),
  initContainers: listNode(container, { listType: 'map', listMapKeys: ['name'] }),
  hostname: str,
  restartPolicy: str,
  dnsPolicy: str,
  nodeSelector: mapNode(str, { mapType: 'atomic' }),
  tolerations: listNode(toleration, { listType: 'atomic' }),
  securityContext: structNode({ runAsUser: int, runAsNonRoot: bool }),
});

const condition = structNode({ type: str, status: str, reason: str, message: str, lastTransitionTime: str });

export const POD: SchemaNode = structNode({
  apiVersion: str,
  kind: str,
  metadata: OBJECT_META,
  spec: POD_SPEC,
  status: structNode({
    phase: str,
    hostIP: str,
    conditions: listNode(condition, { listType: 'map', listMapKeys: ['type'], patchStrategy: 'merge', patchMergeKey: 'type' }),
  }),
});

const labelSelector = structNode(
  {
    matchLabels: strMap,
    matchExpressions: listNode(structNode({ key: str, operator: str, values: atomicStrList }), { listType: 'atomic' }),
  },
  { mapType: 'atomic' },
);

export const DEPLOYMENT: SchemaNode = structNode({
  apiVersion: str,
  kind: str,
  metadata: OBJECT_META,
  spec: structNode({
    replicas: int,
    selector: labelSelector,
    template: structNode({ metadata: OBJECT_META, spec: POD_SPEC }),
    strategy: structNode({ type: str, rollingUpdate: structNode({ maxSurge: intOrString, maxUnavailable: intOrString }) }),
    minReadySeconds: int,
    revisionHistoryLimit: int,
    progressDeadlineSeconds: int,
    paused: bool,
  }),
  status: structNode({
    replicas: int,
    observedGeneration: int,
    conditions: listNode(condition, { listType: 'map', listMapKeys: ['type'] }),
  }),
});

export const CONFIG_MAP: SchemaNode = structNode({
  apiVersion: str,
  kind: str,
  metadata: OBJECT_META,
  data: strMap,
  binaryData: mapNode(str),
  immutable: bool,
});

const servicePort = structNode({
  name: str,
  port: int,
  targetPort: intOrString,
  protocol: scalarNode('string', { defaultValue: 'TCP' }),
});

export const SERVICE: SchemaNode = structNode({
  apiVersion: str,
  kind: str,
  metadata: OBJECT_META,
  spec: structNode({
    ports: listNode(servicePort, { listType: 'map', listMapKeys: ['port', 'protocol'] }),
    selector: mapNode(str, { mapType: 'atomic' }),
    type: str,
    clusterIP: str,
  }),
  status: structNode({ loadBalancer: structNode({ ingress: listNode(structNode({ ip: str }), { listType: 'atomic' }) }) }),
});

/** The CRD schema of e2e apply.go "should work for CRDs" (noxu), with typed ObjectMeta. */
export const NOXU: SchemaNode = structNode({
  apiVersion: str,
  kind: str,
  metadata: OBJECT_META,
  spec: structNode(
    {
      cronSpec: str,
      ports: listNode(containerPort, { listType: 'map', listMapKeys: ['containerPort', 'protocol'] }),
    },
    { preserveUnknownFields: true },
  ),
});

/** The second CRD of that test: an `x-kubernetes-list-type: atomic` list. */
export const ATOMIC_CRD: SchemaNode = structNode({
  apiVersion: str,
  kind: str,
  metadata: OBJECT_META,
  spec: structNode({ atomicList: listNode(str, { listType: 'atomic' }) }, { preserveUnknownFields: true }),
});

export { untypedNode };

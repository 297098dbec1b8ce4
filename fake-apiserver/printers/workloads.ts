/**
 * Printers of the pod controllers and their helpers: deployments, replicasets, statefulsets,
 * daemonsets, replicationcontrollers, podtemplates and controllerrevisions.
 */
import { AGE_COLUMN, col, CONTAINERS_DESCRIPTION, IMAGES_DESCRIPTION, NAME_COLUMN, printer, WIDE_CONTAINER_COLUMNS } from './columns.js';
import { arr, formatLabels, formatLabelSelector, int, layoutContainerCells, obj, selectorString, str } from './format.js';
import { since } from './timestamps.js';
import type { Obj } from './types.js';

const name = (o: Obj) => str(o.metadata?.name);
const age = (o: Obj, nowMs: number) => since(o.metadata?.creationTimestamp, nowMs);
const templateContainers = (o: Obj) => obj(obj(obj(o.spec).template).spec).containers;
/** apps/v1 and core/v1 default spec.replicas to 1. */
const desiredReplicas = (o: Obj) => (typeof obj(o.spec).replicas === 'number' ? int(obj(o.spec).replicas) : 1);

export const deploymentPrinter = printer(
  [
    NAME_COLUMN,
    col('Ready', 'string', 'Number of the pod with ready state'),
    col('Up-to-date', 'string', 'Total number of non-terminating pods targeted by this deployment that have the desired template spec.'),
    col(
      'Available',
      'string',
      'Total number of available non-terminating pods (ready for at least minReadySeconds) targeted by this deployment.',
    ),
    AGE_COLUMN,
    ...WIDE_CONTAINER_COLUMNS,
    col(
      'Selector',
      'string',
      'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.',
      { priority: 1 },
    ),
  ],
  (o, nowMs) => {
    const status = obj(o.status);
    return [
      name(o),
      `${int(status.readyReplicas)}/${desiredReplicas(o)}`,
      int(status.updatedReplicas),
      int(status.availableReplicas),
      age(o, nowMs),
      ...layoutContainerCells(templateContainers(o)),
      selectorString(obj(o.spec).selector),
    ];
  },
);

/**
 * The row of ReplicaSets and ReplicationControllers (printReplicaSet / printReplicationController):
 * the same cells, differing only in how the selector is printed (LabelSelector vs a plain map).
 */
function replicaCountRow(o: Obj, nowMs: number, selector: (sel: any) => string): unknown[] {
  const status = obj(o.status);
  return [
    name(o),
    desiredReplicas(o),
    int(status.replicas),
    int(status.readyReplicas),
    age(o, nowMs),
    ...layoutContainerCells(templateContainers(o)),
    selector(obj(o.spec).selector),
  ];
}

export const replicaSetPrinter = printer(
  [
    NAME_COLUMN,
    col(
      'Desired',
      'integer',
      'Replicas is the number of desired pods. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset',
    ),
    col(
      'Current',
      'integer',
      'Replicas is the most recently observed number of non-terminating pods. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset',
    ),
    col('Ready', 'integer', 'The number of non-terminating pods targeted by this ReplicaSet with a Ready Condition.'),
    AGE_COLUMN,
    ...WIDE_CONTAINER_COLUMNS,
    col(
      'Selector',
      'string',
      'Selector is a label query over pods that should match the replica count. If the selector is empty, it is defaulted to the labels present on the pod template. Label keys and values that must match in order to be controlled by this replica set. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
      { priority: 1 },
    ),
  ],
  (o, nowMs) => replicaCountRow(o, nowMs, formatLabelSelector),
);

export const statefulSetPrinter = printer(
  [NAME_COLUMN, col('Ready', 'string', 'Number of the pod with ready state'), AGE_COLUMN, ...WIDE_CONTAINER_COLUMNS],
  (o, nowMs) => [
    name(o),
    `${int(obj(o.status).readyReplicas)}/${desiredReplicas(o)}`,
    age(o, nowMs),
    ...layoutContainerCells(templateContainers(o)),
  ],
);

export const daemonSetPrinter = printer(
  [
    NAME_COLUMN,
    col(
      'Desired',
      'integer',
      'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod). More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/',
    ),
    col(
      'Current',
      'integer',
      'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod. More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/',
    ),
    col(
      'Ready',
      'integer',
      'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.',
    ),
    col('Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod'),
    col(
      'Available',
      'integer',
      'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)',
    ),
    col(
      'Node Selector',
      'string',
      "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/",
    ),
    AGE_COLUMN,
    ...WIDE_CONTAINER_COLUMNS,
    col(
      'Selector',
      'string',
      'A label query over pods that are managed by the daemon set. Must match in order to be controlled. If empty, defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
      { priority: 1 },
    ),
  ],
  (o, nowMs) => {
    const status = obj(o.status);
    return [
      name(o),
      int(status.desiredNumberScheduled),
      int(status.currentNumberScheduled),
      int(status.numberReady),
      int(status.updatedNumberScheduled),
      int(status.numberAvailable),
      formatLabels(obj(obj(obj(o.spec).template).spec).nodeSelector),
      age(o, nowMs),
      ...layoutContainerCells(templateContainers(o)),
      formatLabelSelector(obj(o.spec).selector),
    ];
  },
);

export const replicationControllerPrinter = printer(
  [
    NAME_COLUMN,
    col(
      'Desired',
      'integer',
      'Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller',
    ),
    col(
      'Current',
      'integer',
      'Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller',
    ),
    col('Ready', 'integer', 'The number of ready replicas for this replication controller.'),
    AGE_COLUMN,
    ...WIDE_CONTAINER_COLUMNS,
    col(
      'Selector',
      'string',
      'Selector is a label query over pods that should match the Replicas count. If Selector is empty, it is defaulted to the labels present on the Pod template. Label keys and values that must match in order to be controlled by this replication controller, if empty defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
      { priority: 1 },
    ),
  ],
  (o, nowMs) => replicaCountRow(o, nowMs, formatLabels),
);

export const podTemplatePrinter = printer(
  [
    NAME_COLUMN,
    col('Containers', 'string', CONTAINERS_DESCRIPTION),
    col('Images', 'string', IMAGES_DESCRIPTION),
    col('Pod Labels', 'string', 'The labels for the pod template.'),
  ],
  (o) => {
    const template = obj(o.template);
    return [name(o), ...layoutContainerCells(obj(template.spec).containers), formatLabels(obj(template.metadata).labels)];
  },
);

/** `schema.ParseGroupVersion(apiVersion).Group`; throws like upstream for more than one "/". */
function groupOf(apiVersion: string): string {
  if (apiVersion === '' || apiVersion === '/') return '';
  const slashes = apiVersion.split('/').length - 1;
  if (slashes === 0) return '';
  if (slashes === 1) return apiVersion.slice(0, apiVersion.indexOf('/'));
  throw new Error(`unexpected GroupVersion string: ${apiVersion}`);
}

/** "kind.group/name" of the controlling owner (metav1.GetControllerOf), or `<none>`. */
function controllerName(o: Obj): string {
  const ref = arr(o.metadata?.ownerReferences)
    .map(obj)
    .find((r) => r.controller === true);
  if (ref === undefined) return '<none>';
  const group = groupOf(str(ref.apiVersion));
  const kind = str(ref.kind);
  if (group === '' && kind === '') return str(ref.name);
  return `${(group === '' ? kind : `${kind}.${group}`).toLowerCase()}/${str(ref.name)}`;
}

export const controllerRevisionPrinter = printer(
  [
    NAME_COLUMN,
    col('Controller', 'string', 'Controller of the object'),
    col('Revision', 'string', 'revision indicates the revision of the state represented by Data.'),
    AGE_COLUMN,
  ],
  (o, nowMs) => [name(o), controllerName(o), int(o.revision), age(o, nowMs)],
);

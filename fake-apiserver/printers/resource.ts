/**
 * Printers of resource.k8s.io (dynamic resource allocation): deviceclasses, resourceclaims,
 * resourceclaimtemplates, resourceslices and devicetaintrules.
 */
import { AGE_COLUMN, col, NAME_COLUMN, printer } from './columns.js';
import { arr, obj, str } from './format.js';
import { since } from './timestamps.js';
import type { Obj } from './types.js';

const isSet = (v: unknown) => v !== undefined && v !== null;

export const deviceClassPrinter = printer([NAME_COLUMN, AGE_COLUMN], (o, nowMs) => [
  str(o.metadata?.name),
  since(o.metadata?.creationTimestamp, nowMs),
]);

/** `resourceClaimState`: deleted / pending / allocated / reserved, comma-joined. */
function claimState(claim: Obj): string {
  const states: string[] = [];
  const deleted = isSet(claim.metadata?.deletionTimestamp);
  const status = obj(claim.status);
  if (deleted) states.push('deleted');
  if (!isSet(status.allocation)) {
    if (!deleted) states.push('pending');
  } else {
    states.push('allocated');
    if (arr(status.reservedFor).length > 0) states.push('reserved');
  }
  return states.join(',');
}

export const resourceClaimPrinter = printer(
  [NAME_COLUMN, col('State', 'string', 'A summary of the current state (allocated, pending, reserved, etc.).'), AGE_COLUMN],
  (o, nowMs) => [str(o.metadata?.name), claimState(o), since(o.metadata?.creationTimestamp, nowMs)],
);

export const resourceClaimTemplatePrinter = printer([NAME_COLUMN, AGE_COLUMN], (o, nowMs) => [
  str(o.metadata?.name),
  since(o.metadata?.creationTimestamp, nowMs),
]);

export const resourceSlicePrinter = printer(
  [
    NAME_COLUMN,
    col(
      'Node',
      'string',
      'NodeName identifies the node which provides the resources in this pool. A field selector can be used to list only ResourceSlice objects belonging to a certain node.\n\nThis field can be used to limit access from nodes to ResourceSlices with the same node name. It also indicates to autoscalers that adding new nodes of the same type as some old node might also make new resources available.\n\nExactly one of NodeName, NodeSelector, AllNodes, and PerDeviceNodeSelection must be set. This field is immutable.',
    ),
    col(
      'Driver',
      'string',
      'Driver identifies the DRA driver providing the capacity information. A field selector can be used to list only ResourceSlice objects with a certain driver name.\n\nMust be a DNS subdomain and should end with a DNS domain owned by the vendor of the driver. It should use only lower case characters. This field is immutable.',
    ),
    col(
      'Pool',
      'string',
      'Name is used to identify the pool. For node-local devices, this is often the node name, but this is not required.\n\nIt must not be longer than 253 characters and must consist of one or more DNS sub-domains separated by slashes. This field is immutable.',
    ),
    AGE_COLUMN,
  ],
  (o, nowMs) => {
    const spec = obj(o.spec);
    return [
      str(o.metadata?.name),
      str(spec.nodeName),
      str(spec.driver),
      str(obj(spec.pool).name),
      since(o.metadata?.creationTimestamp, nowMs),
    ];
  },
);

export const deviceTaintRulePrinter = printer(
  [
    NAME_COLUMN,
    col('Key', 'string', 'The taint key to be applied to a device. Must be a label name.'),
    col('Value', 'string', 'The taint value corresponding to the taint key. Must be a label value.'),
    col(
      'Effect',
      'string',
      'The effect of the taint on claims that do not tolerate the taint and through such claims on the pods using them.\n\nValid effects are None, NoSchedule and NoExecute. PreferNoSchedule as used for nodes is not valid here. More effects may get added in the future. Consumers must treat unknown effects like None.',
    ),
    col(
      'TimeAdded',
      'string',
      'TimeAdded represents the time at which the taint was added. Added automatically during create or update if not set.',
    ),
    AGE_COLUMN,
  ],
  (o, nowMs) => {
    const taint = obj(obj(o.spec).taint);
    const timeAdded = isSet(taint.timeAdded) ? since(taint.timeAdded, nowMs) : '';
    return [
      str(o.metadata?.name),
      str(taint.key),
      str(taint.value),
      str(taint.effect),
      timeAdded,
      since(o.metadata?.creationTimestamp, nowMs),
    ];
  },
);

/** The node printer (printNode): Ready/NotReady/Unknown (+SchedulingDisabled), roles, versions, addresses. */
import { AGE_COLUMN, col, NAME_COLUMN, printer } from './columns.js';
import { arr, obj, sortedSet, str } from './format.js';
import { since } from './timestamps.js';
import type { Obj } from './types.js';

const LABEL_NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_LABEL_ROLE = 'kubernetes.io/role';

function nodeStatus(node: Obj): string {
  // conditionMap keeps the last condition of each type; only Ready is reported.
  let ready: Obj | undefined;
  for (const c of arr(obj(node.status).conditions).map(obj)) if (c.type === 'Ready') ready = c;
  const status = ready === undefined ? ['Unknown'] : [ready.status === 'True' ? 'Ready' : 'NotReady'];
  if (obj(node.spec).unschedulable === true) status.push('SchedulingDisabled');
  return status.join(',');
}

/** `findNodeRoles`: node-role.kubernetes.io/<role> label keys and kubernetes.io/role values. */
function findNodeRoles(node: Obj): string[] {
  const roles: string[] = [];
  for (const [k, v] of Object.entries(obj(node.metadata?.labels))) {
    if (k.startsWith(LABEL_NODE_ROLE_PREFIX)) {
      const role = k.slice(LABEL_NODE_ROLE_PREFIX.length);
      if (role.length > 0) roles.push(role);
    } else if (k === NODE_LABEL_ROLE && str(v) !== '') roles.push(str(v));
  }
  return sortedSet(roles);
}

function address(node: Obj, type: string): string {
  const a = arr(obj(node.status).addresses)
    .map(obj)
    .find((x) => x.type === type);
  return a === undefined ? '<none>' : str(a.address);
}

export const nodePrinter = printer(
  [
    NAME_COLUMN,
    col('Status', 'string', 'The status of the node'),
    col('Roles', 'string', 'The roles of the node'),
    AGE_COLUMN,
    col('Version', 'string', 'Kubelet Version reported by the node.'),
    col(
      'Internal-IP',
      'string',
      "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).",
      { priority: 1 },
    ),
    col(
      'External-IP',
      'string',
      "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).",
      { priority: 1 },
    ),
    col('OS-Image', 'string', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', { priority: 1 }),
    col('Kernel-Version', 'string', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", { priority: 1 }),
    col(
      'Container-Runtime',
      'string',
      'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).',
      { priority: 1 },
    ),
  ],
  (o, nowMs) => {
    const info = obj(obj(o.status).nodeInfo);
    const roles = findNodeRoles(o).join(',');
    return [
      str(o.metadata?.name),
      nodeStatus(o),
      roles.length === 0 ? '<none>' : roles,
      since(o.metadata?.creationTimestamp, nowMs),
      str(info.kubeletVersion),
      address(o, 'InternalIP'),
      address(o, 'ExternalIP'),
      str(info.osImage) || '<unknown>',
      str(info.kernelVersion) || '<unknown>',
      str(info.containerRuntimeVersion) || '<unknown>',
    ];
  },
);

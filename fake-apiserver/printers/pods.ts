/**
 * The pod printer (printPod): Ready "n/m", the Status reason kubectl shows (Pending,
 * ContainerCreating, Init:1/2, Init:CrashLoopBackOff, CrashLoopBackOff, Completed, Error,
 * NotReady, Terminating, Unknown, SchedulingGated, ...), Restarts with "(5m ago)", and the wide
 * IP / Node / Nominated Node / Readiness Gates columns.
 */
import { AGE_COLUMN, col, NAME_COLUMN, printer } from './columns.js';
import { arr, int, obj, str } from './format.js';
import { parseTimestamp, since } from './timestamps.js';
import type { Obj, TableRowCondition } from './types.js';

const POD_SUCCEEDED: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
];
const POD_FAILED: TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];

/** `podutil.IsRestartableInitContainer`: an init container with restartPolicy Always (a sidecar). */
function isRestartable(c: Obj | undefined): boolean {
  return c !== undefined && c.restartPolicy === 'Always';
}

function terminatedReason(t: Obj, prefix: string): string {
  if (str(t.reason).length > 0) return prefix + str(t.reason);
  if (int(t.signal) !== 0) return `${prefix}Signal:${int(t.signal)}`;
  return `${prefix}ExitCode:${int(t.exitCode)}`;
}

function conditionTrue(conditions: Obj[], type: string): boolean {
  return conditions.some((c) => c.type === type && c.status === 'True');
}

/** `isPodInitializedConditionTrue`: the first Initialized condition decides. */
function initializedTrue(conditions: Obj[]): boolean {
  const c = conditions.find((x) => x.type === 'Initialized');
  return c !== undefined && c.status === 'True';
}

/** Tracks the latest `lastState.terminated.finishedAt` (metav1.Time.Before on second precision). */
class LastRestart {
  ms: number | undefined;
  raw: unknown;
  observe(status: Obj): void {
    const term = obj(obj(status.lastState).terminated);
    if (status.lastState?.terminated === undefined || status.lastState?.terminated === null) return;
    const t = parseTimestamp(term.finishedAt);
    const candidate = t === undefined ? undefined : Math.floor(t / 1000) * 1000;
    // lastRestartDate.Before(&terminatedDate): a zero date is before any set one.
    if (candidate !== undefined && (this.ms === undefined || this.ms < candidate)) {
      this.ms = candidate;
      this.raw = term.finishedAt;
    }
  }
}

function printPod(pod: Obj, nowMs: number) {
  const spec = obj(pod.spec);
  const status = obj(pod.status);
  const conditions = arr(status.conditions).map(obj);
  const containers = arr(spec.containers);
  const initSpecs = arr(spec.initContainers).map(obj);

  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = containers.length;
  let readyContainers = 0;
  let lastRestart = new LastRestart();
  const lastRestartableRestart = new LastRestart();

  // The registry sets status.phase (Pending) on create; an empty phase prints as "".
  const phase = str(status.phase);
  let reason = str(status.reason) !== '' ? str(status.reason) : phase;
  for (const c of conditions) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  let rowConditions: TableRowCondition[] | undefined;
  if (phase === 'Succeeded') rowConditions = POD_SUCCEEDED;
  else if (phase === 'Failed') rowConditions = POD_FAILED;

  const initContainers = new Map<string, Obj>();
  for (const c of initSpecs) {
    initContainers.set(str(c.name), c);
    if (isRestartable(c)) totalContainers++;
  }

  let initializing = false;
  const initStatuses = arr(status.initContainerStatuses).map(obj);
  for (let i = 0; i < initStatuses.length; i++) {
    const container = initStatuses[i];
    const state = obj(container.state);
    const restartable = isRestartable(initContainers.get(str(container.name)));
    restarts += int(container.restartCount);
    lastRestart.observe(container);
    if (restartable) {
      restartableInitRestarts += int(container.restartCount);
      lastRestartableRestart.observe(container);
    }
    const terminated = state.terminated === undefined || state.terminated === null ? undefined : obj(state.terminated);
    const waiting = state.waiting === undefined || state.waiting === null ? undefined : obj(state.waiting);
    if (terminated !== undefined && int(terminated.exitCode) === 0) continue;
    if (restartable && container.started === true) {
      if (container.ready === true) readyContainers++;
      continue;
    }
    if (terminated !== undefined) {
      // initialization is failed
      reason = terminatedReason(terminated, 'Init:');
    } else if (waiting !== undefined && str(waiting.reason).length > 0 && waiting.reason !== 'PodInitializing') {
      reason = `Init:${str(waiting.reason)}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || initializedTrue(conditions)) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableRestart;
    let hasRunning = false;
    let errorReason = '';
    const statuses = arr(status.containerStatuses).map(obj);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i];
      const state = obj(container.state);
      restarts += int(container.restartCount);
      lastRestart.observe(container);
      const waiting = state.waiting === undefined || state.waiting === null ? undefined : obj(state.waiting);
      const terminated = state.terminated === undefined || state.terminated === null ? undefined : obj(state.terminated);
      if (waiting !== undefined && str(waiting.reason) !== '') {
        reason = str(waiting.reason);
      } else if (terminated !== undefined) {
        reason = terminatedReason(terminated, '');
        if (int(terminated.exitCode) !== 0) errorReason = reason;
      } else if (container.ready === true && state.running !== undefined && state.running !== null) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // change pod status back to "Running" if there is at least one container still reporting as "Running" status
    if (reason === 'Completed') {
      if (hasRunning && conditionTrue(conditions, 'Ready')) reason = 'Running';
      else if (errorReason !== '') reason = errorReason;
      else if (hasRunning) reason = 'NotReady';
    }
  }

  const deleting = pod.metadata?.deletionTimestamp !== undefined && pod.metadata?.deletionTimestamp !== null;
  if (deleting && status.reason === 'NodeLost') reason = 'Unknown';
  else if (deleting && phase !== 'Failed' && phase !== 'Succeeded') reason = 'Terminating';

  let restartsText = String(restarts);
  if (restarts !== 0 && lastRestart.ms !== undefined) restartsText = `${restarts} (${since(lastRestart.raw, nowMs)} ago)`;

  // v1 → internal conversion: podIP is authoritative over podIPs[0].
  const podIP = str(status.podIP) || str(obj(arr(status.podIPs)[0]).ip) || '<none>';
  let readinessGates = '<none>';
  const gates = arr(spec.readinessGates).map(obj);
  if (gates.length > 0) {
    let trueConditions = 0;
    for (const gate of gates) {
      const c = conditions.find((x) => x.type === gate.conditionType);
      if (c !== undefined && c.status === 'True') trueConditions++;
    }
    readinessGates = `${trueConditions}/${gates.length}`;
  }

  const cells = [
    str(pod.metadata?.name),
    `${readyContainers}/${totalContainers}`,
    reason,
    restartsText,
    since(pod.metadata?.creationTimestamp, nowMs),
    podIP,
    str(spec.nodeName) || '<none>',
    str(status.nominatedNodeName) || '<none>',
    readinessGates,
  ];
  return rowConditions ? { cells, conditions: rowConditions.map((c) => ({ ...c })) } : { cells };
}

export const podPrinter = printer(
  [
    NAME_COLUMN,
    col('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    col('Status', 'string', 'The aggregate status of the containers in this pod.'),
    col(
      'Restarts',
      'string',
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    ),
    AGE_COLUMN,
    col('IP', 'string', 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', {
      priority: 1,
    }),
    col(
      'Node',
      'string',
      'NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename',
      { priority: 1 },
    ),
    col(
      'Nominated Node',
      'string',
      'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.',
      { priority: 1 },
    ),
    col(
      'Readiness Gates',
      'string',
      'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates',
      { priority: 1 },
    ),
  ],
  printPod,
);

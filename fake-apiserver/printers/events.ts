/**
 * The event printer (printEvent). core/v1 and events.k8s.io/v1 share one storage and one internal
 * type upstream, so both print the same columns; events.k8s.io objects are mapped to core fields
 * first (Convert_v1_Event_To_core_Event).
 */
import { col, NAME_DESCRIPTION, printer } from './columns.js';
import { int, obj, str } from './format.js';
import { isSet, since } from './timestamps.js';
import type { Obj } from './types.js';

/** An events.k8s.io/v1 Event in core/v1 field names; core events are returned as they are. */
export function toCoreEvent(e: Obj): Obj {
  const isEventsV1 =
    str(e.apiVersion).startsWith('events.k8s.io/') ||
    (e.involvedObject === undefined && (e.regarding !== undefined || e.note !== undefined || e.reportingController !== undefined));
  if (!isEventsV1) return e;
  return {
    ...e,
    involvedObject: e.regarding,
    source: e.deprecatedSource,
    message: e.note,
    firstTimestamp: e.deprecatedFirstTimestamp,
    lastTimestamp: e.deprecatedLastTimestamp,
    count: e.deprecatedCount,
    reportingComponent: e.reportingController,
  };
}

/** `formatEventSource`: "component, host", falling back to the reporting controller and instance. */
function formatEventSource(e: Obj): string {
  const source = obj(e.source);
  const component = str(source.component) || str(e.reportingComponent);
  const instance = str(source.host) || str(e.reportingInstance);
  return instance.length === 0 ? component : `${component}, ${instance}`;
}

function printEvent(raw: Obj, nowMs: number): unknown[] {
  const e = toCoreEvent(raw);
  const firstTimestamp = isSet(e.firstTimestamp) ? since(e.firstTimestamp, nowMs) : since(e.eventTime, nowMs);
  let lastTimestamp = isSet(e.lastTimestamp) ? since(e.lastTimestamp, nowMs) : firstTimestamp;
  let count = int(e.count);
  if (e.series !== undefined && e.series !== null) {
    lastTimestamp = since(obj(e.series).lastObservedTime, nowMs);
    count = int(obj(e.series).count);
  } else if (count === 0) {
    // Singleton events don't have a count set in the new API.
    count = 1;
  }
  const involved = obj(e.involvedObject);
  const kind = str(involved.kind).toLowerCase();
  const target = str(involved.name).length > 0 ? `${kind}/${str(involved.name)}` : kind;
  return [
    lastTimestamp,
    str(e.type),
    str(e.reason),
    target,
    str(involved.fieldPath),
    formatEventSource(e),
    str(e.message).trim(),
    firstTimestamp,
    count,
    str(e.metadata?.name),
  ];
}

export const eventPrinter = printer(
  [
    col('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
    col('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
    col(
      'Reason',
      'string',
      "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
    ),
    col('Object', 'string', 'The object that this event is about.'),
    col(
      'Subobject',
      'string',
      'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: "spec.containers{name}" (where "name" refers to the name of the container that triggered the event) or if no container name is specified "spec.containers[2]" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.',
      { priority: 1 },
    ),
    col('Source', 'string', 'The component reporting this event. Should be a short machine understandable string.', { priority: 1 }),
    col('Message', 'string', 'A human-readable description of the status of this operation.'),
    col('First Seen', 'string', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)', {
      priority: 1,
    }),
    col('Count', 'string', 'The number of times this event has occurred.', { priority: 1 }),
    col('Name', 'string', NAME_DESCRIPTION, { format: 'name', priority: 1 }),
  ],
  printEvent,
);

/**
 * The EventSink over the typed clientset (client-go typed/core/v1 EventSinkImpl with the
 * *WithEventNamespace expansions): every write goes to the event's own namespace, through
 * `clientset.coreV1().events(namespace)`, so through the clientset's RESTClient.
 *
 *   broadcaster.startRecordingToSink(newEventSink(clientset.coreV1()));
 */
import type { Event } from 'kubernetes-types/core/v1.js';
import type { EventInterface } from '../../kubernetes/typed/core/v1.js';
import { strategicMergePatchType } from '../../rest/client.js';
import type { EventSink } from './event.js';

/** client-go EventsGetter: `clientset.coreV1()` (or a test double). */
export interface EventsGetter {
  events(namespace: string): Pick<EventInterface, 'create' | 'update' | 'patch'>;
}

function namespaceOf(event: Event): string {
  const ns = event.metadata?.namespace;
  if (!ns) throw new Error(`event ${event.metadata?.name ?? ''} has no namespace`);
  return ns;
}

export class EventSinkImpl implements EventSink {
  constructor(private readonly client: EventsGetter) {}

  create(event: Event): Promise<Event> {
    return this.client.events(namespaceOf(event)).create(event);
  }

  update(event: Event): Promise<Event> {
    return this.client.events(namespaceOf(event)).update(event);
  }

  patch(event: Event, data: Record<string, unknown>): Promise<Event> {
    const name = event.metadata?.name;
    if (!name) throw new Error('cannot patch an event without a name');
    return this.client.events(namespaceOf(event)).patch(name, strategicMergePatchType, data);
  }
}

export function newEventSink(client: EventsGetter): EventSink {
  return new EventSinkImpl(client);
}

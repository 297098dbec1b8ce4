/**
 * FakeRecorder (client-go tools/record/fake.go): records each event as the string
 * "<type> <reason> <message>" (optionally followed by the involved object), for controller unit
 * tests that assert on what would have been recorded. Invalid events are recorded too: it does
 * no validation.
 */
import type { EventRecorder } from './event.js';
import { sprintf } from './format.js';
import type { ReferenceSource } from './reference.js';

export class FakeRecorder implements EventRecorder {
  readonly events: string[] = [];

  constructor(private readonly includeObject = false) {}

  event(object: ReferenceSource, eventtype: string, reason: string, message: string): void {
    this.write(object, undefined, `${eventtype} ${reason} ${message}`);
  }

  eventf(object: ReferenceSource, eventtype: string, reason: string, messageFmt: string, ...args: unknown[]): void {
    this.write(object, undefined, `${eventtype} ${reason} ${sprintf(messageFmt, ...args)}`);
  }

  annotatedEventf(
    object: ReferenceSource,
    annotations: Record<string, string>,
    eventtype: string,
    reason: string,
    messageFmt: string,
    ...args: unknown[]
  ): void {
    this.write(object, annotations, `${eventtype} ${reason} ${sprintf(messageFmt, ...args)}`);
  }

  private write(object: ReferenceSource, annotations: Record<string, string> | undefined, line: string): void {
    if (!this.includeObject) {
      this.events.push(line);
      return;
    }
    const o = object as { kind?: string; apiVersion?: string; metadata?: { namespace?: string; name?: string }; name?: string };
    const ref = `involvedObject{kind=${o.kind ?? ''},apiVersion=${o.apiVersion ?? ''}}`;
    this.events.push(annotations ? `${line} ${ref} ${JSON.stringify(annotations)}` : `${line} ${ref}`);
  }
}

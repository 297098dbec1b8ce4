import type { Event } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../clock/fake-clock.js';
import { EventCorrelator, getEventKey, metaTime } from './events-cache.js';
import { sprintf } from './format.js';
import { LruCache } from './lru.js';
import { getReference } from './reference.js';

function event(message: string, clock: FakeClock, overrides: Partial<Event> = {}): Event {
  const t = metaTime(clock.now());
  return {
    metadata: { name: `pod-a.${clock.now()}`, namespace: 'default' },
    involvedObject: { kind: 'Pod', apiVersion: 'v1', namespace: 'default', name: 'pod-a', uid: 'u1' },
    source: { component: 'ctrl', host: 'h1' },
    reportingComponent: 'ctrl',
    reportingInstance: 'h1',
    type: 'Warning',
    reason: 'FailedSync',
    message,
    count: 1,
    firstTimestamp: t,
    lastTimestamp: t,
    ...overrides,
  };
}

describe('EventCorrelator', () => {
  it('counts repeats of an identical event: same name, first timestamp kept, count patch', () => {
    const clock = new FakeClock();
    const c = new EventCorrelator({ clock });
    const first = c.eventCorrelate(event('boom', clock));
    expect(first).toMatchObject({ skip: false, patch: undefined, event: { count: 1 } });
    c.updateState({ ...first.event!, metadata: { ...first.event!.metadata, resourceVersion: '7' } });
    clock.step(5_000);
    const second = c.eventCorrelate(event('boom', clock));
    expect(second.event?.metadata?.name).toBe(first.event?.metadata?.name);
    expect(second.event?.metadata?.resourceVersion).toBe('7');
    expect(second.event?.firstTimestamp).toBe(first.event?.firstTimestamp);
    expect(second.event?.count).toBe(2);
    expect(second.patch).toEqual({ count: 2, lastTimestamp: metaTime(clock.now()), message: 'boom' });
  });

  it('aggregates the 10th similar event (differing only in message) within 10 minutes', () => {
    const clock = new FakeClock();
    const c = new EventCorrelator({ clock });
    const results = Array.from({ length: 12 }, (_, i) => {
      clock.step(1000);
      return c.eventCorrelate(event(`failure ${i}`, clock));
    });
    expect(results.slice(0, 9).every((r) => r.event?.message?.startsWith('failure'))).toBe(true);
    expect(results[9].event).toMatchObject({ message: '(combined from similar events): failure 9', count: 1 });
    expect(results[9].patch).toBeUndefined();
    // Later similar events count up the aggregate instead of creating new events.
    expect(results[10].event).toMatchObject({ message: '(combined from similar events): failure 10', count: 2 });
    expect(results[10].event?.metadata?.name).toBe(results[9].event?.metadata?.name);
    expect(results[11].event?.count).toBe(3);
    // A group quiet for more than 10 minutes starts afresh.
    clock.step(601_000);
    expect(c.eventCorrelate(event('failure 99', clock)).event?.message).toBe('failure 99');
  });

  it('spam filter: 25 events per source+object, then one per 5 minutes', () => {
    const clock = new FakeClock();
    const c = new EventCorrelator({ clock });
    const reasons = Array.from({ length: 30 }, (_, i) => c.eventCorrelate(event('same', clock, { reason: `R${i}` })).skip);
    expect(reasons.filter((s) => !s).length).toBe(25);
    expect(reasons.slice(25).every((s) => s)).toBe(true);
    // Another object of the same source has its own bucket.
    const other = event('same', clock, { involvedObject: { kind: 'Pod', apiVersion: 'v1', namespace: 'default', name: 'pod-b' } });
    expect(c.eventCorrelate(other).skip).toBe(false);
    clock.step(299_000);
    expect(c.eventCorrelate(event('same', clock, { reason: 'late' })).skip).toBe(true);
    clock.step(1_000);
    expect(c.eventCorrelate(event('same', clock, { reason: 'later' })).skip).toBe(false);
  });

  it('options override the defaults (maxEvents, burst)', () => {
    const clock = new FakeClock();
    const c = new EventCorrelator({ clock, maxEvents: 2, burstSize: 3 });
    const out = ['a', 'b', 'c', 'd'].map((m) => c.eventCorrelate(event(m, clock)));
    expect(out.map((r) => (r.skip ? 'skip' : r.event?.message))).toEqual([
      'a',
      '(combined from similar events): b',
      '(combined from similar events): c',
      'skip',
    ]);
  });
});

describe('record helpers', () => {
  it('event keys include every identifying field', () => {
    const clock = new FakeClock();
    expect(getEventKey(event('x', clock))).not.toBe(getEventKey(event('y', clock)));
    expect(getEventKey(event('x', clock))).toBe(getEventKey(event('x', clock, { metadata: { name: 'other' } })));
  });

  it('getReference: from an object (kind and apiVersion required) or an ObjectReference', () => {
    expect(
      getReference({ kind: 'Pod', apiVersion: 'v1', metadata: { name: 'p', namespace: 'ns', uid: 'u', resourceVersion: '3' } }),
    ).toEqual({
      kind: 'Pod',
      apiVersion: 'v1',
      name: 'p',
      namespace: 'ns',
      uid: 'u',
      resourceVersion: '3',
    });
    const ref = { kind: 'Node', name: 'n1', apiVersion: 'v1' };
    expect(getReference(ref)).toBe(ref);
    expect(() => getReference({ metadata: { name: 'p' } })).toThrow('no kind');
  });

  it('sprintf: %v %s %d %q %%, missing and extra arguments', () => {
    expect(sprintf('%s failed: %v (%d%%) %q', 'sync', new Error('boom'), 42.7, 'a"b')).toBe('sync failed: Error: boom (42%) "a\\"b"');
    expect(sprintf('%v %v', 1)).toBe('1 %!v(MISSING)');
    expect(sprintf('x', 1)).toBe('x%!(EXTRA 1)');
    expect(sprintf('%v', { a: 1 })).toBe('{"a":1}');
  });

  it('LRU evicts the least recently used entry', () => {
    const lru = new LruCache<number>(2);
    lru.add('a', 1);
    lru.add('b', 2);
    lru.get('a');
    lru.add('c', 3);
    expect([lru.get('a'), lru.get('b'), lru.get('c'), lru.size]).toEqual([1, undefined, 3, 2]);
  });
});

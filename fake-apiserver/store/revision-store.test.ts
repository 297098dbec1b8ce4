import { describe, expect, it } from 'vitest';
import { RevisionStore } from './revision-store.js';
import type { KubeObject, StoreEvent } from './types.js';

function cm(ns: string, name: string, data: Record<string, string> = {}): KubeObject {
  return { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name, namespace: ns }, data };
}

describe('RevisionStore', () => {
  it('stamps one global, growing revision into every write across resources', () => {
    const s = new RevisionStore();
    const a = s.put('/configmaps', cm('a', 'x'));
    const b = s.put('/secrets', cm('a', 'y'));
    const c = s.put('/configmaps', cm('a', 'x', { k: 'v' }));
    expect([a.metadata.resourceVersion, b.metadata.resourceVersion, c.metadata.resourceVersion]).toEqual(['1', '2', '3']);
    expect(s.revision).toBe(3);
  });

  it('lists in etcd key order, which is byte order of namespace/name, not tuple order', () => {
    const s = new RevisionStore();
    for (const [ns, n] of [
      ['a', 'x'],
      ['a-b', 'y'],
      ['a', 'b'],
      ['b', 'a'],
    ])
      s.put('/configmaps', cm(ns, n));
    expect(s.list('/configmaps').map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['a-b/y', 'a/b', 'a/x', 'b/a']);
    expect(s.list('/configmaps', 'a').map((o) => o.metadata.name)).toEqual(['b', 'x']);
    expect(s.list('/configmaps', 'a-b').map((o) => o.metadata.name)).toEqual(['y']);
  });

  it('rebuilds a resource at an older revision by rolling the log back', () => {
    const s = new RevisionStore();
    s.put('/configmaps', cm('n', 'one', { v: '1' }));
    const rev1 = s.revision;
    s.put('/configmaps', cm('n', 'two'));
    s.put('/configmaps', cm('n', 'one', { v: '2' }));
    s.delete('/configmaps', 'n', 'two');
    s.put('/secrets', cm('n', 'other'));
    const at1 = s.listAt('/configmaps', rev1);
    expect(at1.map((o) => [o.metadata.name, o.data])).toEqual([['one', { v: '1' }]]);
    const at3 = s.listAt('/configmaps', 3);
    expect(at3.map((o) => o.metadata.name)).toEqual(['one', 'two']);
    expect(s.list('/configmaps').map((o) => o.metadata.name)).toEqual(['one']);
  });

  it('DELETED events carry the last state stamped with the deletion revision', () => {
    const s = new RevisionStore();
    const events: StoreEvent[] = [];
    s.subscribe((e) => events.push(e));
    s.put('/configmaps', cm('n', 'x', { a: 'b' }));
    s.delete('/configmaps', 'n', 'x');
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'DELETED']);
    expect(events[1].object.metadata.resourceVersion).toBe('2');
    expect(events[1].object.data).toEqual({ a: 'b' });
    expect(events[1].previous?.metadata.resourceVersion).toBe('1');
  });

  it('eventsSince returns only later events of the resource', () => {
    const s = new RevisionStore();
    s.put('/configmaps', cm('n', 'a'));
    s.put('/secrets', cm('n', 'b'));
    s.put('/configmaps', cm('n', 'c'));
    expect(s.eventsSince('/configmaps', 1).map((e) => e.name)).toEqual(['c']);
    expect(s.eventsSince('/configmaps', 0).map((e) => e.name)).toEqual(['a', 'c']);
  });

  it('compacts by event count and by age, and compact() forces it', () => {
    let now = 1_000_000;
    const s = new RevisionStore({ maxEvents: 3, maxAgeMs: 60_000 }, { now: () => now });
    for (let i = 0; i < 5; i++) s.put('/configmaps', cm('n', `o${i}`));
    expect(s.compactedRevision).toBe(2);
    expect(s.eventsSince('/configmaps', 2).length).toBe(3);
    now += 61_000;
    s.put('/configmaps', cm('n', 'late'));
    expect(s.compactedRevision).toBe(5);
    s.compact();
    expect(s.compactedRevision).toBe(6);
    expect(s.eventsSince('/configmaps', 6)).toEqual([]);
  });

  it('waitForRevision resolves when the revision is reached, false on timeout', async () => {
    const s = new RevisionStore();
    const reached = s.waitForRevision(2, 1000);
    s.put('/configmaps', cm('n', 'a'));
    s.put('/configmaps', cm('n', 'b'));
    await expect(reached).resolves.toBe(true);
    await expect(s.waitForRevision(10, 20)).resolves.toBe(false);
  });

  it('reset empties everything but never reuses revisions', () => {
    const s = new RevisionStore();
    s.put('/configmaps', cm('n', 'a'));
    s.reset();
    expect(s.list('/configmaps')).toEqual([]);
    expect(s.put('/configmaps', cm('n', 'a')).metadata.resourceVersion).toBe('2');
    expect(s.compactedRevision).toBe(1);
  });
});

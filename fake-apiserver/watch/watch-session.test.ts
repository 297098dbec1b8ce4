import { describe, expect, it } from 'vitest';
import { everythingPredicate } from '../registry/predicate.js';
import { RevisionStore } from '../store/revision-store.js';
import type { KubeObject } from '../store/types.js';
import { WatchSession, type WatchEncoder, type WatchSink } from './watch-session.js';

const cm = (name: string, v = '0'): KubeObject => ({
  kind: 'ConfigMap',
  apiVersion: 'v1',
  metadata: { name, namespace: 'ns' },
  data: { v },
});

/** A sink recording decoded events, whose pace() waits until the test releases it. */
function pausingSink() {
  const written: Array<{ type: string; name?: string; v?: string; rv: string; initialEnd: boolean }> = [];
  let release: (() => void) | undefined;
  let paces = 0;
  const sink: WatchSink & { written: typeof written; paces: () => number; release: () => void } = {
    written,
    paces: () => paces,
    release: () => release?.(),
    write(chunk) {
      const e = JSON.parse(String(chunk)) as { type: string; object: KubeObject };
      const m = e.object.metadata;
      written.push({
        type: e.type,
        name: m.name,
        v: (e.object as { data?: { v?: string } }).data?.v,
        rv: m.resourceVersion!,
        initialEnd: m.annotations?.['k8s.io/initial-events-end'] === 'true',
      });
      return true;
    },
    end() {},
    destroy() {},
    flush() {},
    pace() {
      paces++;
      return new Promise<void>((resolve) => (release = resolve));
    },
  };
  return sink;
}

const encoder: WatchEncoder = { shareable: false, encode: (type, object) => JSON.stringify({ type, object }) };

describe('WatchSession initial events', () => {
  it('sends them a slice at a time; writes committed meanwhile come after the end bookmark, once, in order', async () => {
    const store = new RevisionStore();
    for (let i = 0; i < 600; i++) store.put('/configmaps', cm(`cm${String(i).padStart(3, '0')}`));
    const snapshotRevision = store.revision;
    const sink = pausingSink();
    const session = new WatchSession(
      store,
      {
        resource: '/configmaps',
        namespace: '',
        predicate: everythingPredicate(),
        kind: 'ConfigMap',
        apiVersion: 'v1',
        allowBookmarks: true,
        bookmarkIntervalMs: 0,
        timeoutMs: 60_000,
      },
      encoder,
      sink,
    );
    session.start({ kind: 'initial', initialEventsEndBookmark: true });
    // The first slice went out synchronously; the session now waits for the connection.
    expect(sink.written).toHaveLength(256);
    expect(sink.paces()).toBe(1);
    store.put('/configmaps', cm('cm001', 'changed')); // already sent in the first slice
    store.put('/configmaps', cm('cm500', 'changed')); // not sent yet: the snapshot's copy goes first
    store.delete('/configmaps', 'ns', 'cm002');
    store.put('/configmaps', cm('new'));
    while (!sink.written.some((e) => e.type === 'BOOKMARK')) {
      sink.release();
      await new Promise((r) => setImmediate(r));
    }
    await new Promise((r) => setImmediate(r));
    const initial = sink.written.slice(0, 600);
    expect(initial.every((e) => e.type === 'ADDED' && e.v === '0' && Number(e.rv) <= snapshotRevision)).toBe(true);
    expect(new Set(initial.map((e) => e.name)).size).toBe(600);
    expect(sink.written[600]).toEqual({ type: 'BOOKMARK', name: undefined, v: undefined, rv: String(snapshotRevision), initialEnd: true });
    expect(sink.written.slice(601).map((e) => `${e.type}:${e.name}:${e.v}:${e.rv}`)).toEqual([
      `MODIFIED:cm001:changed:${snapshotRevision + 1}`,
      `MODIFIED:cm500:changed:${snapshotRevision + 2}`,
      `DELETED:cm002:0:${snapshotRevision + 3}`,
      `ADDED:new:0:${snapshotRevision + 4}`,
    ]);
    // Live again: a new write is delivered at once.
    store.put('/configmaps', cm('later'));
    expect(sink.written.at(-1)?.name).toBe('later');
    session.close(false);
  });

  it('stops sending when closed between slices', async () => {
    const store = new RevisionStore();
    for (let i = 0; i < 600; i++) store.put('/configmaps', cm(`cm${i}`));
    const sink = pausingSink();
    const session = new WatchSession(
      store,
      {
        resource: '/configmaps',
        namespace: '',
        predicate: everythingPredicate(),
        kind: 'ConfigMap',
        apiVersion: 'v1',
        allowBookmarks: true,
        bookmarkIntervalMs: 0,
        timeoutMs: 60_000,
      },
      encoder,
      sink,
    );
    session.start({ kind: 'initial', initialEventsEndBookmark: true });
    session.close(false);
    sink.release();
    await new Promise((r) => setImmediate(r));
    store.put('/configmaps', cm('after-close'));
    expect(sink.written).toHaveLength(256);
  });
});

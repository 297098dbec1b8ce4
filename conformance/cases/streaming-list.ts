/** streaming-list: watch with sendInitialEvents (WatchList), api-semantics.md 3.4 and 13.13. */
import { defineCase } from '../define.js';
import type { CaseContext } from '../harness/context.js';
import type { Res } from '../http/client.js';
import type { WatchEvent } from '../http/watch.js';
import { R } from '../harness/resources.js';
import { INITIAL_EVENTS_END } from './bookmarks.js';
import { num } from './util.js';

const STREAM = { sendInitialEvents: 'true', resourceVersionMatch: 'NotOlderThan', allowWatchBookmarks: 'true' };

async function watchError(t: CaseContext, query: Record<string, string>): Promise<Res> {
  return t.request('GET', t.path(R.configmaps), { query: { watch: 'true', ...query } });
}

export default [
  defineCase({
    name: 'streaming-list-initial-events-then-bookmark',
    area: 'streaming-list',
    spec: '3.4, 13.13',
    description:
      'sendInitialEvents=true: ADDED for every object, then a BOOKMARK annotated k8s.io/initial-events-end=true at an RV covering them.',
    async run(t) {
      const objs = [];
      for (const n of ['a', 'b', 'c']) objs.push(await t.mustCreate(R.configmaps, t.fx.configMap(n)));
      const w = await t.watch(R.configmaps, { ...STREAM, labelSelector: t.sel });
      t.must.equal('status', w.status, 200);
      const added = [await w.next(), await w.next(), await w.next()];
      t.must.equal('initial ADDED events', added.map((e) => `${e?.type} ${e?.object?.metadata?.name}`).sort(), [
        'ADDED a',
        'ADDED b',
        'ADDED c',
      ]);
      const bm = await w.next();
      t.must.equal('then BOOKMARK', bm?.type, 'BOOKMARK');
      t.must.equal('annotation', bm?.object?.metadata?.annotations?.[INITIAL_EVENTS_END], 'true');
      t.must.ok(
        'bookmark RV covers the objects',
        num(bm?.object?.metadata?.resourceVersion) >= num(objs[2].metadata.resourceVersion),
        bm?.object?.metadata?.resourceVersion,
      );
      t.observe('bookmark', bm?.object);
    },
  }),
  defineCase({
    name: 'streaming-list-then-normal-events',
    area: 'streaming-list',
    spec: '3.4',
    description: 'After the initial-events-end bookmark the stream continues with normal events.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('a'));
      const w = await t.watch(R.configmaps, { ...STREAM, labelSelector: t.sel });
      const bm = await w.nextMatching((e) => e.type === 'BOOKMARK');
      t.must.present('bookmark', bm);
      t.must.status(await t.patch(R.configmaps, 'a', 'merge', { data: { x: '1' } }), 200);
      await t.mustCreate(R.configmaps, t.fx.configMap('b'));
      const e1 = await w.next();
      const e2 = await w.next();
      t.must.equal(
        'events',
        [e1, e2].map((e) => `${e?.type} ${e?.object?.metadata?.name}`),
        ['MODIFIED a', 'ADDED b'],
      );
    },
  }),
  defineCase({
    name: 'streaming-list-empty-collection-sends-only-bookmark',
    area: 'streaming-list',
    spec: '3.4',
    description: 'A streaming list of nothing sends just the initial-events-end bookmark.',
    async run(t) {
      const w = await t.watch(R.configmaps, { ...STREAM, labelSelector: `${t.sel},none=match` });
      const e = await w.next();
      t.must.equal('first event', [e?.type, e?.object?.metadata?.annotations?.[INITIAL_EVENTS_END]], ['BOOKMARK', 'true']);
    },
  }),
  defineCase({
    name: 'streaming-list-respects-label-selector',
    area: 'streaming-list',
    spec: '3.4',
    description: 'Initial events are sent only for objects matching the selectors.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('yes', { labels: { pick: 'y' } }));
      await t.mustCreate(R.configmaps, t.fx.configMap('no', { labels: { pick: 'n' } }));
      const w = await t.watch(R.configmaps, { ...STREAM, labelSelector: `${t.sel},pick=y` });
      const e = await w.next();
      const bm = await w.next();
      t.must.equal('events', [`${e?.type} ${e?.object?.metadata?.name}`, bm?.type], ['ADDED yes', 'BOOKMARK']);
    },
  }),
  defineCase({
    name: 'streaming-list-with-resource-version',
    area: 'streaming-list',
    spec: '3.4',
    description: 'sendInitialEvents with resourceVersion=N sends state at least as new as N and a bookmark RV >= N.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('a'));
      const b = await t.mustCreate(R.configmaps, t.fx.configMap('b'));
      const w = await t.watch(R.configmaps, { ...STREAM, resourceVersion: b.metadata.resourceVersion, labelSelector: t.sel });
      t.must.equal('status', w.status, 200);
      const skipped: WatchEvent[] = [];
      const bm = await w.nextMatching((e) => e.type === 'BOOKMARK', 10_000, skipped);
      t.must.equal('ADDED before the bookmark', skipped.map((e) => `${e.type} ${e.object?.metadata?.name}`).sort(), ['ADDED a', 'ADDED b']);
      t.must.ok(
        'bookmark RV >= N',
        num(bm?.object?.metadata?.resourceVersion) >= num(b.metadata.resourceVersion),
        bm?.object?.metadata?.resourceVersion,
      );
    },
  }),
  defineCase({
    name: 'streaming-list-without-bookmarks-sends-no-bookmark',
    area: 'streaming-list',
    spec: '3.4',
    description: 'sendInitialEvents without allowWatchBookmarks sends the ADDED events but no initial-events-end bookmark.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('a'));
      const w = await t.watch(R.configmaps, { sendInitialEvents: 'true', resourceVersionMatch: 'NotOlderThan', labelSelector: t.sel });
      t.must.equal('status', w.status, 200);
      const events = await w.collect(1500);
      t.must.equal(
        'only the ADDED event',
        events.map((e) => e.type),
        ['ADDED'],
      );
    },
  }),
  defineCase({
    name: 'streaming-list-send-initial-events-false',
    area: 'streaming-list',
    spec: '3.1',
    description: 'sendInitialEvents=false with resourceVersion=0 starts at the current state: no initial events, only later changes.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('old'));
      await t.sleep(200);
      const w = await t.watch(R.configmaps, {
        sendInitialEvents: 'false',
        resourceVersionMatch: 'NotOlderThan',
        resourceVersion: '0',
        labelSelector: t.sel,
      });
      t.must.equal('status', w.status, 200);
      await t.sleep(300);
      await t.mustCreate(R.configmaps, t.fx.configMap('new'));
      const e = await w.next();
      t.must.equal('first event is the new object', `${e?.type} ${e?.object?.metadata?.name}`, 'ADDED new');
    },
  }),
  defineCase({
    name: 'streaming-list-without-resource-version-match-is-invalid',
    area: 'streaming-list',
    spec: '3.4, 13.13',
    description: 'sendInitialEvents without resourceVersionMatch=NotOlderThan gives 422 before the stream starts.',
    async run(t) {
      const res = await watchError(t, { sendInitialEvents: 'true', allowWatchBookmarks: 'true' });
      t.must.statusError(res, 422, 'Invalid');
      t.must.subset('details', res.json.details, { group: 'meta.k8s.io', kind: 'ListOptions' });
      t.should.match(
        'message',
        res.json.message,
        /resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan/,
      );
      t.observeResponse('error', res);
    },
  }),
  defineCase({
    name: 'streaming-list-match-without-send-initial-events-is-invalid',
    area: 'streaming-list',
    spec: '3.4',
    description: 'resourceVersionMatch on a watch without sendInitialEvents gives 422.',
    async run(t) {
      const res = await watchError(t, { resourceVersionMatch: 'NotOlderThan', resourceVersion: '1' });
      t.must.statusError(res, 422, 'Invalid');
      t.should.match('message', res.json.message, /resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided/);
    },
  }),
  defineCase({
    name: 'streaming-list-exact-match-is-invalid',
    area: 'streaming-list',
    spec: '3.4',
    description: 'sendInitialEvents with resourceVersionMatch=Exact gives 422 Unsupported value (only NotOlderThan).',
    async run(t) {
      const res = await watchError(t, { sendInitialEvents: 'true', resourceVersionMatch: 'Exact', resourceVersion: '1' });
      t.must.statusError(res, 422, 'Invalid');
      t.should.match('message', res.json.message, /Unsupported value: "Exact": supported values: "NotOlderThan"/);
    },
  }),
  defineCase({
    name: 'streaming-list-across-namespaces',
    area: 'streaming-list',
    spec: '3.4',
    description: 'A cluster-wide streaming list sends the matching objects of every namespace, then the bookmark.',
    async run(t) {
      const other = await t.createNamespace('kh-stream');
      await t.mustCreate(R.configmaps, t.fx.configMap('x'));
      await t.mustCreate(R.configmaps, t.fx.configMap('y'), { ns: other.metadata.name });
      const w = await t.watch(R.configmaps, { ...STREAM, labelSelector: t.sel }, { ns: '' });
      const skipped: WatchEvent[] = [];
      const bm = await w.nextMatching((e) => e.type === 'BOOKMARK', 10_000, skipped);
      t.must.present('bookmark', bm);
      t.must.equal('initial events', skipped.map((e) => `${e.type} ${e.object?.metadata?.name}`).sort(), ['ADDED x', 'ADDED y']);
    },
  }),
];

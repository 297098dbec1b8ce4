/** bookmarks: allowWatchBookmarks, bookmark shape, the WatchList default (api-semantics.md 3.1, 3.4). */
import { defineCase } from '../define.js';
import { R } from '../harness/resources.js';
import { num } from './util.js';

export const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

export default [
  defineCase({
    name: 'bookmarks-allowed-watch-streams-normally',
    area: 'bookmarks',
    spec: '3.4',
    description: 'allowWatchBookmarks=true with an RV is accepted (200) and events flow as usual.',
    async run(t) {
      const list = await t.list(R.configmaps, { query: { labelSelector: t.sel } });
      const w = await t.watch(R.configmaps, {
        resourceVersion: list.json.metadata.resourceVersion,
        allowWatchBookmarks: 'true',
        labelSelector: t.sel,
      });
      t.must.equal('status', w.status, 200);
      await t.mustCreate(R.configmaps, t.fx.configMap('a'));
      const e = await w.nextMatching((x) => x.type !== 'BOOKMARK');
      t.must.equal('event', [e?.type, e?.object?.metadata?.name], ['ADDED', 'a']);
    },
  }),
  defineCase({
    name: 'bookmarks-not-sent-without-allow',
    area: 'bookmarks',
    spec: '3.4',
    description: 'Without allowWatchBookmarks no BOOKMARK event is ever sent (here: over a 3 s watch with writes).',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('a'));
      const w = await t.watch(R.configmaps, { timeoutSeconds: 3, labelSelector: t.sel });
      await t.mustCreate(R.configmaps, t.fx.configMap('b'));
      await w.waitEnd(8000);
      t.must.equal('no BOOKMARK', w.events.filter((e) => e.type === 'BOOKMARK').length, 0);
      t.must.equal('events', w.events.map((e) => `${e.type} ${e.object?.metadata?.name}`).sort(), ['ADDED a', 'ADDED b']);
    },
  }),
  defineCase({
    name: 'bookmarks-default-watch-gets-initial-events-end',
    area: 'bookmarks',
    spec: '3.1, 3.4',
    description:
      'With WatchList on (1.34+), a watch without RV and with allowWatchBookmarks gets the initial-events-end BOOKMARK after the ADDED events.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('a'));
      const w = await t.watch(R.configmaps, { allowWatchBookmarks: 'true', labelSelector: t.sel });
      const first = await w.next();
      t.must.equal('ADDED first', [first?.type, first?.object?.metadata?.name], ['ADDED', 'a']);
      const bm = await w.next(5000);
      t.should.equal(
        'then the initial-events-end BOOKMARK',
        [bm?.type, bm?.object?.metadata?.annotations?.[INITIAL_EVENTS_END]],
        ['BOOKMARK', 'true'],
      );
    },
  }),
  defineCase({
    name: 'bookmark-object-shape',
    area: 'bookmarks',
    spec: '3.4',
    description:
      'A BOOKMARK object has the watched kind and apiVersion and metadata.resourceVersion (not older than the events before it).',
    async run(t) {
      const created = await t.mustCreate(R.configmaps, t.fx.configMap('a'));
      const w = await t.watch(R.configmaps, {
        allowWatchBookmarks: 'true',
        sendInitialEvents: 'true',
        resourceVersionMatch: 'NotOlderThan',
        labelSelector: t.sel,
      });
      const bm = await w.nextMatching((e) => e.type === 'BOOKMARK', 5000);
      t.must.equal('kind/apiVersion', [bm?.object?.kind, bm?.object?.apiVersion], ['ConfigMap', 'v1']);
      t.must.present('metadata.resourceVersion', bm?.object?.metadata?.resourceVersion);
      t.must.ok(
        'RV not older than the object',
        num(bm?.object?.metadata?.resourceVersion) >= num(created.metadata.resourceVersion),
        bm?.object?.metadata?.resourceVersion,
      );
      t.must.absent('no name', bm?.object?.metadata?.name);
    },
  }),
  defineCase({
    name: 'bookmarks-periodic-within-deadline',
    area: 'bookmarks',
    spec: '3.4',
    timeoutMs: 20_000,
    description: 'Periodic bookmarks are optional ("about once a minute"); if one arrives in a 5 s watch it must have the right shape.',
    async run(t) {
      const list = await t.list(R.configmaps, { query: { labelSelector: t.sel } });
      const w = await t.watch(R.configmaps, {
        resourceVersion: list.json.metadata.resourceVersion,
        allowWatchBookmarks: 'true',
        timeoutSeconds: 5,
        labelSelector: t.sel,
      });
      await w.waitEnd(10_000);
      const bms = w.events.filter((e) => e.type === 'BOOKMARK');
      t.may.ok('a periodic BOOKMARK arrived', bms.length > 0, bms.length, 'at least one');
      for (const bm of bms) t.must.equal('bookmark kind', bm.object?.kind, 'ConfigMap');
    },
  }),
];

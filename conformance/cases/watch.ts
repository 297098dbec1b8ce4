/** watch: event streams, starting points, selectors, framing, errors (api-semantics.md section 3). */
import { defineCase } from '../define.js';
import type { CaseContext } from '../harness/context.js';
import type { WatchEvent } from '../http/watch.js';
import { R } from '../harness/resources.js';
import { num } from './util.js';

const summary = (e: WatchEvent | undefined) => (e ? { type: e.type, name: e.object?.metadata?.name, data: e.object?.data } : undefined);

/** Real servers compact every 5 minutes; a watch from RV 1 is only "too old" on an older cluster. */
async function ensureOldHistory(t: CaseContext): Promise<void> {
  if (t.canCompact) return t.compact();
  const res = await t.request('GET', '/api/v1/namespaces/default');
  const age = Date.now() - Date.parse(res.json?.metadata?.creationTimestamp ?? '');
  if (!(age > 6 * 60_000))
    t.skip('the cluster is younger than its 5-minute compaction interval; resourceVersion 1 may not be compacted yet');
}

export default [
  defineCase({
    name: 'watch-observes-add-update-delete',
    area: 'watch',
    spec: '3.2, 12, 13.9',
    description:
      'A watch from the list RV sees ADDED, MODIFIED, DELETED with full objects (kind/apiVersion); the DELETED RV is newer than the MODIFIED one.',
    async run(t) {
      const list = await t.list(R.configmaps, { query: { labelSelector: t.sel } });
      const w = await t.watch(R.configmaps, { resourceVersion: list.json.metadata.resourceVersion, labelSelector: t.sel });
      t.must.equal('watch HTTP status', w.status, 200);
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1', { data: { v: '1' } }));
      t.must.status(await t.patch(R.configmaps, 'cm1', 'merge', { data: { v: '2' } }), 200);
      t.must.status(await t.del(R.configmaps, 'cm1'), 200);
      const events = [await w.nextFor('cm1'), await w.nextFor('cm1'), await w.nextFor('cm1')];
      t.must.equal(
        'event types',
        events.map((e) => e?.type),
        ['ADDED', 'MODIFIED', 'DELETED'],
      );
      for (const e of events)
        t.must.equal(`${e?.type} object kind/apiVersion`, [e?.object?.kind, e?.object?.apiVersion], ['ConfigMap', 'v1']);
      t.must.ok(
        'DELETED RV > MODIFIED RV',
        num(events[2]?.object.metadata.resourceVersion) > num(events[1]?.object.metadata.resourceVersion),
        events.map((e) => e?.object?.metadata?.resourceVersion),
      );
      t.observe(
        'events',
        events.map((e) => ({ type: e?.type, object: e?.object })),
      );
    },
  }),
  defineCase({
    name: 'watch-deleted-event-carries-last-state',
    area: 'watch',
    spec: '3.2',
    description: 'The DELETED event carries the last state of the object.',
    async run(t) {
      const created = await t.mustCreate(R.configmaps, t.fx.configMap('cm1', { data: { v: '1' } }));
      const upd = await t.patch(R.configmaps, 'cm1', 'merge', { data: { v: 'last' } });
      const w = await t.watch(R.configmaps, { resourceVersion: upd.json.metadata.resourceVersion, labelSelector: t.sel });
      t.must.status(await t.del(R.configmaps, 'cm1'), 200);
      const e = await w.nextFor('cm1');
      t.must.equal('type', e?.type, 'DELETED');
      t.must.equal('data', e?.object?.data, { v: 'last' });
      t.must.equal('uid', e?.object?.metadata?.uid, created.metadata.uid);
    },
  }),
  defineCase({
    name: 'watch-from-specific-resource-version',
    area: 'watch',
    spec: '3.1, 12',
    description: 'A watch from RV N delivers only changes after N, with no synthetic ADDED events.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1', { data: { mutation: '0' } }));
      const first = await t.patch(R.configmaps, 'cm1', 'merge', { data: { mutation: '1' } });
      t.must.status(await t.patch(R.configmaps, 'cm1', 'merge', { data: { mutation: '2' } }), 200);
      t.must.status(await t.del(R.configmaps, 'cm1'), 200);
      const w = await t.watch(R.configmaps, { resourceVersion: first.json.metadata.resourceVersion, labelSelector: t.sel });
      const a = await w.nextFor('cm1');
      const b = await w.nextFor('cm1');
      t.must.equal(
        'events after N',
        [summary(a), summary(b)],
        [
          { type: 'MODIFIED', name: 'cm1', data: { mutation: '2' } },
          { type: 'DELETED', name: 'cm1', data: { mutation: '2' } },
        ],
      );
    },
  }),
  defineCase({
    name: 'watch-restart-from-last-observed',
    area: 'watch',
    spec: '12',
    description: 'Restarting a watch from the last RV observed continues without gaps or repeats.',
    async run(t) {
      const list = await t.list(R.configmaps, { query: { labelSelector: t.sel } });
      const w1 = await t.watch(R.configmaps, { resourceVersion: list.json.metadata.resourceVersion, labelSelector: t.sel });
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1', { data: { n: '1' } }));
      t.must.status(await t.patch(R.configmaps, 'cm1', 'merge', { data: { n: '2' } }), 200);
      const e1 = await w1.nextFor('cm1');
      const e2 = await w1.nextFor('cm1');
      w1.close();
      t.must.equal('first watch', [e1?.type, e2?.type], ['ADDED', 'MODIFIED']);
      t.must.status(await t.patch(R.configmaps, 'cm1', 'merge', { data: { n: '3' } }), 200);
      t.must.status(await t.del(R.configmaps, 'cm1'), 200);
      const w2 = await t.watch(R.configmaps, { resourceVersion: e2!.object.metadata.resourceVersion, labelSelector: t.sel });
      const e3 = await w2.nextFor('cm1');
      const e4 = await w2.nextFor('cm1');
      t.must.equal(
        'second watch',
        [summary(e3), summary(e4)],
        [
          { type: 'MODIFIED', name: 'cm1', data: { n: '3' } },
          { type: 'DELETED', name: 'cm1', data: { n: '3' } },
        ],
      );
    },
  }),
  defineCase({
    name: 'watch-without-resource-version-sends-initial-added',
    area: 'watch',
    spec: '3.1, 13.10',
    description: 'A watch without RV first sends a synthetic ADDED for every existing object, then changes.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('a'));
      await t.mustCreate(R.configmaps, t.fx.configMap('b'));
      const w = await t.watch(R.configmaps, { labelSelector: t.sel });
      const initial = [await w.next(), await w.next()];
      t.must.equal('initial events', initial.map((e) => [e?.type, e?.object?.metadata?.name]).sort(), [
        ['ADDED', 'a'],
        ['ADDED', 'b'],
      ]);
      t.must.status(await t.patch(R.configmaps, 'a', 'merge', { data: { x: '1' } }), 200);
      const next = await w.next();
      t.must.equal('then changes', [next?.type, next?.object?.metadata?.name], ['MODIFIED', 'a']);
    },
  }),
  defineCase({
    name: 'watch-resource-version-zero-sends-initial-added',
    area: 'watch',
    spec: '3.1',
    description: 'A watch with RV=0 also starts with synthetic ADDED events (state possibly from the cache).',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('a'));
      // RV=0 may be served from a cache a little behind; wait until an unpinned list sees the object.
      await t.sleep(300);
      const w = await t.watch(R.configmaps, { resourceVersion: '0', labelSelector: t.sel });
      const e = await w.nextFor('a');
      t.must.equal('first event', e?.type, 'ADDED');
    },
  }),
  defineCase({
    name: 'watch-response-headers',
    area: 'watch',
    spec: '3.2',
    description: 'A JSON watch answers 200 with Content-Type application/json (no ;stream=watch) and a chunked body.',
    async run(t) {
      const w = await t.watch(R.configmaps, { labelSelector: t.sel });
      t.must.equal('status', w.status, 200);
      t.must.equal('content-type', w.headers['content-type'], 'application/json');
      t.should.equal('transfer-encoding', w.headers['transfer-encoding'], 'chunked');
      t.observe('headers', { contentType: w.headers['content-type'] });
    },
  }),
  defineCase({
    name: 'watch-label-selector-relabel-out-and-back',
    area: 'watch',
    spec: '3.3, 12, 13.11',
    description:
      'With a label selector: relabelling out gives DELETED (previous content), changes while out are silent, relabelling back gives ADDED.',
    async run(t) {
      const created = await t.mustCreate(R.configmaps, t.fx.configMap('cm1', { labels: { watch: 'yes' }, data: { n: '0' } }));
      const w = await t.watch(R.configmaps, { resourceVersion: created.metadata.resourceVersion, labelSelector: `${t.sel},watch=yes` });
      t.must.status(await t.patch(R.configmaps, 'cm1', 'merge', { data: { n: '1' } }), 200);
      t.must.status(await t.patch(R.configmaps, 'cm1', 'merge', { metadata: { labels: { watch: 'no' } } }), 200);
      t.must.status(await t.patch(R.configmaps, 'cm1', 'merge', { data: { n: '2' } }), 200);
      t.must.status(await t.patch(R.configmaps, 'cm1', 'merge', { metadata: { labels: { watch: 'yes' } } }), 200);
      const events = [await w.nextFor('cm1'), await w.nextFor('cm1'), await w.nextFor('cm1')];
      t.must.equal(
        'events',
        events.map((e) => e?.type),
        ['MODIFIED', 'DELETED', 'ADDED'],
      );
      t.must.equal('DELETED carries the previous (matching) content', events[1]?.object?.metadata?.labels?.watch, 'yes');
      t.must.equal('ADDED carries the new content', events[2]?.object?.data, { n: '2' });
      const extra = await w.collect(300);
      t.must.equal('no further events', extra.length, 0);
    },
  }),
  defineCase({
    name: 'watch-field-selector-single-object',
    area: 'watch',
    spec: '3.3',
    description: 'fieldSelector=metadata.name=X watches one object only.',
    async run(t) {
      const list = await t.list(R.configmaps, { query: { labelSelector: t.sel } });
      const w = await t.watch(R.configmaps, { resourceVersion: list.json.metadata.resourceVersion, fieldSelector: 'metadata.name=target' });
      await t.mustCreate(R.configmaps, t.fx.configMap('other'));
      await t.mustCreate(R.configmaps, t.fx.configMap('target'));
      const e = await w.next();
      t.must.equal('first event', [e?.type, e?.object?.metadata?.name], ['ADDED', 'target']);
      t.must.equal('nothing else', (await w.collect(300)).length, 0);
    },
  }),
  defineCase({
    name: 'watch-concurrent-watches-same-order',
    area: 'watch',
    spec: '3.2, 12',
    description: 'Watches started at the same RV see the same events in the same (increasing RV) order.',
    async run(t) {
      const list = await t.list(R.configmaps, { query: { labelSelector: t.sel } });
      const rv = list.json.metadata.resourceVersion;
      const watches = await Promise.all([0, 1, 2].map(() => t.watch(R.configmaps, { resourceVersion: rv, labelSelector: t.sel })));
      for (let i = 0; i < 5; i++) await t.mustCreate(R.configmaps, t.fx.configMap(`cm-${i}`));
      for (let i = 0; i < 5; i += 2) t.must.status(await t.del(R.configmaps, `cm-${i}`), 200);
      const seqs: string[][] = [];
      for (const w of watches) {
        const seq: string[] = [];
        for (let i = 0; i < 8; i++) {
          const e = await w.next();
          seq.push(`${e?.type}:${e?.object?.metadata?.name}:${e?.object?.metadata?.resourceVersion}`);
        }
        seqs.push(seq);
      }
      t.must.equal('watch 2 = watch 1', seqs[1], seqs[0]);
      t.must.equal('watch 3 = watch 1', seqs[2], seqs[0]);
      const rvs = seqs[0].map((s) => num(s.split(':')[2]));
      t.must.ok(
        'increasing RVs',
        rvs.every((r, i) => i === 0 || r > rvs[i - 1]),
        rvs,
      );
    },
  }),
  defineCase({
    name: 'watch-timeout-seconds-ends-stream',
    area: 'watch',
    spec: '3.6',
    description: 'timeoutSeconds=1 ends the stream normally after about a second, with no final event.',
    async run(t) {
      const w = await t.watch(R.configmaps, {
        timeoutSeconds: 1,
        labelSelector: t.sel,
        resourceVersion: (await t.list(R.configmaps, { query: { labelSelector: t.sel } })).json.metadata.resourceVersion,
      });
      const ended = await w.waitEnd(8000);
      t.must.ok('stream ended', ended);
      t.must.equal('ended normally', w.error, undefined);
      t.must.equal(
        'no events',
        w.events.map((e) => e.type),
        [],
      );
    },
  }),
  defineCase({
    name: 'watch-too-old-resource-version-is-expired-event',
    area: 'watch',
    spec: '3.5, 13.12',
    exclusive: true,
    description: 'A watch from a compacted RV answers 200 with one ERROR event (Status 410 Expired), then closes.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('cm1'));
      await ensureOldHistory(t);
      const w = await t.watch(R.configmaps, { resourceVersion: '1' });
      t.must.equal('HTTP status', w.status, 200);
      const e = await w.next();
      t.must.equal('event type', e?.type, 'ERROR');
      t.must.subset('error object', e?.object, { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 410, reason: 'Expired' });
      t.should.match(
        'message',
        e?.object?.message,
        /^too old resource version: 1 \(\d+\)$|resourceVersion for the provided watch is too old/,
      );
      t.must.ok('stream closes', await w.waitEnd(5000));
    },
  }),
  defineCase({
    name: 'watch-unsupported-resource-is-method-not-allowed',
    area: 'watch',
    spec: '3.5',
    description: 'Watching a resource without the watch verb (componentstatuses) gives 405 MethodNotAllowed.',
    async run(t) {
      const res = await t.request('GET', '/api/v1/componentstatuses', { query: { watch: 'true' } });
      t.must.statusError(res, 405, 'MethodNotAllowed');
      t.should.message(res, 'watch is not supported on resources of kind "componentstatuses"');
    },
  }),
  defineCase({
    name: 'watch-empty-watch-parameter-means-true',
    area: 'watch',
    spec: '2.1',
    description: 'A bare ?watch (empty value) is true: the server streams events.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('a'));
      const w = await t.api.watch(`${t.path(R.configmaps)}?watch`, { labelSelector: t.sel });
      t.must.equal('status', w.status, 200);
      const e = await w.nextFor('a');
      t.must.equal('event', e?.type, 'ADDED');
    },
  }),
  defineCase({
    name: 'watch-legacy-watch-path',
    area: 'watch',
    spec: '3.3',
    description: 'The deprecated /api/v1/watch/namespaces/{ns}/configmaps[/{name}] paths still stream events.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('a'));
      await t.mustCreate(R.configmaps, t.fx.configMap('b'));
      const single = await t.api.watch(`/api/v1/watch/namespaces/${t.ns}/configmaps/b`);
      t.must.equal('single-object status', single.status, 200);
      const e = await single.next();
      t.must.equal('single-object event', [e?.type, e?.object?.metadata?.name], ['ADDED', 'b']);
      t.must.equal('nothing for other objects', (await single.collect(300)).length, 0);
      const all = await t.api.watch(`/api/v1/watch/namespaces/${t.ns}/configmaps`, { labelSelector: t.sel });
      t.must.equal('collection status', all.status, 200);
      const first = await all.next();
      t.must.equal('collection event', first?.type, 'ADDED');
    },
  }),
  defineCase({
    name: 'watch-across-namespaces',
    area: 'watch',
    spec: '7',
    description: 'A watch on the cluster-wide path sees events from every namespace.',
    async run(t) {
      const other = await t.createNamespace('kh-watch');
      const w = await t.watch(R.configmaps, { labelSelector: t.sel, resourceVersion: other.metadata.resourceVersion }, { ns: '' });
      await t.mustCreate(R.configmaps, t.fx.configMap('here'));
      await t.mustCreate(R.configmaps, t.fx.configMap('there'), { ns: other.metadata.name });
      const a = await w.next();
      const b = await w.next();
      t.must.equal(
        'events',
        [a, b].map((e) => `${e?.type} ${e?.object?.metadata?.namespace}/${e?.object?.metadata?.name}`),
        [`ADDED ${t.ns}/here`, `ADDED ${other.metadata.name}/there`],
      );
    },
  }),
  defineCase({
    name: 'watch-namespace-excludes-other-namespaces',
    area: 'watch',
    spec: '7',
    description: 'A namespaced watch does not see objects of other namespaces.',
    async run(t) {
      const other = await t.createNamespace('kh-watch');
      const w = await t.watch(R.configmaps, { labelSelector: t.sel, resourceVersion: other.metadata.resourceVersion });
      await t.mustCreate(R.configmaps, t.fx.configMap('there'), { ns: other.metadata.name });
      await t.mustCreate(R.configmaps, t.fx.configMap('here'));
      const e = await w.next();
      t.must.equal('only the own namespace', `${e?.type} ${e?.object?.metadata?.name}`, 'ADDED here');
    },
  }),
  defineCase({
    name: 'watch-invalid-label-selector-is-bad-request',
    area: 'watch',
    spec: '3.5',
    description: 'An unparsable label selector on a watch is a plain 400 before any stream starts.',
    async run(t) {
      const res = await t.request('GET', t.path(R.configmaps), { query: { watch: 'true', labelSelector: 'a in (' } });
      t.must.statusError(res, 400, 'BadRequest');
      t.should.match('message', res.json?.message, /^unable to parse requirement/);
    },
  }),
  defineCase({
    name: 'watch-unknown-field-selector-is-bad-request',
    area: 'watch',
    spec: '3.5',
    description: 'An unsupported field selector on a watch is a plain 400.',
    async run(t) {
      const res = await t.request('GET', t.path(R.configmaps), { query: { watch: 'true', fieldSelector: 'data.x=y' } });
      t.must.statusError(res, 400, 'BadRequest');
    },
  }),
  defineCase({
    name: 'watch-future-resource-version-delivers-later-events',
    area: 'watch',
    spec: '3.1',
    description: 'A watch from an RV slightly ahead of the current one stays open and delivers events once writes pass it.',
    async run(t) {
      const created = await t.mustCreate(R.configmaps, t.fx.configMap('cm1', { data: { n: '0' } }));
      const ahead = String(num(created.metadata.resourceVersion) + 1);
      const w = await t.watch(R.configmaps, { resourceVersion: ahead, labelSelector: t.sel });
      t.must.equal('status', w.status, 200);
      for (let i = 1; i <= 3; i++) t.must.status(await t.patch(R.configmaps, 'cm1', 'merge', { data: { n: String(i) } }), 200);
      const e = await w.nextFor('cm1');
      t.must.equal('an event arrives', e?.type, 'MODIFIED');
      t.must.ok(
        'its RV is newer than the requested one',
        num(e?.object?.metadata?.resourceVersion) > num(ahead),
        e?.object?.metadata?.resourceVersion,
      );
    },
  }),
];

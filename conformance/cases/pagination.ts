/**
 * pagination: limit/continue/remainingItemCount. Counting cases use Leases: no controller creates
 * them in a fresh namespace, so an unselected list holds exactly the case's objects.
 */
import { defineCase } from '../define.js';
import type { CaseContext } from '../harness/context.js';
import { R } from '../harness/resources.js';
import { itemNames } from './util.js';

async function leases(t: CaseContext, names: string[], labels: Record<string, string> = {}): Promise<void> {
  for (const n of names) await t.mustCreate(R.leases, t.fx.lease(n, { labels }));
}

export default [
  defineCase({
    name: 'paginate-limit-one-of-three',
    area: 'pagination',
    spec: '2.3, 13.6',
    description: 'limit=1 over 3 items: continue and remainingItemCount (2, then 1, then absent), same RV on every page, name order.',
    async run(t) {
      await leases(t, ['l-c', 'l-a', 'l-b']);
      const p1 = await t.list(R.leases, { query: { limit: 1 } });
      t.must.status(p1, 200);
      t.must.equal('page 1 items', itemNames(p1), ['l-a']);
      t.must.present('page 1 continue', p1.json.metadata.continue);
      t.must.equal('page 1 remainingItemCount', p1.json.metadata.remainingItemCount, 2);
      const p2 = await t.list(R.leases, { query: { limit: 1, continue: p1.json.metadata.continue } });
      t.must.status(p2, 200);
      t.must.equal('page 2 items', itemNames(p2), ['l-b']);
      t.must.equal('page 2 remainingItemCount', p2.json.metadata.remainingItemCount, 1);
      t.must.equal('page 2 RV = page 1 RV', p2.json.metadata.resourceVersion, p1.json.metadata.resourceVersion);
      const p3 = await t.list(R.leases, { query: { limit: 1, continue: p2.json.metadata.continue } });
      t.must.status(p3, 200);
      t.must.equal('page 3 items', itemNames(p3), ['l-c']);
      t.must.absent('page 3 continue', p3.json.metadata.continue);
      t.must.absent('page 3 remainingItemCount', p3.json.metadata.remainingItemCount);
      t.must.equal('page 3 RV = page 1 RV', p3.json.metadata.resourceVersion, p1.json.metadata.resourceVersion);
      t.observeResponse('page1', p1);
      t.observeResponse('page3', p3);
    },
  }),
  defineCase({
    name: 'paginate-chunks-of-seventeen',
    area: 'pagination',
    spec: '2.3, 12',
    timeoutMs: 60_000,
    description: 'e2e chunking: 40 items read 17 at a time: remainingItemCount + seen == total on every page, key order, constant RV.',
    async run(t) {
      const names = Array.from({ length: 40 }, (_, i) => `template-${String(i).padStart(4, '0')}`);
      await leases(t, names);
      const seen: string[] = [];
      let cont: string | undefined;
      let rv: string | undefined;
      do {
        const page = await t.list(R.leases, { query: { limit: 17, continue: cont } });
        t.must.status(page, 200);
        t.must.ok('page size <= 17', page.json.items.length <= 17, page.json.items.length);
        seen.push(...itemNames(page));
        rv ??= page.json.metadata.resourceVersion;
        t.must.equal('constant RV', page.json.metadata.resourceVersion, rv);
        cont = page.json.metadata.continue || undefined;
        if (cont) t.must.equal('remainingItemCount + seen == total', page.json.metadata.remainingItemCount + seen.length, names.length);
        else t.must.absent('no remainingItemCount on the last page', page.json.metadata.remainingItemCount);
      } while (cont);
      t.must.equal('all items in order', seen, names);
    },
  }),
  defineCase({
    name: 'paginate-resource-version-zero-ignores-limit',
    area: 'pagination',
    spec: '2.1, 13.6',
    description: 'limit with resourceVersion=0 is served from the cache: the limit is ignored (all items, no continue).',
    async run(t) {
      await leases(t, ['a', 'b', 'c']);
      const res = await t.poll(
        'RV=0 list with limit=1 shows all 3',
        async () => {
          const r = await t.list(R.leases, { query: { limit: 1, resourceVersion: '0' } });
          t.must.status(r, 200);
          return r.json.items.length >= 3 ? r : undefined;
        },
        { timeoutMs: 5000 },
      );
      t.must.equal('items', itemNames(res), ['a', 'b', 'c']);
      t.must.absent('continue', res.json.metadata.continue);
    },
  }),
  defineCase({
    name: 'paginate-garbage-continue-is-bad-request',
    area: 'pagination',
    spec: '2.3, 13.7',
    description: 'A garbage continue token gives 400 BadRequest.',
    async run(t) {
      const res = await t.list(R.leases, { query: { limit: 1, continue: 'garbage!!' } });
      t.must.statusError(res, 400, 'BadRequest');
      t.should.match('message', res.json.message, /^invalid continue token/);
    },
  }),
  defineCase({
    name: 'paginate-continue-with-resource-version-is-bad-request',
    area: 'pagination',
    spec: '2.1',
    description: 'continue together with a non-zero resourceVersion gives 400.',
    async run(t) {
      await leases(t, ['a', 'b']);
      const p1 = await t.list(R.leases, { query: { limit: 1 } });
      t.must.status(p1, 200);
      const res = await t.list(R.leases, {
        query: { limit: 1, continue: p1.json.metadata.continue, resourceVersion: p1.json.metadata.resourceVersion },
      });
      t.must.statusError(res, 400, 'BadRequest');
      t.should.match('message', res.json.message, /specifying resource version is not allowed when using continue/);
    },
  }),
  defineCase({
    name: 'paginate-continue-with-resource-version-match-is-invalid',
    area: 'pagination',
    spec: '2.1',
    description: 'continue together with resourceVersionMatch gives 422 (ListOptions).',
    async run(t) {
      await leases(t, ['a', 'b']);
      const p1 = await t.list(R.leases, { query: { limit: 1 } });
      t.must.status(p1, 200);
      const res = await t.list(R.leases, {
        query: { limit: 1, continue: p1.json.metadata.continue, resourceVersionMatch: 'NotOlderThan' },
      });
      t.must.statusError(res, 422, 'Invalid');
      t.should.match('message', res.json.message, /resourceVersionMatch is forbidden when continue is provided/);
    },
  }),
  defineCase({
    name: 'paginate-selector-omits-remaining-item-count',
    area: 'pagination',
    spec: '2.3',
    description: 'With a label selector, pages carry continue but no remainingItemCount.',
    async run(t) {
      await leases(t, ['a', 'b', 'c']);
      const res = await t.list(R.leases, { query: { limit: 1, labelSelector: t.sel } });
      t.must.status(res, 200);
      t.must.present('continue', res.json.metadata.continue);
      t.must.absent('remainingItemCount', res.json.metadata.remainingItemCount);
    },
  }),
  defineCase({
    name: 'paginate-field-selector-omits-remaining-item-count',
    area: 'pagination',
    spec: '2.3',
    description: 'With a field selector, pages carry no remainingItemCount.',
    async run(t) {
      await leases(t, ['a', 'b', 'c']);
      const res = await t.list(R.leases, { query: { limit: 1, fieldSelector: 'metadata.name!=zzz' } });
      t.must.status(res, 200);
      t.must.present('continue', res.json.metadata.continue);
      t.must.absent('remainingItemCount', res.json.metadata.remainingItemCount);
    },
  }),
  defineCase({
    name: 'paginate-selector-loop-collects-all-matches',
    area: 'pagination',
    spec: '2.3',
    description: 'With a selector, pages may be short (even empty) but following continue collects exactly the matches in order.',
    async run(t) {
      for (let i = 0; i < 10; i++) await t.mustCreate(R.leases, t.fx.lease(`l-${i}`, { labels: { parity: i % 2 === 0 ? 'even' : 'odd' } }));
      const seen: string[] = [];
      let cont: string | undefined;
      let pages = 0;
      do {
        const r = await t.list(R.leases, { query: { limit: 2, labelSelector: 'parity=odd', continue: cont } });
        t.must.status(r, 200);
        t.must.ok('page size <= limit', r.json.items.length <= 2, r.json.items.length);
        seen.push(...itemNames(r));
        cont = r.json.metadata.continue || undefined;
        pages++;
      } while (cont && pages < 20);
      t.must.equal('matches', seen, ['l-1', 'l-3', 'l-5', 'l-7', 'l-9']);
    },
  }),
  defineCase({
    name: 'paginate-limit-above-count-has-no-continue',
    area: 'pagination',
    spec: '2.3',
    description: 'A limit larger than the number of items returns everything with no continue and no remainingItemCount.',
    async run(t) {
      await leases(t, ['a', 'b']);
      const res = await t.list(R.leases, { query: { limit: 10 } });
      t.must.status(res, 200);
      t.must.equal('items', itemNames(res), ['a', 'b']);
      t.must.absent('continue', res.json.metadata.continue);
      t.must.absent('remainingItemCount', res.json.metadata.remainingItemCount);
    },
  }),
  defineCase({
    name: 'paginate-limit-zero-means-no-limit',
    area: 'pagination',
    spec: '2.3',
    description: 'limit=0 means no limit.',
    async run(t) {
      await leases(t, ['a', 'b', 'c']);
      const res = await t.list(R.leases, { query: { limit: 0 } });
      t.must.status(res, 200);
      t.must.equal('items', itemNames(res), ['a', 'b', 'c']);
      t.must.absent('continue', res.json.metadata.continue);
    },
  }),
  defineCase({
    name: 'paginate-snapshot-hides-later-changes',
    area: 'pagination',
    spec: '2.3',
    description: 'Later pages show the snapshot of the first page: objects created after it are absent, deleted ones still listed.',
    async run(t) {
      await leases(t, ['a', 'b', 'c']);
      const p1 = await t.list(R.leases, { query: { limit: 1 } });
      t.must.status(p1, 200);
      await t.mustCreate(R.leases, t.fx.lease('z-new'));
      t.must.status(await t.del(R.leases, 'c'), 200);
      const rest = await t.list(R.leases, { query: { limit: 10, continue: p1.json.metadata.continue } });
      t.must.status(rest, 200);
      t.must.equal('rest of the snapshot', itemNames(rest), ['b', 'c']);
      t.must.equal('same RV', rest.json.metadata.resourceVersion, p1.json.metadata.resourceVersion);
    },
  }),
  defineCase({
    name: 'paginate-exact-resource-version',
    area: 'pagination',
    spec: '2.1',
    description: 'limit with resourceVersion=N and resourceVersionMatch=Exact pages through the state at N.',
    async run(t) {
      const a = await t.mustCreate(R.leases, t.fx.lease('a'));
      const b = await t.mustCreate(R.leases, t.fx.lease('b'));
      await t.mustCreate(R.leases, t.fx.lease('c'));
      void a;
      const p1 = await t.list(R.leases, {
        query: { limit: 1, resourceVersion: b.metadata.resourceVersion, resourceVersionMatch: 'Exact' },
      });
      t.must.status(p1, 200);
      t.must.equal('page 1', itemNames(p1), ['a']);
      t.must.equal('list RV', p1.json.metadata.resourceVersion, b.metadata.resourceVersion);
      const p2 = await t.list(R.leases, { query: { limit: 5, continue: p1.json.metadata.continue } });
      t.must.status(p2, 200);
      t.must.equal('page 2 (state at N: no c)', itemNames(p2), ['b']);
    },
  }),
  defineCase({
    name: 'paginate-legacy-limit-with-resource-version-is-exact',
    area: 'pagination',
    spec: '2.1',
    description: 'limit with resourceVersion=N and no resourceVersionMatch is the legacy Exact read at N.',
    async run(t) {
      await t.mustCreate(R.leases, t.fx.lease('a'));
      const b = await t.mustCreate(R.leases, t.fx.lease('b'));
      await t.mustCreate(R.leases, t.fx.lease('c'));
      const res = await t.list(R.leases, { query: { limit: 5, resourceVersion: b.metadata.resourceVersion } });
      t.must.status(res, 200);
      t.must.equal('items at N', itemNames(res), ['a', 'b']);
      t.must.equal('list RV', res.json.metadata.resourceVersion, b.metadata.resourceVersion);
    },
  }),
  defineCase({
    name: 'paginate-across-namespaces',
    area: 'pagination',
    spec: '2.3',
    description: 'A cluster-wide paginated list walks namespaces in key order (namespace, then name).',
    async run(t) {
      const other = await t.createNamespace('kh-page');
      await t.mustCreate(R.leases, t.fx.lease('b'));
      await t.mustCreate(R.leases, t.fx.lease('a'), { ns: other.metadata.name });
      await t.mustCreate(R.leases, t.fx.lease('c'), { ns: other.metadata.name });
      const seen: string[] = [];
      let cont: string | undefined;
      do {
        const r = await t.list(R.leases, { ns: '', query: { limit: 1, labelSelector: t.sel, continue: cont } });
        t.must.status(r, 200);
        seen.push(
          ...r.json.items.map((i: { metadata: { namespace: string; name: string } }) => `${i.metadata.namespace}/${i.metadata.name}`),
        );
        cont = r.json.metadata.continue || undefined;
      } while (cont);
      t.must.equal('order', seen, [`${t.ns}/b`, `${other.metadata.name}/a`, `${other.metadata.name}/c`].sort());
    },
  }),
  defineCase({
    name: 'paginate-expired-continue-is-gone',
    area: 'pagination',
    spec: '2.3',
    exclusive: true,
    description:
      'A continue token whose snapshot was compacted gives 410 Expired, with a fresh continue token in the Status that lists the rest.',
    async run(t) {
      await leases(t, ['a', 'b', 'c']);
      const p1 = await t.list(R.leases, { query: { limit: 1 } });
      t.must.status(p1, 200);
      await t.mustCreate(R.leases, t.fx.lease('d'));
      await t.compact();
      const res = await t.list(R.leases, { query: { limit: 1, continue: p1.json.metadata.continue } });
      t.must.statusError(res, 410, 'Expired');
      t.should.match('message', res.json.message, /^The provided continue parameter is too old to display a consistent list result/);
      t.must.present('fresh continue token in the Status', res.json.metadata?.continue);
      const rest = await t.list(R.leases, { query: { limit: 10, continue: res.json.metadata.continue } });
      t.must.status(rest, 200);
      t.must.equal('the rest, at the latest state', itemNames(rest), ['b', 'c', 'd']);
    },
  }),
];

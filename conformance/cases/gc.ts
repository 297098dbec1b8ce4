/**
 * gc: garbage collection through ownerReferences (api-semantics.md 6.3, e2e garbage_collector.go).
 * Owners and dependents are ConfigMaps: the garbage collector handles any resource, and no other
 * controller touches them. The collector is asynchronous: everything is polled.
 */
import { defineCase } from '../define.js';
import type { CaseContext } from '../harness/context.js';
import type { Obj } from '../harness/fixtures.js';
import { R } from '../harness/resources.js';

const HOLD = 'example.com/hold';
const GC_WAIT = { timeoutMs: 20_000, intervalMs: 300 };

async function gone(t: CaseContext, name: string, what = `${name} is deleted`): Promise<void> {
  await t.poll(what, async () => ((await t.get(R.configmaps, name)).status === 404 ? true : undefined), GC_WAIT);
}

async function ownerWithDependents(t: CaseContext, n: number, o: { blockOwnerDeletion?: boolean; hold?: boolean } = {}): Promise<Obj> {
  const owner = await t.mustCreate(R.configmaps, t.fx.configMap('owner'));
  for (let i = 0; i < n; i++) {
    await t.mustCreate(
      R.configmaps,
      t.fx.configMap(`dep-${i}`, {
        ownerReferences: [t.fx.ownerRef(owner, { blockOwnerDeletion: o.blockOwnerDeletion })],
        finalizers: o.hold ? [HOLD] : undefined,
      }),
    );
    if (o.hold) t.cleanup(() => t.patch(R.configmaps, `dep-${i}`, 'merge', { metadata: { finalizers: null } }));
  }
  return owner;
}

export default [
  defineCase({
    name: 'gc-background-deletes-dependents',
    area: 'gc',
    spec: '6.3, 12',
    description: 'Deleting an owner (Background, the default) removes it at once; the collector then deletes its dependents.',
    async run(t) {
      await ownerWithDependents(t, 2);
      const res = await t.del(R.configmaps, 'owner');
      t.must.status(res, 200);
      t.must.equal('owner gone at once', (await t.get(R.configmaps, 'owner')).status, 404);
      await gone(t, 'dep-0');
      await gone(t, 'dep-1');
    },
  }),
  defineCase({
    name: 'gc-orphan-keeps-dependents',
    area: 'gc',
    spec: '6.3, 12',
    description: 'propagationPolicy=Orphan: dependents stay with the owner reference removed, then the owner goes.',
    async run(t) {
      await ownerWithDependents(t, 2);
      t.must.status(await t.del(R.configmaps, 'owner', { body: { propagationPolicy: 'Orphan' } }), 200);
      await gone(t, 'owner');
      for (const n of ['dep-0', 'dep-1']) {
        const dep = await t.mustGet(R.configmaps, n);
        t.must.equal(`${n} has no ownerReferences`, dep.metadata.ownerReferences ?? [], []);
      }
    },
  }),
  defineCase({
    name: 'gc-foreground-waits-for-blocking-dependents',
    area: 'gc',
    spec: '6.3, 12',
    timeoutMs: 60_000,
    description:
      'Foreground: the owner stays (foregroundDeletion finalizer) while a blockOwnerDeletion dependent exists, and goes after it.',
    async run(t) {
      await ownerWithDependents(t, 1, { blockOwnerDeletion: true, hold: true });
      const res = await t.del(R.configmaps, 'owner', { body: { propagationPolicy: 'Foreground' } });
      t.must.status(res, 200);
      t.must.includes('foregroundDeletion finalizer', res.json.metadata?.finalizers, 'foregroundDeletion');
      await t.poll(
        'the dependent is marked for deletion',
        async () => ((await t.mustGet(R.configmaps, 'dep-0')).metadata.deletionTimestamp ? true : undefined),
        GC_WAIT,
      );
      await t.sleep(1000);
      t.must.status(await t.get(R.configmaps, 'owner'), 200);
      t.must.status(await t.patch(R.configmaps, 'dep-0', 'merge', { metadata: { finalizers: null } }), 200);
      await gone(t, 'owner', 'the owner is deleted after its dependent');
    },
  }),
  defineCase({
    name: 'gc-foreground-without-dependents-completes',
    area: 'gc',
    spec: '6.3',
    description: 'A Foreground delete of an object without dependents completes: the collector removes foregroundDeletion.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('lonely'));
      t.must.status(await t.del(R.configmaps, 'lonely', { body: { propagationPolicy: 'Foreground' } }), 200);
      await gone(t, 'lonely');
    },
  }),
  defineCase({
    name: 'gc-orphan-finalizer-without-dependents-completes',
    area: 'gc',
    spec: '6.3',
    description: 'An Orphan delete of an object without dependents completes: the collector removes the orphan finalizer.',
    async run(t) {
      await t.mustCreate(R.configmaps, t.fx.configMap('lonely'));
      t.must.status(await t.del(R.configmaps, 'lonely', { body: { propagationPolicy: 'Orphan' } }), 200);
      await gone(t, 'lonely');
    },
  }),
  defineCase({
    name: 'gc-dangling-owner-reference-is-collected',
    area: 'gc',
    spec: '6.3',
    description: 'A dependent whose only owner does not exist (uid unknown) is deleted by the collector.',
    async run(t) {
      await t.mustCreate(
        R.configmaps,
        t.fx.configMap('orphaned', {
          ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'never-existed', uid: '7c0f2fd6-0c8b-4fbd-9d1e-5ad3e0b9c3a1' }],
        }),
      );
      await gone(t, 'orphaned');
    },
  }),
  defineCase({
    name: 'gc-dependent-with-surviving-owner-stays',
    area: 'gc',
    spec: '12',
    description: 'A dependent with two owners survives the deletion of one; the reference to the deleted owner is removed.',
    async run(t) {
      const a = await t.mustCreate(R.configmaps, t.fx.configMap('owner-a'));
      const b = await t.mustCreate(R.configmaps, t.fx.configMap('owner-b'));
      await t.mustCreate(R.configmaps, t.fx.configMap('shared', { ownerReferences: [t.fx.ownerRef(a), t.fx.ownerRef(b)] }));
      t.must.status(await t.del(R.configmaps, 'owner-a'), 200);
      const refs = await t.poll(
        'the reference to owner-a is removed',
        async () => {
          const dep = await t.mustGet(R.configmaps, 'shared');
          const names = ((dep.metadata.ownerReferences ?? []) as Obj[]).map((r) => r.name);
          return names.includes('owner-a') ? undefined : names;
        },
        GC_WAIT,
      );
      t.must.equal('remaining owners', refs, ['owner-b']);
    },
  }),
];

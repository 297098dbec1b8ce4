/**
 * CustomResourceDefinitions for the crd cases: a CRD with a unique group-free name per case
 * (CRDs are cluster-scoped and cases run concurrently), cleaned up after the case, and a wait
 * until it is Established and its endpoint answers (api-semantics.md 9.4).
 */
import type { CaseContext } from './context.js';
import type { Obj } from './fixtures.js';
import type { ResourceRef } from './resources.js';
import { R } from './resources.js';

export const CRD_GROUP = 'conformance.kubeharness.io';

export interface CrdOptions {
  status?: boolean;
  scale?: boolean;
  /** A structural schema for spec; default: spec with replicas and free-form fields preserved. */
  schema?: Obj;
  namespaced?: boolean;
}

export interface TestCrd {
  ref: ResourceRef;
  crd: Obj;
  plural: string;
  kind: string;
  apiVersion: string;
}

export function crdManifest(plural: string, kind: string, o: CrdOptions = {}): Obj {
  const subresources: Obj = {};
  if (o.status) subresources.status = {};
  if (o.scale)
    subresources.scale = {
      specReplicasPath: '.spec.replicas',
      statusReplicasPath: '.status.replicas',
      labelSelectorPath: '.status.selector',
    };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${CRD_GROUP}` },
    spec: {
      group: CRD_GROUP,
      scope: o.namespaced === false ? 'Cluster' : 'Namespaced',
      names: { plural, singular: kind.toLowerCase(), kind, listKind: `${kind}List` },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          subresources: Object.keys(subresources).length > 0 ? subresources : undefined,
          schema: {
            openAPIV3Schema: o.schema ?? {
              type: 'object',
              properties: {
                spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { replicas: { type: 'integer' } } },
                status: {
                  type: 'object',
                  'x-kubernetes-preserve-unknown-fields': true,
                  properties: { replicas: { type: 'integer' }, selector: { type: 'string' } },
                },
              },
            },
          },
        },
      ],
    },
  };
}

/** Creates a CRD, waits for Established and a served endpoint, and registers its deletion. */
export async function createTestCrd(t: CaseContext, o: CrdOptions = {}): Promise<TestCrd> {
  const base = t.name('w').replace('-', '');
  const plural = `${base}s`;
  const kind = `W${base.slice(1)}`;
  const res = await t.request('POST', t.path(R.crds), { body: crdManifest(plural, kind, o) });
  t.must.status(res, 201);
  const name = `${plural}.${CRD_GROUP}`;
  t.cleanup(() => t.request('DELETE', t.path(R.crds, name)));
  const started = Date.now();
  const crd = await t.poll(
    `CRD ${name} Established`,
    async () => {
      const g = await t.request('GET', t.path(R.crds, name));
      const conds = (g.json?.status?.conditions ?? []) as Obj[];
      // A server that sets no condition at all within 5 s does not run the CRD controllers.
      if (conds.length === 0 && Date.now() - started > 5000)
        t.must.ok(`CRD ${name} gets status conditions within 5 s`, false, g.json?.status);
      return conds.some((c) => c.type === 'Established' && c.status === 'True') ? (g.json as Obj) : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 250 },
  );
  const ref: ResourceRef = { group: CRD_GROUP, version: 'v1', resource: plural, kind, namespaced: o.namespaced !== false };
  await t.poll(`${plural} endpoint served`, async () => ((await t.list(ref)).status === 200 ? true : undefined), {
    timeoutMs: 30_000,
    intervalMs: 250,
  });
  return { ref, crd, plural, kind, apiVersion: `${CRD_GROUP}/v1` };
}

export function customResource(t: CaseContext, c: TestCrd, name: string, spec: Obj = {}, extra: Obj = {}): Obj {
  return { apiVersion: c.apiVersion, kind: c.kind, metadata: t.fx.meta(name), spec, ...extra };
}

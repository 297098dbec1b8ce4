import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeApiServer, type FakeApiServer } from '../index.js';
import { call } from '../testing/http-client.js';

let server: FakeApiServer;
const cms = '/api/v1/namespaces/default/configmaps';
const req = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  call(server.url, method, path, body, headers);

async function createCMs(names: string[], ns = 'default', labels: Record<string, string> = {}): Promise<void> {
  for (const name of names) await req('POST', `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name, labels } });
}

beforeAll(async () => {
  server = await startFakeApiServer({ tuning: { tooLargeResourceVersionWaitMs: 200 } });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe('list', () => {
  it('an empty list has items: [] and a resourceVersion', async () => {
    const r = await req('GET', cms);
    expect(r.status).toBe(200);
    expect(r.text).toContain('"items":[]');
    expect(r.json).toMatchObject({
      kind: 'ConfigMapList',
      apiVersion: 'v1',
      metadata: { resourceVersion: String(server.store.revision) },
      items: [],
    });
  });

  it('typed list items have no kind/apiVersion', async () => {
    await createCMs(['a']);
    const r = await req('GET', cms);
    expect(r.json.items[0].kind).toBeUndefined();
    expect(r.json.items[0].apiVersion).toBeUndefined();
    expect(r.json.items[0].metadata.name).toBe('a');
  });

  it('paginates in key order at a constant resourceVersion with remainingItemCount', async () => {
    await createCMs(['c', 'a', 'b']);
    const p1 = await req('GET', `${cms}?limit=1`);
    expect(p1.json.items.map((i: any) => i.metadata.name)).toEqual(['a']);
    expect(p1.json.metadata.remainingItemCount).toBe(2);
    expect(p1.json.metadata.continue).toBeTruthy();
    await createCMs(['aa']); // changes after the snapshot must not show up
    const p2 = await req('GET', `${cms}?limit=1&continue=${p1.json.metadata.continue}`);
    expect(p2.json.items.map((i: any) => i.metadata.name)).toEqual(['b']);
    expect(p2.json.metadata.resourceVersion).toBe(p1.json.metadata.resourceVersion);
    const p3 = await req('GET', `${cms}?limit=1&continue=${p2.json.metadata.continue}`);
    expect(p3.json.items.map((i: any) => i.metadata.name)).toEqual(['c']);
    expect(p3.json.metadata.continue).toBeUndefined();
    expect(p3.json.metadata.remainingItemCount).toBeUndefined();
  });

  it('continue tokens have the real format', async () => {
    await createCMs(['a', 'b']);
    const p1 = await req('GET', `${cms}?limit=1`);
    const decoded = JSON.parse(Buffer.from(p1.json.metadata.continue, 'base64url').toString());
    expect(decoded).toEqual({ v: 'meta.k8s.io/v1', rv: Number(p1.json.metadata.resourceVersion), start: 'a\u0000' });
  });

  it('resourceVersion=0 ignores limit', async () => {
    await createCMs(['a', 'b', 'c']);
    const r = await req('GET', `${cms}?limit=1&resourceVersion=0`);
    expect(r.json.items).toHaveLength(3);
    expect(r.json.metadata.continue).toBeUndefined();
  });

  it('lists at an exact older resourceVersion', async () => {
    await createCMs(['a']);
    const rv = server.store.revision;
    await createCMs(['b']);
    await req('DELETE', `${cms}/a`);
    const r = await req('GET', `${cms}?resourceVersion=${rv}&resourceVersionMatch=Exact`);
    expect(r.json.items.map((i: any) => i.metadata.name)).toEqual(['a']);
    expect(r.json.metadata.resourceVersion).toBe(String(rv));
  });

  it('an expired continue token is 410 with a fresh token in the Status', async () => {
    await createCMs(['a', 'b', 'c']);
    const p1 = await req('GET', `${cms}?limit=1`);
    await createCMs(['d']);
    server.compact();
    const r = await req('GET', `${cms}?limit=1&continue=${p1.json.metadata.continue}`);
    expect(r.status).toBe(410);
    expect(r.json.reason).toBe('Expired');
    expect(r.json.message).toMatch(/^The provided continue parameter is too old to display a consistent list result/);
    const fresh = r.json.metadata.continue;
    expect(JSON.parse(Buffer.from(fresh, 'base64url').toString()).rv).toBe(-1);
    const rest = await req('GET', `${cms}?limit=10&continue=${fresh}`);
    expect(rest.json.items.map((i: any) => i.metadata.name)).toEqual(['b', 'c', 'd']);
    expect(rest.json.metadata.resourceVersion).not.toBe(p1.json.metadata.resourceVersion);
  });

  it('an exact list at a compacted revision is 410', async () => {
    await createCMs(['a', 'b']);
    server.compact();
    const r = await req('GET', `${cms}?resourceVersion=1&resourceVersionMatch=Exact`);
    expect(r.status).toBe(410);
    expect(r.json.message).toBe('The resourceVersion for the provided list is too old.');
  });

  it('a garbage continue token is 400', async () => {
    const r = await req('GET', `${cms}?continue=garbage!`);
    expect(r.status).toBe(400);
    expect(r.json.reason).toBe('BadRequest');
    expect(r.json.message).toMatch(/^invalid continue token/);
  });

  it('invalid option combinations are 422 ListOptions', async () => {
    const r = await req('GET', `${cms}?resourceVersionMatch=Exact`);
    expect(r.status).toBe(422);
    expect(r.json).toMatchObject({ reason: 'Invalid', details: { group: 'meta.k8s.io', kind: 'ListOptions' } });
    expect(r.json.message).toBe(
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
    );
    const zero = await req('GET', `${cms}?resourceVersion=0&resourceVersionMatch=Exact`);
    expect(zero.json.message).toContain('resourceVersionMatch "exact" is forbidden for resourceVersion "0"');
    const sie = await req('GET', `${cms}?sendInitialEvents=true`);
    expect(sie.json.message).toContain('sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list');
    const both = await req('GET', `${cms}?resourceVersion=5&continue=abc`);
    expect(both.status).toBe(400);
    expect(both.json.message).toBe('specifying resource version is not allowed when using continue');
  });

  it('a future resourceVersion is 504 with cause ResourceVersionTooLarge and Retry-After', async () => {
    const r = await req('GET', `${cms}?resourceVersion=999999&resourceVersionMatch=NotOlderThan`);
    expect(r.status).toBe(504);
    expect(r.headers.get('retry-after')).toBe('1');
    expect(r.json).toMatchObject({
      reason: 'Timeout',
      details: { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 },
    });
    expect(r.json.message).toMatch(/^Timeout: Too large resource version: 999999, current: \d+$/);
  });

  it('a non-numeric resourceVersion is 400; a non-integer limit is 400', async () => {
    expect((await req('GET', `${cms}?resourceVersion=abc`)).status).toBe(400);
    expect((await req('GET', `${cms}?limit=x`)).status).toBe(400);
  });

  it('lists across namespaces on the cluster-wide path', async () => {
    await req('POST', '/api/v1/namespaces', { metadata: { name: 'other' } });
    await createCMs(['x'], 'other');
    await createCMs(['y']);
    const r = await req('GET', '/api/v1/configmaps');
    expect(r.json.items.map((i: any) => `${i.metadata.namespace}/${i.metadata.name}`)).toEqual(['default/y', 'other/x']);
  });

  it('lists in a missing namespace give an empty list', async () => {
    const r = await req('GET', '/api/v1/namespaces/nope/configmaps');
    expect(r.status).toBe(200);
    expect(r.json.items).toEqual([]);
  });
});

describe('selectors', () => {
  it('label selectors: =, !=, in, notin, exists, !key', async () => {
    await createCMs(['a'], 'default', { env: 'prod', tier: 'web' });
    await createCMs(['b'], 'default', { env: 'dev' });
    await createCMs(['c'], 'default', {});
    const names = async (sel: string) =>
      (await req('GET', `${cms}?labelSelector=${encodeURIComponent(sel)}`)).json.items.map((i: any) => i.metadata.name);
    expect(await names('env=prod')).toEqual(['a']);
    expect(await names('env==prod')).toEqual(['a']);
    expect(await names('env!=prod')).toEqual(['b', 'c']);
    expect(await names('env in (prod,dev)')).toEqual(['a', 'b']);
    expect(await names('env notin (prod)')).toEqual(['b', 'c']);
    expect(await names('tier')).toEqual(['a']);
    expect(await names('!tier')).toEqual(['b', 'c']);
    expect(await names('env,!tier')).toEqual(['b']);
  });

  it('a label selector parse error is 400', async () => {
    const r = await req('GET', `${cms}?labelSelector=${encodeURIComponent('a in (')}`);
    expect(r.status).toBe(400);
    expect(r.json.reason).toBe('BadRequest');
  });

  it('field selectors: metadata.name everywhere, 400 for unknown fields', async () => {
    await createCMs(['a', 'b']);
    const r = await req('GET', `${cms}?fieldSelector=metadata.name=b`);
    expect(r.json.items.map((i: any) => i.metadata.name)).toEqual(['b']);
    const bad = await req('GET', `${cms}?fieldSelector=foo=bar`);
    expect(bad.status).toBe(400);
    expect(bad.json.message).toBe('"foo" is not a known field selector: only "metadata.name", "metadata.namespace"');
  });

  it('pods select on spec.nodeName and status.phase', async () => {
    await req('POST', '/api/v1/namespaces/default/pods', {
      metadata: { name: 'p1' },
      spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'i' }] },
    });
    await req('POST', '/api/v1/namespaces/default/pods', { metadata: { name: 'p2' }, spec: { containers: [{ name: 'c', image: 'i' }] } });
    const byNode = await req('GET', '/api/v1/namespaces/default/pods?fieldSelector=spec.nodeName=n1');
    expect(byNode.json.items.map((i: any) => i.metadata.name)).toEqual(['p1']);
    const pending = await req('GET', '/api/v1/namespaces/default/pods?fieldSelector=status.phase=Pending');
    expect(pending.json.items).toHaveLength(2);
    const bad = await req('GET', '/api/v1/namespaces/default/pods?fieldSelector=spec.bogus=1');
    expect(bad.status).toBe(400);
    expect(bad.json.message).toBe('field label not supported: spec.bogus');
  });

  it('with selectors, pages are filled from later keys and carry no remainingItemCount', async () => {
    await createCMs(['a', 'b', 'c', 'd', 'e'], 'default', {});
    await req('PATCH', `${cms}/b`, { metadata: { labels: { pick: 'me' } } });
    await req('PATCH', `${cms}/e`, { metadata: { labels: { pick: 'me' } } });
    const r = await req('GET', `${cms}?limit=1&labelSelector=pick=me`);
    expect(r.json.items.map((i: any) => i.metadata.name)).toEqual(['b']);
    expect(r.json.metadata.continue).toBeTruthy();
    expect(r.json.metadata.remainingItemCount).toBeUndefined();
    const next = await req('GET', `${cms}?limit=1&labelSelector=pick=me&continue=${r.json.metadata.continue}`);
    expect(next.json.items.map((i: any) => i.metadata.name)).toEqual(['e']);
  });
});

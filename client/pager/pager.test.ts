import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeApiServer, type FakeApiServer } from '../../fake-apiserver/index.js';
import { StatusError } from '../errors.js';
import { buildConfigFromFlags } from '../config/client-config.js';
import { newForConfig } from '../kubernetes/clientset.js';
import type { ListOptions } from '../rest/options.js';
import { DEFAULT_PAGE_SIZE, listPager, type ListLike } from './pager.js';

const expired = () =>
  new StatusError({
    kind: 'Status',
    status: 'Failure',
    code: 410,
    reason: 'Expired',
    message: 'The provided continue parameter is too old',
  });

describe('ListPager', () => {
  let server: FakeApiServer;
  beforeAll(async () => {
    server = await startFakeApiServer();
  });
  afterAll(() => server.close());

  it('pages through the fake server and stitches the pages', async () => {
    const cs = newForConfig({ ...buildConfigFromFlags('', server.kubeconfig.path), qps: -1 });
    const cms = cs.coreV1().configMaps('default');
    for (let i = 0; i < 7; i++) await cms.create({ metadata: { name: `p${i}` } });
    const seen: ListOptions[] = [];
    const pager = listPager(
      (opts, signal) => {
        seen.push({ ...opts });
        return cms.list({ ...opts, signal });
      },
      { pageSize: 3 },
    );
    const { list, paginated } = await pager.listWithPaginated({ resourceVersion: '' });
    expect(paginated).toBe(true);
    expect(list.items.map((i) => i.metadata?.name).filter((n) => n?.startsWith('p'))).toHaveLength(7);
    expect(list.metadata?.continue).toBeUndefined();
    expect(seen[0]).toEqual({ limit: 3, resourceVersion: '' });
    expect(seen[1].resourceVersion).toBeUndefined();
    expect(seen[1].continue).toBeTruthy();
    const names: string[] = [];
    await pager.eachListItem({}, (item) => void names.push(item.metadata!.name!));
    expect(names.filter((n) => n.startsWith('p'))).toHaveLength(7);
  });

  it('defaults to pages of 500 and returns a single page untouched', async () => {
    const page: ListLike<number> = { kind: 'List', metadata: { resourceVersion: '5' }, items: [1] };
    let opts: ListOptions | undefined;
    const result = await listPager(async (o) => ((opts = o), page)).list();
    expect(DEFAULT_PAGE_SIZE).toBe(500);
    expect(opts).toEqual({ limit: 500 });
    expect(result).toBe(page);
  });

  it('falls back to a full list at the requested RV when a continue token expires', async () => {
    const calls: ListOptions[] = [];
    const pager = listPager<ListLike<string>>(async (o) => {
      calls.push({ ...o });
      if (!o.continue && o.limit) return { metadata: { resourceVersion: '10', continue: 'c1' }, items: ['a'] };
      if (o.continue) throw expired();
      return { metadata: { resourceVersion: '12' }, items: ['a', 'b', 'c'] };
    });
    const list = await pager.list({ resourceVersion: '10', resourceVersionMatch: 'NotOlderThan' });
    expect(list.items).toEqual(['a', 'b', 'c']);
    expect(calls[2]).toEqual({ resourceVersion: '10', resourceVersionMatch: 'NotOlderThan' });
  });

  it('does not fall back on the first page, or when disabled', async () => {
    await expect(listPager(async () => Promise.reject(expired())).list()).rejects.toThrow('too old');
    const pager = listPager<ListLike<string>>(
      async (o) => (o.continue ? Promise.reject(expired()) : { metadata: { continue: 'c' }, items: ['a'] }),
      { fullListIfExpired: false },
    );
    await expect(pager.list()).rejects.toThrow('too old');
  });
});

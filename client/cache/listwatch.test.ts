import { describe, expect, it } from 'vitest';
import { listerWatcherFactoryFromClient } from '../informers/source.js';
import { gvrKey, newListWatchFromClient, tweakListerWatcher, type ListOptions, type ListWatchClient } from './listwatch.js';

function recordingClient(): ListWatchClient & { calls: Array<[string, string, string, ListOptions]> } {
  const calls: Array<[string, string, string, ListOptions]> = [];
  return {
    calls,
    async list(resource, namespace, opts) {
      calls.push(['list', resource, namespace, opts]);
      return { metadata: { resourceVersion: '1' }, items: [] };
    },
    async watch(resource, namespace, opts) {
      calls.push(['watch', resource, namespace, opts]);
      return (async function* () {})();
    },
  };
}

describe('ListerWatcher adapters', () => {
  it('newListWatchFromClient passes resource, namespace and selectors through without mutating options', async () => {
    const client = recordingClient();
    const lw = newListWatchFromClient(client, 'pods', 'ns1', { labelSelector: 'app=web', fieldSelector: 'spec.nodeName=n1' });
    const opts = { resourceVersion: '0' };
    await lw.list(opts);
    await lw.watch({ resourceVersion: '5', allowWatchBookmarks: true });
    expect(opts).toEqual({ resourceVersion: '0' });
    expect(client.calls).toEqual([
      ['list', 'pods', 'ns1', { resourceVersion: '0', labelSelector: 'app=web', fieldSelector: 'spec.nodeName=n1' }],
      [
        'watch',
        'pods',
        'ns1',
        { resourceVersion: '5', allowWatchBookmarks: true, labelSelector: 'app=web', fieldSelector: 'spec.nodeName=n1' },
      ],
    ]);
  });

  it('listerWatcherFactoryFromClient picks the group/version client and applies the tweak', async () => {
    const clients = new Map<string, ReturnType<typeof recordingClient>>();
    const factory = listerWatcherFactoryFromClient(({ group, version }) => {
      const key = `${group}/${version}`;
      if (!clients.has(key)) clients.set(key, recordingClient());
      return clients.get(key)!;
    });
    const lw = factory.listerWatcher({ group: 'apps', version: 'v1', resource: 'deployments' }, '', (o) => (o.limit = 7));
    await lw.list({});
    expect(clients.get('apps/v1')!.calls).toEqual([['list', 'deployments', '', { limit: 7 }]]);
    const tweaked = tweakListerWatcher(lw, (o) => (o.labelSelector = 'x'));
    await tweaked.watch({});
    expect(clients.get('apps/v1')!.calls[1]).toEqual(['watch', 'deployments', '', { labelSelector: 'x', limit: 7 }]);
    expect(gvrKey({ group: '', version: 'v1', resource: 'pods' })).toBe('v1/pods');
  });
});

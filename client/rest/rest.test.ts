import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigMap, ConfigMapList, PodList } from 'kubernetes-types/core/v1.js';
import { startFakeApiServer, type FakeApiServer } from '../../fake-apiserver/index.js';
import { StatusError as FakeStatusError } from '../../fake-apiserver/errors/status.js';
import { isNotFound, StatusError } from '../errors.js';
import type { RestConfig } from '../config/rest-config.js';
import { json, startHttpStub } from '../testing/http-stub.js';
import { restClientFor, RESTClient } from './client.js';
import type { Clock } from './clock.js';
import { TokenBucketRateLimiter } from './rate-limiter.js';
import { WatchIdleTimeoutError } from './watch-stream.js';
import { PreviousAttemptError } from './with-retry.js';

/** A clock whose sleeps return at once but are recorded, so Retry-After waits cost nothing. */
function recordingClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return { sleeps, now: () => Date.now(), sleep: async (ms) => void sleeps.push(ms) };
}

const core = (host: string, extra: Partial<RestConfig> = {}): RestConfig => ({
  host,
  apiPath: '/api',
  groupVersion: { group: '', version: 'v1' },
  qps: -1,
  ...extra,
});

describe('RESTClient against the fake API server', () => {
  let server: FakeApiServer;
  beforeAll(async () => {
    server = await startFakeApiServer();
  });
  afterAll(() => server.close());

  it('lists, creates, gets, patches and deletes through the builder', async () => {
    const rc = restClientFor(core(server.url));
    const pods = await rc.get().namespace('kube-system').resource('pods').versionedParams({ limit: 500 }).do().into<PodList>();
    expect(pods.kind).toBe('PodList');
    const created = await rc
      .post()
      .namespace('default')
      .resource('configmaps')
      .body({ metadata: { name: 'rc1' }, data: { a: '1' } })
      .do()
      .into<ConfigMap>();
    expect(created.metadata?.uid).toBeTruthy();
    const got = await rc.get().namespace('default').resource('configmaps').name('rc1').do();
    expect(got.statusCode()).toBe(200);
    expect(got.into<ConfigMap>().data).toEqual({ a: '1' });
    const patched = await rc
      .patch('application/merge-patch+json')
      .namespace('default')
      .resource('configmaps')
      .name('rc1')
      .body({ data: { b: '2' } })
      .do()
      .into<ConfigMap>();
    expect(patched.data).toEqual({ a: '1', b: '2' });
    const list = await rc
      .get()
      .namespace('default')
      .resource('configmaps')
      .versionedParams({ labelSelector: '' })
      .do()
      .into<ConfigMapList>();
    expect(list.items.map((i) => i.metadata?.name)).toContain('rc1');
    expect((await rc.delete().namespace('default').resource('configmaps').name('rc1').do()).statusCode()).toBe(200);
  });

  it('answers a missing object with the server Status as a StatusError', async () => {
    const rc = restClientFor(core(server.url));
    const result = await rc.get().namespace('default').resource('configmaps').name('missing').do();
    expect(result.statusCode()).toBe(404);
    const err = result.error();
    expect(err).toBeInstanceOf(StatusError);
    expect(isNotFound(err)).toBe(true);
    expect((err as StatusError).status.details?.name).toBe('missing');
    await expect(rc.get().namespace('default').resource('configmaps').name('missing').do().into()).rejects.toThrow(
      'configmaps "missing" not found',
    );
  });

  it('builds URLs as client-go does (sorted query, timeout in Go syntax, absPath)', () => {
    const rc = restClientFor(core(`${server.url}/prefix`));
    const url = rc
      .get()
      .namespace('ns')
      .resource('Pods')
      .name('p')
      .subResource('log')
      .param('z', 1)
      .versionedParams({ limit: 5, watch: false, sendInitialEvents: false })
      .timeout(90_000)
      .url();
    expect(url).toBe(`${server.url}/prefix/api/v1/namespaces/ns/pods/p/log?limit=5&sendInitialEvents=false&timeout=1m30s&z=1`);
    expect(rc.get().absPath('/version').url()).toBe(`${server.url}/prefix/version`);
  });

  it('reports builder mistakes from do(), not from the builder', async () => {
    const rc = restClientFor(core(server.url));
    const r = await rc.get().namespace('default').resource('configmaps').name('').do();
    expect(r.error()?.message).toBe('resource name may not be empty');
    const r2 = await rc.get().namespace('a/b').resource('pods').do();
    expect(r2.error()?.message).toMatch(/invalid namespace "a\/b"/);
  });

  it('requires a group version', () => {
    expect(() => restClientFor({ host: server.url })).toThrow('groupVersion is required');
  });

  it('retries a GET whose connection is reset, and not a POST', async () => {
    let resets = 0;
    server.setFaults({
      onRequest(ctx) {
        if (ctx.name === 'reset-me' && resets === 0) {
          resets++;
          return { resetConnection: true };
        }
        if (ctx.verb === 'create' && ctx.resource === 'secrets') return { resetConnection: true };
        return undefined;
      },
    });
    try {
      const clock = recordingClock();
      const rc = new RESTClient(core(server.url), { clock });
      const r = await rc.get().namespace('default').resource('configmaps').name('reset-me').do();
      expect(isNotFound(r.error())).toBe(true); // the retry reached the server
      expect(resets).toBe(1);
      expect(clock.sleeps).toEqual([1000]); // a synthetic Retry-After: 1
      const post = await rc
        .post()
        .namespace('default')
        .resource('secrets')
        .body({ metadata: { name: 's' } })
        .do();
      expect(post.statusCode()).toBe(0);
      expect(post.error()).toBeDefined();
      expect(post.error()).not.toBeInstanceOf(StatusError);
      expect(clock.sleeps).toEqual([1000]); // no retry for the POST
    } finally {
      server.setFaults({});
    }
  });

  it('honours Retry-After on 429 from the fault hook', async () => {
    let n = 0;
    server.setFaults({
      onRequest(ctx) {
        if (ctx.resource === 'configmaps' && ctx.verb === 'list' && n++ < 2) {
          return { error: new FakeStatusError(429, 'TooManyRequests', 'slow down', { retryAfterSeconds: 2 }) };
        }
        return undefined;
      },
    });
    try {
      const clock = recordingClock();
      const rc = new RESTClient(core(server.url), { clock });
      const list = await rc.get().namespace('default').resource('configmaps').do().into<ConfigMapList>();
      expect(list.kind).toBe('ConfigMapList');
      expect(clock.sleeps).toEqual([2000, 2000]);
    } finally {
      server.setFaults({});
    }
  });

  it('watches: events in order, stop by signal', async () => {
    const rc = restClientFor(core(server.url));
    const ac = new AbortController();
    const w = await rc
      .get()
      .namespace('default')
      .resource('configmaps')
      .versionedParams({ watch: true, resourceVersion: String(server.store.revision) })
      .watch<ConfigMap>({ signal: ac.signal });
    const seen: string[] = [];
    const done = (async () => {
      for await (const e of w) {
        if (e.type === 'ERROR') throw new Error(e.object.message);
        seen.push(`${e.type} ${e.object.metadata?.name}`);
        if (seen.length === 2) ac.abort();
      }
    })();
    await rc
      .post()
      .namespace('default')
      .resource('configmaps')
      .body({ metadata: { name: 'w1' } })
      .do()
      .into();
    await rc.delete().namespace('default').resource('configmaps').name('w1').do().into();
    await done;
    expect(seen).toEqual(['ADDED w1', 'DELETED w1']);
  });

  it('rejects a watch that cannot start with the StatusError', async () => {
    const rc = restClientFor(core(server.url));
    server.compact();
    await expect(
      rc.get().namespace('default').resource('configmaps').versionedParams({ watch: true, resourceVersion: '1' }).watch(),
    ).resolves.toBeDefined();
    const bad = rc.get().namespace('default').resource('nosuchresource').versionedParams({ watch: true }).watch();
    await expect(bad).rejects.toBeInstanceOf(StatusError);
  });
});

describe('RESTClient against a scripted server', () => {
  it('turns an HTML answer into a short Status naming the content type', async () => {
    const html = `<html><head><title>502 Bad Gateway</title></head><body>${'x'.repeat(5000)}</body></html>`;
    await using stub = await startHttpStub((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html', 'x-secret-header': 'do-not-leak' });
      res.end(html);
    });
    const rc = new RESTClient(core(stub.url), { clock: recordingClock() });
    const r = await rc.get().namespace('default').resource('pods').name('p').do();
    const err = r.error() as StatusError;
    expect(err).toBeInstanceOf(StatusError);
    expect(err.code).toBe(502);
    expect(err.reason).toBe('InternalError');
    expect(err.message).toContain('text/html');
    expect(err.message).toContain('(get pods p)');
    expect(err.message).not.toContain('<html>');
    expect(err.message).not.toContain('do-not-leak');
    expect(err.message.length).toBeLessThan(300);
    expect(stub.requests).toHaveLength(1); // 502 without Retry-After: no retry
  });

  it('keeps short text/plain answers, synthesises reasons by code', async () => {
    await using stub = await startHttpStub((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('404 page not found\n');
    });
    const rc = restClientFor(core(stub.url));
    const err = (await rc.get().resource('pods').do()).error() as StatusError;
    expect(isNotFound(err)).toBe(true);
    expect(err.status.details?.causes?.[0]).toEqual({ reason: 'UnexpectedServerResponse', message: '404 page not found' });
  });

  it('stops after 10 retries and wraps the last error', async () => {
    await using stub = await startHttpStub((_req, res) =>
      json(
        res,
        503,
        { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 503, reason: 'ServiceUnavailable', message: 'busy' },
        { 'retry-after': '1' },
      ),
    );
    const clock = recordingClock();
    const rc = new RESTClient(core(stub.url), { clock });
    const r = await rc.get().resource('pods').do();
    expect(stub.requests).toHaveLength(11);
    expect(clock.sleeps).toHaveLength(10);
    expect((r.error() as StatusError).reason).toBe('ServiceUnavailable');
    expect((r.error() as StatusError).status.details?.retryAfterSeconds).toBe(1);
  });

  it('does not retry a 500 without Retry-After, nor a 429 with a date in Retry-After', async () => {
    await using stub = await startHttpStub((req, res) =>
      req.url.includes('pods')
        ? json(res, 500, { kind: 'Status', status: 'Failure', code: 500, message: 'boom' })
        : json(res, 429, {}, { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }),
    );
    const rc = new RESTClient(core(stub.url), { clock: recordingClock() });
    await rc.get().resource('pods').do();
    await rc.get().resource('services').do();
    expect(stub.requests).toHaveLength(2);
  });

  it('a silent watch fails with WatchIdleTimeoutError', async () => {
    await using stub = await startHttpStub((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"a"}}}\n');
      // then nothing, forever
    });
    const rc = restClientFor(core(stub.url));
    const events: string[] = [];
    const run = async () => {
      for await (const e of rc.get().resource('pods').param('watch', true).watch({ idleTimeoutMs: 200 })) events.push(e.type);
    };
    const started = Date.now();
    await expect(run()).rejects.toBeInstanceOf(WatchIdleTimeoutError);
    expect(events).toEqual(['ADDED']);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('surfaces ERROR events and undecodable frames as ERROR events', async () => {
    await using stub = await startHttpStub((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"type":"ERROR","object":{"kind":"Status","status":"Failure","code":410,"reason":"Expired","message":"too old"}}\n');
      res.write(
        '{"type":"BOOKMARK","object":{"kind":"Pod","metadata":{"resourceVersion":"9"}}}{"type":"MODIFIED","object":{"kind":"Pod"}}\n',
      );
      res.end('this is not json\n');
    });
    const rc = restClientFor(core(stub.url));
    const events = [];
    for await (const e of rc.get().resource('pods').param('watch', true).watch()) events.push(e);
    expect(events.map((e) => e.type)).toEqual(['ERROR', 'BOOKMARK', 'MODIFIED', 'ERROR']);
    expect(events[0].type === 'ERROR' && events[0].object.reason).toBe('Expired');
    expect(events[3].type === 'ERROR' && events[3].object.message).toMatch(/^unable to decode an event from the watch stream/);
  });

  it('throttles requests with the token bucket but not the first watch attempt', async () => {
    await using stub = await startHttpStub((req, res) => {
      if (req.url.includes('watch')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end();
      } else json(res, 200, { kind: 'PodList', items: [] });
    });
    let waits = 0;
    const limiter = { wait: async () => void waits++, tryAccept: () => true, qps: () => 1, stop: () => {} };
    const rc = restClientFor(core(stub.url, { rateLimiter: limiter }));
    await rc.get().resource('pods').do();
    for await (const _ of rc.get().resource('pods').param('watch', true).watch()) void _;
    expect(waits).toBe(1);
  });

  it('sends ?timeout= and gives up when the timeout passes', async () => {
    await using stub = await startHttpStub((_req, res) => setTimeout(() => json(res, 200, {}), 2000));
    const rc = restClientFor(core(stub.url));
    const r = await rc.get().resource('pods').timeout(100).do();
    expect(stub.requests[0].url).toContain('timeout=100ms');
    expect(r.error()?.name).toBe('TimeoutError');
  });

  it('an aborted do() carries the abort reason', async () => {
    await using stub = await startHttpStub((_req, res) => setTimeout(() => json(res, 200, {}), 2000));
    const rc = restClientFor(core(stub.url));
    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error('stop')), 50);
    const r = await rc.get().resource('pods').do({ signal: ac.signal });
    expect(r.error()?.message).toBe('stop');
  });

  it('a Success-less 2xx Status body is thrown by into()', async () => {
    await using stub = await startHttpStub((_req, res) =>
      json(res, 200, { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 409, reason: 'Conflict', message: 'nope' }),
    );
    const rc = restClientFor(core(stub.url));
    await expect(rc.get().resource('pods').do().into()).rejects.toThrow('nope');
  });

  it('do().into() decodes a list sent in many chunks while it arrives; raw() and later into() see the same body', async () => {
    const list = {
      kind: 'PodList',
      apiVersion: 'v1',
      metadata: { resourceVersion: '7' },
      items: Array.from({ length: 50 }, (_, i) => ({ metadata: { name: `p${i}`, annotations: { x: 'é}"\\' } } })),
    };
    const body = Buffer.from(JSON.stringify(list));
    await using stub = await startHttpStub((_req, res) => {
      // Cut at odd offsets (inside strings, inside the two-byte é) with a pause between writes.
      res.writeHead(200, { 'content-type': 'application/json' });
      let at = 0;
      const next = () => {
        if (at >= body.length) return res.end();
        res.write(body.subarray(at, (at += 97)));
        setTimeout(next, 0);
      };
      next();
    });
    const rc = restClientFor(core(stub.url));
    expect(await rc.get().resource('pods').do().into()).toEqual(list);
    const r = await rc.get().resource('pods').do();
    expect(r.into()).toEqual(list);
    expect(r.raw().equals(body)).toBe(true);
  });

  it('a truncated JSON body fails into() with the JSON error, decoded while arriving or not', async () => {
    await using stub = await startHttpStub((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"kind":"PodList","items":[{"a":1},');
    });
    const rc = restClientFor(core(stub.url));
    let parseError = '';
    try {
      JSON.parse('{"kind":"PodList","items":[{"a":1},');
    } catch (e) {
      parseError = (e as Error).message;
    }
    await expect(rc.get().resource('pods').do().into()).rejects.toThrow(`decoding a application/json body: ${parseError}`);
    const r = await rc.get().resource('pods').do();
    expect(() => r.into()).toThrow(`decoding a application/json body: ${parseError}`);
  });
});

describe('PreviousAttemptError', () => {
  it('joins the messages as client-go does', () => {
    expect(new PreviousAttemptError(new Error('a'), new Error('b')).message).toBe('a - error from a previous attempt: b');
  });
});

describe('TokenBucketRateLimiter', () => {
  it('starts full, then spaces requests at 1/qps', async () => {
    let now = 0;
    const slept: number[] = [];
    const clock: Clock = {
      now: () => now,
      sleep: async (ms) => {
        slept.push(Math.round(ms));
        now += ms;
      },
    };
    const rl = new TokenBucketRateLimiter(5, 2, clock);
    await rl.wait();
    await rl.wait();
    expect(slept).toEqual([]);
    await rl.wait();
    await rl.wait();
    expect(slept).toEqual([200, 200]);
    expect(rl.tryAccept()).toBe(false);
    now += 1000;
    expect(rl.tryAccept()).toBe(true);
    expect(rl.tryAccept()).toBe(true);
    expect(rl.tryAccept()).toBe(false);
  });

  it('gives the token back when the wait is aborted', async () => {
    const clock: Clock = {
      now: () => 0,
      sleep: (_ms, signal) => new Promise((_r, reject) => signal!.addEventListener('abort', () => reject(signal!.reason))),
    };
    const rl = new TokenBucketRateLimiter(1, 1, clock);
    await rl.wait();
    const ac = new AbortController();
    const p = rl.wait(ac.signal);
    ac.abort(new Error('cancelled'));
    await expect(p).rejects.toThrow('cancelled');
    expect(rl.tryAccept()).toBe(false);
  });
});

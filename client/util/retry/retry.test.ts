import { describe, expect, it } from 'vitest';
import { startFakeApiServer } from '../../../fake-apiserver/index.js';
import { isConflict, StatusError } from '../../errors.js';
import { clientsFor } from '../../testing/fake-server-clients.js';
import { FakeClock } from '../../tools/clock/fake-clock.js';
import { exponentialBackoff, WaitTimeoutError } from '../../tools/wait/exponential-backoff.js';
import { DEFAULT_BACKOFF, DEFAULT_RETRY, onError, retryOnConflict } from './retry.js';

const conflict = () => new StatusError({ code: 409, reason: 'Conflict', message: 'the object has been modified' });

describe('util/retry', () => {
  it("has client-go's DefaultRetry and DefaultBackoff", () => {
    expect(DEFAULT_RETRY).toEqual({ steps: 5, durationMs: 10, factor: 1.0, jitter: 0.1 });
    expect(DEFAULT_BACKOFF).toEqual({ steps: 4, durationMs: 10, factor: 5.0, jitter: 0.1 });
  });

  it('retries conflicts up to `steps` calls, sleeping the backoff between them, then rethrows the last error', async () => {
    const clock = new FakeClock();
    const calls: number[] = [];
    let i = 0;
    const run = retryOnConflict(
      DEFAULT_BACKOFF,
      () => {
        calls.push(clock.now());
        throw Object.assign(conflict(), { attempt: ++i });
      },
      { clock, random: () => 0 },
    );
    const outcome = run.catch((e: unknown) => e);
    for (let k = 0; k < 10; k++) await clock.advance(100);
    const err = (await outcome) as StatusError & { attempt: number };
    expect(isConflict(err)).toBe(true);
    expect(err.attempt).toBe(4);
    // 10 ms, 50 ms, 250 ms between the 4 calls (jitter drawn as 0).
    expect(calls.map((t) => t - calls[0])).toEqual([0, 10, 60, 310]);
  });

  it('returns the value on success, stops at once on a non-retriable error', async () => {
    let n = 0;
    expect(await retryOnConflict(DEFAULT_RETRY, () => (++n < 3 ? Promise.reject(conflict()) : 'done'))).toBe('done');
    expect(n).toBe(3);
    let m = 0;
    const notFound = new StatusError({ code: 404, reason: 'NotFound' });
    await expect(
      onError(DEFAULT_RETRY, isConflict, () => {
        m++;
        throw notFound;
      }),
    ).rejects.toBe(notFound);
    expect(m).toBe(1);
  });

  it('exponentialBackoff: timeout after the last step, abort stops it', async () => {
    let n = 0;
    await expect(exponentialBackoff({ steps: 3, durationMs: 1 }, () => (n++, false))).rejects.toBeInstanceOf(WaitTimeoutError);
    expect(n).toBe(3);
    const ac = new AbortController();
    ac.abort(new Error('stop'));
    await expect(exponentialBackoff({ steps: 3, durationMs: 1 }, () => false, { signal: ac.signal })).rejects.toThrow('stop');
  });

  it('resolves a real conflict between two writers through the clientset', async () => {
    await using server = await startFakeApiServer();
    const cms = clientsFor(server).clientset.coreV1().configMaps('default');
    await cms.create({ metadata: { name: 'counter' }, data: { n: '0' } });
    const stale = await cms.get('counter');
    await cms.update({ ...stale, data: { n: '1' } });
    let attempts = 0;
    await retryOnConflict(DEFAULT_RETRY, async () => {
      // The first attempt writes the stale copy (409); later ones re-read.
      const cm = attempts++ === 0 ? stale : await cms.get('counter');
      await cms.update({ ...cm, data: { n: String(Number(cm.data?.n) + 1) } });
    });
    expect(attempts).toBe(2);
    expect((await cms.get('counter')).data?.n).toBe('2');
  });
});

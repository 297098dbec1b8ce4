import { describe, expect, it } from 'vitest';
import { FakeClock } from '../tools/clock/fake-clock.js';
import { collectingLogger } from './log.js';
import {
  canFormAdditionalListCall,
  checkDataConsistency,
  isDataConsistencyDetectionForWatchListEnabled,
  parseGoBool,
  prepareListCallOptions,
} from './watch-list-consistency.js';

interface Obj {
  metadata: { name: string; uid: string };
}
const o = (name: string): Obj => ({ metadata: { name, uid: name } });

describe('KUBE_WATCHLIST_INCONSISTENCY_DETECTOR', () => {
  it('parses as Go strconv.ParseBool does', () => {
    for (const v of ['1', 't', 'T', 'TRUE', 'true', 'True'])
      expect(isDataConsistencyDetectionForWatchListEnabled({ KUBE_WATCHLIST_INCONSISTENCY_DETECTOR: v })).toBe(true);
    for (const v of [undefined, '', '0', 'false', 'yes', 'on', 'tRuE']) {
      expect(isDataConsistencyDetectionForWatchListEnabled({ KUBE_WATCHLIST_INCONSISTENCY_DETECTOR: v })).toBe(false);
    }
    expect(parseGoBool('F')).toBe(false);
    expect(parseGoBool('nope')).toBeUndefined();
  });
});

describe('checkDataConsistency', () => {
  const base = () => {
    const logger = collectingLogger();
    const calls: unknown[] = [];
    return {
      logger,
      calls,
      check: {
        identity: 'r',
        lastSyncedResourceVersion: '7',
        listFn: async (opts: object) => (calls.push(opts), { items: [o('b'), o('a')] }),
        transform: undefined,
        retrieveItems: () => [o('a'), o('b')],
        clock: new FakeClock(),
        logger,
        signal: new AbortController().signal,
      },
    };
  };

  it('skips RV "0" and continue tokens (no valid Exact LIST), as client-go', async () => {
    const { check, calls, logger } = base();
    expect(await checkDataConsistency({ ...check, lastSyncedResourceVersion: '0' })).toBe(false);
    expect(await checkDataConsistency({ ...check, listOptions: { continue: 'c' } })).toBe(false);
    expect(calls).toEqual([]);
    expect(logger.lines[0].msg).toBe(
      "data consistency check for r is enabled but the parameters (RV, ListOptions) doesn't allow for creating a valid LIST request. Skipping the data consistency check.",
    );
    expect(canFormAdditionalListCall('', {})).toBe(true);
  });

  it('sorts by UID before comparing; lists at the RV with resourceVersionMatch=Exact', async () => {
    const { check, calls } = base();
    expect(await checkDataConsistency(check)).toBe(true);
    expect(calls).toEqual([{ resourceVersion: '7', resourceVersionMatch: 'Exact' }]);
    expect(prepareListCallOptions('7', { resourceVersion: '0', limit: 1 }, 2)).toEqual({
      resourceVersion: '7',
      resourceVersionMatch: 'Exact',
    });
    expect(prepareListCallOptions('7', { resourceVersion: '0', limit: 5 }, 2)).toEqual({
      resourceVersion: '7',
      resourceVersionMatch: 'Exact',
      limit: 5,
    });
  });

  it("abandons the check (with client-go's error text) when stopped while the LIST keeps failing", async () => {
    const { check, logger } = base();
    const stop = new AbortController();
    const clock = new FakeClock();
    const p = checkDataConsistency({
      ...check,
      clock,
      signal: stop.signal,
      listFn: async () => {
        throw new Error('down');
      },
    });
    await clock.advance(2500);
    stop.abort(new Error('context canceled'));
    expect(await p).toBe(false);
    expect(logger.lines.map((l) => l.msg).slice(-2)).toEqual([
      'failed to list data from the server, retrying until stopCh is closed, err: down',
      "failed to list data from the server, the data consistency check for r won't be performed, stopCh was closed, err: context canceled",
    ]);
    expect(logger.lines.filter((l) => l.msg.endsWith('err: down')).length).toBe(3);
  });
});

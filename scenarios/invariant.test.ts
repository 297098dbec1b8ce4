import { describe, expect, it } from 'vitest';
import { HarnessGate } from './gate.js';
import { pollInvariant } from './invariant.js';

describe('pollInvariant', () => {
  it('polls until the invariant holds', async () => {
    let calls = 0;
    const r = await pollInvariant(
      () => {
        if (++calls < 4) throw new Error(`not yet (${calls})`);
      },
      2000,
      5,
    );
    expect(r).toEqual({ ok: true, checks: 4 });
  });

  it('fails with the last error once the settle time is over', async () => {
    let calls = 0;
    const t0 = Date.now();
    const r = await pollInvariant(
      async () => {
        throw new Error(`still wrong (${++calls})`);
      },
      150,
      20,
    );
    expect(Date.now() - t0).toBeGreaterThanOrEqual(145);
    expect(r).toEqual({ ok: false, checks: calls, message: `still wrong (${calls})` });
  });

  it('fails an invariant that does not return in time', async () => {
    const r = await pollInvariant(() => new Promise<void>(() => {}), 100, 10);
    expect(r).toEqual({ ok: false, checks: 1, message: 'the invariant did not return within 100 ms' });
  });
});

describe('HarnessGate', () => {
  it('lets requests through while open and holds them while closed', async () => {
    const gate = new HarnessGate();
    await gate.wait();
    expect(gate.tryAccept()).toBe(true);
    gate.close();
    expect(gate.tryAccept()).toBe(false);
    let passed = false;
    const waiting = gate.wait().then(() => (passed = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(passed).toBe(false);
    gate.open();
    await waiting;
    expect(passed).toBe(true);
    gate.close();
    const aborted = new AbortController();
    const w = gate.wait(aborted.signal);
    aborted.abort(new Error('stop'));
    await expect(w).rejects.toThrow('stop');
  });
});

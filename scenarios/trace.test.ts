import { describe, expect, it } from 'vitest';
import { faultsOf, formatTrace, TraceRecorder } from './trace.js';

const request = {
  method: 'GET',
  path: '/api/v1/namespaces/default/configmaps/a',
  verb: 'get',
  resource: 'configmaps',
  namespace: 'default',
  name: 'a',
};

function sample() {
  const r = new TraceRecorder(42, 'seeded');
  r.phase('setup');
  r.request({ key: 'get configmaps default/a', occurrence: null, client: 'harness', request });
  r.phase('chaos');
  r.request({ key: 'get configmaps default/a', occurrence: 0, client: 'controller', request });
  r.fault({ fault: { kind: 'error', key: 'get configmaps default/a', occurrence: 0, code: 503 }, request, effective: true });
  r.fault({ fault: { kind: 'expired', key: 'watch configmaps *', occurrence: 1 }, effective: false, detail: 'compacted at revision 9' });
  r.fault({ fault: { kind: 'restart', occurrence: 0, atMs: 120, downtimeMs: 80 }, effective: true });
  r.phase('invariant-failed', 'a: no mirror');
  return r.trace;
}

describe('trace', () => {
  it('is ordered, numbered, timed, and survives JSON unchanged', () => {
    const trace = sample();
    expect(trace.entries.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const times = trace.entries.map((e) => e.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(JSON.parse(JSON.stringify(trace))).toEqual(trace);
    expect(faultsOf(trace).map((f) => f.kind)).toEqual(['error', 'expired', 'restart']);
  });

  it('formatTrace gives one line per phase and fault (requests on demand) and a summary', () => {
    const text = formatTrace(sample());
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^scenario seed=42 mode=seeded started \d{4}-/);
    expect(lines.slice(1).map((l) => l.replace(/^\s*[\d.]+ms {2}/, ''))).toEqual([
      '== setup',
      '== chaos',
      'FAULT   error 503  get configmaps default/a #0',
      'FAULT   compact (410 Expired)  watch configmaps * #1  (no effect) compacted at revision 9',
      'FAULT   restart #0 at +120ms, down 80ms',
      '== invariant-failed  a: no mirror',
      '2 requests, 3 faults (error 1, expired 1, restart 1)',
    ]);
    const withRequests = formatTrace(sample(), { requests: true });
    expect(withRequests).toContain('req     get configmaps default/a harness');
    expect(withRequests).toContain('req     get configmaps default/a #0');
  });
});

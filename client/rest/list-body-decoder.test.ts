import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { ListBodyDecoder } from './list-body-decoder.js';

/** Feeds `body` in chunks cut at the given byte offsets. */
function decode(body: string, cuts: number[]): { value?: unknown; error?: string; incremental: boolean; stats: ListBodyDecoder['stats'] } {
  const bytes = Buffer.from(body, 'utf8');
  const d = new ListBodyDecoder();
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    d.push(bytes.subarray(at, cut));
    at = cut;
  }
  d.push(bytes.subarray(at));
  try {
    return { value: d.end(), incremental: d.incremental, stats: d.stats };
  } catch (e) {
    return { error: (e as Error).message, incremental: d.incremental, stats: d.stats };
  }
}

function parseWhole(body: string): { value?: unknown; error?: string } {
  try {
    return { value: JSON.parse(body) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Every way of cutting short bodies into two or three chunks, and random cuts for long ones. */
function cutsFor(length: number, rng: () => number): number[][] {
  const out: number[][] = [[]];
  if (length <= 80) {
    for (let a = 1; a < length; a++) out.push([a]);
    for (let k = 0; k < 40; k++) out.push([1 + Math.floor(rng() * (length - 1)), 1 + Math.floor(rng() * (length - 1))]);
  } else {
    for (let k = 0; k < 30; k++) out.push(Array.from({ length: 1 + Math.floor(rng() * 8) }, () => Math.floor(rng() * length)));
  }
  out.push(Array.from({ length: length - 1 }, (_, i) => i + 1)); // one byte at a time
  return out;
}

function expectSameAsJsonParse(body: string, rng: () => number): void {
  const want = parseWhole(body);
  for (const cuts of cutsFor(Buffer.byteLength(body), rng)) {
    const got = decode(body, cuts);
    if (want.error !== undefined) expect({ body, cuts, error: got.error }).toEqual({ body, cuts, error: want.error });
    else expect({ body, cuts, value: got.value }).toEqual({ body, cuts, value: want.value });
  }
}

const pod = (i: number) => ({
  metadata: { name: `p-${i}`, namespace: 'ns', labels: { 'a/b': 'x{y}[z]' }, annotations: { note: 'quote " backslash \\ brace } ü € 😀' } },
  spec: { containers: [{ name: 'c', args: ['--x=[1,2]', '"}"'] }], items: [1, 2] },
  status: { phase: 'Running', ready: true, count: i, ratio: 1.5e3, nothing: null },
});

describe('ListBodyDecoder', () => {
  it('decodes an API list incrementally, equal to JSON.parse under every chunking', () => {
    const rng = seedrandom('list-body');
    const list = { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '12', continue: 'x' }, items: [pod(1), pod(2), pod(3)] };
    const body = JSON.stringify(list);
    expectSameAsJsonParse(body, rng);
    expect(decode(body, [17, 100, 101, 300]).incremental).toBe(true);
    expect(decode(JSON.stringify(list, null, 2), [50]).incremental).toBe(true);
    expectSameAsJsonParse(JSON.stringify(list, null, 2), rng);
  });

  it('handles items first, last, empty, nested `items` keys and an `items` string value', () => {
    const rng = seedrandom('shapes');
    const bodies = [
      '{"items":[{"a":1}],"kind":"List"}',
      '{"kind":"List","items":[]}',
      '{"kind":"List","items":[ ] , "metadata":{}}',
      '{"kind":"items","metadata":{"items":[{"x":1}]},"items":[{"items":[{"y":2}]}]}',
      '{"items":[[1,2],[3]]}',
      ' \n {"items" :\t[ {"a":"b"} , {"c":[]} ]} \n',
      '{"items":null,"items":[{"a":1}]}',
    ];
    for (const b of bodies) {
      expectSameAsJsonParse(b, rng);
      expect(decode(b, [3]).incremental).toBe(true);
    }
  });

  it('falls back to one JSON.parse for other shapes, with the same value', () => {
    const rng = seedrandom('fallback');
    const bodies = [
      '[{"a":1}]',
      '{"items":[1,2,3]}',
      '{"items":["a"]}',
      '{"items":[{"a":1}],"items":[{"b":2}]}',
      '{"items":[{"a":1}],"items":null}',
      '{"it\\u0065ms":[{"b":2}],"items":[{"a":1}]}',
      '{"items":[{"a":1}],"it\\u0065ms":[{"b":2}]}',
      '{"items":{"a":[1]}}',
      '"items"',
      '42',
      'null',
      '{}',
    ];
    for (const b of bodies) {
      expectSameAsJsonParse(b, rng);
      expect(decode(b, []).incremental).toBe(false);
    }
  });

  it('throws what JSON.parse throws for invalid bodies', () => {
    const rng = seedrandom('invalid');
    const bodies = [
      '',
      '{"items":[{"a":1} {"b":2}]}',
      '{"items":[{"a":1},]}',
      '{"items":[,{"a":1}]}',
      '{"items":[{"a":1}}',
      '{"items":[{"a":1]]}',
      '{"items":[{"a":1}]',
      '{"items":[{"a":1}]}}',
      '{"items":[{"a":1}]}{"b":2}',
      '{"items":[{"a":1}]} x',
      '{"items":[{"a":01}]}',
      '{"kind":List,"items":[]}',
      '{"items":[{"a":"unterminated}]}',
      '<html>nope</html>',
    ];
    for (const b of bodies) expectSameAsJsonParse(b, rng);
  });

  it('splits elements the fast way at `},{"<first key>":`, and exactly where that is nested', () => {
    const rng = seedrandom('fast');
    const plain = { kind: 'PodList', items: Array.from({ length: 30 }, (_, i) => pod(i)) };
    const body = JSON.stringify(plain);
    expectSameAsJsonParse(body, rng);
    // The first element teaches the separator; the last is closed by the exact scanner.
    expect(decode(body, [1000, 5000]).stats).toEqual({ fast: 28, exact: 2 });
    // Cut inside the separator itself: still found.
    const sepAt = body.indexOf('},{"metadata":', body.indexOf('},{"metadata":') + 1);
    for (let k = 0; k < 14; k++) expect(decode(body, [sepAt + k]).stats.fast).toBe(28);

    // StatefulSet-like items whose volumeClaimTemplates hold `},{"metadata":` inside them: a
    // candidate there fails to parse, and that element is split exactly.
    const sts = (i: number) => ({
      metadata: { name: `s${i}` },
      spec: { volumeClaimTemplates: [{ metadata: { name: 'a' } }, { metadata: { name: 'b' } }] },
    });
    const mixed = { items: [pod(0), pod(1), sts(2), pod(3), pod(4)] };
    expectSameAsJsonParse(JSON.stringify(mixed), rng);
    // The last candidate is real: pod1..pod3 parse as one array, the nested one inside sts2 is harmless.
    expect(decode(JSON.stringify(mixed), [77]).stats).toEqual({ fast: 3, exact: 2 });
    // The last candidate is nested (inside the last element): one by one, and sts3 exactly.
    const nestedLast = { items: [pod(0), pod(1), pod(2), sts(3)] };
    expectSameAsJsonParse(JSON.stringify(nestedLast), rng);
    expect(decode(JSON.stringify(nestedLast), []).stats).toEqual({ fast: 2, exact: 2 });
    // Many such failures: the fast way is dropped after four.
    const all = { items: Array.from({ length: 12 }, (_, i) => sts(i)) };
    expectSameAsJsonParse(JSON.stringify(all), rng);
    expect(decode(JSON.stringify(all), []).stats).toEqual({ fast: 0, exact: 12 });
    // Items whose first keys differ: candidates span two elements and fail; values stay right.
    const keys = { items: [{ a: 1 }, { b: 2 }, { a: 3 }, { a: 4, c: [{ a: 5 }, { a: 6 }] }, { a: 7 }] };
    expectSameAsJsonParse(JSON.stringify(keys), rng);
  });

  it('sends an element over 1 MiB without a separator to the exact scanner', () => {
    const big = { metadata: { name: 'big' }, data: { blob: 'x'.repeat(1_200_000) } };
    const list = { items: [pod(0), pod(1), big, pod(3)] };
    const body = JSON.stringify(list);
    const cuts = Array.from({ length: Math.floor(body.length / 65536) }, (_, i) => (i + 1) * 65536);
    const got = decode(body, cuts);
    expect(got.value).toEqual(list);
    expect(got.stats).toEqual({ fast: 1, exact: 3 });
  });

  it('keeps every chunk for raw()', () => {
    const d = new ListBodyDecoder();
    d.push(Buffer.from('{"items":['));
    d.push(Buffer.from('{"a":1}]}'));
    expect(Buffer.concat(d.chunks).toString()).toBe('{"items":[{"a":1}]}');
    expect(d.end()).toEqual({ items: [{ a: 1 }] });
  });

  it('agrees with JSON.parse on random JSON documents', () => {
    const rng = seedrandom('random-docs');
    const pick = <T>(xs: T[]) => xs[Math.floor(rng() * xs.length)];
    const str = () => pick(['', 'items', 'a"b', 'c\\d', '{', ']', 'é', '\u2028', '😀', 'x'.repeat(5)]);
    const value = (depth: number): unknown => {
      const r = rng();
      if (depth > 3 || r < 0.3) return pick([0, -1.5, true, false, null, str()]);
      if (r < 0.6) return Array.from({ length: Math.floor(rng() * 4) }, () => value(depth + 1));
      const o: Record<string, unknown> = {};
      for (let k = 0; k < Math.floor(rng() * 4); k++) o[str()] = value(depth + 1);
      return o;
    };
    for (let n = 0; n < 300; n++) {
      const doc: Record<string, unknown> = { kind: 'X' };
      if (rng() < 0.8) doc.items = Array.from({ length: Math.floor(rng() * 5) }, () => (rng() < 0.9 ? { v: value(0) } : value(0)));
      doc.tail = value(1);
      let body = JSON.stringify(doc, null, rng() < 0.3 ? 1 : undefined);
      if (rng() < 0.2) body = body.slice(0, Math.floor(rng() * body.length)); // truncated
      expectSameAsJsonParse(body, rng);
    }
  });
});

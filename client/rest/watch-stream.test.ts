import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { decodeWatchStream } from './watch-stream.js';

async function decodeChunks(chunks: Buffer[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const ev of decodeWatchStream(Readable.from(chunks), { idleTimeoutMs: 0 })) out.push(ev);
  return out;
}

/** Cuts `bytes` at every offset in `cuts`. */
function cut(bytes: Buffer, cuts: number[]): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  for (const c of cuts) {
    out.push(bytes.subarray(at, c));
    at = c;
  }
  out.push(bytes.subarray(at));
  return out;
}

const events = [
  { type: 'ADDED', object: { metadata: { name: 'a', annotations: { x: 'ü😀 "}\n' } } } },
  { type: 'MODIFIED', object: { metadata: { name: 'b' } } },
  { type: 'BOOKMARK', object: { metadata: { resourceVersion: '9' } } },
];

describe('decodeWatchStream', () => {
  const body = Buffer.from(events.map((e) => JSON.stringify(e) + '\n').join(''));

  it('decodes the same events however the bytes are cut, even inside a multi-byte character', () => {
    return (async () => {
      for (let a = 1; a < body.length; a += 3) {
        for (const b of [a + 1, a + 7, body.length - 1]) {
          if (b <= a || b >= body.length) continue;
          expect(await decodeChunks(cut(body, [a, b]))).toEqual(events);
        }
      }
      expect(
        await decodeChunks(
          cut(
            body,
            Array.from({ length: body.length - 1 }, (_, i) => i + 1),
          ),
        ),
      ).toEqual(events);
    })();
  });

  it('skips blank lines, accepts objects written back to back and a last frame without a newline', async () => {
    const text = `\n  \r\n${JSON.stringify(events[0])}${JSON.stringify(events[1])}\n\n${JSON.stringify(events[2])}`;
    expect(await decodeChunks([Buffer.from(text)])).toEqual(events);
  });

  it('ends quietly on a truncated last frame', async () => {
    const text = `${JSON.stringify(events[0])}\n{"type":"ADDED","object":{"meta`;
    expect(await decodeChunks([Buffer.from(text)])).toEqual([events[0]]);
  });

  it('turns a frame that is not a watch event into one ERROR event and stops', async () => {
    const text = `${JSON.stringify(events[0])}\n{"type":"NOPE","object":{}}\n${JSON.stringify(events[1])}\n`;
    const got = (await decodeChunks([Buffer.from(text)])) as Array<{ type: string; object: { message?: string } }>;
    expect(got.map((e) => e.type)).toEqual(['ADDED', 'ERROR']);
    expect(got[1].object.message).toBe('unable to decode an event from the watch stream: got invalid watch event type: "NOPE"');
  });
});

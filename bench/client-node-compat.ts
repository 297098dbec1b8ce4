/**
 * Lets @kubernetes/client-node 2.x load on Node 20 for the comparison benchmarks. Its undici 8
 * (engines: node >= 22.19) uses, when it loads, two Node 22 APIs that Node 20 lacks, so the import
 * throws:
 * - zlib.createZstdDecompress: the fake API server never sends zstd, so a stub that throws if
 *   ever called changes nothing measured;
 * - worker_threads.markAsUncloneable: it only makes Request/Response objects refuse
 *   structuredClone; a no-op changes nothing measured;
 * - Promise.withResolvers (ES2024, used by its fetch): the standard polyfill.
 * Import this module before client-node (ES modules evaluate in import order).
 */
import workerThreads from 'node:worker_threads';
import zlib from 'node:zlib';

const z = zlib as unknown as Record<string, unknown>;
if (typeof z.createZstdDecompress !== 'function') {
  z.createZstdDecompress = () => {
    throw new Error('zstd is not supported by this Node.js version');
  };
}

const wt = workerThreads as unknown as Record<string, unknown>;
if (typeof wt.markAsUncloneable !== 'function') wt.markAsUncloneable = () => {};

const P = Promise as unknown as { withResolvers?: () => unknown };
if (typeof P.withResolvers !== 'function') {
  P.withResolvers = () => {
    let resolve!: (v: unknown) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise((a, b) => {
      resolve = a;
      reject = b;
    });
    return { promise, resolve, reject };
  };
}

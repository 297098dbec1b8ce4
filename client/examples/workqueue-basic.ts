/**
 * The seeds' workqueue example: a plain queue, a delaying queue, and the rate-limiting queue
 * workers use — get, process, done, and addRateLimited on failure (forget on success).
 *
 *   npx tsx client/examples/workqueue-basic.ts
 */
import { newDelayingQueue } from '../workqueue/delaying-queue.js';
import { newQueue } from '../workqueue/queue.js';
import { defaultControllerRateLimiter } from '../workqueue/rate-limiters.js';
import { newRateLimitingQueue } from '../workqueue/rate-limiting-queue.js';
import { isMain } from './is-main.js';

export async function main(print: (line: string) => void = console.log): Promise<string[]> {
  // Basic queue.
  const queue = newQueue<string>();
  // Delaying queue.
  const delayingQueue = newDelayingQueue<string>();
  // Rate-limiting queue (the one controllers use).
  const rateLimitingQueue = newRateLimitingQueue<string>(defaultControllerRateLimiter());

  // Add an item.
  queue.add('key');
  // Add after a delay.
  delayingQueue.addAfter('key', 50);

  {
    const { item: key, shutdown } = await queue.get();
    if (!shutdown) {
      print(`queue: got ${key}`);
      queue.done(key);
    }
  }
  {
    const { item: key } = await delayingQueue.get();
    print(`delayingQueue: got ${key} after its delay`);
    delayingQueue.done(key!);
  }

  // A worker: process fails twice for "flaky", then succeeds; failures are retried rate-limited.
  const attempts = new Map<string, number>();
  const process = async (key: string) => {
    const n = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, n);
    if (key === 'flaky' && n < 3) throw new Error(`attempt ${n} failed`);
  };
  const processed: string[] = [];
  rateLimitingQueue.add('stable');
  rateLimitingQueue.add('flaky');
  for await (const key of rateLimitingQueue) {
    try {
      await process(key);
      rateLimitingQueue.forget(key);
      processed.push(key);
      print(`processed ${key} after ${attempts.get(key)} attempt(s)`);
    } catch (err) {
      print(`${key}: ${(err as Error).message}; requeued (${rateLimitingQueue.numRequeues(key) + 1})`);
      rateLimitingQueue.addRateLimited(key);
    } finally {
      rateLimitingQueue.done(key);
    }
    if (processed.length === 2) rateLimitingQueue.shutDown();
  }
  queue.shutDown();
  delayingQueue.shutDown();
  return processed;
}

if (isMain(import.meta.url)) await main();

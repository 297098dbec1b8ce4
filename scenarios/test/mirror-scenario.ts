/**
 * The ConfigMap → Secret mirror controller of client/examples as a scenario: fixtures, a seeded
 * workload of ConfigMap writes, and the invariant "every selected ConfigMap has an up-to-date
 * mirror, and no mirror is orphaned". `maxRetries` 0 makes the controller drop a key after its
 * first failure: the deliberately buggy variant.
 */
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { collectingLogger } from '../../client/cache/log.js';
import { isNotFound } from '../../client/errors.js';
import { MIRROR_LABEL, mirrorData, runMirrorController } from '../../client/examples/configmap-mirror-controller.js';
import { seededRandom } from '../../client/tools/clock/clock.js';
import { ItemExponentialFailureRateLimiter } from '../../client/workqueue/rate-limiters.js';
import type { ScenarioConfig } from '../types.js';

export const NAMES = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'];

export interface MirrorScenarioOptions {
  maxRetries?: number;
  workers?: number;
  /** Workload writes (default 30). */
  ops?: number;
  /** The workload first waits (up to 3 s) for the first mirrors, so chaos meets a synced controller (default true). */
  steadyFirst?: boolean;
}

export function mirrorScenario(opts: MirrorScenarioOptions = {}): Pick<ScenarioConfig, 'setup' | 'controller' | 'workload' | 'invariant'> {
  return {
    setup: async ({ clientset }) => {
      for (const name of NAMES.slice(0, 3)) {
        await clientset
          .coreV1()
          .configMaps('default')
          .create({ metadata: { name, labels: { mirror: 'true' } }, data: { v: '0' } });
      }
    },
    controller: ({ clientset, signal, random }) =>
      runMirrorController(clientset, signal, {
        workers: opts.workers ?? 2,
        maxRetries: opts.maxRetries ?? 1000,
        logger: collectingLogger(),
        rateLimiter: new ItemExponentialFailureRateLimiter<string>(2, 100),
        informerOptions: {
          random: seededRandom(random.next()),
          reflector: { backoff: { initialMs: 5, maxMs: 100, resetMs: 2000, factor: 2, jitter: 1 } },
        },
      }),
    workload: async ({ clientset, random, server }) => {
      const cms = clientset.coreV1().configMaps('default');
      // Steady state first (the controller starts under faults too): the first mirrors exist, or 3 s passed.
      const deadline = Date.now() + (opts.steadyFirst === false ? 0 : 3000);
      while (server.store.list('/secrets', 'default').length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      for (let i = 0; i < (opts.ops ?? 30); i++) {
        const name = random.pick(NAMES);
        const op = random.next();
        const value = String(random.int(1e6));
        try {
          if (op < 0.6) {
            const cm = await cms.get(name);
            await cms.update({ ...cm, data: { v: value } });
          } else if (op < 0.8) await cms.delete(name);
          else await cms.create({ metadata: { name, labels: { mirror: 'true' } }, data: { v: value } });
        } catch (err) {
          if (!isNotFound(err) && (err as { code?: number }).code !== 409) throw err;
          if (op < 0.6) await cms.create({ metadata: { name, labels: { mirror: 'true' } }, data: { v: value } });
        }
        await new Promise((r) => setTimeout(r, random.between(0, 15)));
      }
    },
    invariant: ({ server }) => {
      const problems: string[] = [];
      const cms = new Map(server.store.list('/configmaps', 'default').map((c) => [c.metadata.name!, c as ConfigMap]));
      const secrets = new Map(
        server.store
          .list('/secrets', 'default')
          .filter((s) => s.metadata.labels?.[MIRROR_LABEL])
          .map((s) => [s.metadata.name!, s]),
      );
      for (const [name, cm] of cms) {
        if (cm.metadata?.labels?.mirror !== 'true') continue;
        const s = secrets.get(name);
        if (!s) problems.push(`${name}: no mirror`);
        else if (JSON.stringify(s.data ?? {}) !== JSON.stringify(mirrorData(cm))) problems.push(`${name}: stale mirror`);
      }
      for (const name of secrets.keys()) if (!cms.has(name)) problems.push(`${name}: orphaned mirror`);
      if (problems.length) throw new Error(problems.join('; '));
    },
  };
}

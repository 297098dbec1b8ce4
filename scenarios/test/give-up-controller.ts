/**
 * Deliberately buggy controllers for scenario tests: a level-triggered ConfigMap → Secret mirror
 * (it re-lists both every `intervalMs` and writes what differs, so cache lag never fools it) that
 * treats a server error on a write as permanent and never touches that object again. Without
 * faults it converges; one injected 5xx or reset on a Secret write breaks it for good.
 * With `updates: false` it also never updates an existing mirror: a bug that needs no fault.
 */
import { isAlreadyExists, isConflict, isNotFound } from '../../client/errors.js';
import { MIRROR_LABEL, mirrorData } from '../../client/examples/configmap-mirror-controller.js';
import type { Clientset } from '../../client/kubernetes/clientset.js';

export async function runGiveUpController(
  clientset: Clientset,
  signal: AbortSignal,
  opts: { intervalMs?: number; updates?: boolean } = {},
): Promise<{ givenUp: string[] }> {
  const givenUp = new Set<string>();
  const core = clientset.coreV1();
  while (!signal.aborted) {
    try {
      const cms = (await core.configMaps('default').list({ labelSelector: 'mirror=true' })).items;
      const secrets = new Map(
        (await core.secrets('default').list({ labelSelector: MIRROR_LABEL })).items.map((s) => [s.metadata!.name!, s]),
      );
      for (const cm of cms) {
        const name = cm.metadata!.name!;
        const data = mirrorData(cm);
        const mirror = secrets.get(name);
        if (givenUp.has(name) || JSON.stringify(mirror?.data ?? null) === JSON.stringify(data)) continue;
        if (mirror && opts.updates === false) continue;
        try {
          if (mirror) await core.secrets('default').update({ ...mirror, data });
          else await core.secrets('default').create({ metadata: { name, labels: { [MIRROR_LABEL]: name } }, data });
        } catch (err) {
          // The bug: anything but a lost race is taken as permanent.
          if (!isConflict(err) && !isAlreadyExists(err) && !isNotFound(err)) givenUp.add(name);
        }
      }
      for (const [name] of secrets) {
        if (cms.some((c) => c.metadata!.name === name)) continue;
        await core
          .secrets('default')
          .delete(name)
          .catch(() => undefined); // retried on the next pass
      }
    } catch {
      // a failed list: try again on the next pass
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 10));
  }
  return { givenUp: [...givenUp] };
}

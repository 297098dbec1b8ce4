/**
 * k3s in Docker through testcontainers' K3s module. Both packages are optional and imported
 * dynamically: without them, or without a Docker engine, the target is skipped with a message.
 */
import { connect } from '../http/client.js';
import { parseKubeconfig } from '../http/kubeconfig.js';
import { TargetUnavailable, type Target } from './types.js';

export const DEFAULT_K3S_IMAGE = 'rancher/k3s:v1.35.4-k3s1';

interface K3sModule {
  K3sContainer: new (image: string) => { start(): Promise<{ getKubeConfig(): string; stop(): Promise<unknown> }> };
}

export function k3sTarget(image = DEFAULT_K3S_IMAGE, name = 'k3s'): Target {
  return {
    name,
    kind: 'real',
    description: `k3s (${image}) via testcontainers`,
    async open(log) {
      let mod: K3sModule;
      try {
        // A variable specifier keeps TypeScript from resolving the optional dependency.
        const specifier = '@testcontainers/k3s';
        mod = (await import(specifier)) as K3sModule;
      } catch {
        throw new TargetUnavailable(
          'k3s target skipped: install the optional packages `testcontainers` and `@testcontainers/k3s` (11.x for Node 20)',
        );
      }
      log(`[k3s] starting ${image} (this pulls the image on first use)`);
      let container: Awaited<ReturnType<InstanceType<K3sModule['K3sContainer']>['start']>>;
      try {
        container = await new mod.K3sContainer(image).start();
      } catch (e) {
        const msg = (e as Error).message;
        if (/container runtime|docker|ENOENT|ECONNREFUSED|socket/i.test(msg)) {
          throw new TargetUnavailable(`k3s target skipped: no working Docker engine (${msg.split('\n')[0]})`);
        }
        throw e;
      }
      const connection = connect(parseKubeconfig(container.getKubeConfig()));
      return {
        connection,
        capabilities: {},
        async close() {
          await connection.close();
          await container.stop();
        },
      };
    },
  };
}

/**
 * The reference cluster (etcd + kube-apiserver + kube-controller-manager built from source),
 * started through its library. A cluster that was already running is reused and left running;
 * one this target started is stopped after the run.
 */
import { connect } from '../http/client.js';
import type { Target } from './types.js';

export function referenceTarget(options: { stateDir?: string } = {}, name = 'reference'): Target {
  return {
    name,
    kind: 'real',
    description: 'reference cluster (etcd + kube-apiserver + kube-controller-manager)',
    async open(log) {
      const { startReferenceCluster } = await import('../reference-cluster/index.js');
      const cluster = await startReferenceCluster({ stateDir: options.stateDir, reuse: true, log });
      if (cluster.reused) log(`[reference] reusing the running cluster at ${cluster.url} (left running afterwards)`);
      const connection = connect({ server: cluster.url, ca: cluster.tls.ca, cert: cluster.tls.cert, key: cluster.tls.key, headers: {} });
      return {
        connection,
        capabilities: {},
        async close() {
          await connection.close();
          if (!cluster.reused) await cluster.stop();
        },
      };
    },
  };
}

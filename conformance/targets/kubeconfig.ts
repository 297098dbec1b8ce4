/** Any cluster reachable through a kubeconfig (client certificates, tokens or basic auth). */
import { connect } from '../http/client.js';
import { readKubeconfig } from '../http/kubeconfig.js';
import type { Target } from './types.js';

export function kubeconfigTarget(path: string, context?: string, name = 'kubeconfig'): Target {
  return {
    name,
    kind: 'real',
    description: `kubeconfig ${path}${context ? ` (context ${context})` : ''}`,
    async open() {
      const config = readKubeconfig(path, context);
      const connection = connect(config);
      return { connection, capabilities: {}, close: () => connection.close() };
    },
  };
}

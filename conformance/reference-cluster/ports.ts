// Loopback port selection: free ports by default, explicit ports checked with a clear error.
import { createServer } from 'node:net';
import { ReferenceClusterError } from './build.js';

export const HOST = '127.0.0.1';

export interface Ports {
  etcdClient: number;
  etcdPeer: number;
  apiserver: number;
  controllerManager: number;
}

export const PORT_PURPOSE: Record<keyof Ports, string> = {
  etcdClient: 'etcd client URL',
  etcdPeer: 'etcd peer URL',
  apiserver: 'kube-apiserver secure port',
  controllerManager: 'kube-controller-manager secure (health) port',
};

/** Environment overrides, e.g. KUBEHARNESS_REFERENCE_APISERVER_PORT=6443. */
export const PORT_ENV: Record<keyof Ports, string> = {
  etcdClient: 'KUBEHARNESS_REFERENCE_ETCD_CLIENT_PORT',
  etcdPeer: 'KUBEHARNESS_REFERENCE_ETCD_PEER_PORT',
  apiserver: 'KUBEHARNESS_REFERENCE_APISERVER_PORT',
  controllerManager: 'KUBEHARNESS_REFERENCE_CONTROLLER_MANAGER_PORT',
};

function listenOnce(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => {
      const addr = server.address();
      const bound = typeof addr === 'object' && addr ? addr.port : port;
      server.close(() => resolve(bound));
    });
  });
}

/** Throws a ReferenceClusterError naming the port and its purpose when something already listens there. */
export async function assertPortFree(port: number, purpose: string, host = HOST): Promise<void> {
  try {
    await listenOnce(port, host);
  } catch (err: any) {
    if (err?.code === 'EADDRINUSE') {
      throw new ReferenceClusterError(
        `Port ${port} on ${host} is already in use; it is needed for the ${purpose}. ` +
          'Stop whatever listens there (`ss -ltnp`), or choose another port (or leave it unset to pick a free one).',
      );
    }
    if (err?.code === 'EACCES')
      throw new ReferenceClusterError(`Port ${port} on ${host} (${purpose}) needs privileges; choose a port above 1023.`);
    throw err;
  }
}

export async function freePort(host = HOST): Promise<number> {
  return listenOnce(0, host);
}

/**
 * Resolves every port: an explicit value (option, then environment variable) is checked; the rest
 * are free ports picked by the kernel, all distinct.
 */
export async function resolvePorts(requested: Partial<Ports> = {}): Promise<Ports> {
  const result = {} as Ports;
  const used = new Set<number>();
  for (const key of Object.keys(PORT_PURPOSE) as (keyof Ports)[]) {
    const fromEnv = process.env[PORT_ENV[key]];
    const explicit = requested[key] ?? (fromEnv ? Number(fromEnv) : undefined);
    if (explicit !== undefined) {
      if (!Number.isInteger(explicit) || explicit <= 0 || explicit > 65535) {
        throw new ReferenceClusterError(`Invalid port ${JSON.stringify(explicit)} for the ${PORT_PURPOSE[key]}`);
      }
      if (used.has(explicit)) throw new ReferenceClusterError(`Port ${explicit} is requested twice (${PORT_PURPOSE[key]})`);
      await assertPortFree(explicit, PORT_PURPOSE[key]);
      result[key] = explicit;
    } else {
      let p = await freePort();
      while (used.has(p)) p = await freePort();
      result[key] = p;
    }
    used.add(result[key]);
  }
  return result;
}

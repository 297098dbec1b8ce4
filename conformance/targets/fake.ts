/** The in-process fake API server (a fresh instance per run). */
import { startFakeApiServer, type FakeApiServerOptions } from '../../fake-apiserver/index.js';
import { connect } from '../http/client.js';
import type { Target } from './types.js';

export function fakeTarget(options: FakeApiServerOptions = {}, name = 'fake'): Target {
  return {
    name,
    kind: 'fake',
    description: 'kubeharness fake API server (in-process)',
    async open() {
      const server = await startFakeApiServer(options);
      const connection = connect({ server: server.url, headers: {} });
      return {
        connection,
        capabilities: {
          async compact() {
            server.compact();
          },
        },
        async close() {
          await connection.close();
          await server.close();
        },
      };
    },
  };
}

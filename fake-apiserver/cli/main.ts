#!/usr/bin/env node
/**
 * `kubeharness serve [--host 127.0.0.1] [--port 6443] [--kubeconfig PATH] [--seed N]`
 *
 * Starts the fake API server, writes a kubeconfig, prints one line when ready, and stops cleanly
 * on SIGINT/SIGTERM.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startFakeApiServer } from '../server.js';

const USAGE = `Usage: kubeharness serve [--host 127.0.0.1] [--port 6443] [--kubeconfig PATH] [--seed N]

  --host        interface to listen on (default 127.0.0.1)
  --port        port to listen on; 0 picks a free port (default 6443)
  --kubeconfig  where to write the kubeconfig (default ./kubeconfig)
  --seed        seed for generated names and UIDs (reproducible runs)
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'serve') {
    process.stderr.write(`kubeharness: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
    return 2;
  }
  let values: { host?: string; port?: string; kubeconfig?: string; seed?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        kubeconfig: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(`kubeharness serve: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const port = values.port === undefined ? 6443 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`kubeharness serve: --port must be an integer from 0 to 65535, got ${JSON.stringify(values.port)}\n`);
    return 2;
  }
  const kubeconfigPath = resolve(values.kubeconfig ?? 'kubeconfig');
  let server;
  try {
    server = await startFakeApiServer({ host: values.host ?? '127.0.0.1', port, kubeconfigPath, seed: values.seed });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'EADDRINUSE' ? `port ${port} is already in use (try --port 0)` : err.message;
    process.stderr.write(`kubeharness serve: cannot start: ${why}\n`);
    return 1;
  }
  process.stdout.write(`fake API server listening on ${server.url} (kubeconfig: ${server.kubeconfig.path})\n`);
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`kubeharness: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);

/**
 * rest.InClusterConfig: the service-account token and CA mounted into every pod, and the API
 * server address from KUBERNETES_SERVICE_HOST/PORT. The token file is also kept as
 * bearerTokenFile, so rotated (bound, expiring) tokens are picked up by the transport.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import type { RestConfig } from './rest-config.js';

export const SERVICE_ACCOUNT_TOKEN_FILE = '/var/run/secrets/kubernetes.io/serviceaccount/token';
export const SERVICE_ACCOUNT_ROOT_CA_FILE = '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt';

export class NotInClusterError extends Error {
  override readonly name = 'NotInClusterError';
  constructor() {
    super('unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined');
  }
}

export interface InClusterOptions {
  env?: NodeJS.ProcessEnv;
  tokenFile?: string;
  rootCAFile?: string;
}

export function inClusterConfig(options: InClusterOptions = {}): RestConfig {
  const env = options.env ?? process.env;
  const tokenFile = options.tokenFile ?? SERVICE_ACCOUNT_TOKEN_FILE;
  const rootCAFile = options.rootCAFile ?? SERVICE_ACCOUNT_ROOT_CA_FILE;
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port) throw new NotInClusterError();
  const token = readFileSync(tokenFile, 'utf8');
  const config: RestConfig = {
    host: `https://${isIPv6(host) ? `[${host}]` : host}:${port}`,
    bearerToken: token,
    bearerTokenFile: tokenFile,
    tlsClientConfig: {},
  };
  // client-go logs and continues without a CA when the file is unreadable.
  if (existsSync(rootCAFile)) config.tlsClientConfig!.caFile = rootCAFile;
  return config;
}

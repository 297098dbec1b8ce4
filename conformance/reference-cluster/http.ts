// A minimal HTTPS client for the reference cluster (client-certificate auth, cluster CA).
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface TlsCredentials {
  ca?: string;
  cert?: string;
  key?: string;
  /** Skip server verification (only for the controller-manager's self-signed health endpoint). */
  insecure?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function httpCall(
  url: string,
  options: { method?: string; body?: unknown; headers?: Record<string, string>; tls?: TlsCredentials; timeoutMs?: number } = {},
): Promise<HttpResponse> {
  const u = new URL(url);
  const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (body !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(body));
  }
  return new Promise((resolve, reject) => {
    const common = { method: options.method ?? 'GET', headers, timeout: options.timeoutMs ?? 10_000 };
    const onResponse = (res: import('node:http').IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    };
    const req =
      u.protocol === 'https:'
        ? httpsRequest(
            u,
            {
              ...common,
              ca: options.tls?.ca,
              cert: options.tls?.cert,
              key: options.tls?.key,
              rejectUnauthorized: !options.tls?.insecure,
              agent: false,
            },
            onResponse,
          )
        : httpRequest(u, { ...common, agent: false }, onResponse);
    req.on('timeout', () => req.destroy(new Error(`timeout after ${common.timeout} ms: ${common.method} ${url}`)));
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

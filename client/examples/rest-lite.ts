/**
 * A stand-in for the typed clientset in the examples (raw fetch, JSON in and out, failures thrown
 * as StatusError); replace with the clientset once the client core lands.
 */
import { statusErrorFromResponse, type HttpListWatchConfig } from '../cache/http-listwatch.js';

export async function requestJson<T = unknown>(config: HttpListWatchConfig, method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...config.headers };
  if (config.token) headers.authorization = `Bearer ${config.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await (config.fetch ?? fetch)(config.baseUrl.replace(/\/+$/, '') + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status < 200 || res.status > 299) throw statusErrorFromResponse(res.status, text, res.headers);
  return (text ? JSON.parse(text) : undefined) as T;
}

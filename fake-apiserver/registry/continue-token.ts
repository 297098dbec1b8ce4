/**
 * Continue tokens in the real server's format (apiserver/pkg/storage/continue.go):
 * base64url (no padding) of `{"v":"meta.k8s.io/v1","rv":<revision>,"start":"<key suffix>"}`.
 * `start` is the key to resume from, relative to the list's prefix; `rv: -1` means "the latest
 * revision" (handed out when the original revision was compacted).
 */
import { badRequest } from '../errors/status.js';

export interface ContinueToken {
  rv: number;
  start: string;
}

export function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: token.rv, start: token.start })).toString('base64url');
}

export function decodeContinue(text: string): ContinueToken {
  const invalid = () => badRequest(`invalid continue token: continue key is not valid: ${text}`);
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const p = parsed as { v?: unknown; rv?: unknown; start?: unknown };
  if (typeof parsed !== 'object' || parsed === null || p.v !== 'meta.k8s.io/v1') {
    throw badRequest('invalid continue token: continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
  if (typeof p.rv !== 'number' || !Number.isInteger(p.rv) || typeof p.start !== 'string' || p.start === '') {
    throw badRequest('invalid continue token: continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
  // Upstream rejects a start key that tries to walk out of the prefix.
  if (p.start.includes('..') || p.start.startsWith('/')) throw invalid();
  return { rv: p.rv, start: p.start };
}

/** True when this module is the script node/tsx was started with (so examples run as scripts and import as modules). */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function isMain(importMetaUrl: string): boolean {
  const arg = process.argv[1];
  if (!arg) return false;
  const norm = (s: string) => s.replace(/\.(ts|js)$/, '');
  return norm(fileURLToPath(importMetaUrl)) === norm(resolve(arg));
}

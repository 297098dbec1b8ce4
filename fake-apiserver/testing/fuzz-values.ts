/**
 * Seeded random values for the fuzz test (fake-apiserver/test/fuzz.test.ts): scalars, unicode,
 * nested values, plausible objects of a resource's kind, and mutations of objects and of their
 * serialized text. Every generator draws from one seeded source (seedFuzz).
 */
import seedrandom from 'seedrandom';
import type { ResourceInfo } from '../catalog/catalog.js';

// ---------------------------------------------------------------------------------------------
// Random helpers

export type Rng = () => number;
let rng: Rng = Math.random;

/** Seeds every generator below (seedrandom), so a run replays from its seed. */
export function seedFuzz(seed: string): void {
  rng = seedrandom(seed);
}
export const int = (n: number) => Math.floor(rng() * n);
export const chance = (p: number) => rng() < p;
export const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
export const between = (lo: number, hi: number) => lo + int(hi - lo + 1);
export const weighted = <T>(xs: ReadonlyArray<readonly [number, T]>): T => {
  const total = xs.reduce((a, [w]) => a + w, 0);
  let r = rng() * total;
  for (const [w, x] of xs) if ((r -= w) < 0) return x;
  return xs[xs.length - 1][1];
};
export const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const randomWord = (min = 1, max = 12, alphabet = ALNUM) => {
  let s = '';
  for (let i = between(min, max); i > 0; i--) s += alphabet[int(alphabet.length)];
  return s;
};
export const UNICODE = [
  'ñ',
  'é',
  '日本語',
  '🙂',
  '👩‍👩‍👧',
  '\u202e',
  '\u0000',
  '\u0007',
  '\ufeff',
  '\ud800',
  'Ω≈ç√',
  '\\',
  '"',
  '\n',
  '\t',
  ' ',
];
export const unicodeString = () => Array.from({ length: between(1, 6) }, () => (chance(0.5) ? pick(UNICODE) : randomWord(1, 4))).join('');

export function randomString(): string {
  return weighted<() => string>([
    [4, () => randomWord()],
    [1, () => ''],
    [2, () => unicodeString()],
    [1, () => 'x'.repeat(between(1_000, 70_000))],
    [1, () => pick(['true', 'null', '0', '-1', '1e400', '{}', '[]', '<nil>', '${x}', '../..', '%00', 'All', 'Strict'])],
  ])();
}

export function randomScalar(): unknown {
  return weighted<() => unknown>([
    [4, () => randomString()],
    [2, () => pick([0, 1, -1, 1.5, 65536, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, -0])],
    [1, () => chance(0.5)],
    [2, () => null],
  ])();
}

export function randomValue(depth = 0): unknown {
  if (depth > 3) return randomScalar();
  return weighted<() => unknown>([
    [5, () => randomScalar()],
    [1, () => Array.from({ length: between(0, 3) }, () => randomValue(depth + 1))],
    [
      2,
      () =>
        Object.fromEntries(
          Array.from({ length: between(0, 3) }, () => [chance(0.8) ? randomWord() : randomString(), randomValue(depth + 1)]),
        ),
    ],
    [0.2, () => deepNest(between(50, 2000))],
  ])();
}

export function deepNest(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = chance(0.5) ? [v] : { a: v };
  return v;
}

// ---------------------------------------------------------------------------------------------
// Objects and mutations

export const apiVersionOf = (info: ResourceInfo) => (info.group ? `${info.group}/${info.version}` : info.version);

export function labels(): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: between(0, 3) }, () => [pick(['app', 'tier', 'team', 'example.com/role']), pick(['web', 'db', 'a', 'b'])]),
  );
}

export function podSpec(): Record<string, unknown> {
  return {
    containers: [
      {
        name: pick(['app', 'c', 'sidecar']),
        image: pick(['nginx', 'busybox:1.36', 'registry.example/app@sha256:' + 'a'.repeat(64)]),
        ...(chance(0.3) ? { ports: [{ containerPort: between(1, 65535), protocol: 'TCP' }] } : {}),
        ...(chance(0.3) ? { env: [{ name: 'A', value: 'b' }] } : {}),
        ...(chance(0.2) ? { resources: { limits: { cpu: '100m', memory: '64Mi' } } } : {}),
      },
    ],
    ...(chance(0.2) ? { restartPolicy: pick(['Always', 'Never', 'OnFailure']) } : {}),
  };
}

/** A plausible object of the resource's kind (valid for the common kinds). */
export function validObject(info: ResourceInfo, name: string, namespace?: string): Record<string, unknown> {
  const metadata: Record<string, unknown> = chance(0.15) ? { generateName: `${name}-` } : { name };
  if (namespace && chance(0.3)) metadata.namespace = namespace;
  const l = labels();
  if (Object.keys(l).length) metadata.labels = l;
  if (chance(0.2)) metadata.annotations = { note: randomWord() };
  if (chance(0.05)) metadata.finalizers = ['example.com/keep'];
  const obj: Record<string, unknown> = { apiVersion: apiVersionOf(info), kind: info.kind, metadata };
  const sel = { app: 'web' };
  switch (info.kind) {
    case 'ConfigMap':
      obj.data = { key: randomWord(), 'file.txt': 'hello\n' };
      if (chance(0.2)) obj.binaryData = { bin: Buffer.from(randomWord()).toString('base64') };
      break;
    case 'Secret':
      obj.type = 'Opaque';
      obj.data = { password: Buffer.from(randomWord()).toString('base64') };
      if (chance(0.3)) obj.stringData = { user: randomWord() };
      break;
    case 'Pod':
      obj.spec = podSpec();
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
      obj.spec = { replicas: between(0, 3), selector: { matchLabels: sel }, template: { metadata: { labels: sel }, spec: podSpec() } };
      break;
    case 'Job':
      obj.spec = { template: { spec: { ...podSpec(), restartPolicy: 'Never' } } };
      break;
    case 'Service':
      obj.spec = { selector: sel, ports: [{ port: between(1, 65535), targetPort: between(1, 65535) }] };
      break;
    case 'Lease':
      obj.spec = { holderIdentity: randomWord(), leaseDurationSeconds: between(1, 60) };
      break;
    case 'Namespace':
      break;
    default:
      if (chance(0.5)) obj.spec = {};
  }
  return obj;
}

/** Every path to a value inside `v` (objects and arrays), for picking a mutation point. */
export function paths(
  v: unknown,
  prefix: Array<string | number> = [],
  out: Array<Array<string | number>> = [],
  depth = 0,
): Array<Array<string | number>> {
  out.push(prefix);
  if (depth > 8 || v === null || typeof v !== 'object') return out;
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out, depth + 1));
  else for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out, depth + 1);
  return out;
}

export function mutate(root: Record<string, unknown>): Record<string, unknown> {
  const obj = structuredClone(root);
  for (let n = between(1, 4); n > 0; n--) {
    const targeted = weighted<() => void>([
      [3, () => setAt(obj, pick(paths(obj).filter((p) => p.length > 0)) ?? ['x'], randomValue())],
      [1, () => deleteAt(obj, pick(paths(obj).filter((p) => p.length > 0)) ?? ['x'])],
      [1, () => setAt(obj, [...(pick(paths(obj)) ?? []), chance(0.7) ? randomWord() : randomString()], randomValue())],
      [
        2,
        () =>
          setAt(
            obj,
            pick([
              ['metadata', 'name'],
              ['metadata', 'namespace'],
              ['metadata', 'generateName'],
              ['metadata', 'resourceVersion'],
              ['metadata', 'uid'],
              ['metadata', 'labels'],
              ['metadata', 'annotations'],
              ['metadata', 'finalizers'],
              ['metadata', 'ownerReferences'],
              ['metadata', 'managedFields'],
              ['metadata', 'deletionTimestamp'],
              ['metadata', 'creationTimestamp'],
              ['kind'],
              ['apiVersion'],
              ['metadata'],
            ]),
            randomValue(),
          ),
      ],
    ]);
    targeted();
  }
  return obj;
}

export function setAt(obj: Record<string, unknown>, path: Array<string | number>, value: unknown): void {
  let cur: any = obj;
  for (let i = 0; i < path.length - 1; i++) {
    if (cur[path[i]] === null || typeof cur[path[i]] !== 'object') cur[path[i]] = {};
    cur = cur[path[i]];
  }
  cur[path[path.length - 1]] = value;
}

export function deleteAt(obj: Record<string, unknown>, path: Array<string | number>): void {
  let cur: any = obj;
  for (let i = 0; i < path.length - 1; i++) {
    if (cur === null || typeof cur !== 'object') return;
    cur = cur[path[i]];
  }
  if (cur !== null && typeof cur === 'object') {
    if (Array.isArray(cur)) cur.splice(Number(path[path.length - 1]), 1);
    else delete cur[path[path.length - 1]];
  }
}

/** Mangles serialized text: truncation, byte flips, insertions, junk. */
export function mangleText(text: string): string {
  return weighted<() => string>([
    [3, () => text.slice(0, int(text.length))],
    [
      2,
      () => {
        const i = int(text.length);
        return text.slice(0, i) + pick(['"', '{', '}', '[', ']', ',', ':', '\\', '\u0000', 'null', '\n']) + text.slice(i);
      },
    ],
    [
      2,
      () => {
        const i = int(text.length);
        return text.slice(0, i) + String.fromCharCode(int(128)) + text.slice(i + 1);
      },
    ],
    [1, () => text + pick(['}', ']', ' trailing', '\n---\nkind: X\n', '{}'])],
    [1, () => `[${text}]`],
    [1, () => text.replace(/"name":/, '"name":"dup","name":')],
  ])();
}

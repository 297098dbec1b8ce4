/**
 * Normalisation of observed values before two servers' answers are compared: values that differ
 * by nature (uids, timestamps, resourceVersions, continue tokens, generated and random names) are
 * replaced by placeholders, so what remains differs only when the servers behave differently.
 *
 * Invariants: normalise() never mutates its input, is idempotent, and maps equal inputs to equal
 * outputs. Placeholders are `<uid>`, `<time>`, `<rv>`, `<continue>`, `<gen>` and the token map's
 * values (`<ns>`, `<run>`, `<rand>`).
 */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** resourceVersion numbers inside messages ("Too large resource version: 5, current: 7", "too old resource version: 1 (9)"). */
const RV_IN_TEXT = /((?:resource ?version|current)[: ]+)\d+(?: \(\d+\))?/gi;
const TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g;
const RV_KEYS = new Set(['resourceVersion']);
const TIME_KEYS = new Set([
  'creationTimestamp',
  'deletionTimestamp',
  'time',
  'lastTransitionTime',
  'lastUpdateTime',
  'lastHeartbeatTime',
  'renewTime',
  'acquireTime',
]);
const UID_KEYS = new Set(['uid']);

export interface NormaliseOptions {
  /** Literal substrings to replace (e.g. the case namespace -> "<ns>"), longest first. */
  tokens?: Record<string, string>;
}

export function normaliseString(s: string, tokens: Array<[string, string]>): string {
  let out = s;
  for (const [raw, placeholder] of tokens) if (raw) out = out.split(raw).join(placeholder);
  return out.replace(UUID, '<uid>').replace(TIMESTAMP, '<time>').replace(RV_IN_TEXT, '$1<rv>');
}

export function normalise(value: unknown, options: NormaliseOptions = {}): unknown {
  const tokens = Object.entries(options.tokens ?? {}).sort((a, b) => b[0].length - a[0].length);
  return walk(value, tokens, undefined);
}

function walk(v: unknown, tokens: Array<[string, string]>, key: string | undefined): unknown {
  if (typeof v === 'string') {
    if (key && RV_KEYS.has(key) && v !== '') return '<rv>';
    if (key && UID_KEYS.has(key) && v !== '') return '<uid>';
    if (key && TIME_KEYS.has(key) && v !== '') return '<time>';
    if (key === 'continue' && v !== '') return '<continue>';
    return normaliseString(v, tokens);
  }
  if (Array.isArray(v)) return v.map((x) => walk(x, tokens, undefined));
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) out[k] = walk(x, tokens, k);
  // A server-generated name: generateName + 5 random characters.
  const meta = o.metadata as Record<string, unknown> | undefined;
  if (meta && typeof meta.generateName === 'string' && typeof meta.name === 'string' && meta.name.startsWith(meta.generateName)) {
    const gen = normaliseString(meta.generateName, tokens);
    (out.metadata as Record<string, unknown>).name = `${gen}<gen>`;
  }
  return out;
}

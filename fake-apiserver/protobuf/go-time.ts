/**
 * metav1.Time and metav1.MicroTime text forms, as their MarshalJSON/UnmarshalJSON write and read
 * them: `2006-01-02T15:04:05Z` (RFC 3339, seconds, UTC) and `2006-01-02T15:04:05.000000Z` (six
 * fractional digits, UTC).
 *
 * Invariants: seconds count from the Unix epoch; the Go zero time (0001-01-01T00:00:00Z) is
 * ZERO_TIME_SECONDS, the value both types treat as "unset".
 */

export const ZERO_TIME_SECONDS = -62135596800;

const MS_LIMIT = 8.64e15;

function isoOf(seconds: number): string {
  const ms = seconds * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > MS_LIMIT) throw new RangeError(`time out of range: ${seconds}s`);
  const iso = new Date(ms).toISOString();
  if (!/^\d{4}-/.test(iso)) throw new RangeError(`Time.MarshalJSON: year outside of range [0,9999]`);
  return iso;
}

/** `t.UTC().Format(time.RFC3339)` for `time.Unix(seconds, 0)`. */
export function formatTime(seconds: number | bigint): string {
  return isoOf(Number(seconds)).slice(0, 19) + 'Z';
}

/** `t.UTC().Format(RFC3339Micro)` for `time.Unix(seconds, nanos)` (nanos normalised as Go does). */
export function formatMicroTime(seconds: number | bigint, nanos: number): string {
  let s = Number(seconds);
  let n = nanos;
  if (n < 0 || n >= 1e9) {
    s += Math.floor(n / 1e9);
    n = ((n % 1e9) + 1e9) % 1e9;
  }
  return `${isoOf(s).slice(0, 19)}.${String(Math.floor(n / 1000)).padStart(6, '0')}Z`;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * Parses `time.Parse(time.RFC3339, s)`: seconds since the epoch (floored) and the nanoseconds.
 * Throws on anything else, as Go's UnmarshalJSON does.
 */
export function parseTime(s: string): { seconds: number; nanos: number } {
  let t = parsed.get(s);
  if (!t) {
    // Stored objects repeat the same few timestamps: remember them (bounded).
    if (parsed.size >= 4096) parsed.clear();
    parsed.set(s, (t = parseTimeUncached(s)));
  }
  return t;
}

const parsed = new Map<string, { seconds: number; nanos: number }>();

function parseTimeUncached(s: string): { seconds: number; nanos: number } {
  const m = RFC3339.exec(s);
  if (!m) throw new Error(`parsing time ${JSON.stringify(s)} as "2006-01-02T15:04:05Z07:00": cannot parse`);
  const [, y, mo, d, h, mi, sec, frac, , sign, oh, om] = m;
  const date = new Date(0);
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(sec), 0);
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) {
    throw new Error(`parsing time ${JSON.stringify(s)}: field out of range`);
  }
  let seconds = date.getTime() / 1000;
  if (sign) seconds -= (sign === '+' ? 1 : -1) * (Number(oh) * 3600 + Number(om) * 60);
  const nanos = frac ? Number(frac.padEnd(9, '0')) : 0;
  return { seconds, nanos };
}

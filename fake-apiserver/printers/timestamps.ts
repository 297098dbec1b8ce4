/**
 * metav1.Time / metav1.MicroTime as the printers read them: RFC 3339 strings (with optional
 * fractional seconds) that are absent, null or Go's zero time when unset.
 */
import { humanDuration } from './duration.js';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Go's zero `time.Time` (January 1, year 1, 00:00:00 UTC) in epoch milliseconds. */
const GO_ZERO_TIME_MS = (() => {
  const d = new Date(0);
  d.setUTCFullYear(1, 0, 1);
  return d.getTime();
})();

/**
 * Epoch milliseconds (fractional below a millisecond) of an RFC 3339 timestamp; undefined when the
 * value is missing, not a string, not RFC 3339, or Go's zero time (`IsZero()`).
 */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = RFC3339.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const date = new Date(0);
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(s), 0);
  let ms = date.getTime() + (frac ? Number(`0${frac}`) * 1000 : 0);
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    ms -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  }
  if (Number.isNaN(ms) || ms === GO_ZERO_TIME_MS) return undefined;
  return ms;
}

/** `translateTimestampSince`: the human duration from `value` until now, `<unknown>` when unset. */
export function since(value: unknown, nowMs: number): string {
  const t = parseTimestamp(value);
  return t === undefined ? '<unknown>' : humanDuration(nowMs - t);
}

/** True when the timestamp is set and not Go's zero time (`!t.IsZero()`). */
export function isSet(value: unknown): boolean {
  return parseTimestamp(value) !== undefined;
}

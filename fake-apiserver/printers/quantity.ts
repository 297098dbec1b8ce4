/**
 * resource.Quantity as the printers show it: `ParseQuantity` followed by `String()`, which is the
 * canonical form ("1Gi", "1500m", "500M", "1e3"), or the input itself when upstream keeps it.
 * Values are exact decimals (BigInt mantissa and a base-10 scale), as inf.Dec is upstream.
 */

type Format = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

interface Parsed {
  /** value = sign × unscaled × 10^-scale, unscaled ≥ 0 */
  negative: boolean;
  unscaled: bigint;
  scale: number;
  format: Format;
  /** The cached string upstream reuses for input already in canonical form. */
  s?: string;
}

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const SUFFIX_CHARS = 'eEinumkKMGTP';
const MAX_INT64 = (1n << 63n) - 1n;
const MAX_INT64_FACTORS = 18;
const NANO = -9;

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** `parseQuantityString`; null for ErrFormatWrong. */
function split(str: string): { positive: boolean; value: string; num: string; denom: string; suffix: string } | null {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') pos++;
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  if (i >= end) return { positive, value: str, num: str.slice(pos), denom: '', suffix: '' };
  const num = str.slice(pos, i) || '0';
  pos = i;
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    if (i >= end) return { positive, value: str, num, denom, suffix: '' };
    pos = i;
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  i = pos;
  while (i < end && SUFFIX_CHARS.includes(str[i])) i++;
  if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
  pos = i;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  for (i = pos; i < end; i++) if (!isDigit(str[i])) return null;
  return { positive, value, num, denom, suffix: str.slice(suffixStart) };
}

/** `suffixer.interpret`. */
function interpret(suffix: string): { base: 2 | 10; exponent: number; format: Format } | null {
  if (Object.hasOwn(DECIMAL_SUFFIXES, suffix)) return { base: 10, exponent: DECIMAL_SUFFIXES[suffix], format: 'DecimalSI' };
  if (Object.hasOwn(BINARY_SUFFIXES, suffix)) return { base: 2, exponent: BINARY_SUFFIXES[suffix], format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    const rest = suffix.slice(1);
    if (!/^[+-]?\d+$/.test(rest)) return null;
    const exponent = Number(rest);
    if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 2 ** 31) return null;
    return { base: 10, exponent, format: 'DecimalExponent' };
  }
  return null;
}

const pow10 = (n: number) => 10n ** BigInt(n);

/** `resource.ParseQuantity`; null when upstream returns an error. */
export function parseQuantity(str: string): Parsed | null {
  if (str.length === 0) return null;
  if (str === '0') return { negative: false, unscaled: 0n, scale: 0, format: 'DecimalSI', s: str };
  const parts = split(str);
  if (!parts) return null;
  const { positive, num, denom } = parts;
  const suf = interpret(parts.suffix);
  if (!suf) return null;
  const { base, exponent } = suf;
  let format = suf.format;

  // The int64 fast path only decides whether the input string is kept as the canonical form.
  let keep = false;
  let precision = 0;
  let mantissa = 1n;
  let scale = 0;
  if (format === 'BinarySI') {
    if (exponent >= 0 && denom.length === 0) {
      mantissa = 1n << BigInt(exponent);
      precision = 15 - num.length - Math.trunc(Math.fround(Math.fround(exponent) * 3) / 10) - 1;
    } else precision = -1;
  } else {
    scale = exponent;
    precision = MAX_INT64_FACTORS - (num.length + denom.length);
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= NANO) {
      const shifted = num + denom;
      const value = BigInt(shifted);
      if (value > MAX_INT64) return null; // strconv.ParseInt fails: ErrNumeric
      const result = value * mantissa;
      if (result <= MAX_INT64) {
        if (format === 'BinarySI') keep = exponent % 10 === 0 && (value & 7n) !== 0n;
        else keep = scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
      }
    }
  }

  // Exact value: (num.denom) × base^exponent, rounded up to nano units.
  let unscaled = BigInt(num + denom);
  let dscale = denom.length;
  if (base === 10) dscale -= exponent;
  else unscaled *= 1n << BigInt(exponent);
  if (unscaled !== 0n && dscale > 9) {
    const div = pow10(dscale - 9);
    unscaled = (unscaled + div - 1n) / div;
    dscale = 9;
  }
  if (format === 'BinarySI' && compare(unscaled, dscale, MAX_INT64, 0) > 0) {
    unscaled = MAX_INT64;
    dscale = 0;
  }
  if (format === 'BinarySI' && unscaled !== 0n && compare(unscaled, dscale, 1n, 0) < 0) format = 'DecimalSI';
  const parsed: Parsed = { negative: !positive && unscaled !== 0n, unscaled, scale: dscale, format };
  if (keep) parsed.s = str;
  return parsed;
}

/** Compares a×10^-as with b×10^-bs (both non-negative). */
function compare(a: bigint, as: number, b: bigint, bs: number): number {
  const s = Math.max(as, bs);
  const x = a * pow10(s - as);
  const y = b * pow10(s - bs);
  return x < y ? -1 : x > y ? 1 : 0;
}

function stripFactors(v: bigint, factor: bigint): { v: bigint; times: number } {
  let times = 0;
  while (v !== 0n && v % factor === 0n) {
    v /= factor;
    times++;
  }
  return { v, times };
}

/** `Quantity.String()` of a parsed quantity (CanonicalizeBytes). */
export function canonicalQuantity(q: Parsed): string {
  if (q.s !== undefined) return q.s;
  if (q.unscaled === 0n) return '0';
  const sign = q.negative ? '-' : '';
  let format = q.format;
  let integer: bigint | undefined;
  if (format === 'BinarySI') {
    if (compare(q.unscaled, q.scale, 1024n, 0) < 0) format = 'DecimalSI';
    else if (q.scale > 0 && q.unscaled % pow10(q.scale) !== 0n) format = 'DecimalSI';
    else integer = q.scale > 0 ? q.unscaled / pow10(q.scale) : q.unscaled * pow10(-q.scale);
  }
  if (format === 'BinarySI' && integer !== undefined) {
    const { v, times } = stripFactors(integer, 1024n);
    const suffix = Object.keys(BINARY_SUFFIXES).find((k) => BINARY_SUFFIXES[k] === times * 10) ?? '';
    return `${sign}${v}${suffix}`;
  }
  const stripped = stripFactors(q.unscaled, 10n);
  let v = stripped.v;
  let exponent = -q.scale + stripped.times;
  while (exponent % 3 !== 0) {
    v *= 10n;
    exponent--;
  }
  let suffix = '';
  if (format === 'DecimalSI') suffix = Object.keys(DECIMAL_SUFFIXES).find((k) => DECIMAL_SUFFIXES[k] === exponent) ?? '';
  else if (exponent !== 0) suffix = `e${exponent}`;
  return `${sign}${v}${suffix}`;
}

/**
 * What `Quantity.String()` prints for a stored quantity value (a string, or a JSON number). A
 * missing value is the zero Quantity, "0"; an unparsable one is returned unchanged (upstream would
 * have rejected the object).
 */
export function quantityString(value: unknown): string {
  if (value === undefined || value === null) return '0';
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  if (text === undefined) return String(value);
  const q = parseQuantity(text);
  return q ? canonicalQuantity(q) : text;
}

/**
 * The pieces of Go's encoding/json and string ordering that managedFields depend on.
 *
 * Invariants:
 * - `goMarshal` produces the bytes Go's `json.Marshal` would for the same JSON value: object keys
 *   sorted bytewise (UTF-8), `<`, `>`, `&`, U+2028 and U+2029 escaped as `\u003c`-style sequences,
 *   control characters escaped, lone surrogates replaced by U+FFFD. Numbers use JavaScript's
 *   shortest round-trip form, which matches Go's float64 formatting (`1e+21`, `1e-7`) and its
 *   int64 formatting for integers within 2^53.
 * - `goCompare` is Go's `strings.Compare`: bytewise on UTF-8, which differs from JavaScript's
 *   UTF-16 order only for astral characters versus U+E000..U+FFFF.
 */

/** Go's `strings.Compare(a, b)`: -1, 0 or 1, bytewise on UTF-8. */
export function goCompare(a: string, b: string): number {
  if (a === b) return 0;
  // Fast path: pure BMP-below-surrogates strings compare the same in UTF-16 and UTF-8.
  if (isSimple(a) && isSimple(b)) return a < b ? -1 : 1;
  const c = Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

function isSimple(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0xd800) return false;
  return true;
}

const HEX = '0123456789abcdef';

function escapeChar(code: number): string {
  return `\\u00${HEX[code >> 4]}${HEX[code & 15]}`;
}

/** A Go-encoded JSON string literal (with the quotes). */
export function goQuoteJSON(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26) out += escapeChar(c);
    else if (c === 0x2028) out += '\\u2028';
    else if (c === 0x2029) out += '\\u2029';
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += s[i] + s[i + 1];
        i++;
      } else out += '\ufffd';
    } else if (c >= 0xdc00 && c <= 0xdfff) out += '\ufffd';
    else out += s[i];
  }
  return out + '"';
}

function goNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`json: unsupported value: ${n}`);
  if (Object.is(n, -0)) return '-0';
  return String(n);
}

/** `json.Marshal(v)` of a decoded JSON value (maps as `map[string]interface{}`). */
export function goMarshal(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return goNumber(v);
    case 'string':
      return goQuoteJSON(v);
    case 'object': {
      if (Array.isArray(v)) return `[${v.map((x) => goMarshal(x)).join(',')}]`;
      const obj = v as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort(goCompare);
      return `{${keys.map((k) => `${goQuoteJSON(k)}:${goMarshal(obj[k])}`).join(',')}}`;
    }
    default:
      throw new Error(`json: unsupported type: ${typeof v}`);
  }
}

/**
 * The few Go formatting and parsing primitives that selector error messages and semantics depend
 * on, reproduced exactly: `strconv.Quote` (what `%q` prints), `%#v` of a `[]string`, Go's byte-wise
 * string ordering, byte lengths, and `strconv.ParseInt(s, 10, 64)`.
 *
 * Invariant: every function here is pure and total; none throws.
 */

const PRINTABLE_NON_ASCII = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/**
 * `strconv.Quote(s)`: double-quoted, with `\a \b \f \n \r \t \v \\ \"` escapes, other ASCII
 * control characters as `\xNN`, and non-printable runes (per `unicode.IsPrint`: anything that is not
 * a letter, mark, number, punctuation, symbol or the ASCII space) as `\uNNNN` / `\UNNNNNNNN`.
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (ch === '"' || ch === '\\') {
      out += '\\' + ch;
    } else if (cp >= 0x20 && cp < 0x7f) {
      out += ch;
    } else if (cp >= 0x80 && PRINTABLE_NON_ASCII.test(ch)) {
      out += ch;
    } else {
      switch (cp) {
        case 0x07:
          out += '\\a';
          break;
        case 0x08:
          out += '\\b';
          break;
        case 0x0c:
          out += '\\f';
          break;
        case 0x0a:
          out += '\\n';
          break;
        case 0x0d:
          out += '\\r';
          break;
        case 0x09:
          out += '\\t';
          break;
        case 0x0b:
          out += '\\v';
          break;
        default:
          if (cp < 0x20 || cp === 0x7f) out += '\\x' + hex(cp, 2);
          else if (cp < 0x10000) out += '\\u' + hex(cp, 4);
          else out += '\\U' + hex(cp, 8);
      }
    }
  }
  return out + '"';
}

/** `fmt.Sprintf("%#v", []string(...))`: `[]string(nil)` for nil, else `[]string{"a", "b"}`. */
export function goStringSliceV(values: readonly string[] | null): string {
  if (values === null) return '[]string(nil)';
  return `[]string{${values.map(goQuote).join(', ')}}`;
}

/** `len(s)` in Go: the UTF-8 byte length. */
export function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Go's `a < b` on strings: byte-wise comparison of the UTF-8 encodings (i.e. code point order). */
export function goCompare(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** `sort.Strings` on a copy, leaving the input untouched. Stable. */
export function goSorted(values: readonly string[]): string[] {
  return [...values].sort(goCompare);
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * `strconv.ParseInt(s, 10, 64)`: an optional single `+`/`-` sign followed by one or more ASCII
 * digits, in the int64 range. Returns `null` wherever Go returns an error (empty, other characters,
 * underscores, out of range).
 */
export function parseInt64(s: string): bigint | null {
  if (!/^[+-]?[0-9]+$/.test(s)) return null;
  const n = BigInt(s);
  if (n < INT64_MIN || n > INT64_MAX) return null;
  return n;
}

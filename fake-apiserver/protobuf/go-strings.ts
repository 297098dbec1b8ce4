/**
 * Go's views of a byte string: what encoding/json writes for it (invalid UTF-8 coerced to U+FFFD,
 * one per bad byte, as utf8.DecodeRune reports them) and what `%q` (strconv.Quote) prints.
 */

const fatal = new TextDecoder('utf-8', { fatal: true });

/** utf8.DecodeRune: [rune, width], rune -1 for an invalid or truncated sequence (width 1). */
function decodeRune(b: Uint8Array, i: number): [number, number] {
  const c0 = b[i];
  if (c0 < 0x80) return [c0, 1];
  const cont = (j: number, lo = 0x80, hi = 0xbf) => i + j < b.length && b[i + j] >= lo && b[i + j] <= hi;
  if (c0 >= 0xc2 && c0 <= 0xdf) return cont(1) ? [((c0 & 0x1f) << 6) | (b[i + 1] & 0x3f), 2] : [-1, 1];
  if (c0 >= 0xe0 && c0 <= 0xef) {
    const [lo, hi] = c0 === 0xe0 ? [0xa0, 0xbf] : c0 === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    if (!cont(1, lo, hi) || !cont(2)) return [-1, 1];
    return [((c0 & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f), 3];
  }
  if (c0 >= 0xf0 && c0 <= 0xf4) {
    const [lo, hi] = c0 === 0xf0 ? [0x90, 0xbf] : c0 === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    if (!cont(1, lo, hi) || !cont(2) || !cont(3)) return [-1, 1];
    return [((c0 & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12) | ((b[i + 2] & 0x3f) << 6) | (b[i + 3] & 0x3f), 4];
  }
  return [-1, 1];
}

/** A Go string's bytes as the text encoding/json writes (valid UTF-8 decodes as is). */
export function goString(b: Uint8Array): string {
  try {
    return fatal.decode(b);
  } catch {
    let out = '';
    for (let i = 0; i < b.length;) {
      const [r, w] = decodeRune(b, i);
      out += r < 0 ? '\ufffd' : String.fromCodePoint(r);
      i += w;
    }
    return out;
  }
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** unicode.IsPrint (strconv.IsPrint): graphic characters and the ASCII space. */
function isPrint(r: number): boolean {
  if (r < 0x100) return (r >= 0x20 && r <= 0x7e) || (r >= 0xa1 && r !== 0xad);
  return PRINTABLE.test(String.fromCodePoint(r));
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

const ESCAPES: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };

/** strconv.Quote of a Go string's bytes. */
export function goQuote(b: Uint8Array): string {
  let out = '"';
  for (let i = 0; i < b.length;) {
    const [r, w] = decodeRune(b, i);
    i += w;
    if (r < 0) {
      out += `\\x${hex(b[i - 1], 2)}`;
    } else if (r === 0x22 || r === 0x5c) {
      out += '\\' + String.fromCharCode(r);
    } else if (isPrint(r)) {
      out += String.fromCodePoint(r);
    } else if (ESCAPES[r]) {
      out += ESCAPES[r];
    } else if (r < 0x20 || r === 0x7f) {
      out += `\\x${hex(r, 2)}`;
    } else if (r < 0x10000) {
      out += `\\u${hex(r, 4)}`;
    } else {
      out += `\\U${hex(r, 8)}`;
    }
  }
  return out + '"';
}

/** Go's string order: by UTF-8 bytes. */
export function compareGoStrings(a: string, b: string): number {
  return a === b ? 0 : Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

const SURROGATE = /[\ud800-\udfff]/;

/**
 * Keys sorted as Go's sort.Strings sorts them. UTF-16 code-unit order is UTF-8 byte order unless
 * a key holds a surrogate pair, so the byte comparison is only needed then.
 */
export function sortGoStrings(keys: string[]): string[] {
  return keys.some((k) => SURROGATE.test(k)) ? keys.sort(compareGoStrings) : keys.sort();
}

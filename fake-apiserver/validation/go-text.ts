/**
 * The few pieces of Go string semantics that validation messages depend on.
 *
 * Invariants:
 * - Lengths are UTF-8 byte counts, as Go's `len(string)`; a lone UTF-16 surrogate counts as the
 *   3 bytes of U+FFFD, which is what Go's JSON decoder turns it into.
 * - `goQuote` is `strconv.Quote`; `goStringSlice` is `fmt.Sprintf("%#v", []string{...})`.
 * - `isGoPrint` is `unicode.IsPrint`: categories L, M, N, P, S plus the ASCII space. The Unicode
 *   tables are Node's (ICU), which may be a version ahead of Go's; only newly assigned code points
 *   can differ.
 */

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** Go's `len(s)` for a string that arrived as JSON. */
export function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** `unicode.IsPrint(r)`. */
export function isGoPrint(codePoint: number): boolean {
  if (codePoint === 0x20) return true;
  return PRINTABLE.test(String.fromCodePoint(codePoint));
}

/**
 * Code points of `s` with their UTF-8 byte offsets, as Go's `for i, r := range s` yields them.
 * Lone surrogates become U+FFFD (3 bytes).
 */
export function* runesWithByteOffsets(s: string): Generator<{ rune: number; offset: number }> {
  let offset = 0;
  for (const ch of s) {
    let rune = ch.codePointAt(0) ?? 0xfffd;
    if (rune >= 0xd800 && rune <= 0xdfff) rune = 0xfffd;
    yield { rune, offset };
    offset += rune < 0x80 ? 1 : rune < 0x800 ? 2 : rune < 0x10000 ? 3 : 4;
  }
}

/** `fmt.Sprintf("%#U", r)` for a rune that is not printable: `U+0009`. */
export function goRuneU(rune: number): string {
  return `U+${rune.toString(16).toUpperCase().padStart(4, '0')}`;
}

const SIMPLE_ESCAPES: Record<number, string> = {
  0x07: '\\a',
  0x08: '\\b',
  0x0c: '\\f',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
  0x0b: '\\v',
  0x22: '\\"',
  0x5c: '\\\\',
};

/** `strconv.Quote(s)`. */
export function goQuote(s: string): string {
  let out = '"';
  for (const { rune } of runesWithByteOffsets(s)) {
    const simple = SIMPLE_ESCAPES[rune];
    if (simple !== undefined) out += simple;
    else if (isGoPrint(rune)) out += String.fromCodePoint(rune);
    else if (rune < 0x20 || rune === 0x7f) out += `\\x${rune.toString(16).padStart(2, '0')}`;
    else if (rune < 0x10000) out += `\\u${rune.toString(16).padStart(4, '0')}`;
    else out += `\\U${rune.toString(16).padStart(8, '0')}`;
  }
  return out + '"';
}

/** `fmt.Sprintf("%#v", []string{...})`: `[]string{"a", "b"}`. */
export function goStringSlice(values: readonly string[]): string {
  return `[]string{${values.map(goQuote).join(', ')}}`;
}

/** `sort.Strings` order: bytewise on UTF-8, which is what `sets.String.List()` returns. */
export function goSortStrings(values: Iterable<string>): string[] {
  return [...values].sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
}

/**
 * Decoding a JSON response body while it arrives: the elements of the top-level object's `items`
 * array are parsed one by one as soon as their last byte is in, so a large LIST is decoded while
 * the rest of it is still on the wire, and the body never exists as one big string.
 *
 * Contract: for every body, `end()` returns exactly what `JSON.parse(wholeBody)` returns, or
 * throws exactly what it throws. The incremental path only applies to bodies shaped as the API
 * server writes lists (a top-level object with one `items` key holding an array of objects or
 * arrays); anything else (a bare array, scalar items, a repeated `items` key, invalid JSON, an
 * element that does not parse) falls back to one JSON.parse of the whole body, which the caller
 * keeps anyway (Result.raw() returns it).
 *
 * The scanner is a byte-level state machine over UTF-8: structural bytes (`{}[]:,"\`) are ASCII
 * and never occur inside a multi-byte sequence, so scanning bytes is exact, and an element's bytes
 * are decoded only once they are complete (a character split across chunks is whole by then).
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
/** The bytes of the key `items`. */
const ITEMS_KEY = [0x69, 0x74, 0x65, 0x6d, 0x73];

type Phase = 'head' | 'items' | 'tail';

export class ListBodyDecoder {
  /** Every chunk, in order: the body for raw() and for the fallback parse. */
  readonly chunks: Buffer[] = [];
  private phase: Phase = 'head';
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Gave up on the incremental path: end() parses the whole body. */
  private irregular = false;

  // Key detection at depth 1: the bytes of the last string there (up to 6), then whether a ':'
  // followed it; `items` as a key followed by '[' starts the items phase.
  private keyBytes: number[] = [];
  private keyIsItems = false;
  private awaitingItemsValue = false;
  private sawItemsKey = false;

  /** Bytes of the top-level object outside the items array: head ends with '[', tail starts with ']'. */
  private readonly outside: Buffer[] = [];
  /** Pieces of the element being read (when it spans chunks). */
  private elementPieces: Buffer[] = [];
  private inElement = false;
  /** Nesting inside the current element (0 between elements). */
  private elementDepth = 0;
  /** In the current chunk: index of the next backslash at or after the scan position; -1 none, -2 not searched. */
  private nextBackslash = -2;
  /** Inside the items array: what may come next at its level (checked, since elements are parsed alone). */
  private separator: 'first' | 'element' | 'comma' = 'first';
  private readonly items: unknown[] = [];

  /** Whether the items were decoded incrementally (false: end() parses the whole body). */
  get incremental(): boolean {
    return !this.irregular && this.phase === 'tail';
  }

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    if (this.irregular) return;
    this.scan(chunk);
  }

  /** The decoded body; throws JSON.parse's error for invalid JSON. */
  end(): unknown {
    if (!this.irregular && this.phase === 'tail' && this.depth === 0 && !this.inString) {
      let envelope: unknown;
      try {
        envelope = JSON.parse(Buffer.concat(this.outside).toString('utf8'));
      } catch {
        return this.parseWhole();
      }
      (envelope as { items: unknown[] }).items = this.items;
      return envelope;
    }
    return this.parseWhole();
  }

  private parseWhole(): unknown {
    const body = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    return JSON.parse(body.toString('utf8'));
  }

  private giveUp(): void {
    this.irregular = true;
    this.outside.length = 0;
    this.elementPieces = [];
    this.items.length = 0;
  }

  private scan(chunk: Buffer): void {
    // Where the current run of bytes for `outside` began in this chunk.
    let runStart = 0;
    let elementStart = 0;
    const n = chunk.length;
    this.nextBackslash = -2;
    let i = 0;
    if (this.inElement) {
      const end = this.skipElement(chunk, 0);
      if (end < 0) {
        this.elementPieces.push(chunk);
        return;
      }
      this.finishElement(chunk.subarray(0, end + 1));
      if (this.irregular) return;
      i = end + 1;
    }
    for (; i < n; i++) {
      const c = chunk[i];
      if (this.inString) {
        // Strings outside the elements: top-level keys and values (few and short).
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) {
          // An escape in a top-level key could spell `items` in another way (`it\u0065ms`).
          if (this.depth === 1) return this.giveUp();
          this.escaped = true;
        } else if (c === QUOTE) {
          this.inString = false;
          if (this.depth === 1) this.keyIsItems = this.keyBytes.length === 5 && this.keyBytes.every((b, k) => b === ITEMS_KEY[k]);
        } else if (this.depth === 1 && this.keyBytes.length < 6) this.keyBytes.push(c);
        continue;
      }
      switch (c) {
        case QUOTE:
          this.inString = true;
          if (this.depth === 1) {
            this.keyBytes = [];
            this.keyIsItems = false;
            this.awaitingItemsValue = false;
          } else if (this.depth === 2 && this.phase === 'items') {
            return this.giveUp(); // a string element
          }
          break;
        case COLON:
          if (this.depth === 1) {
            // A second `items` key: JSON.parse keeps the last value, whatever it is.
            if (this.keyIsItems && this.sawItemsKey) return this.giveUp();
            this.awaitingItemsValue = this.keyIsItems;
          }
          break;
        case COMMA:
          if (this.depth === 1) this.awaitingItemsValue = false;
          else if (this.depth === 2 && this.phase === 'items') {
            if (this.separator !== 'element') return this.giveUp();
            this.separator = 'comma';
          }
          break;
        case OPEN_BRACE:
        case OPEN_BRACKET:
          if (this.depth === 0 && c === OPEN_BRACKET) return this.giveUp(); // a top-level array
          if (this.depth === 2 && this.phase === 'items') {
            // An element: skip to its end at native speed, then parse it alone.
            if (this.separator === 'element') return this.giveUp(); // a missing comma
            elementStart = i;
            this.inElement = true;
            this.elementDepth = 0;
            const end = this.skipElement(chunk, i);
            if (end < 0) {
              this.elementPieces.push(chunk.subarray(elementStart));
              return;
            }
            this.finishElement(chunk.subarray(elementStart, end + 1));
            if (this.irregular) return;
            i = end;
            break;
          }
          if (this.depth === 1 && c === OPEN_BRACKET && this.awaitingItemsValue) {
            if (this.sawItemsKey) return this.giveUp(); // a repeated `items`: JSON.parse keeps the last
            this.sawItemsKey = true;
            this.outside.push(chunk.subarray(runStart, i + 1));
            this.phase = 'items';
          }
          this.awaitingItemsValue = false;
          this.depth++;
          break;
        case CLOSE_BRACE:
        case CLOSE_BRACKET:
          this.depth--;
          if (this.depth === 1 && this.phase === 'items') {
            if (this.separator === 'comma' || c !== CLOSE_BRACKET) return this.giveUp(); // a trailing comma, or `[...}`
            this.phase = 'tail';
            runStart = i; // the tail starts with this ']'
          } else if (this.depth < 0) return this.giveUp();
          break;
        default:
          // Numbers, true/false/null and whitespace. A scalar element of items is irregular.
          if (this.depth === 2 && this.phase === 'items' && c > 0x20) return this.giveUp();
      }
    }
    if (this.phase !== 'items') this.outside.push(chunk.subarray(runStart));
  }

  /**
   * Scans an element from `from` (its opening byte, or where the previous chunk left off) and
   * returns the index of its closing byte, or -1 when the element goes on past this chunk (the
   * nesting and string state are kept for the next chunk). Strings are skipped with indexOf.
   */
  private skipElement(chunk: Buffer, from: number): number {
    const n = chunk.length;
    let depth = this.elementDepth;
    let i = from;
    if (this.inString) {
      i = this.skipString(chunk, i);
      if (i < 0) return -1;
      this.inString = false;
      i++;
    }
    for (; i < n; i++) {
      const c = chunk[i];
      if (c === QUOTE) {
        i = this.skipString(chunk, i + 1);
        if (i < 0) {
          this.inString = true;
          this.elementDepth = depth;
          return -1;
        }
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (--depth === 0) {
          this.elementDepth = 0;
          return i;
        }
      }
    }
    this.elementDepth = depth;
    return -1;
  }

  /**
   * From inside a string at `from`: the index of its closing quote, or -1 when it goes on past
   * the chunk (`escaped` records a backslash that was the chunk's last byte).
   */
  private skipString(chunk: Buffer, from: number): number {
    const n = chunk.length;
    let i = from;
    if (this.escaped) {
      this.escaped = false;
      i++;
    }
    for (;;) {
      if (i >= n) return -1;
      const quote = chunk.indexOf(QUOTE, i);
      if (this.nextBackslash !== -1 && this.nextBackslash < i) this.nextBackslash = chunk.indexOf(BACKSLASH, i);
      const limit = quote < 0 ? n : quote;
      if (this.nextBackslash === -1 || this.nextBackslash >= limit) return quote;
      // An escape before the quote: skip the escaped byte and look again.
      i = this.nextBackslash + 2;
      if (i > n) {
        this.escaped = true;
        return -1;
      }
    }
  }

  private finishElement(lastPiece: Buffer): void {
    let bytes = lastPiece;
    if (this.elementPieces.length > 0) {
      this.elementPieces.push(lastPiece);
      bytes = Buffer.concat(this.elementPieces);
      this.elementPieces = [];
    }
    this.inElement = false;
    this.separator = 'element';
    try {
      this.items.push(JSON.parse(bytes.toString('utf8')));
    } catch {
      this.giveUp();
    }
  }
}

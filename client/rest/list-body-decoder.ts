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
 * Two ways of finding where an element ends:
 * - exact: a byte-level state machine over UTF-8 (structural bytes `{}[]:,"\` are ASCII and never
 *   occur inside a multi-byte sequence), skipping strings with indexOf. Used for the envelope, the
 *   first element, the last one, and any element the fast way could not split.
 * - fast: API servers write list items back to back with the same first key, so elements are
 *   separated by `},{"<key>":` (learned from the first element). Buffer.lastIndexOf finds the
 *   last one in what has arrived at native speed. In valid JSON the sequence is always structural
 *   (after `{"` comes a key, so the `"` opens a string), but it may close a nested object; so the
 *   bytes from the current element's start to that `}` are accepted only if JSON.parse takes
 *   them, wrapped in `[...]`, as an array: a slice ending at a nested `}` never balances. If that
 *   fails, candidates are tried one by one (indexOf), each accepted only if it parses as exactly
 *   one value; a candidate that fails sends that element to the exact scanner, and after
 *   FAST_FAILURE_LIMIT failures the fast way is dropped. Elements joined by single commas, each
 *   valid JSON, inside a valid envelope make the whole body valid, so results equal JSON.parse's.
 * An element's bytes are decoded only once complete (a character split across chunks is whole).
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

/** Failed fast candidates after which the fast way is no longer tried. */
const FAST_FAILURE_LIMIT = 4;
/** An element longer than this without a candidate goes to the exact scanner (no quadratic joins). */
const FAST_WINDOW_LIMIT = 1 << 20;

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

  // The fast way (see the header): the separator learned from the first element; while `fast`,
  // `window` holds the bytes from the current element's first byte to the end of what arrived.
  private signature: Buffer | undefined;
  private fastFailures = 0;
  private fast = false;
  /** The element being scanned exactly was handed over by the fast way: do not hand it back. */
  private fastSuppressed = false;
  private window: Buffer = Buffer.alloc(0);
  private searchFrom = 0;

  /** How many elements were split the fast way and the exact way (for tests and benchmarks). */
  readonly stats = { fast: 0, exact: 0 };

  /** Whether the items were decoded incrementally (false: end() parses the whole body). */
  get incremental(): boolean {
    return !this.irregular && this.phase === 'tail';
  }

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    if (this.irregular) return;
    if (this.fast) this.fastScan(Buffer.concat([this.window, chunk]));
    else this.scan(chunk);
  }

  /** The decoded body; throws JSON.parse's error for invalid JSON. */
  end(): unknown {
    if (this.fast) this.leaveFast(); // the last element and the tail, scanned exactly
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
            if (this.separator === 'comma' && this.signature && !this.fastSuppressed && this.fastFailures < FAST_FAILURE_LIMIT) {
              this.fast = true;
              return this.fastScan(chunk.subarray(i));
            }
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

  /**
   * The fast way over `window` (starting at an element's first byte): splits at signature
   * candidates while JSON.parse accepts them; keeps the rest (an element still arriving).
   */
  private fastScan(window: Buffer): void {
    const sig = this.signature!;
    let start = 0;
    let from = Math.max(this.searchFrom, 1);
    // Usually every candidate is a real separator: then the elements up to the last candidate
    // are one valid array body, parsed in one call (a nested candidate makes that parse fail, as
    // braces would not balance; then they are taken one at a time below).
    const last = window.lastIndexOf(sig);
    if (last >= from) {
      let values: unknown[] | undefined;
      try {
        values = JSON.parse('[' + window.toString('utf8', 0, last + 1) + ']') as unknown[];
      } catch {
        values = undefined;
      }
      if (values) {
        for (let i = 0; i < values.length; i++) this.items.push(values[i]);
        this.stats.fast += values.length;
        start = last + 2;
        from = last + 3;
      }
    }
    for (;;) {
      const at = window.indexOf(sig, from);
      if (at < 0) break;
      let value: unknown;
      try {
        value = JSON.parse(window.toString('utf8', start, at + 1));
      } catch {
        // A nested `},{"key":` (or something invalid): this element goes to the exact scanner.
        this.fastFailures++;
        this.window = window.subarray(start);
        return this.leaveFast();
      }
      this.items.push(value);
      this.stats.fast++;
      start = at + 2; // past "},": the next element's '{'
      from = at + 3;
    }
    this.window = window.subarray(start);
    this.searchFrom = Math.max(1, this.window.length - sig.length + 1);
    if (this.window.length > FAST_WINDOW_LIMIT) this.leaveFast();
  }

  /** Hands the element being read in the fast way to the exact scanner. */
  private leaveFast(): void {
    const rest = this.window;
    this.fast = false;
    this.fastSuppressed = true;
    this.window = Buffer.alloc(0);
    this.searchFrom = 0;
    this.scan(rest);
  }

  /** The fast way's separator from the first element: `},` + its opening `{"<key>":`. */
  private learnSignature(element: Buffer): void {
    if (element[0] !== OPEN_BRACE || element[1] !== QUOTE) return;
    const close = element.indexOf(QUOTE, 2);
    if (close < 0 || element[close + 1] !== COLON || element.subarray(2, close).includes(BACKSLASH)) return;
    this.signature = Buffer.concat([Buffer.from('},'), element.subarray(0, close + 2)]);
  }

  private finishElement(lastPiece: Buffer): void {
    let bytes = lastPiece;
    if (this.elementPieces.length > 0) {
      this.elementPieces.push(lastPiece);
      bytes = Buffer.concat(this.elementPieces);
      this.elementPieces = [];
    }
    this.inElement = false;
    this.fastSuppressed = false;
    this.separator = 'element';
    try {
      this.items.push(JSON.parse(bytes.toString('utf8')));
    } catch {
      return this.giveUp();
    }
    this.stats.exact++;
    if (this.items.length === 1) this.learnSignature(bytes);
  }
}

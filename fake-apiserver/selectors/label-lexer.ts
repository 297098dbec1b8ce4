/**
 * The label selector lexer, a literal port of apimachinery `labels.Lexer` (pkg/labels/selector.go).
 *
 * Invariants:
 * - It scans UTF-8 bytes, as Go does. Every delimiter is ASCII, so identifiers are cut only at
 *   character boundaries and decode back to the exact substring.
 * - Whitespace is exactly space, tab, CR and LF; the special symbols are `= ! ( ) , > <`.
 * - A NUL byte reads like end of input (Go's `read` returns 0 for both) but, unlike the real end,
 *   it is consumed — so `a\0b` lexes as `a`, `b` and a NUL between tokens ends the token stream.
 * - `scan` always ends with exactly one `EndOfString` item.
 */

export enum Token {
  Error = 0,
  EndOfString,
  ClosedPar,
  Comma,
  DoesNotExist,
  DoubleEquals,
  Equals,
  GreaterThan,
  Identifier,
  In,
  LessThan,
  NotEquals,
  NotIn,
  OpenPar,
}

export interface ScannedItem {
  tok: Token;
  literal: string;
}

/** string2token: every literal token except Identifier, EndOfString and Error. */
const STRING_TO_TOKEN: ReadonlyMap<string, Token> = new Map([
  [')', Token.ClosedPar],
  [',', Token.Comma],
  ['!', Token.DoesNotExist],
  ['==', Token.DoubleEquals],
  ['=', Token.Equals],
  ['>', Token.GreaterThan],
  ['in', Token.In],
  ['<', Token.LessThan],
  ['!=', Token.NotEquals],
  ['notin', Token.NotIn],
  ['(', Token.OpenPar],
]);

function isWhitespace(ch: number): boolean {
  return ch === 0x20 || ch === 0x09 || ch === 0x0d || ch === 0x0a;
}

function isSpecialSymbol(ch: number): boolean {
  switch (ch) {
    case 0x3d: // =
    case 0x21: // !
    case 0x28: // (
    case 0x29: // )
    case 0x2c: // ,
    case 0x3e: // >
    case 0x3c: // <
      return true;
  }
  return false;
}

class Lexer {
  private readonly s: Buffer;
  private pos = 0;

  constructor(text: string) {
    this.s = Buffer.from(text, 'utf8');
  }

  /** The byte at pos, advancing; 0 (without advancing) past the end. */
  private read(): number {
    if (this.pos < this.s.length) return this.s[this.pos++];
    return 0;
  }

  private unread(): void {
    this.pos--;
  }

  private scanIDOrKeyword(): ScannedItem {
    const start = this.pos;
    let end = start;
    for (;;) {
      const ch = this.read();
      if (ch === 0) break;
      if (isSpecialSymbol(ch) || isWhitespace(ch)) {
        this.unread();
        break;
      }
      end = this.pos;
    }
    const literal = this.s.toString('utf8', start, end);
    const tok = STRING_TO_TOKEN.get(literal);
    return tok === undefined ? { tok: Token.Identifier, literal } : { tok, literal };
  }

  private scanSpecialSymbol(): ScannedItem {
    let last: ScannedItem = { tok: Token.Error, literal: '' };
    let buffer = '';
    for (;;) {
      const ch = this.read();
      if (ch === 0) break;
      if (!isSpecialSymbol(ch)) {
        this.unread();
        break;
      }
      buffer += String.fromCharCode(ch);
      const tok = STRING_TO_TOKEN.get(buffer);
      if (tok !== undefined) {
        last = { tok, literal: buffer };
      } else if (last.tok !== Token.Error) {
        this.unread();
        break;
      }
    }
    if (last.tok === Token.Error) return { tok: Token.Error, literal: `error expected: keyword found '${buffer}'` };
    return last;
  }

  lex(): ScannedItem {
    let ch = this.read();
    while (isWhitespace(ch)) ch = this.read();
    if (ch === 0) return { tok: Token.EndOfString, literal: '' };
    this.unread();
    return isSpecialSymbol(ch) ? this.scanSpecialSymbol() : this.scanIDOrKeyword();
  }
}

/** Lexes the whole input, as `Parser.scan` does. */
export function scan(text: string): ScannedItem[] {
  const lexer = new Lexer(text);
  const items: ScannedItem[] = [];
  for (;;) {
    const item = lexer.lex();
    items.push(item);
    if (item.tok === Token.EndOfString) return items;
  }
}

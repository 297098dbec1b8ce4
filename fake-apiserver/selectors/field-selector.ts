/**
 * Field selectors exactly as apimachinery implements them (pkg/fields/selector.go).
 *
 * Syntax: comma-separated terms `field=value`, `field==value` or `field!=value`. Terms are split on
 * unescaped commas and sorted (byte order) before anything else, so errors and `toString()` follow
 * sorted order. The field (left side) is taken verbatim up to the first operator — no trimming, no
 * escaping. The value (right side) must escape `\`, `,` and `=` as `\\`, `\,`, `\=`.
 *
 * Invariants:
 * - Syntax errors throw a 400 BadRequest `StatusError` with the upstream text:
 *   `invalid selector: '<selector>'; can't understand '<term>'`,
 *   `invalid field selector: invalid escape sequence: \x`,
 *   `invalid field selector: unescaped character in value: <code point>` (Go prints the rune as a number).
 * - A term matches by string comparison against the object's field set, where a missing field reads
 *   as "" — so `f!=x` matches objects without `f`, and `f=` matches them too.
 */
import { badRequest } from '../errors/status.js';
import { goCompare } from './go-format.js';

export type FieldOperator = '=' | '!=';

/** A `fields.Requirement`: `=` (for both `=` and `==`) or `!=`. */
export interface FieldRequirement {
  field: string;
  operator: FieldOperator;
  value: string;
}

/** A field label conversion (`runtime.FieldLabelConversionFunc`); throws to reject a label. */
export type FieldTransform = (field: string, value: string) => { field: string; value: string };

export type Fields = Readonly<Record<string, string>>;

function get(fields: Fields, field: string): string {
  return Object.hasOwn(fields, field) ? fields[field] : '';
}

/** `fields.EscapeValue`: `\` → `\\`, `,` → `\,`, `=` → `\=`. */
export function escapeFieldValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => '\\' + c);
}

/** `fields.UnescapeValue`; throws the upstream message (as a plain Error) on a bad value. */
function unescapeValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c === '\\' || c === ',' || c === '=') out += c;
      else throw new Error(`invalid field selector: invalid escape sequence: \\${c}`);
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') {
      throw new Error(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    } else out += c;
  }
  if (inSlash) throw new Error('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** `splitTerms`: split on commas not preceded by an escaping backslash; the backslashes stay. */
function splitTerms(selector: string): string[] {
  if (selector.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

/** `splitTerm`: the first position where `!=`, `==` or `=` starts (checked in that order). */
function splitTerm(term: string): FieldRequirement | null {
  for (let i = 0; i < term.length; i++) {
    const rest = term.slice(i);
    for (const op of ['!=', '==', '='] as const) {
      if (rest.startsWith(op)) {
        return { field: term.slice(0, i), operator: op === '!=' ? '!=' : '=', value: term.slice(i + op.length) };
      }
    }
  }
  return null;
}

/** A parsed field selector: the AND of its terms. Immutable. */
export class FieldSelector {
  private constructor(private readonly terms: readonly FieldRequirement[]) {}

  /** `fields.Everything()`. */
  static everything(): FieldSelector {
    return new FieldSelector([]);
  }

  /** A selector of the given terms, in the given order (callers pass sorted or single terms). */
  static of(terms: readonly FieldRequirement[]): FieldSelector {
    return new FieldSelector(terms.map((t) => ({ ...t })));
  }

  /** `fields.OneTermEqualSelector(field, value)`. */
  static oneTermEqual(field: string, value: string): FieldSelector {
    return new FieldSelector([{ field, operator: '=', value }]);
  }

  matches(fields: Fields): boolean {
    return this.terms.every((t) => (get(fields, t.field) === t.value) === (t.operator === '='));
  }

  /** True when the selector does not restrict the selection space. */
  empty(): boolean {
    return this.terms.length === 0;
  }

  requirements(): FieldRequirement[] {
    return this.terms.map((t) => ({ ...t }));
  }

  /** `RequiresExactMatch`: the value the first `=` term on `field` pins, if any. */
  requiresExactMatch(field: string): string | undefined {
    return this.terms.find((t) => t.field === field && t.operator === '=')?.value;
  }

  /**
   * `Selector.Transform`: runs every term, in order, through `fn` (a field label conversion).
   * The first error propagates unchanged. A term transformed to an empty field and value is
   * dropped, as upstream turns it into `Everything()`.
   */
  transform(fn: FieldTransform): FieldSelector {
    const next: FieldRequirement[] = [];
    for (const t of this.terms) {
      const { field, value } = fn(t.field, t.value);
      if (field.length === 0 && value.length === 0) continue;
      next.push({ field, operator: t.operator, value });
    }
    return new FieldSelector(next);
  }

  /** Canonical form: `f=v`/`f!=v` terms with escaped values, joined by ",". "" when empty. */
  toString(): string {
    return this.terms.map((t) => `${t.field}${t.operator}${escapeFieldValue(t.value)}`).join(',');
  }
}

/**
 * `fields.ParseSelector(text)` — what the apiserver does with `?fieldSelector=`. "" (or only
 * commas) is everything. Throws a 400 BadRequest with the upstream message on a syntax error.
 */
export function parseFieldSelector(text: string): FieldSelector {
  const parts = splitTerms(text).sort(goCompare);
  const terms: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const term = splitTerm(part);
    if (term === null) throw badRequest(`invalid selector: '${text}'; can't understand '${part}'`);
    try {
      term.value = unescapeValue(term.value);
    } catch (err) {
      throw badRequest((err as Error).message);
    }
    terms.push(term);
  }
  return FieldSelector.of(terms);
}

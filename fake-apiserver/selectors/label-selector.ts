/**
 * Label selectors exactly as apimachinery implements them (pkg/labels/selector.go, and
 * `metav1.LabelSelectorAsSelector` from pkg/apis/meta/v1/helpers.go).
 *
 * Grammar (`labels.Parse`):
 *   <selector>    ::= <requirement> | <requirement> "," <selector>
 *   <requirement> ::= [!] KEY [ ("in"|"notin") "(" VALUES ")" | ("="|"=="|"!="|">"|"<") VALUE ]
 *
 * Invariants:
 * - Parse failures throw a 400 BadRequest `StatusError` whose message is the upstream error text,
 *   e.g. `unable to parse requirement: found '', expected: identifier`.
 * - A parsed selector's requirements are sorted by key (stable; upstream's sort is unstable only
 *   beyond 12 requirements with duplicate keys), so `toString()` is canonical.
 * - `!=` and `notin` match objects that lack the key; `>`/`<` need the label to parse as int64.
 * - `LabelSelector.nothing()` (a nil metav1 selector) matches nothing, is not `empty()`, prints "".
 */
import { badRequest } from '../errors/status.js';
import { goCompare, goQuote, goSorted, parseInt64 } from './go-format.js';
import { scan, Token, type ScannedItem } from './label-lexer.js';
import { aggregateMessage, invalidFieldError, isLabelKey, isLabelValue } from './label-validation.js';

/** `selection.Operator` values. */
export type LabelOperator = '!' | '=' | '==' | 'in' | '!=' | 'notin' | 'exists' | 'gt' | 'lt';

export type Labels = Readonly<Record<string, string>> | undefined | null;

/** binaryOperators, in upstream order (used verbatim in the "expected:" message). */
const BINARY_OPERATORS: readonly LabelOperator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];

function lookup(labels: Labels, key: string): string | undefined {
  if (!labels || !Object.hasOwn(labels, key)) return undefined;
  return labels[key];
}

/** One requirement; construct through `newRequirement` so that it is valid. */
export class Requirement {
  /** @internal use newRequirement */
  constructor(
    readonly key: string,
    readonly operator: LabelOperator,
    private readonly strValues: readonly string[],
  ) {}

  /** The values as given (unsorted, possibly with duplicates from a metav1 selector). */
  get values(): readonly string[] {
    return this.strValues;
  }

  matches(labels: Labels): boolean {
    switch (this.operator) {
      case 'in':
      case '=':
      case '==': {
        const v = lookup(labels, this.key);
        return v !== undefined && this.strValues.includes(v);
      }
      case 'notin':
      case '!=': {
        const v = lookup(labels, this.key);
        return v === undefined || !this.strValues.includes(v);
      }
      case 'exists':
        return lookup(labels, this.key) !== undefined;
      case '!':
        return lookup(labels, this.key) === undefined;
      case 'gt':
      case 'lt': {
        const v = lookup(labels, this.key);
        if (v === undefined) return false;
        const have = parseInt64(v);
        if (have === null || this.strValues.length !== 1) return false;
        const want = parseInt64(this.strValues[0]);
        if (want === null) return false;
        return this.operator === 'gt' ? have > want : have < want;
      }
    }
  }

  /** `Requirement.String()`: `!k`, `k`, `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k>n`, `k<n`. */
  toString(): string {
    let s = this.operator === '!' ? '!' + this.key : this.key;
    switch (this.operator) {
      case 'exists':
      case '!':
        return s;
      case 'in':
      case 'notin':
        s += ` ${this.operator} (`;
        break;
      case 'gt':
        s += '>';
        break;
      case 'lt':
        s += '<';
        break;
      default:
        s += this.operator;
    }
    s += this.strValues.length === 1 ? this.strValues[0] : goSorted(this.strValues).join(',');
    if (this.operator === 'in' || this.operator === 'notin') s += ')';
    return s;
  }
}

/** Thrown internally with the bare upstream message; converted to a 400 at the API boundary. */
class SelectorSyntaxError extends Error {}

/**
 * `labels.NewRequirement(key, op, vals)` with the nil field path that both `labels.Parse` and
 * `LabelSelectorAsSelector` use: key errors are reported at `key`, value errors at `values[i][key]`.
 * Throws a 400 BadRequest carrying the aggregated field errors.
 */
export function newRequirement(key: string, operator: LabelOperator, values: readonly string[] | null): Requirement {
  const message = requirementErrors(key, operator, values);
  if (message !== null) throw badRequest(message);
  return new Requirement(key, operator, values ? [...values] : []);
}

function requirementErrors(key: string, operator: LabelOperator, values: readonly string[] | null): string | null {
  const vals = values ?? [];
  const errs: string[] = [];
  const keyErrs = isLabelKey(key);
  if (keyErrs.length > 0) errs.push(invalidFieldError('key', key, keyErrs.join('; ')));
  switch (operator) {
    case 'in':
    case 'notin':
      if (vals.length === 0) {
        errs.push(invalidFieldError('values', values, "for 'in', 'notin' operators, values set can't be empty"));
      }
      break;
    case '=':
    case '==':
    case '!=':
      if (vals.length !== 1) {
        errs.push(invalidFieldError('values', values, 'exact-match compatibility requires one single value'));
      }
      break;
    case 'exists':
    case '!':
      if (vals.length !== 0) {
        errs.push(invalidFieldError('values', values, 'values set must be empty for exists and does not exist'));
      }
      break;
    case 'gt':
    case 'lt':
      if (vals.length !== 1) {
        errs.push(invalidFieldError('values', values, "for 'Gt', 'Lt' operators, exactly one value is required"));
      }
      vals.forEach((v, i) => {
        if (parseInt64(v) === null) {
          errs.push(invalidFieldError(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
        }
      });
      break;
  }
  vals.forEach((v, i) => {
    const valueErrs = isLabelValue(v);
    if (valueErrs.length > 0) errs.push(invalidFieldError(`values[${i}][${key}]`, v, valueErrs.join('; ')));
  });
  return aggregateMessage(errs);
}

function sortByKey(reqs: Requirement[]): Requirement[] {
  return reqs.sort((a, b) => goCompare(a.key, b.key));
}

/** A parsed label selector: the AND of its requirements. */
export class LabelSelector {
  private constructor(
    readonly requirements: readonly Requirement[],
    /** True only for `nothing()`. */
    readonly matchesNothing: boolean,
  ) {}

  /** `labels.Everything()`: no requirements, matches every object. */
  static everything(): LabelSelector {
    return new LabelSelector([], false);
  }

  /** `labels.Nothing()`: what a nil metav1 selector becomes; matches no object. */
  static nothing(): LabelSelector {
    return new LabelSelector([], true);
  }

  /** @internal requirements must already be valid. */
  static of(requirements: readonly Requirement[]): LabelSelector {
    return new LabelSelector(sortByKey([...requirements]), false);
  }

  matches(labels: Labels): boolean {
    if (this.matchesNothing) return false;
    return this.requirements.every((r) => r.matches(labels));
  }

  /** True when the selector does not restrict the selection space. */
  empty(): boolean {
    return !this.matchesNothing && this.requirements.length === 0;
  }

  /** Requirements joined by ",", in key order; "" for everything and for nothing. */
  toString(): string {
    return this.requirements.map((r) => r.toString()).join(',');
  }

  /** A copy with more requirements, re-sorted by key (`Selector.Add`). */
  add(...reqs: Requirement[]): LabelSelector {
    if (this.matchesNothing) return this;
    return LabelSelector.of([...this.requirements, ...reqs]);
  }

  /** `RequiresExactMatch`: the single value the first requirement on `label` pins, if any. */
  requiresExactMatch(label: string): string | undefined {
    const r = this.requirements.find((req) => req.key === label);
    if (!r) return undefined;
    if ((r.operator === '=' || r.operator === '==' || r.operator === 'in') && r.values.length === 1) return r.values[0];
    return undefined;
  }
}

/** Parser context: in `Values`, the keywords `in`/`notin` are plain identifiers. */
enum Context {
  KeyAndOperator,
  Values,
}

class Parser {
  private position = 0;

  constructor(private readonly items: ScannedItem[]) {}

  private at(i: number): ScannedItem {
    // Upstream never reads past EndOfString on any path; clamp defensively instead of throwing.
    return this.items[Math.min(i, this.items.length - 1)];
  }

  private lookahead(ctx: Context): ScannedItem {
    const { tok, literal } = this.at(this.position);
    if (ctx === Context.Values && (tok === Token.In || tok === Token.NotIn)) return { tok: Token.Identifier, literal };
    return { tok, literal };
  }

  private consume(ctx: Context): ScannedItem {
    const item = this.lookahead(ctx);
    this.position++;
    return item;
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    for (;;) {
      const { tok, literal } = this.lookahead(Context.Values);
      switch (tok) {
        case Token.Identifier:
        case Token.DoesNotExist: {
          let r: Requirement;
          try {
            r = this.parseRequirement();
          } catch (err) {
            if (err instanceof SelectorSyntaxError) throw new SelectorSyntaxError(`unable to parse requirement: ${err.message}`);
            throw err;
          }
          requirements.push(r);
          const next = this.consume(Context.Values);
          switch (next.tok) {
            case Token.EndOfString:
              return requirements;
            case Token.Comma: {
              const after = this.lookahead(Context.Values);
              if (after.tok !== Token.Identifier && after.tok !== Token.DoesNotExist) {
                throw new SelectorSyntaxError(`found '${after.literal}', expected: identifier after ','`);
              }
              break;
            }
            default:
              throw new SelectorSyntaxError(`found '${next.literal}', expected: ',' or 'end of string'`);
          }
          break;
        }
        case Token.EndOfString:
          return requirements;
        default:
          throw new SelectorSyntaxError(`found '${literal}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private parseRequirement(): Requirement {
    const [key, inferred] = this.parseKeyAndInferOperator();
    if (inferred === 'exists' || inferred === '!') return this.requirement(key, inferred, []);
    const operator = this.parseOperator();
    const values = operator === 'in' || operator === 'notin' ? this.parseValues() : this.parseExactValue();
    // sets.String.List(): sorted, de-duplicated.
    return this.requirement(key, operator, goSorted([...values]));
  }

  private requirement(key: string, operator: LabelOperator, values: string[]): Requirement {
    const message = requirementErrors(key, operator, values);
    if (message !== null) throw new SelectorSyntaxError(message);
    return new Requirement(key, operator, values);
  }

  private parseKeyAndInferOperator(): [string, LabelOperator | undefined] {
    let operator: LabelOperator | undefined;
    let { tok, literal } = this.consume(Context.Values);
    if (tok === Token.DoesNotExist) {
      operator = '!';
      ({ tok, literal } = this.consume(Context.Values));
    }
    if (tok !== Token.Identifier) throw new SelectorSyntaxError(`found '${literal}', expected: identifier`);
    const keyErrs = isLabelKey(literal);
    // labels.Parse validates with a nil *field.Path, which prints as "<nil>".
    if (keyErrs.length > 0) throw new SelectorSyntaxError(invalidFieldError('<nil>', literal, keyErrs.join('; ')));
    const next = this.lookahead(Context.Values).tok;
    if ((next === Token.EndOfString || next === Token.Comma) && operator !== '!') operator = 'exists';
    return [literal, operator];
  }

  private parseOperator(): LabelOperator {
    const { tok, literal } = this.consume(Context.KeyAndOperator);
    switch (tok) {
      case Token.In:
        return 'in';
      case Token.Equals:
        return '=';
      case Token.DoubleEquals:
        return '==';
      case Token.GreaterThan:
        return 'gt';
      case Token.LessThan:
        return 'lt';
      case Token.NotIn:
        return 'notin';
      case Token.NotEquals:
        return '!=';
      default:
        throw new SelectorSyntaxError(`found '${literal}', expected: ${BINARY_OPERATORS.join(', ')}`);
    }
  }

  private parseValues(): Set<string> {
    const open = this.consume(Context.Values);
    if (open.tok !== Token.OpenPar) throw new SelectorSyntaxError(`found '${open.literal}' expected: '('`);
    const { tok, literal } = this.lookahead(Context.Values);
    switch (tok) {
      case Token.Identifier:
      case Token.Comma: {
        const s = this.parseIdentifiersList();
        if (this.consume(Context.Values).tok !== Token.ClosedPar) {
          throw new SelectorSyntaxError(`found '${literal}', expected: ')'`);
        }
        return s;
      }
      case Token.ClosedPar:
        this.consume(Context.Values);
        return new Set(['']);
      default:
        throw new SelectorSyntaxError(`found '${literal}', expected: ',', ')' or identifier`);
    }
  }

  private parseIdentifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const { tok, literal } = this.consume(Context.Values);
      switch (tok) {
        case Token.Identifier: {
          s.add(literal);
          const next = this.lookahead(Context.Values);
          if (next.tok === Token.Comma) continue;
          if (next.tok === Token.ClosedPar) return s;
          throw new SelectorSyntaxError(`found '${next.literal}', expected: ',' or ')'`);
        }
        case Token.Comma: {
          if (s.size === 0) s.add(''); // "(,"
          const next = this.lookahead(Context.Values).tok;
          if (next === Token.ClosedPar) {
            s.add(''); // ",)"
            return s;
          }
          if (next === Token.Comma) s.add(''); // ",,"
          break;
        }
        default:
          throw new SelectorSyntaxError(`found '${literal}', expected: ',', or identifier`);
      }
    }
  }

  private parseExactValue(): Set<string> {
    const ahead = this.lookahead(Context.Values).tok;
    if (ahead === Token.EndOfString || ahead === Token.Comma) return new Set(['']);
    const { tok, literal } = this.consume(Context.Values);
    if (tok === Token.Identifier) return new Set([literal]);
    throw new SelectorSyntaxError(`found '${literal}', expected: identifier`);
  }
}

/**
 * `labels.Parse(text)` — what the apiserver does with `?labelSelector=`. "" is everything.
 * Throws a 400 BadRequest with the upstream message on any syntax or validation error.
 */
export function parseLabelSelector(text: string): LabelSelector {
  try {
    return LabelSelector.of(new Parser(scan(text)).parse());
  } catch (err) {
    if (err instanceof SelectorSyntaxError) throw badRequest(err.message);
    throw err;
  }
}

/** A `metav1.LabelSelectorRequirement`. */
export interface LabelSelectorRequirementV1 {
  key: string;
  operator: string;
  values?: string[] | null;
}

/** A `metav1.LabelSelector`. */
export interface LabelSelectorV1 {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: LabelSelectorRequirementV1[] | null;
}

const METAV1_OPERATORS: Readonly<Record<string, LabelOperator>> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/**
 * `metav1.LabelSelectorAsSelector`: null/undefined → nothing; no labels and no expressions →
 * everything; matchLabels become `=` requirements and matchExpressions their operators.
 * Throws a 400 BadRequest with the upstream message for an invalid key/value, a bad value count,
 * or an unknown operator (`"Foo" is not a valid pod selector operator`). matchLabels are checked
 * in key order (upstream iterates a Go map, so which invalid entry it reports first is random).
 */
export function labelSelectorFromMetav1(sel: LabelSelectorV1 | null | undefined): LabelSelector {
  if (sel === null || sel === undefined) return LabelSelector.nothing();
  const matchLabels = sel.matchLabels ?? {};
  const matchExpressions = sel.matchExpressions ?? [];
  const labelKeys = goSorted(Object.keys(matchLabels));
  if (labelKeys.length + matchExpressions.length === 0) return LabelSelector.everything();
  const reqs: Requirement[] = [];
  for (const k of labelKeys) reqs.push(newRequirement(k, '=', [matchLabels[k]]));
  for (const expr of matchExpressions) {
    const op = Object.hasOwn(METAV1_OPERATORS, expr.operator) ? METAV1_OPERATORS[expr.operator] : undefined;
    if (op === undefined) throw badRequest(`${goQuote(String(expr.operator))} is not a valid pod selector operator`);
    // append([]string(nil), expr.Values...) is nil when there are no values.
    const values = expr.values && expr.values.length > 0 ? [...expr.values] : null;
    reqs.push(newRequirement(expr.key, op, values));
  }
  return LabelSelector.of(reqs);
}

/** `labels.SelectorFromSet` (no validation): one `=` requirement per entry; empty set → everything. */
export function labelSelectorFromSet(set: Readonly<Record<string, string>> | null | undefined): LabelSelector {
  if (!set) return LabelSelector.everything();
  return LabelSelector.of(Object.keys(set).map((k) => new Requirement(k, '=', [set[k]])));
}

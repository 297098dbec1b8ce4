/**
 * Label key and value validation, ported from apimachinery's `api/validate/content` (kube.go,
 * dns.go, errors.go) — the rules `labels.Parse` and `labels.NewRequirement` apply — plus the
 * `field.Error` rendering their failures are reported with.
 *
 * Invariants:
 * - Each function returns the upstream list of error strings, in upstream order; `[]` means valid.
 * - Lengths are UTF-8 byte lengths, as Go's `len` (a 40-character non-ASCII value can be too long).
 */
import { byteLength, goQuote, goStringSliceV } from './go-format.js';

const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_KEY_ERR_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_KEY_MAX_LENGTH = 63;
const LABEL_KEY_RE = new RegExp(`^${LABEL_KEY_FMT}$`);

const LABEL_VALUE_FMT = `(${LABEL_KEY_FMT})?`;
const LABEL_VALUE_ERR_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
export const LABEL_VALUE_MAX_LENGTH = 63;
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_ERR_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);

/** `content.MaxLenError`. */
export function maxLenError(length: number): string {
  return `must be no more than ${length} bytes`;
}

/** `content.EmptyError`. */
export function emptyError(): string {
  return 'must be non-empty';
}

/** `content.RegexError`: note the upstream double space in `',  or '`. */
export function regexError(msg: string, re: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${re}')`;
  let out = `${msg} (e.g. `;
  examples.forEach((example, i) => {
    if (i > 0) out += ' or ';
    out += `'${example}', `;
  });
  return `${out}regex used for validation is '${re}')`;
}

/** `content.IsDNS1123Subdomain`. */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!DNS1123_SUBDOMAIN_RE.test(value)) {
    errs.push(regexError(DNS1123_SUBDOMAIN_ERR_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  }
  return errs;
}

/** `content.IsLabelKey` (formerly `validation.IsQualifiedName`): `[prefix/]name`. */
export function isLabelKey(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) {
      errs.push(`prefix part ${emptyError()}`);
    } else {
      for (const msg of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${msg}`);
    }
  } else {
    errs.push(
      `a valid label key ${regexError(LABEL_KEY_ERR_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')}` +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    );
    return errs;
  }
  if (name.length === 0) {
    errs.push(`name part ${emptyError()}`);
  } else if (byteLength(name) > LABEL_KEY_MAX_LENGTH) {
    errs.push(`name part ${maxLenError(LABEL_KEY_MAX_LENGTH)}`);
  }
  if (!LABEL_KEY_RE.test(name)) {
    errs.push(`name part ${regexError(LABEL_KEY_ERR_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')}`);
  }
  return errs;
}

/** `content.IsLabelValue`: empty, or ≤ 63 bytes of `[A-Za-z0-9_.-]` starting and ending alphanumeric. */
export function isLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > LABEL_VALUE_MAX_LENGTH) errs.push(maxLenError(LABEL_VALUE_MAX_LENGTH));
  if (!LABEL_VALUE_RE.test(value)) {
    errs.push(regexError(LABEL_VALUE_ERR_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  }
  return errs;
}

/**
 * A rendered `field.Invalid(path, value, detail).Error()`: `<path>: Invalid value: <value>: <detail>`.
 * `path` is `field.Path.String()` — `<nil>` for the nil path `labels.Parse` validates keys with.
 * String values are `%q`-quoted; string slices print as `%#v`.
 */
export function invalidFieldError(path: string, value: string | readonly string[] | null, detail: string): string {
  const rendered = typeof value === 'string' ? goQuote(value) : goStringSliceV(value);
  return `${path}: Invalid value: ${rendered}${detail ? `: ${detail}` : ''}`;
}

/**
 * `utilerrors.Aggregate.Error()` over a `field.ErrorList.ToAggregate()`: duplicates dropped, one
 * message bare, several as `[m1, m2]`. Returns `null` for no errors.
 */
export function aggregateMessage(messages: readonly string[]): string | null {
  const unique = [...new Set(messages)];
  if (unique.length === 0) return null;
  if (unique.length === 1) return unique[0];
  return `[${unique.join(', ')}]`;
}

/**
 * String format checks, ported from Kubernetes v1.35.4:
 * - `apimachinery/pkg/util/validation/validation.go` (IsDNS1123Label, IsDNS1123Subdomain,
 *   IsDNS1035Label, IsConfigMapKey; its MaxLenError says "characters"),
 * - `apimachinery/pkg/api/validate/content/{kube,dns,errors}.go` (IsLabelKey = IsQualifiedName,
 *   IsLabelValue, and the content copy of IsDNS1123Subdomain used for label-key prefixes and by
 *   `validate.LongName`; its MaxLenError says "bytes"),
 * - `apimachinery/pkg/api/validation/path/name.go` (IsValidPathSegmentName/Prefix),
 * - `apimachinery/pkg/util/validation/ip.go` (IsValidIP).
 *
 * Each check returns the list of detail strings upstream returns (empty when valid); the caller
 * wraps each one in a `field.Invalid`. The texts are part of the API: clients and tests match on
 * them, so they are copied byte for byte, including the two spellings of MaxLenError.
 *
 * Lengths are UTF-8 byte counts (Go `len`). Regexes are anchored with `^...$` and no flags, which
 * in JavaScript, as in Go's RE2 without `(?m)`, only match at the very end of the input.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { byteLength } from './go-text.js';

/** `validation.RegexError`: `msg (e.g. 'a' or 'b', regex used for validation is 're')`. */
export function regexError(msg: string, re: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${re}')`;
  let out = `${msg} (e.g. `;
  examples.forEach((ex, i) => {
    if (i > 0) out += ' or ';
    out += `'${ex}', `;
  });
  return `${out}regex used for validation is '${re}')`;
}

/** util/validation's MaxLenError. */
export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** api/validate/content's MaxLenError (used by label keys, label values, LongName). */
export function contentMaxLenError(length: number): string {
  return `must be no more than ${length} bytes`;
}

export const EMPTY_ERROR = 'must be non-empty';

export const DNS1123_LABEL_MAX_LENGTH = 63;
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
export const DNS1035_LABEL_MAX_LENGTH = 63;
export const LABEL_VALUE_MAX_LENGTH = 63;
const LABEL_KEY_NAME_MAX_LENGTH = 63;

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_ERR =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL_FMT}$`);

const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_ERR =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);

const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_ERR =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const DNS1035_LABEL_RE = new RegExp(`^${DNS1035_LABEL_FMT}$`);

const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_KEY_ERR = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_KEY_RE = new RegExp(`^${LABEL_KEY_FMT}$`);

const LABEL_VALUE_FMT = `(${LABEL_KEY_FMT})?`;
const LABEL_VALUE_ERR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);

const CONFIG_MAP_KEY_FMT = '[-._a-zA-Z0-9]+';
const CONFIG_MAP_KEY_ERR = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
const CONFIG_MAP_KEY_RE = new RegExp(`^${CONFIG_MAP_KEY_FMT}$`);

/** util/validation.IsDNS1123Label; a valid subdomain with dots gets `must not contain dots`. */
export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  if (!DNS1123_LABEL_RE.test(value)) {
    if (DNS1123_SUBDOMAIN_RE.test(value)) errs.push('must not contain dots');
    else errs.push(regexError(DNS1123_LABEL_ERR, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
  }
  return errs;
}

function dns1123Subdomain(value: string, maxLen: (n: number) => string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLen(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!DNS1123_SUBDOMAIN_RE.test(value)) errs.push(regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}

/** util/validation.IsDNS1123Subdomain ("must be no more than 253 characters"). */
export function isDNS1123Subdomain(value: string): string[] {
  return dns1123Subdomain(value, maxLenError);
}

/** content.IsDNS1123Subdomain ("must be no more than 253 bytes"). */
export function contentIsDNS1123Subdomain(value: string): string[] {
  return dns1123Subdomain(value, contentMaxLenError);
}

/** util/validation.IsDNS1035Label. */
export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1035_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1035_LABEL_MAX_LENGTH));
  if (!DNS1035_LABEL_RE.test(value)) errs.push(regexError(DNS1035_LABEL_ERR, DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
  return errs;
}

/**
 * content.IsLabelKey, which util/validation.IsQualifiedName aliases: `[prefix/]name`, the prefix
 * a DNS-1123 subdomain, the name at most 63 bytes of `[A-Za-z0-9][-A-Za-z0-9_.]*`.
 * More than one `/` gives a single message and stops.
 */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push(`prefix part ${EMPTY_ERROR}`);
    else errs.push(...contentIsDNS1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [
      `a valid label key ${regexError(LABEL_KEY_ERR, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')}` +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errs.push(`name part ${EMPTY_ERROR}`);
  else if (byteLength(name) > LABEL_KEY_NAME_MAX_LENGTH) errs.push(`name part ${contentMaxLenError(LABEL_KEY_NAME_MAX_LENGTH)}`);
  if (!LABEL_KEY_RE.test(name)) errs.push(`name part ${regexError(LABEL_KEY_ERR, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

/** content.IsLabelValue (util/validation.IsValidLabelValue). */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > LABEL_VALUE_MAX_LENGTH) errs.push(contentMaxLenError(LABEL_VALUE_MAX_LENGTH));
  if (!LABEL_VALUE_RE.test(value)) errs.push(regexError(LABEL_VALUE_ERR, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

function hasChDirPrefix(value: string): string[] {
  if (value === '.') return ["must not be '.'"];
  if (value === '..') return ["must not be '..'"];
  if (value.startsWith('..')) return ["must not start with '..'"];
  return [];
}

/** util/validation.IsConfigMapKey: keys of ConfigMap/Secret data (and LeaseCandidate names). */
export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!CONFIG_MAP_KEY_RE.test(value)) {
    errs.push(regexError(CONFIG_MAP_KEY_ERR, CONFIG_MAP_KEY_FMT, 'key.name', 'KEY_NAME', 'key-name'));
  }
  errs.push(...hasChDirPrefix(value));
  return errs;
}

const NAME_MAY_NOT_BE = ['.', '..'];
const NAME_MAY_NOT_CONTAIN = ['/', '%'];

/** path.IsValidPathSegmentName: not `.`/`..` (and then nothing else is checked), no `/` or `%`. */
export function isValidPathSegmentName(name: string): string[] {
  for (const illegal of NAME_MAY_NOT_BE) {
    if (name === illegal) return [`may not be '${illegal}'`];
  }
  return isValidPathSegmentPrefix(name);
}

/** path.IsValidPathSegmentPrefix: only the `/` and `%` rule (a suffix may make `.` valid). */
export function isValidPathSegmentPrefix(name: string): string[] {
  return NAME_MAY_NOT_CONTAIN.filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
}

/**
 * util/validation.IsValidIP detail strings: parse sloppily (IPv4 octets may carry leading zeros),
 * then reject leading zeros and IPv4-mapped IPv6, then require the canonical form.
 */
export function isValidIP(value: string): string[] {
  const v4 = parseSloppyIPv4(value);
  if (v4) {
    if (v4.leadingZeros) return ['must not have leading 0s'];
    return [];
  }
  if (!isIPv6(value) || value.includes('%')) {
    return ['must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'];
  }
  const canonical = new URL(`http://[${value}]/`).hostname.slice(1, -1);
  if (/^::ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}$/.test(canonical)) return ['must not be an IPv4-mapped IPv6 address'];
  if (canonical !== value) return [`must be in canonical form ("${canonical}")`];
  return [];
}

/** The forked pre-Go-1.17 IPv4 parser (netutils.ParseIPSloppy): 4 decimal fields, each <= 255. */
function parseSloppyIPv4(value: string): { leadingZeros: boolean } | null {
  const parts = value.split('.');
  if (parts.length !== 4) return null;
  let leadingZeros = false;
  for (const p of parts) {
    if (!/^[0-9]+$/.test(p) || Number(p) > 255) return null;
    if (p.length > 1 && p.startsWith('0')) leadingZeros = true;
  }
  if (!leadingZeros && !isIPv4(value)) return null;
  return { leadingZeros };
}

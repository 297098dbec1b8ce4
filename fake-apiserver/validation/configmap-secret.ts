/**
 * ConfigMap and Secret validation, ported from Kubernetes v1.35.4
 * pkg/apis/core/validation/validation.go (ValidateConfigMap, ValidateConfigMapUpdate,
 * ValidateSecret, ValidateSecretUpdate) — what the configmap/secret strategies run.
 *
 * Invariants:
 * - Keys are checked with IsConfigMapKey at `data[<key>]` / `binaryData[<key>]` (the key is not
 *   quoted in the path, so the empty key gives `data[]`).
 * - Sizes are bytes: `data` strings as UTF-8, `binaryData` and Secret `data` as decoded base64.
 *   Over 1 MiB (core.MaxSecretSize) a ConfigMap reports `[]: Too long: ...` (upstream's
 *   `field.NewPath("")` renders as `[]`), a Secret `data: Too long: ...`.
 * - Secret `stringData` is merged over `data` first, as the v1→internal conversion does, so its
 *   keys are reported under `data[...]`.
 * - Immutability compares like Go's reflect.DeepEqual on maps: a stored empty map reads back as
 *   nil (omitempty), while a request's `{}` is a non-nil empty map, so they differ.
 * Map errors follow the object's key order (upstream iterates Go maps in random order).
 */
import { forbiddenField, invalid, required, type FieldError } from '../errors/field-errors.js';
import { isConfigMapKey } from './format.js';
import { byteLength } from './go-text.js';
import { nameIsDNSSubdomain } from './names.js';
import { validateObjectMetaCreate, validateObjectMetaUpdate, type ObjectMetaInput } from './object-meta.js';
import { tooLongBytes } from './too-long.js';

/** core.MaxSecretSize, also the ConfigMap limit. */
export const MAX_SECRET_SIZE = 1024 * 1024;

type StringMap = Record<string, string> | null | undefined;

export interface ConfigMapInput {
  metadata?: ObjectMetaInput;
  data?: StringMap;
  /** Values base64-encoded, as on the wire. */
  binaryData?: StringMap;
  immutable?: boolean | null;
}

export interface SecretInput {
  metadata?: ObjectMetaInput;
  type?: string;
  /** Values base64-encoded, as on the wire. */
  data?: StringMap;
  stringData?: StringMap;
  immutable?: boolean | null;
}

function base64Length(value: string): number {
  return Buffer.from(value, 'base64').length;
}

const CORE_META = { namespaced: true, nameValidator: nameIsDNSSubdomain, flavour: 'core' } as const;

/** ValidateConfigMap. */
export function validateConfigMap(cm: ConfigMapInput): FieldError[] {
  const errs = validateObjectMetaCreate(cm.metadata ?? {}, CORE_META);
  const binary = cm.binaryData ?? {};
  let total = 0;
  for (const [key, value] of Object.entries(cm.data ?? {})) {
    for (const msg of isConfigMapKey(key)) errs.push(invalid(`data[${key}]`, key, msg));
    if (Object.hasOwn(binary, key)) errs.push(invalid(`data[${key}]`, key, 'duplicate of key present in binaryData'));
    total += byteLength(value);
  }
  for (const [key, value] of Object.entries(binary)) {
    for (const msg of isConfigMapKey(key)) errs.push(invalid(`binaryData[${key}]`, key, msg));
    total += base64Length(value);
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLongBytes('[]', MAX_SECRET_SIZE));
  return errs;
}

/**
 * reflect.DeepEqual(new, old) for a map field: `old` comes from storage, where an empty map was
 * omitted and so reads back as nil; `new` is as decoded from the request.
 */
function sameGoMap(newMap: StringMap, oldMap: StringMap): boolean {
  const oldNil = oldMap == null || Object.keys(oldMap).length === 0;
  if (newMap == null || oldNil) return newMap == null && oldNil;
  const a = Object.entries(newMap);
  return a.length === Object.keys(oldMap).length && a.every(([k, v]) => Object.hasOwn(oldMap, k) && oldMap[k] === v);
}

const IMMUTABLE_MSG = 'field is immutable when `immutable` is set';

/** ValidateConfigMapUpdate: meta update, immutability, then the full create validation. */
export function validateConfigMapUpdate(newCm: ConfigMapInput, oldCm: ConfigMapInput): FieldError[] {
  const errs = validateObjectMetaUpdate(newCm.metadata ?? {}, oldCm.metadata ?? {}, { flavour: 'core' });
  if (oldCm.immutable === true) {
    if (newCm.immutable !== true) errs.push(forbiddenField('immutable', IMMUTABLE_MSG));
    if (!sameGoMap(newCm.data, oldCm.data)) errs.push(forbiddenField('data', IMMUTABLE_MSG));
    if (!sameGoMap(newCm.binaryData, oldCm.binaryData)) errs.push(forbiddenField('binaryData', IMMUTABLE_MSG));
  }
  errs.push(...validateConfigMap(newCm));
  return errs;
}

/** Decoded Secret data: key → bytes, with stringData merged over data. Nil stays nil. */
function secretBytes(secret: SecretInput): Map<string, Buffer> | null {
  const hasString = secret.stringData != null && Object.keys(secret.stringData).length > 0;
  if (secret.data == null && !hasString) return null;
  const out = new Map<string, Buffer>();
  for (const [k, v] of Object.entries(secret.data ?? {})) out.set(k, Buffer.from(v, 'base64'));
  for (const [k, v] of Object.entries(secret.stringData ?? {})) out.set(k, Buffer.from(v, 'utf8'));
  return out;
}

const SERVICE_ACCOUNT_NAME_KEY = 'kubernetes.io/service-account.name';
const REDACTED = '<secret contents redacted>';

/**
 * The error `json.Unmarshal(b, &map[string]interface{}{})` returns, or null. Type mismatches use
 * Go's exact text; for syntax errors only `unexpected end of JSON input` is Go's exact text, the
 * others are approximations (Go's scanner names the offending character and context).
 */
function goJSONObjectError(bytes: Buffer): string | null {
  const text = bytes.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (text.trim() === '' || /end of (JSON )?input/i.test(msg)) return 'unexpected end of JSON input';
    return `invalid character in JSON input: ${msg}`;
  }
  if (parsed === null || (typeof parsed === 'object' && !Array.isArray(parsed))) return null;
  const kind = Array.isArray(parsed) ? 'array' : typeof parsed === 'boolean' ? 'bool' : typeof parsed;
  return `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`;
}

/** ValidateSecret. */
export function validateSecret(secret: SecretInput): FieldError[] {
  const meta = secret.metadata ?? {};
  const errs = validateObjectMetaCreate(meta, CORE_META);
  const data = secretBytes(secret);
  let total = 0;
  for (const [key, value] of data ?? []) {
    for (const msg of isConfigMapKey(key)) errs.push(invalid(`data[${key}]`, key, msg));
    total += value.length;
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLongBytes('data', MAX_SECRET_SIZE));

  const has = (k: string) => data?.has(k) ?? false;
  const jsonKey = (key: string) => {
    const bytes = data?.get(key);
    if (bytes === undefined) {
      errs.push(required(`data[${key}]`, ''));
      return;
    }
    const err = goJSONObjectError(bytes);
    if (err !== null) errs.push(invalid(`data[${key}]`, REDACTED, err));
  };
  switch (secret.type ?? '') {
    case 'kubernetes.io/service-account-token':
      if (!meta.annotations?.[SERVICE_ACCOUNT_NAME_KEY]) errs.push(required(`metadata.annotations[${SERVICE_ACCOUNT_NAME_KEY}]`, ''));
      break;
    case 'kubernetes.io/dockercfg':
      jsonKey('.dockercfg');
      break;
    case 'kubernetes.io/dockerconfigjson':
      jsonKey('.dockerconfigjson');
      break;
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password')) errs.push(required('data[username]', ''), required('data[password]', ''));
      break;
    case 'kubernetes.io/ssh-auth':
      if ((data?.get('ssh-privatekey')?.length ?? 0) === 0) errs.push(required('data[ssh-privatekey]', ''));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) errs.push(required('data[tls.crt]', ''));
      if (!has('tls.key')) errs.push(required('data[tls.key]', ''));
      break;
    default:
      // Opaque, "" and custom types: no further rules.
      break;
  }
  return errs;
}

function sameSecretData(newSecret: SecretInput, oldSecret: SecretInput): boolean {
  const a = secretBytes(newSecret);
  const oldData = secretBytes(oldSecret);
  const b = oldData && oldData.size > 0 ? oldData : null;
  if (a === null || b === null) return a === null && b === null;
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const o = b.get(k);
    if (o === undefined || !o.equals(v)) return false;
  }
  return true;
}

/** ValidateSecretUpdate: meta update, immutable type, `immutable` rules, then full validation. */
export function validateSecretUpdate(newSecret: SecretInput, oldSecret: SecretInput): FieldError[] {
  const errs = validateObjectMetaUpdate(newSecret.metadata ?? {}, oldSecret.metadata ?? {}, { flavour: 'core' });
  const newType = newSecret.type ?? '';
  if (newType !== (oldSecret.type ?? '')) errs.push(invalid('type', newType, 'field is immutable'));
  if (oldSecret.immutable === true) {
    if (newSecret.immutable !== true) errs.push(forbiddenField('immutable', IMMUTABLE_MSG));
    if (!sameSecretData(newSecret, oldSecret)) errs.push(forbiddenField('data', IMMUTABLE_MSG));
  }
  errs.push(...validateSecret(newSecret));
  return errs;
}

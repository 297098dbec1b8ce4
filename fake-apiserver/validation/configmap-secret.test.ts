import { describe, expect, it } from 'vitest';
import { fieldErrorString, invalidError, type FieldError } from '../errors/field-errors.js';
import {
  MAX_SECRET_SIZE,
  validateConfigMap,
  validateConfigMapUpdate,
  validateSecret,
  validateSecretUpdate,
  type ConfigMapInput,
  type SecretInput,
} from './configmap-secret.js';

const CONFIG_KEY =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

const strings = (errs: FieldError[]) => errs.map(fieldErrorString);
const meta = { name: 'cm1', namespace: 'default' };
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

describe('validateConfigMap', () => {
  it.each<[string, ConfigMapInput, string[]]>([
    ['valid', { metadata: meta, data: { 'app.properties': 'a=b', KEY_1: 'x' }, binaryData: { 'blob.bin': b64('\u0000') } }, []],
    ['empty key', { metadata: meta, data: { '': 'value' } }, [`data[]: Invalid value: "": ${CONFIG_KEY}`]],
    ['key a/b', { metadata: meta, data: { 'a/b': 'value' } }, [`data[a/b]: Invalid value: "a/b": ${CONFIG_KEY}`]],
    [
      'key ..secret',
      { metadata: meta, data: { '..secret': 'v' } },
      [`data[..secret]: Invalid value: "..secret": must not start with '..'`],
    ],
    ['bad binaryData key', { metadata: meta, binaryData: { 'a b': b64('x') } }, [`binaryData[a b]: Invalid value: "a b": ${CONFIG_KEY}`]],
    [
      'key in both data and binaryData',
      { metadata: meta, data: { k: 'v' }, binaryData: { k: b64('v') } },
      ['data[k]: Invalid value: "k": duplicate of key present in binaryData'],
    ],
    ['exactly 1 MiB', { metadata: meta, data: { a: 'x'.repeat(MAX_SECRET_SIZE - 1) }, binaryData: { b: b64('y') } }, []],
    [
      'over 1 MiB across data and binaryData',
      { metadata: meta, data: { a: 'x'.repeat(MAX_SECRET_SIZE) }, binaryData: { b: b64('y') } },
      ['[]: Too long: may not be more than 1048576 bytes'],
    ],
    [
      'size counts UTF-8 bytes',
      { metadata: meta, data: { a: 'é'.repeat(MAX_SECRET_SIZE / 2 + 1) } },
      ['[]: Too long: may not be more than 1048576 bytes'],
    ],
    [
      'core finalizer rule applies',
      { metadata: { ...meta, finalizers: ['mine'] } },
      ['metadata.finalizers[0]: Invalid value: "mine": name is neither a standard finalizer name nor is it fully qualified'],
    ],
  ])('%s', (_case, cm, want) => {
    expect(strings(validateConfigMap(cm))).toEqual(want);
  });

  it('renders the full 422 for a ConfigMap named Bad_Name', () => {
    const err = invalidError(
      'ConfigMap',
      '',
      'ConfigMap',
      'Bad_Name',
      validateConfigMap({ metadata: { name: 'Bad_Name', namespace: 'default' }, data: { a: 'b' } }),
    );
    expect(err.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": ${SUBDOMAIN}`,
      reason: 'Invalid',
      details: {
        name: 'Bad_Name',
        kind: 'ConfigMap',
        causes: [{ reason: 'FieldValueInvalid', message: `Invalid value: "Bad_Name": ${SUBDOMAIN}`, field: 'metadata.name' }],
      },
      code: 422,
    });
  });

  it('renders several errors as a bracketed list', () => {
    const err = invalidError('ConfigMap', '', 'ConfigMap', 'cm1', validateConfigMap({ metadata: meta, data: { '': 'v', 'a/b': 'w' } }));
    expect(err.status.message).toBe(
      `ConfigMap "cm1" is invalid: [data[]: Invalid value: "": ${CONFIG_KEY}, data[a/b]: Invalid value: "a/b": ${CONFIG_KEY}]`,
    );
  });
});

describe('validateConfigMapUpdate', () => {
  const old: ConfigMapInput = { metadata: { ...meta, resourceVersion: '5' }, data: { a: 'b' }, immutable: true };

  it('an immutable ConfigMap keeps its data and its immutability', () => {
    expect(strings(validateConfigMapUpdate({ ...old, data: { a: 'c' }, immutable: false }, old))).toEqual([
      'immutable: Forbidden: field is immutable when `immutable` is set',
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
    expect(validateConfigMapUpdate({ ...old, metadata: { ...old.metadata, labels: { x: 'y' } } }, old)).toEqual([]);
  });

  it('compares maps as Go does after a storage round trip', () => {
    const emptyOld: ConfigMapInput = { metadata: old.metadata, immutable: true, data: {} };
    expect(validateConfigMapUpdate({ ...emptyOld, data: undefined }, emptyOld)).toEqual([]);
    // A request's {} is a non-nil map; the stored empty map was omitted and reads back as nil.
    expect(strings(validateConfigMapUpdate({ ...emptyOld, data: {} }, emptyOld))).toEqual([
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
  });

  it('also runs the create validation on the new object', () => {
    expect(strings(validateConfigMapUpdate({ ...old, immutable: undefined, data: { '': 'x' } }, { ...old, immutable: undefined }))).toEqual(
      [`data[]: Invalid value: "": ${CONFIG_KEY}`],
    );
  });
});

describe('validateSecret', () => {
  const tlsMeta = { name: 's1', namespace: 'default' };
  it.each<[string, SecretInput, string[]]>([
    ['opaque', { metadata: tlsMeta, type: 'Opaque', data: { password: b64('hunter2') } }, []],
    [
      'bad key in stringData is reported under data',
      { metadata: tlsMeta, stringData: { 'a/b': 'x' } },
      [`data[a/b]: Invalid value: "a/b": ${CONFIG_KEY}`],
    ],
    ['empty key', { metadata: tlsMeta, data: { '': b64('x') } }, [`data[]: Invalid value: "": ${CONFIG_KEY}`]],
    [
      'size counts decoded bytes',
      { metadata: tlsMeta, data: { a: b64(Buffer.alloc(MAX_SECRET_SIZE)) }, stringData: { b: 'x' } },
      ['data: Too long: may not be more than 1048576 bytes'],
    ],
    ['stringData overwrites data', { metadata: tlsMeta, data: { a: b64(Buffer.alloc(MAX_SECRET_SIZE)) }, stringData: { a: 'x' } }, []],
    [
      'tls without keys',
      { metadata: tlsMeta, type: 'kubernetes.io/tls', data: {} },
      ['data[tls.crt]: Required value', 'data[tls.key]: Required value'],
    ],
    ['tls with keys', { metadata: tlsMeta, type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } }, []],
    [
      'service account token without its annotation',
      { metadata: tlsMeta, type: 'kubernetes.io/service-account-token' },
      ['metadata.annotations[kubernetes.io/service-account.name]: Required value'],
    ],
    [
      'basic auth with neither field',
      { metadata: tlsMeta, type: 'kubernetes.io/basic-auth' },
      ['data[username]: Required value', 'data[password]: Required value'],
    ],
    ['basic auth with one field', { metadata: tlsMeta, type: 'kubernetes.io/basic-auth', stringData: { username: '' } }, []],
    [
      'ssh auth with an empty key',
      { metadata: tlsMeta, type: 'kubernetes.io/ssh-auth', data: { 'ssh-privatekey': '' } },
      ['data[ssh-privatekey]: Required value'],
    ],
    [
      'dockerconfigjson that is not an object',
      { metadata: tlsMeta, type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '[]' } },
      [
        'data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": json: cannot unmarshal array into Go value of type map[string]interface {}',
      ],
    ],
    ['dockercfg missing', { metadata: tlsMeta, type: 'kubernetes.io/dockercfg' }, ['data[.dockercfg]: Required value']],
    ['Bad_Name', { metadata: { name: 'Bad_Name', namespace: 'default' } }, [`metadata.name: Invalid value: "Bad_Name": ${SUBDOMAIN}`]],
  ])('%s', (_case, secret, want) => {
    expect(strings(validateSecret(secret))).toEqual(want);
  });

  it('type and immutable data cannot change', () => {
    const old: SecretInput = { metadata: { ...tlsMeta, resourceVersion: '1' }, type: 'Opaque', data: { a: b64('1') }, immutable: true };
    expect(strings(validateSecretUpdate({ ...old, type: 'kubernetes.io/basic-auth', data: { a: b64('2') } }, old))).toEqual([
      'type: Invalid value: "kubernetes.io/basic-auth": field is immutable',
      'data: Forbidden: field is immutable when `immutable` is set',
      'data[username]: Required value',
      'data[password]: Required value',
    ]);
    expect(validateSecretUpdate({ ...old, stringData: { a: '1' }, data: undefined }, old)).toEqual([]);
  });
});

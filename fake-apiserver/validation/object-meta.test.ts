import { describe, expect, it } from 'vitest';
import { fieldErrorString, invalidError } from '../errors/field-errors.js';
import { nameIsDNSLabel, nameIsDNSSubdomain, nameIsLongName, validateRBACName, type NameValidator } from './names.js';
import {
  validateGenericCreate,
  validateGenericUpdate,
  validateObjectMetaCreate,
  validateObjectMetaUpdate,
  type ObjectMetaCreateOptions,
  type ObjectMetaInput,
} from './object-meta.js';

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const KEY_NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

const subdomainNs = { namespaced: true, nameValidator: nameIsDNSSubdomain };
const create = (meta: ObjectMetaInput, opts: ObjectMetaCreateOptions = subdomainNs) =>
  validateObjectMetaCreate(meta, opts).map(fieldErrorString);

describe('validateObjectMetaCreate', () => {
  it.each<[string, ObjectMetaInput, ObjectMetaCreateOptions, string[]]>([
    ['valid', { name: 'cm1', namespace: 'default' }, subdomainNs, []],
    [
      'no name, no namespace',
      {},
      subdomainNs,
      ['metadata.name: Required value: name or generateName is required', 'metadata.namespace: Required value'],
    ],
    ['Bad_Name', { name: 'Bad_Name', namespace: 'default' }, subdomainNs, [`metadata.name: Invalid value: "Bad_Name": ${SUBDOMAIN}`]],
    [
      'cluster-scoped object with a namespace',
      { name: 'n1', namespace: 'default' },
      { namespaced: false, nameValidator: nameIsDNSSubdomain },
      ['metadata.namespace: Forbidden: not allowed on this type'],
    ],
    [
      'namespace must be a DNS label',
      { name: 'x', namespace: 'my.ns' },
      subdomainNs,
      ['metadata.namespace: Invalid value: "my.ns": must not contain dots'],
    ],
    [
      'generateName and the generated name are both validated',
      { generateName: 'Bad-', name: 'Bad-x7k2p', namespace: 'ns' },
      subdomainNs,
      [`metadata.generateName: Invalid value: "Bad-": ${SUBDOMAIN}`, `metadata.name: Invalid value: "Bad-x7k2p": ${SUBDOMAIN}`],
    ],
    ['generateName with a trailing dash is fine', { generateName: 'web-', name: 'web-x7k2p', namespace: 'ns' }, subdomainNs, []],
    [
      'label keys: prefix and name part',
      { name: 'x', namespace: 'n', labels: { 'example.com/app': 'ok', 'Example.com/app': 'ok', 'example.com/': 'ok' } },
      subdomainNs,
      [
        `metadata.labels: Invalid value: "Example.com/app": prefix part ${SUBDOMAIN}`,
        'metadata.labels: Invalid value: "example.com/": name part must be non-empty',
        `metadata.labels: Invalid value: "example.com/": ${KEY_NAME_PART}`,
      ],
    ],
    [
      'label value of 64 characters',
      { name: 'x', namespace: 'n', labels: { app: 'v'.repeat(64) } },
      subdomainNs,
      [`metadata.labels: Invalid value: "${'v'.repeat(64)}": must be no more than 63 bytes`],
    ],
    [
      'label value with a leading dash',
      { name: 'x', namespace: 'n', labels: { app: '-v' } },
      subdomainNs,
      [`metadata.labels: Invalid value: "-v": ${LABEL_VALUE}`],
    ],
    [
      'annotation keys are checked case-insensitively but reported as given',
      { name: 'x', namespace: 'n', annotations: { 'EXAMPLE.com/Foo': 'ok', 'bad key': 'v' } },
      subdomainNs,
      [`metadata.annotations: Invalid value: "bad key": ${KEY_NAME_PART}`],
    ],
    [
      'annotations over 256 KiB',
      { name: 'x', namespace: 'n', annotations: { big: 'x'.repeat(256 * 1024 - 2) } },
      subdomainNs,
      ['metadata.annotations: Too long: may not be more than 262144 bytes'],
    ],
    ['annotations at exactly 256 KiB', { name: 'x', namespace: 'n', annotations: { big: 'x'.repeat(256 * 1024 - 3) } }, subdomainNs, []],
    [
      'bad finalizer name',
      { name: 'x', namespace: 'n', finalizers: ['bad finalizer'] },
      subdomainNs,
      [`metadata.finalizers: Invalid value: "bad finalizer": ${KEY_NAME_PART}`],
    ],
    [
      'orphan and foregroundDeletion together',
      { name: 'x', namespace: 'n', finalizers: ['orphan', 'foregroundDeletion'] },
      subdomainNs,
      ['metadata.finalizers: Invalid value: ["orphan","foregroundDeletion"]: finalizer orphan and foregroundDeletion cannot be both set'],
    ],
    [
      'core flavour: unqualified finalizers must be standard',
      { name: 'x', namespace: 'n', finalizers: ['kubernetes', 'example.com/f', 'custom'] },
      { ...subdomainNs, flavour: 'core' },
      ['metadata.finalizers[2]: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified'],
    ],
    [
      'apimachinery flavour (custom resources): unqualified finalizers are fine',
      { name: 'x', namespace: 'n', finalizers: ['custom'] },
      subdomainNs,
      [],
    ],
    [
      'two controller ownerReferences',
      {
        name: 'x',
        namespace: 'n',
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs1', uid: 'u1', controller: true },
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs2', uid: 'u2', controller: true, blockOwnerDeletion: true },
        ],
      },
      subdomainNs,
      [
        'metadata.ownerReferences: Invalid value: [{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"rs1","uid":"u1","controller":true},{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"rs2","uid":"u2","controller":true,"blockOwnerDeletion":true}]: Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/rs1 and ReplicaSet/rs2',
      ],
    ],
    [
      'incomplete ownerReference',
      { name: 'x', namespace: 'n', ownerReferences: [{ apiVersion: 'apps/', kind: '', name: '', uid: '' }] },
      subdomainNs,
      [
        'metadata.ownerReferences.apiVersion: Invalid value: "apps/": version must not be empty',
        'metadata.ownerReferences.kind: Invalid value: "": must not be empty',
        'metadata.ownerReferences.name: Invalid value: "": must not be empty',
        'metadata.ownerReferences.uid: Invalid value: "": must not be empty',
      ],
    ],
    [
      'an Event may not be an owner',
      { name: 'x', namespace: 'n', ownerReferences: [{ apiVersion: 'v1', kind: 'Event', name: 'e', uid: 'u' }] },
      subdomainNs,
      [
        'metadata.ownerReferences: Invalid value: {"apiVersion":"v1","kind":"Event","name":"e","uid":"u"}: /v1, Kind=Event is disallowed from being an owner',
      ],
    ],
    [
      'negative generation and bad managedFields',
      { name: 'x', namespace: 'n', generation: -1, managedFields: [{ manager: 'a\tb', operation: 'Bogus', fieldsType: 'FieldsV2' }] },
      subdomainNs,
      [
        'metadata.generation: Invalid value: -1: must be greater than or equal to 0',
        'metadata.managedFields[0].operation: Invalid value: "Bogus": must be `Apply` or `Update`',
        'metadata.managedFields[0].fieldsType: Invalid value: "FieldsV2": must be `FieldsV1`',
        'metadata.managedFields[0].manager: Invalid value: "a\\tb": invalid character U+0009 (at position 1)',
      ],
    ],
    [
      'with-opts flavour validates only the generated name, in bytes',
      { generateName: 'Bad-', name: 'a'.repeat(254), namespace: 'n' },
      { namespaced: true, nameValidator: nameIsLongName, flavour: 'core-with-opts' },
      [`metadata.name: Invalid value: "${'a'.repeat(254)}": must be no more than 253 bytes`],
    ],
    ['none flavour validates nothing', { name: 'Bad/Name' }, { namespaced: true, nameValidator: nameIsDNSSubdomain, flavour: 'none' }, []],
  ])('%s', (_case, meta, opts, want) => {
    expect(create(meta, opts)).toEqual(want);
  });

  it.each<[string, NameValidator, string, string[]]>([
    ['namespace 64 characters', nameIsDNSLabel, 'n'.repeat(64), ['must be no more than 63 characters']],
    ['rbac with a slash', validateRBACName, 'a/b', ["may not contain '/'"]],
    ['rbac with a percent', validateRBACName, 'a%b', ["may not contain '%'"]],
  ])('name rules reach metadata.name: %s', (_case, nameValidator, name, details) => {
    expect(create({ name }, { namespaced: false, nameValidator })).toEqual(
      details.map((d) => `metadata.name: Invalid value: ${JSON.stringify(name)}: ${d}`),
    );
  });

  it('renders the 422 a ConfigMap create gets for a bad name', () => {
    const err = invalidError(
      'ConfigMap',
      '',
      'ConfigMap',
      'Bad_Name',
      validateObjectMetaCreate({ name: 'Bad_Name', namespace: 'default' }, subdomainNs),
    );
    expect(err.status.code).toBe(422);
    expect(err.status.message).toBe(`ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": ${SUBDOMAIN}`);
    expect(err.status.details?.causes).toEqual([
      { reason: 'FieldValueInvalid', message: `Invalid value: "Bad_Name": ${SUBDOMAIN}`, field: 'metadata.name' },
    ]);
  });
});

describe('validateGenericCreate (rest.BeforeCreate path-segment pass)', () => {
  it('rejects what every type rejects', () => {
    expect(validateGenericCreate({ name: 'a/b%c', generateName: 'x/', namespace: 'n' }, true).map(fieldErrorString)).toEqual([
      `metadata.generateName: Invalid value: "x/": may not contain '/'`,
      `metadata.name: Invalid value: "a/b%c": may not contain '/'`,
      `metadata.name: Invalid value: "a/b%c": may not contain '%'`,
    ]);
    // Prefix mode does not apply the '.'/'..' rule.
    expect(validateGenericCreate({ name: 'ok', generateName: '.' }, false)).toEqual([]);
    expect(validateGenericCreate({ name: 'Any_Name:really' }, false)).toEqual([]);
  });
});

const T0 = '2024-01-01T00:00:00Z';
const T1 = '2024-02-01T00:00:00Z';

describe('validateObjectMetaUpdate', () => {
  const update = (n: ObjectMetaInput, o: ObjectMetaInput, flavour: 'core' | 'apimachinery' = 'apimachinery') =>
    validateObjectMetaUpdate(n, o, { flavour }).map(fieldErrorString);

  it('forbids new finalizers while the object is being deleted (sorted, Go %#v)', () => {
    const old = {
      name: 'a',
      namespace: 'n',
      resourceVersion: '7',
      deletionTimestamp: T0,
      deletionGracePeriodSeconds: 0,
      finalizers: ['x/y'],
    };
    const next = { ...old, finalizers: ['x/z', 'x/y', 'a/b'] };
    expect(update(next, old)).toEqual([
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"a/b", "x/z"}',
    ]);
    // Removing finalizers is allowed, as is adding them to an object that is not being deleted.
    expect(update({ ...old, finalizers: [] }, old)).toEqual([]);
    expect(
      update(
        { ...next, deletionTimestamp: undefined, deletionGracePeriodSeconds: undefined },
        { ...old, deletionTimestamp: undefined, deletionGracePeriodSeconds: undefined },
      ),
    ).toEqual([]);
  });

  it('keeps identity and timestamps immutable', () => {
    const old = { name: 'a', namespace: 'n', uid: 'u1', creationTimestamp: T0, generation: 2, resourceVersion: '3' };
    const next = {
      name: 'b',
      namespace: 'm',
      uid: 'u2',
      creationTimestamp: T1,
      deletionTimestamp: T1,
      deletionGracePeriodSeconds: 30,
      generation: 1,
    };
    expect(update(next, old)).toEqual([
      'metadata.resourceVersion: Invalid value: "": must be specified for an update',
      'metadata.generation: Invalid value: 1: must not be decremented',
      'metadata.name: Invalid value: "b": field is immutable',
      'metadata.namespace: Invalid value: "m": field is immutable',
      'metadata.uid: Invalid value: "u2": field is immutable',
      'metadata.creationTimestamp: Invalid value: "2024-02-01T00:00:00Z": field is immutable',
      'metadata.deletionTimestamp: Invalid value: "2024-02-01T00:00:00Z": field is immutable',
      'metadata.deletionGracePeriodSeconds: Invalid value: 30: field is immutable',
    ]);
  });

  it('treats equal instants as equal and dropped values as null', () => {
    const old = { name: 'a', resourceVersion: '1', creationTimestamp: T0, deletionGracePeriodSeconds: 30 };
    expect(update({ ...old, creationTimestamp: '2024-01-01T01:00:00+01:00', deletionGracePeriodSeconds: null }, old)).toEqual([
      'metadata.deletionGracePeriodSeconds: Invalid value: null: field is immutable',
    ]);
  });

  it('core flavour adds the legacy finalizer-name rule; neither re-checks finalizer format', () => {
    const old = { name: 'a', resourceVersion: '1' };
    const next = { ...old, finalizers: ['custom', 'bad name/x'] };
    expect(update(next, old, 'core')).toEqual([
      'metadata.finalizers[0]: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified',
    ]);
    expect(update(next, old, 'apimachinery')).toEqual([]);
  });

  it('validateGenericUpdate runs the create-style pass and the update pass', () => {
    const old = { name: 'a', namespace: 'n', resourceVersion: '1' };
    const next = { ...old, labels: { 'bad key': 'v' } };
    const label = `metadata.labels: Invalid value: "bad key": ${KEY_NAME_PART}`;
    // The same label error twice: upstream has both in `causes` (its message lists it once).
    expect(validateGenericUpdate(next, old, true).map(fieldErrorString)).toEqual([label, label]);
  });
});

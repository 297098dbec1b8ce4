import { describe, expect, it } from 'vitest';
import { fieldErrorString, invalidOptions, type FieldError } from '../errors/field-errors.js';
import {
  validateCreateOptions,
  validateDeleteOptions,
  validateFieldManager,
  validatePatchOptions,
  validateTableOptions,
  validateUpdateOptions,
  type DeleteOptionsInput,
} from './options.js';

const strings = (errs: FieldError[]) => errs.map(fieldErrorString);

describe('create/update options', () => {
  it.each<[string, Parameters<typeof validateCreateOptions>[0], string[]]>([
    ['empty', {}, []],
    ['dryRun=All', { dryRun: ['All'] }, []],
    ['dryRun=All twice', { dryRun: ['All', 'All'] }, []],
    ['dryRun=Bogus', { dryRun: ['Bogus'] }, ['dryRun: Unsupported value: ["Bogus"]: supported values: "All"']],
    ['dryRun=All&dryRun=x', { dryRun: ['All', 'x'] }, ['dryRun: Unsupported value: ["All","x"]: supported values: "All"']],
    ['fieldManager of 128 bytes', { fieldManager: 'm'.repeat(128) }, []],
    ['fieldManager of 129 bytes', { fieldManager: 'm'.repeat(129) }, ['fieldManager: Too long: may not be more than 128 bytes']],
    ['fieldManager length is in bytes', { fieldManager: 'é'.repeat(65) }, ['fieldManager: Too long: may not be more than 128 bytes']],
    ['fieldValidation=Strict', { fieldValidation: 'Strict' }, []],
    [
      'fieldValidation=Loud',
      { fieldValidation: 'Loud' },
      ['fieldValidation: Unsupported value: "Loud": supported values: "", "Ignore", "Strict", "Warn"'],
    ],
  ])('%s', (_case, opts, want) => {
    expect(strings(validateCreateOptions(opts))).toEqual(want);
    expect(strings(validateUpdateOptions(opts))).toEqual(want);
  });

  it('renders the CreateOptions 422', () => {
    const err = invalidOptions('CreateOptions', validateCreateOptions({ dryRun: ['Bogus'] }));
    expect(err.status.message).toBe(
      'CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: ["Bogus"]: supported values: "All"',
    );
    expect(err.status.details).toMatchObject({ group: 'meta.k8s.io', kind: 'CreateOptions' });
  });

  // Details only: the rendered value of a string with control characters is the shared renderer's
  // business (Go prints it with %q).
  it('reports one error per non-printable rune, at its byte position', () => {
    const field = 'metadata.managedFields[0].manager';
    const value = 'é\u00a0b\u0007';
    expect(validateFieldManager(value, field)).toEqual([
      { type: 'FieldValueInvalid', field, value, hasValue: true, detail: 'invalid character U+00A0 (at position 2)' },
      { type: 'FieldValueInvalid', field, value, hasValue: true, detail: 'invalid character U+0007 (at position 5)' },
    ]);
  });
});

describe('patch options', () => {
  it.each<[string, Parameters<typeof validatePatchOptions>[0], string, string[]]>([
    ['apply without fieldManager', {}, 'application/apply-patch+yaml', ['fieldManager: Required value: is required for apply patch']],
    [
      'apply (cbor) without fieldManager',
      {},
      'application/apply-patch+cbor',
      ['fieldManager: Required value: is required for apply patch'],
    ],
    ['apply with force', { fieldManager: 'kubectl', force: true }, 'application/apply-patch+yaml', []],
    [
      'merge patch with force',
      { force: false },
      'application/merge-patch+json',
      ['force: Forbidden: may not be specified for non-apply patch'],
    ],
    ['merge patch', { fieldManager: 'x' }, 'application/merge-patch+json', []],
  ])('%s', (_case, opts, patchType, want) => {
    expect(strings(validatePatchOptions(opts, patchType))).toEqual(want);
  });
});

describe('delete options', () => {
  it.each<[string, DeleteOptionsInput, string[]]>([
    ['empty', {}, []],
    ['Foreground', { propagationPolicy: 'Foreground' }, []],
    [
      'unknown policy',
      { propagationPolicy: 'Bogus' },
      ['propagationPolicy: Unsupported value: "Bogus": supported values: "Foreground", "Background", "Orphan", "nil"'],
    ],
    [
      'orphanDependents together with propagationPolicy',
      { propagationPolicy: 'Orphan', orphanDependents: false },
      ['propagationPolicy: Invalid value: "Orphan": orphanDependents and deletionPropagation cannot be both set'],
    ],
    ['orphanDependents alone', { orphanDependents: true }, []],
    ['negative gracePeriodSeconds is not rejected', { gracePeriodSeconds: -5 }, []],
    ['dryRun', { dryRun: ['all'] }, ['dryRun: Unsupported value: ["all"]: supported values: "All"']],
    [
      'ignoreStoreReadError... is cleared while its gate is off',
      { ignoreStoreReadErrorWithClusterBreakingPotential: true, dryRun: ['All'] },
      [],
    ],
  ])('%s', (_case, opts, want) => {
    expect(strings(validateDeleteOptions(opts))).toEqual(want);
  });

  it('checks ignoreStoreReadErrorWithClusterBreakingPotential when its gate is on', () => {
    const errs = validateDeleteOptions(
      { ignoreStoreReadErrorWithClusterBreakingPotential: true, dryRun: ['All'], gracePeriodSeconds: 0, preconditions: {} },
      { allowUnsafeMalformedObjectDeletion: true },
    );
    expect(strings(errs)).toEqual([
      'ignoreStoreReadErrorWithClusterBreakingPotential: Invalid value: true: cannot be set together with .dryRun',
      'ignoreStoreReadErrorWithClusterBreakingPotential: Invalid value: true: cannot be set together with .gracePeriodSeconds',
      'ignoreStoreReadErrorWithClusterBreakingPotential: Invalid value: true: cannot be set together with .preconditions',
    ]);
  });

  it('renders the DeleteOptions 422 with both errors', () => {
    const err = invalidOptions('DeleteOptions', validateDeleteOptions({ propagationPolicy: 'Bogus', orphanDependents: true }));
    expect(err.status.message).toBe(
      'DeleteOptions.meta.k8s.io "" is invalid: [propagationPolicy: Invalid value: "Bogus": orphanDependents and deletionPropagation cannot be both set, propagationPolicy: Unsupported value: "Bogus": supported values: "Foreground", "Background", "Orphan", "nil"]',
    );
  });
});

describe('table options', () => {
  it.each([[''], ['None'], ['Metadata'], ['Object']])('%j is allowed', (v) => {
    expect(validateTableOptions({ includeObject: v })).toEqual([]);
  });
  it('rejects anything else', () => {
    expect(strings(validateTableOptions({ includeObject: 'All' }))).toEqual([
      `includeObject: Invalid value: "All": must be 'Metadata', 'Object', 'None', or empty`,
    ]);
  });
});

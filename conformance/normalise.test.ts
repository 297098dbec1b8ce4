import { describe, expect, it } from 'vitest';
import { normalise } from './normalise.js';

describe('normalise', () => {
  const obj = {
    kind: 'ConfigMap',
    metadata: {
      name: 'cm-x7k2p',
      namespace: 'kh-case-abcde',
      uid: '4ee84051-c323-44eb-b6aa-1540fb6e5225',
      resourceVersion: '265',
      creationTimestamp: '2026-11-22T18:02:01Z',
      labels: { 'kubeharness.io/run': 'r8nd0m42' },
      managedFields: [{ manager: 'm', time: '2026-11-22T18:02:01Z' }],
    },
    message: 'configmaps "cm-x7k2p" in kh-case-abcde, uid 4ee84051-c323-44eb-b6aa-1540fb6e5225 at 2026-11-22T18:02:01Z',
    list: { metadata: { continue: 'eyJ2Ijoi', resourceVersion: '7' } },
  };
  const tokens = { 'kh-case-abcde': '<ns>', r8nd0m42: '<run>', x7k2p: '<rand>' };

  it('replaces uids, timestamps, resourceVersions, continue tokens and run tokens', () => {
    expect(normalise(obj, { tokens })).toEqual({
      kind: 'ConfigMap',
      metadata: {
        name: 'cm-<rand>',
        namespace: '<ns>',
        uid: '<uid>',
        resourceVersion: '<rv>',
        creationTimestamp: '<time>',
        labels: { 'kubeharness.io/run': '<run>' },
        managedFields: [{ manager: 'm', time: '<time>' }],
      },
      message: 'configmaps "cm-<rand>" in <ns>, uid <uid> at <time>',
      list: { metadata: { continue: '<continue>', resourceVersion: '<rv>' } },
    });
  });

  it('replaces server-generated names and resourceVersions inside messages', () => {
    expect(normalise({ metadata: { generateName: 'gen-', name: 'gen-b4x9z' } })).toEqual({
      metadata: { generateName: 'gen-', name: 'gen-<gen>' },
    });
    expect(normalise('Timeout: Too large resource version: 1000, current: 562')).toBe(
      'Timeout: Too large resource version: <rv>, current: <rv>',
    );
    expect(normalise('too old resource version: 1 (1234)')).toBe('too old resource version: <rv>');
  });

  it('keeps empty values, numbers and structure; does not mutate; is idempotent', () => {
    const input = { metadata: { resourceVersion: '', uid: '' }, n: 3, b: true, z: null, items: [] };
    const copy = structuredClone(input);
    const once = normalise(input, { tokens });
    expect(once).toEqual(input);
    expect(input).toEqual(copy);
    expect(normalise(normalise(obj, { tokens }), { tokens })).toEqual(normalise(obj, { tokens }));
  });
});

import { describe, expect, it } from 'vitest';
import type { SuiteResult } from '../runner.js';
import type { CaseRun } from '../types.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { buildReport, closingLine, exitCodeOf } from './model.js';

const run = (status: CaseRun['status'], extra: Partial<CaseRun> = {}): CaseRun => ({
  status,
  durationMs: 5,
  assertions: [],
  observations: {},
  exchanges: [],
  softFailures: 0,
  tokens: {},
  ...extra,
});

const failing = run('failed', {
  message: 'MUST HTTP status: expected 201, got 500',
  assertions: [{ strength: 'MUST', label: 'HTTP status of POST <x>', passed: false, expected: 201, actual: 500, exchangeId: 1 }],
  exchanges: [
    {
      id: 1,
      method: 'POST',
      path: '/api/v1/namespaces/ns/configmaps',
      requestHeaders: { 'content-type': 'application/json' },
      requestBody: { metadata: { name: '<script>alert(1)</script>' } },
      status: 500,
      responseHeaders: {},
      responseBody: { kind: 'Status', code: 500 },
    },
  ],
});

const result: SuiteResult = {
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1234,
  targets: [
    {
      info: { name: 'fake', kind: 'fake', description: 'fake' },
      status: 'ran',
      durationMs: 10,
      runs: { 'case-a': run('passed'), 'case-b': failing },
    },
    {
      info: { name: 'reference', kind: 'real', description: 'ref', version: 'v1.35.4' },
      status: 'ran',
      durationMs: 10,
      runs: {
        'case-a': run('passed'),
        'case-b': run('passed', { exchanges: [{ ...failing.exchanges[0], status: 201, responseBody: { kind: 'ConfigMap' } }] }),
      },
    },
  ],
  cases: [
    { name: 'case-a', area: 'crud', description: 'A', verdict: { verdict: 'ok', note: '' }, differences: [] },
    {
      name: 'case-b',
      area: 'crud',
      description: 'B',
      verdict: { verdict: 'unexpected-difference', note: 'passes on reference but fails on the fake' },
      differences: [{ label: 'created', a: 'fake', b: 'reference', entries: [{ path: '.status', kind: 'changed', a: 500, b: 201 }] }],
    },
  ],
};

describe('report', () => {
  const model = buildReport(result);

  it('counts per target and fails the run on an unexpected difference', () => {
    expect(model.targets.map(closingLine)).toEqual(['fake: 1 passed, 1 failed', 'reference: 2 passed, 0 failed']);
    expect(model.failed).toBe(true);
    expect(exitCodeOf([{ verdict: 'known-gap' }])).toBe(0);
    expect(exitCodeOf([{ verdict: 'known-gap' }], true)).toBe(1);
    expect(exitCodeOf([{ verdict: 'wrong-case' }])).toBe(1);
  });

  it('renders markdown with the closing lines and the problem list', () => {
    const md = renderMarkdown(model);
    expect(md).toContain('fake: 1 passed, 1 failed');
    expect(md).toContain('## Unexpected differences (fail the run)');
    expect(md).toContain('| case-b | crud |');
    expect(md).toContain('## Differential differences');
  });

  it('renders self-contained, escaped HTML with the matrix, both responses and the diff', () => {
    const html = renderHtml(model);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('id="case-case-b"');
    expect(html).toContain('<b>fake</b>');
    expect(html).toContain('<b>reference</b>');
    expect(html).toContain('Diff of normalised responses');
    expect(html).toContain('unexpected-difference');
  });
});

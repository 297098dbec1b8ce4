/** Custom resource Tables by example (golden.test.ts compares them with upstream's tableconvertor). */
import { describe, expect, it } from 'vitest';
import { AGE_DESCRIPTION, NAME_COLUMN } from './columns.js';
import { customResourcePrinter, customResourceScalePrinter } from './custom-resource.js';

const NOW = Date.parse('2026-01-01T01:00:00Z');
const widget = {
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { name: 'w1', namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z' },
  spec: { replicas: 3, size: 1.5, enabled: true, hosts: ['a.example.com', 'b.example.com'], ports: [{ name: 'http' }, { name: 'grpc' }] },
  status: {
    conditions: [
      { type: 'Synced', status: 'False' },
      { type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:30:00Z' },
    ],
  },
};

describe('customResourcePrinter', () => {
  it('defaults to Name and Age when the version has no additionalPrinterColumns', () => {
    for (const cols of [undefined, null, []]) {
      const p = customResourcePrinter(cols);
      expect(p.columns).toEqual([NAME_COLUMN, { name: 'Age', type: 'date', format: '', description: AGE_DESCRIPTION, priority: 0 }]);
      expect(p.row(widget, NOW)).toEqual({ cells: ['w1', '60m'] });
    }
  });

  it('evaluates JSONPath columns and types their cells', () => {
    const p = customResourcePrinter([
      { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
      { name: 'Size', type: 'number', jsonPath: '.spec.size' },
      { name: 'Enabled', type: 'boolean', jsonPath: '.spec.enabled' },
      { name: 'Hosts', type: 'string', jsonPath: '.spec.hosts' },
      { name: 'First Host', type: 'string', jsonPath: '.spec.hosts[0]' },
      { name: 'Port', type: 'string', jsonPath: '.spec.ports[*].name' },
      { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
      { name: 'Ready Since', type: 'date', jsonPath: ".status.conditions[?(@.type=='Ready')].lastTransitionTime" },
      { name: 'Missing', type: 'string', jsonPath: '.spec.nothing' },
      { name: 'Namespace', type: 'string', format: 'name', priority: 1, description: 'Where it lives', jsonPath: '.metadata.namespace' },
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    ]);
    expect(p.columns.map((c) => [c.name, c.type, c.format, c.priority])).toEqual([
      ['Name', 'string', 'name', 0],
      ['Replicas', 'integer', '', 0],
      ['Size', 'number', '', 0],
      ['Enabled', 'boolean', '', 0],
      ['Hosts', 'string', '', 0],
      ['First Host', 'string', '', 0],
      ['Port', 'string', '', 0],
      ['Ready', 'string', '', 0],
      ['Ready Since', 'date', '', 0],
      ['Missing', 'string', '', 0],
      ['Namespace', 'string', 'name', 1],
      ['Age', 'date', '', 0],
    ]);
    expect(p.columns[1].description).toBe('Custom resource definition column (in JSONPath format): .spec.replicas');
    expect(p.columns[10].description).toBe('Where it lives');
    expect(p.row(widget, NOW).cells).toEqual([
      'w1',
      3,
      1.5,
      true,
      '["a.example.com","b.example.com"]',
      'a.example.com',
      'http', // only the first result is used
      'True',
      '30m',
      null,
      'default',
      '60m',
    ]);
  });

  it('gives null for values of the wrong type and <invalid> for unparsable dates', () => {
    const p = customResourcePrinter([
      { name: 'A', type: 'integer', jsonPath: '.spec.enabled' },
      { name: 'B', type: 'boolean', jsonPath: '.spec.replicas' },
      { name: 'C', type: 'date', jsonPath: '.spec.when' },
      { name: 'D', type: 'integer', jsonPath: '.spec.hosts[9]' },
    ]);
    expect(p.row({ ...widget, spec: { ...widget.spec, when: 'yesterday' } }, NOW).cells).toEqual(['w1', null, null, '<invalid>', null]);
  });

  it('drops the first column with an unparsable JSONPath and every column after it', () => {
    const p = customResourcePrinter([
      { name: 'A', type: 'string', jsonPath: '.spec.hosts[0]' },
      { name: 'B', type: 'string', jsonPath: '.spec.hosts[x' },
      { name: 'C', type: 'string', jsonPath: '.spec.hosts[1]' },
    ]);
    expect(p.columns.map((c) => c.name)).toEqual(['Name', 'A']);
    expect(p.row(widget, NOW).cells).toEqual(['w1', 'a.example.com']);
  });
});

describe('customResourceScalePrinter', () => {
  const scale = {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: { name: 'w1', creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: { replicas: 3 },
    status: { replicas: 2 },
  };
  it('has Desired and Available only for the declared replica paths', () => {
    const both = customResourceScalePrinter({ specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' });
    expect(both.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['Name:string', 'Desired:integer', 'Available:integer', 'Age:date']);
    expect(both.row(scale, NOW).cells).toEqual(['w1', 3, 2, '60m']);
    const specOnly = customResourceScalePrinter({ specReplicasPath: '.spec.replicas' });
    expect(specOnly.columns.map((c) => c.name)).toEqual(['Name', 'Desired', 'Age']);
  });
});

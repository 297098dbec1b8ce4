/**
 * Tables captured from a real kube-apiserver v1.35.4 (testdata/real-server.json, made by
 * testdata/capture-real-server.sh): the columns and every row must come out the same from these
 * printers, given the row objects and the response's Date as the request time.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goCompare } from '../selectors/go-format.js';
import { customResourcePrinter, customResourceScalePrinter } from './custom-resource.js';
import { printerFor } from './registry.js';
import { printRows } from './rows.js';
import type { Obj, TablePrinter } from './types.js';

interface Capture {
  path: string;
  nowMs: number;
  table: { columnDefinitions: unknown[]; rows: Array<{ cells: unknown[]; conditions?: unknown[]; object: Obj }> };
}

const captures = JSON.parse(readFileSync(new URL('./testdata/real-server.json', import.meta.url), 'utf8')) as Capture[];

/** group, version, resource and subresource of an API path. */
function parsePath(path: string): { group: string; version: string; resource: string; subresource: string } {
  const parts = new URL(path, 'https://x').pathname.split('/').filter(Boolean);
  const [group, version, rest] = parts[0] === 'api' ? ['', parts[1], parts.slice(2)] : [parts[1], parts[2], parts.slice(3)];
  const r = rest[0] === 'namespaces' && rest.length > 2 ? rest.slice(2) : rest;
  return { group, version, resource: r[0], subresource: r[2] ?? '' };
}

const crd = captures.find((c) => c.path.includes('/customresourcedefinitions/'))!.table.rows[0].object;

function printerForCapture(path: string): TablePrinter | undefined {
  const { group, version, resource, subresource } = parsePath(path);
  if (group !== crd.spec.group || resource !== crd.spec.names.plural) return printerFor(group, resource, subresource);
  const v = crd.spec.versions.find((x: Obj) => x.name === version);
  if (subresource === 'scale') return customResourceScalePrinter(v.subresources.scale);
  return customResourcePrinter(v.additionalPrinterColumns);
}

describe('Tables of a real kube-apiserver v1.35.4', () => {
  it.each(captures.map((c) => [c.path, c] as const))('%s', (path, c) => {
    const printer = printerForCapture(path);
    if (c.table.columnDefinitions.map((d: any) => d.name).join() === 'Name,Created At') {
      expect(printer).toBeUndefined(); // the default table
      return;
    }
    expect(printer).toBeDefined();
    expect(printer!.columns).toEqual(c.table.columnDefinitions);
    const items = c.table.rows.map((r) => r.object);
    // Feed the items in name order: the list order of storage. printRows must restore the server's row order.
    const byName = [...items].sort((a, b) => goCompare(a.metadata.name, b.metadata.name));
    const rows = printRows(printer!, byName, c.nowMs);
    expect(rows.map((r) => r.item)).toEqual(items);
    expect(rows.map(({ cells, conditions }) => (conditions ? { cells, conditions } : { cells }))).toEqual(
      c.table.rows.map(({ cells, conditions }) => (conditions ? { cells, conditions } : { cells })),
    );
  });
});

/**
 * Every printer against the real v1.35.4 printers: testdata/golden.json holds, for each case of
 * testdata/cases.json, the object after upstream's decoding (defaults applied), the time the
 * Table was built, and the column definitions and rows that pkg/printers (or apiextensions'
 * tableconvertor, for `crdColumns` cases) produced. Regenerate with testdata/regen.sh.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { customResourcePrinter, type CustomResourceColumn } from './custom-resource.js';
import { printerFor } from './registry.js';
import { csiStorageCapacityPrinter } from './storage.js';
import type { ColumnDefinition, PrintedRow } from './types.js';

interface GoldenCase {
  name: string;
  group?: string;
  resource?: string;
  noPrinter?: boolean;
  crdColumns?: CustomResourceColumn[];
  nowMs: number;
  object: Record<string, any>;
  columns?: ColumnDefinition[];
  rows: PrintedRow[] | null;
  error?: string;
}

const golden = JSON.parse(readFileSync(new URL('./testdata/golden.json', import.meta.url), 'utf8')) as {
  columns: Record<string, ColumnDefinition[]>;
  cases: GoldenCase[];
};

describe('built-in printers match the upstream printers', () => {
  const builtIn = golden.cases.filter((c) => c.crdColumns === undefined && c.resource !== undefined);
  it.each(builtIn.filter((c) => !c.noPrinter).map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const printer = printerFor(c.group ?? '', c.resource!);
    expect(printer, `printer for ${c.group}/${c.resource}`).toBeDefined();
    expect(printer!.columns).toEqual(golden.columns[`${c.group ?? ''}/${c.resource}`]);
    expect(c.rows).toHaveLength(1);
    expect(printer!.row(c.object, c.nowMs)).toEqual(c.rows![0]);
  });

  it.each(builtIn.filter((c) => c.noPrinter).map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(printerFor(c.group ?? '', c.resource!)).toBeUndefined();
  });

  it('csistoragecapacities: upstream printer exists but the storage serves the default table', () => {
    const c = builtIn.find((x) => x.resource === 'csistoragecapacities')!;
    expect(csiStorageCapacityPrinter.columns).toEqual(golden.columns['storage.k8s.io/csistoragecapacities']);
    expect(csiStorageCapacityPrinter.row(c.object, c.nowMs)).toEqual(c.rows![0]);
  });
});

describe('custom resource printers match the upstream tableconvertor', () => {
  it.each(golden.cases.filter((c) => c.crdColumns !== undefined).map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const printer = customResourcePrinter(c.crdColumns!);
    expect(printer.columns).toEqual(c.columns);
    expect(printer.row(c.object, c.nowMs)).toEqual(c.rows![0]);
  });
});

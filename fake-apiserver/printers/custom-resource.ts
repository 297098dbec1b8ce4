/**
 * Tables of custom resources: a port of apiextensions-apiserver's tableconvertor with the CRD
 * handler's column defaulting. The Name column comes first, then one column per
 * additionalPrinterColumn, each cell the first result of its JSONPath (client-go jsonpath with
 * missing keys allowed), typed by the column's type.
 */
import { AGE_DESCRIPTION, col, NAME_COLUMN } from './columns.js';
import { humanDuration } from './duration.js';
import { findResults } from './jsonpath/evaluate.js';
import { printResult } from './jsonpath/go-values.js';
import { parseJSONPath, type ListNode } from './jsonpath/parser.js';
import { parseTimestamp } from './timestamps.js';
import type { ColumnDefinition, Obj, TablePrinter } from './types.js';

/** `apiextensionsv1.CustomResourceColumnDefinition`. */
export interface CustomResourceColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

/** `serveDefaultColumnsIfEmpty`: a version without additionalPrinterColumns gets an Age column. */
const DEFAULT_COLUMNS: CustomResourceColumn[] = [
  { name: 'Age', type: 'date', description: AGE_DESCRIPTION, jsonPath: '.metadata.creationTimestamp' },
];

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** `cellForJSONValue`: the typed cell of a non-string column; null when the value does not fit. */
function cellForJSONValue(type: string, value: unknown, nowMs: number): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'string':
      return typeof value === 'string' ? value : null;
    case 'date': {
      if (typeof value !== 'string') return null;
      // metav1.Time.UnmarshalQueryParameter, then ConvertToHumanReadableDateType.
      if (value === '' || value === 'null') return '<unknown>';
      if (!RFC3339.test(value)) return '<invalid>';
      const t = parseTimestamp(value);
      return t === undefined ? '<unknown>' : humanDuration(nowMs - t);
    }
  }
  return null;
}

interface Column {
  def: ColumnDefinition;
  path: ListNode;
}

/**
 * The Table printer for a custom resource version with these additionalPrinterColumns (an empty or
 * missing list means the default Age column). As upstream, a column whose JSONPath does not parse
 * ends the list: it and the columns after it are dropped (the CRD handler logs and carries on).
 */
export function customResourcePrinter(additionalPrinterColumns: readonly CustomResourceColumn[] | null | undefined): TablePrinter {
  const defs = additionalPrinterColumns && additionalPrinterColumns.length > 0 ? additionalPrinterColumns : DEFAULT_COLUMNS;
  const columns: Column[] = [];
  for (const c of defs) {
    let path: ListNode;
    try {
      path = parseJSONPath(`{${c.jsonPath}}`);
    } catch {
      break;
    }
    const description =
      c.description && c.description.length > 0 ? c.description : `Custom resource definition column (in JSONPath format): ${c.jsonPath}`;
    columns.push({ def: col(c.name, c.type, description, { format: c.format ?? '', priority: c.priority ?? 0 }), path });
  }
  const definitions = Object.freeze([NAME_COLUMN, ...columns.map((c) => Object.freeze(c.def))]);
  return {
    columns: definitions,
    row(obj: Obj, nowMs: number) {
      const cells: unknown[] = [typeof obj?.metadata?.name === 'string' ? obj.metadata.name : ''];
      for (const { def, path } of columns) {
        let results: unknown[][];
        try {
          results = findResults(path, obj, true);
        } catch {
          cells.push(null);
          continue;
        }
        if (results.length === 0 || results[0].length === 0) {
          cells.push(null);
          continue;
        }
        // Only simple JSONPaths are supported, so only the first result counts.
        const value = results[0][0];
        cells.push(def.type === 'string' ? printResult(value) : cellForJSONValue(def.type, value, nowMs));
      }
      return { cells };
    },
  };
}

/**
 * The Table of a custom resource's `scale` subresource (getScaleColumnsForVersion): Desired and
 * Available when the CRD declares spec/status replicas paths, then Age, over the Scale object.
 */
export function customResourceScalePrinter(scale: { specReplicasPath?: string; statusReplicasPath?: string }): TablePrinter {
  const cols: CustomResourceColumn[] = [];
  if (scale.specReplicasPath) {
    cols.push({ name: 'Desired', type: 'integer', description: 'Number of desired replicas', jsonPath: '.spec.replicas' });
  }
  if (scale.statusReplicasPath) {
    cols.push({ name: 'Available', type: 'integer', description: 'Number of actual replicas', jsonPath: '.status.replicas' });
  }
  cols.push(...DEFAULT_COLUMNS);
  return customResourcePrinter(cols);
}

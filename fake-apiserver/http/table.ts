/**
 * Table output (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`): the real server's
 * printer columns for built-in kinds (fake-apiserver/printers), the CRD's printer columns for
 * custom resources, and the default Name/Created At table (rest.NewDefaultTableConvertor) for
 * everything else. rows[].object is PartialObjectMetadata unless includeObject says otherwise.
 */
import { badRequest } from '../errors/status.js';
import { customResourcePrinter, printerFor, printRows, type TablePrinter } from '../printers/index.js';
import type { ListResult } from '../registry/lister.js';
import type { Strategy } from '../registry/strategy.js';
import type { KubeObject } from '../store/types.js';

const DEFAULT_PRINTER: TablePrinter = {
  columns: [
    {
      name: 'Name',
      type: 'string',
      format: 'name',
      description:
        'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
      priority: 0,
    },
    {
      name: 'Created At',
      type: 'date',
      format: '',
      description:
        'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
      priority: 0,
    },
  ],
  row: (o) => ({ cells: [o.metadata?.name, o.metadata?.creationTimestamp] }),
};

const crdPrinters = new WeakMap<object, TablePrinter>();

/** The printer for a resource (or its status/scale subresource). */
export function printerOf(s: Strategy, subresource = ''): TablePrinter {
  if (s.customMeta) {
    let p = crdPrinters.get(s.customMeta);
    if (!p) crdPrinters.set(s.customMeta, (p = customResourcePrinter(s.customMeta.printerColumns)));
    return p;
  }
  return printerFor(s.info.group, s.info.resource, subresource || undefined) ?? DEFAULT_PRINTER;
}

export function validateIncludeObject(value: string | undefined): string {
  const v = value ?? 'Metadata';
  if (v === '') return 'Metadata';
  if (v !== 'Metadata' && v !== 'Object' && v !== 'None') throw badRequest(`unrecognized includeObject value: ${JSON.stringify(v)}`);
  return v;
}

function rowObject(obj: KubeObject, includeObject: string, version: string): unknown {
  if (includeObject === 'None') return null;
  if (includeObject === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: obj.metadata };
}

export function buildTable(
  printer: TablePrinter,
  objects: readonly KubeObject[],
  version: string,
  includeObject: string,
  meta: Record<string, unknown>,
  noHeaders = false,
  nowMs = Date.now(),
): Record<string, unknown> {
  const table: Record<string, unknown> = { kind: 'Table', apiVersion: `meta.k8s.io/${version}`, metadata: meta };
  if (!noHeaders) table.columnDefinitions = printer.columns;
  table.rows = printRows(printer, objects as KubeObject[], nowMs).map((r) => {
    const row: Record<string, unknown> = { cells: r.cells };
    if (r.conditions) row.conditions = r.conditions;
    row.object = rowObject(r.item as KubeObject, includeObject, version);
    return row;
  });
  return table;
}

export function tableForList(printer: TablePrinter, list: ListResult, version: string, includeObject: string): Record<string, unknown> {
  const meta: Record<string, unknown> = { resourceVersion: list.resourceVersion };
  if (list.continue) meta.continue = list.continue;
  if (list.remainingItemCount !== undefined) meta.remainingItemCount = list.remainingItemCount;
  return buildTable(printer, list.items, version, includeObject, meta);
}

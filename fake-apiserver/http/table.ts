/**
 * Table output (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`), with the default columns
 * every resource without a printer gets (rest.NewDefaultTableConvertor): Name and Created At.
 * rows[].object is PartialObjectMetadata unless includeObject says otherwise.
 */
import { badRequest } from '../errors/status.js';
import type { ListResult } from '../registry/lister.js';
import type { KubeObject } from '../store/types.js';

const DEFAULT_COLUMNS = [
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
];

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

export function defaultTable(
  objects: KubeObject[],
  version: string,
  includeObject: string,
  meta: Record<string, unknown>,
  noHeaders = false,
): Record<string, unknown> {
  const table: Record<string, unknown> = { kind: 'Table', apiVersion: `meta.k8s.io/${version}`, metadata: meta };
  if (!noHeaders) table.columnDefinitions = DEFAULT_COLUMNS;
  table.rows = objects.map((o) => ({
    cells: [o.metadata.name, o.metadata.creationTimestamp],
    object: rowObject(o, includeObject, version),
  }));
  return table;
}

export function tableForList(list: ListResult, version: string, includeObject: string): Record<string, unknown> {
  const meta: Record<string, unknown> = { resourceVersion: list.resourceVersion };
  if (list.continue) meta.continue = list.continue;
  if (list.remainingItemCount !== undefined) meta.remainingItemCount = list.remainingItemCount;
  return defaultTable(list.items, version, includeObject, meta);
}

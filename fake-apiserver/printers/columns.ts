/**
 * Building blocks for column definitions: the descriptions most printers share (the swagger docs of
 * ObjectMeta.name and ObjectMeta.creationTimestamp, and the container columns) and a constructor.
 */
import type { ColumnDefinition, Obj, PrintedRow, TablePrinter } from './types.js';

/** `metav1.ObjectMeta{}.SwaggerDoc()["name"]`. */
export const NAME_DESCRIPTION =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';

/** `metav1.ObjectMeta{}.SwaggerDoc()["creationTimestamp"]`. */
export const AGE_DESCRIPTION =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

export const CONTAINERS_DESCRIPTION = 'Names of each container in the template.';
export const IMAGES_DESCRIPTION = 'Images referenced by each container in the template.';

export function col(name: string, type: string, description: string, opts: { format?: string; priority?: number } = {}): ColumnDefinition {
  return { name, type, format: opts.format ?? '', description, priority: opts.priority ?? 0 };
}

/** The `Name` column almost every printer starts with. */
export const NAME_COLUMN = col('Name', 'string', NAME_DESCRIPTION, { format: 'name' });
/** The `Age` column (a human duration since creationTimestamp). */
export const AGE_COLUMN = col('Age', 'string', AGE_DESCRIPTION);
/** The wide-output `Containers` and `Images` columns of the printers of objects with a pod template. */
export const WIDE_CONTAINER_COLUMNS: readonly ColumnDefinition[] = [
  col('Containers', 'string', CONTAINERS_DESCRIPTION, { priority: 1 }),
  col('Images', 'string', IMAGES_DESCRIPTION, { priority: 1 }),
];

/** A printer from its columns and a function returning the cells (or a whole row, for conditions). */
export function printer(
  columns: ColumnDefinition[],
  cells: (obj: Obj, nowMs: number) => unknown[] | PrintedRow,
  order?: (items: readonly Obj[]) => Obj[],
): TablePrinter {
  const frozen = Object.freeze(columns.map((c) => Object.freeze(c)));
  const p: TablePrinter = {
    columns: frozen,
    row(obj, nowMs) {
      const out = cells(obj ?? {}, nowMs);
      return Array.isArray(out) ? { cells: out } : out;
    },
  };
  if (order) p.order = order;
  return p;
}

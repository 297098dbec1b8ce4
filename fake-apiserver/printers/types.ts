/**
 * The shapes of the server-side printers (pkg/printers in kubernetes v1.35.4): the column
 * definitions of a `meta.k8s.io/v1` Table and the cells of one row.
 */

/** A plain JSON object as stored (any Kubernetes object, or a part of one). */
export type Obj = Record<string, any>;

/** `metav1.TableColumnDefinition`. */
export interface ColumnDefinition {
  name: string;
  /** An OpenAPI type: `string`, `integer`, `number`, `boolean`, `date` (CRD columns may say others). */
  type: string;
  /** An OpenAPI format; `name` marks the column holding the object name. Empty when none. */
  format: string;
  description: string;
  /** 0 for the default output; 1 and higher only for `-o wide` (the server always sends every column). */
  priority: number;
}

/** `metav1.TableRowCondition`; the only type upstream sets is `Completed` (succeeded/failed pods). */
export interface TableRowCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

/** One `metav1.TableRow` without its `object` (the caller adds that: includeObject decides its form). */
export interface PrintedRow {
  /** As many cells as the printer has columns: strings, integers, numbers, booleans or null. */
  cells: unknown[];
  /** Serialised as `conditions` only when present (`omitempty`). */
  conditions?: TableRowCondition[];
}

/** A printer for one kind: the Table's column definitions and how to print one object as a row. */
export interface TablePrinter {
  readonly columns: readonly ColumnDefinition[];
  /**
   * The row of one object. `nowMs` is the request time (epoch milliseconds) that Age-like cells are
   * computed against, as the real server does with `time.Now()` when it builds the Table.
   */
  row(obj: Obj, nowMs: number): PrintedRow;
  /**
   * The order of a list's rows when it is not the list's own order. Upstream only reorders
   * flowschemas (by matchingPrecedence, then name); use `printRows` rather than calling this.
   */
  order?(items: readonly Obj[]): Obj[];
}

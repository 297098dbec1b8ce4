/** Printing a list: the rows in the order the real server returns them, each with its item. */
import type { Obj, PrintedRow, TablePrinter } from './types.js';

export interface ListRow<T extends Obj = Obj> extends PrintedRow {
  /** The list item this row prints (for the caller's `rows[].object`). */
  item: T;
}

/**
 * The rows of a list Table. Upstream prints list items in order, except flowschemas, which are
 * sorted by matchingPrecedence and name; `item` lets the caller attach each row's object.
 */
export function printRows<T extends Obj>(printer: TablePrinter, items: readonly T[], nowMs: number): ListRow<T>[] {
  const ordered = (printer.order ? printer.order(items) : [...items]) as T[];
  return ordered.map((item) => ({ ...printer.row(item, nowMs), item }));
}

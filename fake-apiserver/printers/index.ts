/**
 * Server-side Table printers, ported from kubernetes v1.35.4: pkg/printers/internalversion (the
 * built-in kinds), kube-aggregator (apiservices), apiextensions-apiserver's tableconvertor (custom
 * resources) and apimachinery's duration helpers. The HTTP layer decides when to use them
 * (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`) and adds `rows[].object`.
 */
export type { ColumnDefinition, Obj, PrintedRow, TablePrinter, TableRowCondition } from './types.js';
export { printerFor, printedResources } from './registry.js';
export { printRows, type ListRow } from './rows.js';
export { customResourcePrinter, customResourceScalePrinter, type CustomResourceColumn } from './custom-resource.js';
export { statusPrinter } from './apiserver-internal.js';
export { humanDuration, shortHumanDuration } from './duration.js';
export { quantityString } from './quantity.js';

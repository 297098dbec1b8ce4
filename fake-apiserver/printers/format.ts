/**
 * The small formatting helpers the printers share: label maps and selectors, container lists,
 * "a,b,c + N more..." lists, IntOrString, booleans, and Go's `%v` of a few values.
 */
import { goCompare } from '../selectors/go-format.js';
import { labelSelectorFromMetav1, type LabelSelectorV1 } from '../selectors/label-selector.js';
import type { Obj } from './types.js';

/** A value as an array (empty when missing or not an array). */
export function arr(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}

/** A value as an object (empty when missing or not an object). */
export function obj(v: unknown): Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
}

/** A value as a string (Go's zero value "" when missing). */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** A value as an integer (Go's zero value 0 when missing). */
export function int(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0;
}

/** `labels.FormatLabels`: "k=v" pairs sorted and joined with ",", or `<none>`. */
export function formatLabels(labels: unknown): string {
  const pairs = Object.entries(obj(labels)).map(([k, v]) => `${k}=${str(v)}`);
  return pairs.length === 0 ? '<none>' : pairs.sort(goCompare).join(',');
}

/** `metav1.LabelSelectorAsSelector(sel).String()`; `<invalid>` when conversion fails. */
export function selectorString(sel: unknown, invalid = '<invalid>'): string {
  try {
    return labelSelectorFromMetav1(sel === undefined || sel === null ? null : (obj(sel) as LabelSelectorV1)).toString();
  } catch {
    return invalid;
  }
}

/** `metav1.FormatLabelSelector`: the selector string, `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(sel: unknown): string {
  const s = selectorString(sel, '<error>');
  return s.length === 0 ? '<none>' : s;
}

/** `layoutContainerCells`: container names and images, each joined with ",". */
export function layoutContainerCells(containers: unknown): [string, string] {
  const list = arr(containers).map(obj);
  return [list.map((c) => str(c.name)).join(','), list.map((c) => str(c.image)).join(',')];
}

/** `listWithMoreString`: "a,b,c + N more...", or `<unset>` for an empty list. */
export function listWithMoreString(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret === '' ? '<unset>' : ret;
}

/** `intstr.IntOrString.String()`. */
export function intOrString(v: unknown): string {
  if (typeof v === 'number') return String(Math.trunc(v));
  return str(v);
}

/** `printBool`. */
export function printBool(v: boolean): string {
  return v ? 'True' : 'False';
}

/** `printBoolPtr`: `<unset>` when nil. */
export function printBoolPtr(v: unknown): string {
  return typeof v === 'boolean' ? printBool(v) : '<unset>';
}

/** `schema.GroupResource.String()` / `metav1.GroupResource.String()`: "resource.group" or "resource". */
export function groupResourceString(group: unknown, resource: unknown): string {
  return str(group) === '' ? str(resource) : `${str(resource)}.${str(group)}`;
}

/** `net.JoinHostPort`: brackets around hosts containing a colon (IPv6). */
export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The gogo-protobuf `String()` of a `*metav1.LabelSelector` (what `%v`/`.String()` print upstream). */
export function labelSelectorProtoString(sel: Obj): string {
  const labels = obj(sel.matchLabels);
  const keys = Object.keys(labels).sort(goCompare);
  const map = `map[string]string{${keys.map((k) => `${k}: ${str(labels[k])},`).join('')}}`;
  const reqs = arr(sel.matchExpressions)
    .map(obj)
    .map((r) => `LabelSelectorRequirement{Key:${str(r.key)},Operator:${str(r.operator)},Values:[${arr(r.values).map(str).join(' ')}],},`)
    .join('');
  return `&LabelSelector{MatchLabels:${map},MatchExpressions:[]LabelSelectorRequirement{${reqs}},}`;
}

/** A sorted set of strings (`sets.NewString(...).List()`). */
export function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(goCompare);
}

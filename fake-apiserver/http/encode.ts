/**
 * Serialisation of stored objects, lists, Tables and PartialObjectMetadata.
 *
 * Stored objects are immutable, so their JSON is cached per object: a list of 10,000 items costs a
 * join of cached strings. Built-in (typed) list items carry no kind/apiVersion; custom resource
 * (unstructured) list items do, as the real server's encoders produce them.
 */
import yaml from 'js-yaml';
import type { ListResult } from '../registry/lister.js';
import type { KubeObject } from '../store/types.js';
import { buildTable, tableForList } from './table.js';
import type { TablePrinter } from '../printers/index.js';
import type { OutputFormat } from './negotiation.js';

const fullJson = new WeakMap<KubeObject, string>();
const itemJson = new WeakMap<KubeObject, string>();

export function objectJson(obj: KubeObject): string {
  let s = fullJson.get(obj);
  if (s === undefined) {
    s = JSON.stringify(obj);
    fullJson.set(obj, s);
  }
  return s;
}

/** The JSON of an object as an item of a typed list: without kind and apiVersion. */
export function typedItemJson(obj: KubeObject): string {
  let s = itemJson.get(obj);
  if (s === undefined) {
    s = JSON.stringify({ ...obj, kind: undefined, apiVersion: undefined });
    itemJson.set(obj, s);
  }
  return s;
}

export interface ListEnvelope {
  kind: string;
  apiVersion: string;
  /** Custom resources keep kind/apiVersion on items. */
  itemsKeepTypeMeta: boolean;
}

const fullBytes = new WeakMap<KubeObject, Buffer>();
const itemBytes = new WeakMap<KubeObject, Buffer>();
const COMMA = Buffer.from(',');

/** The UTF-8 bytes of an item, cached: a list response is one copy of cached buffers. */
function itemBuffer(obj: KubeObject, keepTypeMeta: boolean): Buffer {
  const cache = keepTypeMeta ? fullBytes : itemBytes;
  let b = cache.get(obj);
  if (b === undefined) {
    b = Buffer.from(keepTypeMeta ? objectJson(obj) : typedItemJson(obj), 'utf8');
    cache.set(obj, b);
  }
  return b;
}

export function listJson(env: ListEnvelope, list: ListResult): Buffer {
  const meta: Record<string, unknown> = { resourceVersion: list.resourceVersion };
  if (list.continue) meta.continue = list.continue;
  if (list.remainingItemCount !== undefined) meta.remainingItemCount = list.remainingItemCount;
  const head = Buffer.from(
    `{"kind":${JSON.stringify(env.kind)},"apiVersion":${JSON.stringify(env.apiVersion)},"metadata":${JSON.stringify(meta)},"items":[`,
  );
  const parts: Buffer[] = [head];
  for (let i = 0; i < list.items.length; i++) {
    if (i > 0) parts.push(COMMA);
    parts.push(itemBuffer(list.items[i], env.itemsKeepTypeMeta));
  }
  parts.push(Buffer.from(']}'));
  return Buffer.concat(parts);
}

export function partialObjectMetadata(obj: KubeObject, version: string): object {
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: obj.metadata };
}

export interface Encoded {
  body: string | Buffer;
  contentType: string;
}

/** Encodes one object in the negotiated format. */
export function encodeObject(obj: KubeObject, format: OutputFormat, includeObject: string, printer?: TablePrinter): Encoded {
  if (format.transform === 'table') {
    return { body: JSON.stringify(buildTable(printer!, [obj], format.version, includeObject, {})), contentType: 'application/json' };
  }
  if (format.transform === 'partial-metadata') {
    return { body: JSON.stringify(partialObjectMetadata(obj, 'v1')), contentType: 'application/json' };
  }
  if (format.encoding === 'yaml')
    return { body: yaml.dump(JSON.parse(objectJson(obj)), { lineWidth: -1, noRefs: true }), contentType: 'application/yaml' };
  return { body: objectJson(obj), contentType: 'application/json' };
}

export function encodeList(
  env: ListEnvelope,
  list: ListResult,
  format: OutputFormat,
  includeObject: string,
  printer?: TablePrinter,
): Encoded {
  if (format.transform === 'table') {
    return { body: JSON.stringify(tableForList(printer!, list, format.version, includeObject)), contentType: 'application/json' };
  }
  if (format.transform === 'partial-metadata') {
    const meta: Record<string, unknown> = { resourceVersion: list.resourceVersion };
    if (list.continue) meta.continue = list.continue;
    if (list.remainingItemCount !== undefined) meta.remainingItemCount = list.remainingItemCount;
    return {
      body: JSON.stringify({
        kind: 'PartialObjectMetadataList',
        apiVersion: 'meta.k8s.io/v1',
        metadata: meta,
        items: list.items.map((o) => partialObjectMetadata(o, 'v1')),
      }),
      contentType: 'application/json',
    };
  }
  const json = listJson(env, list);
  if (format.encoding === 'yaml')
    return { body: yaml.dump(JSON.parse(json.toString('utf8')), { lineWidth: -1, noRefs: true }), contentType: 'application/yaml' };
  return { body: json, contentType: 'application/json' };
}

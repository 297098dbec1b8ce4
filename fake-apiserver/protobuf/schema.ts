/**
 * The protobuf schema of the built-in API types, read from data/schema.json.gz (written by
 * scripts/build-protobuf.ts from the Go types by reflection; provenance in data/README.md).
 *
 * Invariants:
 * - The file is read and parsed at most once per process, on first use.
 * - A message's fields are in Go declaration order, which is the order encoding/json writes them;
 *   `byNumber` is the same fields in field-number order, the order gogo-protobuf writes them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const DATA_FILE = 'fake-apiserver/protobuf/data/schema.json.gz';

/** A custom encoding/json mapping (a Go MarshalJSON) implemented by json-types.ts. */
export type SpecialJson =
  | 'Time'
  | 'MicroTime'
  | 'Duration'
  | 'Quantity'
  | 'IntOrString'
  | 'RawJSON'
  | 'SchemaOrBool'
  | 'SchemaOrArray'
  | 'SchemaOrStringArray'
  | 'Items';

export type ScalarType = 'string' | 'bool' | 'int32' | 'int64' | 'uint32' | 'uint64' | 'double' | 'bytes';

/** `v` a Go value, `p` a pointer (nil = absent), `s` a slice (repeated), `m` a map. */
export type Shape = 'v' | 'p' | 's' | 'm';

export interface FieldDesc {
  /** The Go field name (gogo's decode errors name fields by it). */
  goName: string;
  number: number;
  /** The JSON key; '' for an embedded struct inlined by encoding/json; '-' for none. */
  json: string;
  omitempty: boolean;
  omitzero: boolean;
  shape: Shape;
  /** A scalar type or a message name; for maps, the key type. */
  type: string;
  /** For maps: the value's scalar type or message name. */
  valueType?: string;
  /** The proto wire type the field's (element) values are written with. */
  wireType: 0 | 1 | 2;
  /** For maps: the wire type of the value. */
  valueWireType?: 0 | 1 | 2;
  /** The message of `type` (of `valueType` for maps), linked when the schema is parsed. */
  message?: MessageDesc;
}

export interface MessageDesc {
  name: string;
  json?: SpecialJson;
  fields: FieldDesc[];
  byNumber: FieldDesc[];
  fieldByNumber: Map<number, FieldDesc>;
}

interface SchemaFile {
  kinds: Record<string, Record<string, string>>;
  anyVersion: Record<string, string>;
  messages: Record<string, { json?: SpecialJson; fields: [string, number, string, number, Shape, string, string?][] }>;
}

export interface Schema {
  kinds: SchemaFile['kinds'];
  anyVersion: SchemaFile['anyVersion'];
  messages: Map<string, MessageDesc>;
}

const SCALARS = new Set<string>(['string', 'bool', 'int32', 'int64', 'uint32', 'uint64', 'double', 'bytes']);

export function isScalar(type: string): type is ScalarType {
  return SCALARS.has(type);
}

export function wireTypeOf(type: string): 0 | 1 | 2 {
  if (type === 'double') return 1;
  if (type === 'string' || type === 'bytes' || !isScalar(type)) return 2;
  return 0;
}

let schema: Schema | undefined;

function findDataFile(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (true) {
    const candidate = join(dir, DATA_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`protobuf: ${DATA_FILE} not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** Builds the in-memory schema from the file's compact form. Exported for the build script's checks. */
export function parseSchema(file: SchemaFile): Schema {
  const messages = new Map<string, MessageDesc>();
  for (const [name, m] of Object.entries(file.messages)) {
    const fields = m.fields.map(([goName, number, json, omit, shape, type, valueType]): FieldDesc => {
      const f: FieldDesc = {
        goName,
        number,
        json,
        omitempty: (omit & 1) !== 0,
        omitzero: (omit & 2) !== 0,
        shape,
        type,
        wireType: shape === 'm' ? 2 : wireTypeOf(type),
      };
      if (valueType !== undefined) {
        f.valueType = valueType;
        f.valueWireType = wireTypeOf(valueType);
      }
      return f;
    });
    const byNumber = [...fields].sort((a, b) => a.number - b.number);
    messages.set(name, { name, json: m.json, fields, byNumber, fieldByNumber: new Map(fields.map((f) => [f.number, f])) });
  }
  for (const m of messages.values()) {
    for (const f of m.fields) {
      const t = f.shape === 'm' ? f.valueType! : f.type;
      if (!isScalar(t)) f.message = messages.get(t);
    }
  }
  return { kinds: file.kinds, anyVersion: file.anyVersion, messages };
}

export function loadSchema(): Schema {
  return (schema ??= parseSchema(JSON.parse(gunzipSync(readFileSync(findDataFile())).toString('utf8')) as SchemaFile));
}

export function messageDesc(name: string): MessageDesc {
  const m = loadSchema().messages.get(name);
  if (!m) throw new Error(`protobuf: no message ${name}`);
  return m;
}

/**
 * The protobuf message name of a built-in kind (`k8s.io.api.core.v1.ConfigMap` for `v1`,
 * `ConfigMap`), or undefined when the kind has no protobuf form (custom resources, Table, ...).
 * Option kinds (DeleteOptions, ...) and WatchEvent are accepted under any apiVersion, as the real
 * scheme registers them in every group version.
 */
export function protobufMessageFor(apiVersion: string, kind: string): string | undefined {
  const s = loadSchema();
  const kinds = Object.hasOwn(s.kinds, apiVersion) ? s.kinds[apiVersion] : undefined;
  if (kinds && Object.hasOwn(kinds, kind)) return kinds[kind];
  return Object.hasOwn(s.anyVersion, kind) ? s.anyVersion[kind] : undefined;
}

/**
 * JSON (as the fake stores it) → protobuf message bytes, as Go would produce them: the JSON
 * unmarshalled into the Go struct (absent or null = zero value) and that struct written by
 * gogo-protobuf's generated Marshal.
 *
 * Invariants (gogo's Marshal of the Kubernetes types):
 * - Fields are written in field-number order.
 * - Non-pointer scalars and struct values are always written, zero or not; pointers only when
 *   non-nil; []byte and named slices (metav1.Verbs) only when non-nil; repeated fields one
 *   element per tag, never packed; map entries sorted by key, key and value always written
 *   (a nil []byte value is left out).
 * - Keys the Go type does not have are ignored, as encoding/json drops unknown fields.
 * - A value of the wrong JSON type is a programming error of the caller (stored objects are
 *   validated): it throws an Error naming the field path.
 */
import { sortGoStrings } from './go-strings.js';
import { parseTime, ZERO_TIME_SECONDS } from './go-time.js';
import { messageDesc, type FieldDesc, type MessageDesc } from './schema.js';
import { Reader, Writer } from './wire.js';

type Obj = Record<string, unknown>;

/** Per-object caches of message bytes, for immutable stored objects (see writeDelimited). */
const cache = new WeakMap<object, Map<string, Uint8Array>>();

/**
 * Writes `value` as a length-delimited message `desc` into `w` (the tag is the caller's). With
 * `cacheObject`, the bytes of `value` are kept per object identity and reused: only for objects
 * that are never mutated (the store's).
 */
function writeDelimited(w: Writer, desc: MessageDesc, value: unknown, path: string, cacheObject = false): void {
  const cacheable = cacheObject && value !== null && typeof value === 'object';
  if (cacheable) {
    const hit = cache.get(value)?.get(desc.name);
    if (hit) {
      w.lengthDelimited(hit);
      return;
    }
  }
  const mark = w.beginDelimited();
  writeMessage(w, desc, value, path);
  w.endDelimited(mark);
  if (cacheable) {
    const bytes = w.view().subarray(mark, w.len);
    let byName = cache.get(value);
    if (!byName) cache.set(value, (byName = new Map()));
    // Skip the length prefix: the cache holds the message bytes.
    const r = new Reader(bytes);
    const end = r.lengthEnd();
    byName.set(desc.name, Buffer.from(bytes.subarray(r.pos, end)));
  }
}

function writeMessage(w: Writer, desc: MessageDesc, value: unknown, path: string, cacheItems = false): void {
  if (desc.json) {
    const goValue = specialToGo(desc, value, path);
    if (goValue !== undefined) writeFields(w, desc, goValue, (f) => f.goName, path, false);
    return;
  }
  if (value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value))) {
    throw new Error(`protobuf: ${path || '<root>'}: expected an object for ${desc.name}, got ${JSON.stringify(value)}`);
  }
  writeFields(w, desc, (value ?? {}) as Obj, (f) => f.json, path, cacheItems);
}

/** Writes the top-level object; `cacheItems` caches the message bytes of each element of `items`. */
export function encodeTopLevel(name: string, obj: Obj, cacheItems: boolean): Uint8Array {
  const w = new Writer(1024);
  writeMessage(w, messageDesc(name), obj, '', cacheItems);
  return w.finish();
}

function writeFields(w: Writer, desc: MessageDesc, obj: Obj, keyOf: (f: FieldDesc) => string, path: string, cacheItems: boolean): void {
  for (const f of desc.byNumber) {
    const key = keyOf(f);
    if (key === '-') continue;
    // An inlined embedded struct reads its fields from the same JSON object.
    const v = key === '' ? obj : Object.hasOwn(obj, key) ? obj[key] : undefined;
    // Paths (for error messages) are built only for present values.
    writeField(w, f, v, key === '' || v === undefined ? path : `${path}.${key}`, cacheItems && f.goName === 'Items');
  }
}

function isNil(v: unknown): v is null | undefined {
  return v === null || v === undefined;
}

function writeField(w: Writer, f: FieldDesc, v: unknown, path: string, cacheElements: boolean): void {
  switch (f.shape) {
    case 'v':
      if (!f.message) {
        if (f.type === 'bytes' && isNil(v)) return;
        w.tag(f.number, f.wireType);
        writeScalar(w, f.type, isNil(v) ? zeroOf(f.type) : v, path);
      } else {
        if (isNil(v) && f.message.json === 'Items') return;
        w.tag(f.number, 2);
        writeDelimited(w, f.message, v, path);
      }
      return;
    case 'p':
      if (isNil(v)) return;
      w.tag(f.number, f.wireType);
      if (!f.message) writeScalar(w, f.type, v, path);
      else writeDelimited(w, f.message, v, path);
      return;
    case 's': {
      if (isNil(v)) return;
      if (!Array.isArray(v)) throw new Error(`protobuf: ${path}: expected an array, got ${JSON.stringify(v)}`);
      const message = f.message;
      v.forEach((e, i) => {
        w.tag(f.number, f.wireType);
        if (!message) writeScalar(w, f.type, isNil(e) ? zeroOf(f.type) : e, `${path}[${i}]`);
        else writeDelimited(w, message, e, `${path}[${i}]`, cacheElements);
      });
      return;
    }
    case 'm': {
      if (isNil(v)) return;
      if (typeof v !== 'object' || Array.isArray(v)) throw new Error(`protobuf: ${path}: expected an object, got ${JSON.stringify(v)}`);
      const m = v as Obj;
      const valueType = f.valueType!;
      for (const k of sortGoStrings(Object.keys(m))) {
        w.tag(f.number, 2);
        const mark = w.beginDelimited();
        w.tag(1, 2);
        w.string(k);
        const e = m[k];
        if (!f.message) {
          if (!(valueType === 'bytes' && isNil(e))) {
            w.tag(2, f.valueWireType!);
            writeScalar(w, valueType, isNil(e) ? zeroOf(valueType) : e, `${path}.${k}`);
          }
        } else {
          w.tag(2, 2);
          writeDelimited(w, f.message, e, `${path}.${k}`);
        }
        w.endDelimited(mark);
      }
      return;
    }
  }
}

function zeroOf(type: string): unknown {
  return type === 'string' ? '' : type === 'bool' ? false : type === 'bytes' ? '' : 0;
}

function bad(path: string, type: string, v: unknown): Error {
  return new Error(`protobuf: ${path || '<root>'}: expected ${type}, got ${JSON.stringify(v)}`);
}

function writeScalar(w: Writer, type: string, v: unknown, path: string): void {
  switch (type) {
    case 'string':
      if (typeof v !== 'string') throw bad(path, type, v);
      w.string(v);
      return;
    case 'bool':
      if (typeof v !== 'boolean') throw bad(path, type, v);
      w.varint(v ? 1 : 0);
      return;
    case 'bytes':
      if (v instanceof Uint8Array) w.lengthDelimited(v);
      else if (typeof v === 'string') w.lengthDelimited(Buffer.from(v, 'base64'));
      else throw bad(path, type, v);
      return;
    case 'double':
      if (typeof v !== 'number') throw bad(path, type, v);
      w.double(v);
      return;
    default: {
      // int32, int64, uint32, uint64: negative values are written as 64-bit two's complement.
      if (typeof v === 'bigint') {
        w.varint(v);
        return;
      }
      if (typeof v !== 'number' || !Number.isInteger(v)) throw bad(path, type, v);
      w.varint(type === 'uint32' ? v >>> 0 : type === 'int32' ? v | 0 : v);
    }
  }
}

/**
 * The Go struct (by Go field name) that a custom UnmarshalJSON makes of `v`; undefined for a
 * value whose message is empty (the zero Time).
 */
function specialToGo(desc: MessageDesc, v: unknown, path: string): Obj | undefined {
  switch (desc.json) {
    case 'Time':
    case 'MicroTime': {
      if (isNil(v)) return undefined;
      if (typeof v !== 'string') throw bad(path, 'a time string', v);
      const { seconds, nanos } = parseTime(v);
      if (seconds === ZERO_TIME_SECONDS && nanos === 0) return undefined;
      // metav1.Time keeps whole seconds on the wire; MicroTime keeps the nanoseconds.
      return { Seconds: seconds, Nanos: desc.json === 'Time' ? 0 : nanos };
    }
    case 'Quantity':
      if (isNil(v)) return { String_: '0' };
      if (typeof v !== 'string' && typeof v !== 'number') throw bad(path, 'a quantity', v);
      return { String_: String(v) };
    case 'IntOrString':
      if (isNil(v)) return { Type: 0, IntVal: 0, StrVal: '' };
      if (typeof v === 'number') return { Type: 0, IntVal: v, StrVal: '' };
      if (typeof v === 'string') return { Type: 1, IntVal: 0, StrVal: v };
      throw bad(path, 'an int or string', v);
    case 'RawJSON':
      return isNil(v) ? {} : { Raw: Buffer.from(JSON.stringify(v), 'utf8') };
    case 'SchemaOrBool':
      if (isNil(v)) return { Allows: false };
      return typeof v === 'boolean' ? { Allows: v } : { Allows: true, Schema: v };
    case 'SchemaOrArray':
      return isNil(v) ? {} : Array.isArray(v) ? { JSONSchemas: v } : { Schema: v };
    case 'SchemaOrStringArray':
      return isNil(v) ? {} : Array.isArray(v) ? { Property: v } : { Schema: v };
    case 'Items':
      if (!isNil(v) && !Array.isArray(v)) throw bad(path, 'an array', v);
      return { Items: v };
  }
  throw new Error(`protobuf: unknown JSON mapping ${desc.json} of ${desc.name}`);
}

/**
 * Parses one protobuf message into Go-shaped values, depth first, as gogo-protobuf's generated
 * Unmarshal does: same checks in the same order (so the first error is Go's first error), same
 * error texts, same merge rules.
 *
 * A Parsed message has one slot per field of its descriptor (Go order):
 * - a scalar (string | number | bigint | boolean | Uint8Array for bytes): last one wins;
 * - a nested message: its Parsed form; a repeated occurrence merges into it (proto semantics);
 * - a repeated field: an array of the above; a map: a Map from key to value (`undefined` for a
 *   bytes value that was absent, which Go leaves nil);
 * - `undefined`: the field did not occur (Go's zero value, nil for pointers, slices and maps).
 * metav1.Time/MicroTime and resource.Quantity are checked as their custom Unmarshal checks them.
 */
import { goString } from './go-strings.js';
import { isScalar, type FieldDesc, type MessageDesc } from './schema.js';
import { ERR_UNEXPECTED_EOF, ProtoError, Reader, splitTag, toDouble, toInt32, toInt64, toUint32, toUint64, type Varint } from './wire.js';

export interface Parsed {
  desc: MessageDesc;
  slots: Slot[];
  /** The message's bytes (an empty metav1.Time is the zero time). */
  bytes: Uint8Array;
}

export type GoScalar = string | number | bigint | boolean | Uint8Array;
export type Value = GoScalar | Parsed;
export type Slot = Value | Value[] | Map<string, Value | undefined> | undefined;

/** `^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$`, which resource.ParseQuantity enforces. */
const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const QUANTITY_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** The Go type named in errors; Time and MicroTime are read through metav1.Timestamp. */
function shortName(desc: MessageDesc): string {
  if (desc.json === 'Time' || desc.json === 'MicroTime') return 'Timestamp';
  return desc.name.slice(desc.name.lastIndexOf('.') + 1);
}

function messageOf(f: FieldDesc): MessageDesc {
  if (!f.message) throw new Error(`protobuf: field ${f.goName}: message ${f.valueType ?? f.type} is not in the schema`);
  return f.message;
}

function varintScalar(type: string, v: Varint): GoScalar {
  switch (type) {
    case 'bool':
      return v !== 0 && v !== 0n;
    case 'int32':
      return toInt32(v);
    case 'uint32':
      return toUint32(v);
    case 'int64':
      return toInt64(v);
    default:
      return toUint64(v);
  }
}

/** One length-delimited value of a field: string, bytes (a fresh non-nil copy, as Go's) or a message. */
function delimited(r: Reader, type: string, message: MessageDesc | undefined): Value {
  const b = r.bytes();
  if (type === 'string') return goString(b);
  if (type === 'bytes') return b.slice();
  return parseMessage(message!, b);
}

function wrongWireType(f: FieldDesc, wireType: number): ProtoError {
  return new ProtoError(`proto: wrong wireType = ${wireType} for field ${f.goName}`);
}

/** A map entry; gogo reads the key and value without checking their wire types. */
function readMapEntry(r: Reader, f: FieldDesc, entryEnd: number): [string, Value | undefined] {
  let key = '';
  let value: Value | undefined = undefined;
  const valueType = f.valueType!;
  const numeric = isScalar(valueType) && valueType !== 'string' && valueType !== 'bytes';
  while (r.pos < entryEnd) {
    const entryStart = r.pos;
    const { fieldNum } = splitTag(r.varint());
    if (fieldNum === 1) {
      key = goString(r.bytes());
    } else if (fieldNum === 2) {
      if (numeric) value = valueType === 'double' ? toDouble(r.fixed64()) : varintScalar(valueType, r.varint());
      else value = delimited(r, valueType, isScalar(valueType) ? undefined : messageOf(f));
    } else {
      r.skipField(entryStart);
      if (r.pos > entryEnd) throw new ProtoError(ERR_UNEXPECTED_EOF);
    }
  }
  // A message or bytes value that did not occur is gogo's preallocated zero: a zero message,
  // an empty non-nil []byte.
  if (value === undefined && !isScalar(valueType)) value = parseMessage(messageOf(f), EMPTY);
  if (value === undefined && valueType === 'bytes') value = new Uint8Array(0);
  return [key, value];
}

function readValue(r: Reader, f: FieldDesc, wireType: number, repeated: Value[] | undefined): Value | undefined {
  const type = f.type;
  if (type === 'string' || type === 'bytes' || !isScalar(type)) {
    if (wireType !== 2) throw wrongWireType(f, wireType);
    return delimited(r, type, isScalar(type) ? undefined : messageOf(f));
  }
  const fixed = type === 'double';
  if (repeated && wireType === 2) {
    // Packed repeated numbers: gogo accepts them for repeated fields.
    const end = r.lengthEnd();
    while (r.pos < end) repeated.push(fixed ? toDouble(r.fixed64()) : varintScalar(type, r.varint()));
    return undefined;
  }
  if (wireType !== (fixed ? 1 : 0)) throw wrongWireType(f, wireType);
  return fixed ? toDouble(r.fixed64()) : varintScalar(type, r.varint());
}

const EMPTY = new Uint8Array(0);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

export function parseMessage(desc: MessageDesc, bytes: Uint8Array): Parsed {
  const slots: Slot[] = new Array(desc.fields.length);
  const index = indexOf(desc);
  const r = new Reader(bytes);
  while (!r.done) {
    const tagStart = r.pos;
    const wire = r.varint();
    const { fieldNum, wireType } = splitTag(wire);
    if (wireType === 4) throw new ProtoError(`proto: ${shortName(desc)}: wiretype end group for non-group`);
    if (fieldNum <= 0) throw new ProtoError(`proto: ${shortName(desc)}: illegal tag ${fieldNum} (wire type ${wire})`);
    const f = desc.fieldByNumber.get(fieldNum);
    if (!f) {
      r.skipField(tagStart);
      continue;
    }
    const i = index.get(f)!;
    if (f.shape === 'm') {
      if (wireType !== 2) throw wrongWireType(f, wireType);
      const end = r.lengthEnd();
      const [k, v] = readMapEntry(r, f, end);
      r.pos = end;
      let m = slots[i] as Map<string, Value | undefined> | undefined;
      if (!m) slots[i] = m = new Map();
      m.set(k, v);
    } else if (f.shape === 's') {
      let arr = slots[i] as Value[] | undefined;
      if (!arr) slots[i] = arr = [];
      const v = readValue(r, f, wireType, arr);
      if (v !== undefined) arr.push(v);
    } else {
      const v = readValue(r, f, wireType, undefined)!;
      const prev = slots[i];
      // A repeated occurrence of a message field merges into it; of a scalar, replaces it.
      slots[i] = isParsed(prev) && isParsed(v) ? parseMessage(prev.desc, concat(prev.bytes, v.bytes)) : v;
    }
  }
  const parsed: Parsed = { desc, slots, bytes };
  if (desc.json === 'Quantity') {
    const s = slots[0];
    if (typeof s === 'string' && !QUANTITY.test(s)) throw new ProtoError(QUANTITY_ERROR);
  }
  return parsed;
}

export function isParsed(v: unknown): v is Parsed {
  return typeof v === 'object' && v !== null && 'slots' in v && 'desc' in v;
}

/** The zero value of a message: what Go's Unmarshal of no bytes leaves. */
export function zeroMessage(desc: MessageDesc): Parsed {
  return { desc, slots: new Array(desc.fields.length), bytes: EMPTY };
}

const indexes = new WeakMap<MessageDesc, Map<FieldDesc, number>>();

function indexOf(desc: MessageDesc): Map<FieldDesc, number> {
  let m = indexes.get(desc);
  if (!m) {
    m = new Map(desc.fields.map((f, i) => [f, i]));
    indexes.set(desc, m);
  }
  return m;
}

/** The slot of the field named `goName` (for the special types, whose fields are fixed). */
export function slotOf(p: Parsed, goName: string): Slot {
  const i = p.desc.fields.findIndex((f) => f.goName === goName);
  return i < 0 ? undefined : p.slots[i];
}

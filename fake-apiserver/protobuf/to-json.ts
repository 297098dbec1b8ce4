/**
 * A parsed protobuf message → the JSON value Go's encoding/json writes for the same Go struct: the
 * JSON a client would have sent had it used application/json.
 *
 * Invariants (encoding/json's):
 * - Fields appear in Go declaration order; an embedded struct without a JSON name is inlined.
 * - A field absent from the message has its Go zero value: "" / 0 / false for values, null for
 *   nil pointers, slices and maps, and the zero struct for struct values.
 * - `omitempty` drops false, 0, "", nil and empty slices/maps/strings, never a struct;
 *   `omitzero` drops a zero value (a zero metav1.Time included).
 * - bytes are base64; map keys are sorted; custom MarshalJSON types follow their Go methods.
 */
import { isDeepStrictEqual } from 'node:util';
import { hasMagic, readEnvelope } from './envelope.js';
import { sortGoStrings } from './go-strings.js';
import { formatMicroTime, formatTime } from './go-time.js';
import { parseMessage, slotOf, zeroMessage, type GoScalar, type Parsed, type Slot, type Value } from './read-message.js';
import { isScalar, messageDesc, protobufMessageFor, type FieldDesc } from './schema.js';
import { ProtoError } from './wire.js';

export function messageJson(p: Parsed): unknown {
  if (p.desc.json) return specialJson(p);
  const out: Record<string, unknown> = {};
  p.desc.fields.forEach((f, i) => emitField(out, f, p.slots[i]));
  return out;
}

function emitField(out: Record<string, unknown>, f: FieldDesc, slot: Slot): void {
  if (f.json === '-') return;
  if (f.json === '') {
    Object.assign(out, messageJson((slot as Parsed | undefined) ?? zeroMessage(f.message!)));
    return;
  }
  const { json, empty } = fieldJson(f, slot);
  if (f.omitempty && empty) return;
  if (f.omitzero && isZero(f, slot, json, empty)) return;
  out[f.json] = json;
}

function isZero(f: FieldDesc, slot: Slot, json: unknown, empty: boolean): boolean {
  if (slot === undefined) return true;
  if (f.shape !== 'v' || isScalar(f.type)) return empty;
  return isDeepStrictEqual(json, messageJson(zeroMessage(f.message!)));
}

function fieldJson(f: FieldDesc, slot: Slot): { json: unknown; empty: boolean } {
  switch (f.shape) {
    case 'v':
      if (isScalar(f.type)) {
        const v = (slot as GoScalar | undefined) ?? zeroScalar(f.type);
        return { json: scalarJson(f.type, v), empty: isEmptyScalar(v) };
      } else {
        const json = messageJson((slot as Parsed | undefined) ?? zeroMessage(f.message!));
        // Only a named slice (metav1.Verbs, ...) can be "empty" among struct-typed values.
        return { json, empty: f.message!.json === 'Items' && json === null };
      }
    case 'p':
      if (slot === undefined) return { json: null, empty: true };
      return { json: valueJson(f.type, slot as Value), empty: false };
    case 's': {
      const arr = slot as Value[] | undefined;
      if (!arr || arr.length === 0) return { json: null, empty: true };
      return { json: arr.map((v) => valueJson(f.type, v)), empty: false };
    }
    case 'm': {
      const m = slot as Map<string, Value | undefined> | undefined;
      if (!m || m.size === 0) return { json: null, empty: true };
      const out: Record<string, unknown> = {};
      const valueType = f.valueType!;
      for (const k of sortGoStrings([...m.keys()])) {
        const v = m.get(k);
        const json = v === undefined ? scalarJson(valueType, zeroScalar(valueType)) : valueJson(valueType, v);
        // gogo decodes a named-slice map value into a fresh non-nil slice: [] rather than null.
        out[k] = json === null && f.message?.json === 'Items' ? [] : json;
      }
      return { json: out, empty: false };
    }
  }
}

function valueJson(type: string, v: Value): unknown {
  return isScalar(type) ? scalarJson(type, v as GoScalar) : messageJson(v as Parsed);
}

function zeroScalar(type: string): GoScalar | null {
  switch (type) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'bytes':
      return null;
    default:
      return 0;
  }
}

function isEmptyScalar(v: GoScalar | null): boolean {
  if (v === null) return true;
  if (v instanceof Uint8Array) return v.length === 0;
  return v === '' || v === false || v === 0 || v === 0n;
}

function scalarJson(type: string, v: GoScalar | null): unknown {
  if (v === null) return null;
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.length).toString('base64');
  if (typeof v === 'bigint') return Number(v);
  if (type === 'double' && !Number.isFinite(v)) throw new ProtoError(`json: unsupported value: ${String(v).replace('Infinity', 'Inf')}`);
  return v;
}

function specialJson(p: Parsed): unknown {
  const get = (goName: string) => slotOf(p, goName);
  switch (p.desc.json) {
    case 'Time':
      // An empty message is the zero time; a Time keeps whole seconds only.
      return p.bytes.length === 0 ? null : formatTime((get('Seconds') as number | bigint | undefined) ?? 0);
    case 'MicroTime':
      return p.bytes.length === 0
        ? null
        : formatMicroTime((get('Seconds') as number | bigint | undefined) ?? 0, (get('Nanos') as number | undefined) ?? 0);
    case 'Quantity':
      return (get('String_') as string | undefined) ?? '0';
    case 'IntOrString': {
      const type = Number((get('Type') as number | bigint | undefined) ?? 0);
      if (type === 0) return (get('IntVal') as number | undefined) ?? 0;
      if (type === 1) return (get('StrVal') as string | undefined) ?? '';
      throw new ProtoError('impossible IntOrString.Type');
    }
    case 'RawJSON':
      return rawJson(get('Raw') as Uint8Array | undefined);
    case 'SchemaOrBool': {
      const schema = get('Schema') as Parsed | undefined;
      return schema ? messageJson(schema) : ((get('Allows') as boolean | undefined) ?? false);
    }
    case 'SchemaOrArray': {
      const list = get('JSONSchemas') as Parsed[] | undefined;
      if (list && list.length > 0) return list.map(messageJson);
      const schema = get('Schema') as Parsed | undefined;
      return schema ? messageJson(schema) : null;
    }
    case 'SchemaOrStringArray': {
      const list = get('Property') as string[] | undefined;
      if (list && list.length > 0) return list;
      const schema = get('Schema') as Parsed | undefined;
      return schema ? messageJson(schema) : null;
    }
    case 'Items': {
      const f = p.desc.fields[0];
      const list = p.slots[0] as Value[] | undefined;
      return list && list.length > 0 ? list.map((v) => valueJson(f.type, v)) : null;
    }
  }
  throw new Error(`protobuf: unknown JSON mapping ${p.desc.json} of ${p.desc.name}`);
}

/**
 * RawExtension / FieldsV1 / apiextensions JSON: the raw bytes are JSON text, written verbatim;
 * nil or empty is null. Raw bytes that are themselves a Kubernetes protobuf object (a client's
 * nested encoding) become that object's JSON.
 */
function rawJson(raw: Uint8Array | undefined): unknown {
  if (!raw || raw.length === 0) return null;
  if (hasMagic(raw)) return embeddedObjectJson(raw);
  try {
    return JSON.parse(Buffer.from(raw.buffer, raw.byteOffset, raw.length).toString('utf8'));
  } catch (e) {
    throw new ProtoError(`invalid JSON in raw bytes: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** A whole `k8s\x00` + Unknown object, as JSON with kind and apiVersion first. */
export function embeddedObjectJson(data: Uint8Array): Record<string, unknown> {
  const env = readEnvelope(data);
  const name = protobufMessageFor(env.apiVersion, env.kind);
  if (!name) throw new ProtoError(`no kind "${env.kind}" is registered for version "${env.apiVersion}"`);
  const body = messageJson(parseMessage(messageDesc(name), env.raw ?? new Uint8Array(0))) as Record<string, unknown>;
  return { kind: env.kind, apiVersion: env.apiVersion, ...body };
}

/**
 * The envelope of every Kubernetes protobuf body (runtime/serializer/protobuf/protobuf.go): the
 * magic prefix `k8s\x00`, then a runtime.Unknown message
 *
 *   message Unknown { optional TypeMeta typeMeta = 1; optional bytes raw = 2;
 *                     optional string contentEncoding = 3; optional string contentType = 4; }
 *   message TypeMeta { optional string apiVersion = 1; optional string kind = 2; }
 *
 * whose `raw` is the object's own message. Errors carry the Go serializer's texts.
 */
import { goString } from './go-strings.js';
import { parseMessage, slotOf, zeroMessage, type Parsed } from './read-message.js';
import { parseSchema, type MessageDesc } from './schema.js';
import { ProtoError, Writer } from './wire.js';

export const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

export interface Envelope {
  apiVersion: string;
  kind: string;
  /** The raw bytes of apiVersion and kind (Go strings need not be UTF-8; errors quote them). */
  apiVersionBytes: Uint8Array;
  kindBytes: Uint8Array;
  /** The object's message bytes; undefined when the Unknown carried none. */
  raw: Uint8Array | undefined;
  contentEncoding: string;
  contentType: string;
}

const envelopeSchema = parseSchema({
  kinds: {},
  anyVersion: {},
  messages: {
    'k8s.io.apimachinery.pkg.runtime.Unknown': {
      fields: [
        ['TypeMeta', 1, '', 0, 'v', 'k8s.io.apimachinery.pkg.runtime.TypeMeta'],
        ['Raw', 2, '-', 0, 'v', 'bytes'],
        ['ContentEncoding', 3, 'ContentEncoding', 0, 'v', 'string'],
        ['ContentType', 4, 'ContentType', 0, 'v', 'string'],
      ],
    },
    'k8s.io.apimachinery.pkg.runtime.TypeMeta': {
      fields: [
        ['APIVersion', 1, 'apiVersion', 1, 'v', 'bytes'],
        ['Kind', 2, 'kind', 1, 'v', 'bytes'],
      ],
    },
  },
});
const UNKNOWN = envelopeSchema.messages.get('k8s.io.apimachinery.pkg.runtime.Unknown') as MessageDesc;
const TYPE_META = envelopeSchema.messages.get('k8s.io.apimachinery.pkg.runtime.TypeMeta') as MessageDesc;

export function hasMagic(data: Uint8Array): boolean {
  return data.length >= MAGIC.length && MAGIC.every((b, i) => data[i] === b);
}

/** Reads the envelope of a whole body (the protobuf Serializer.Decode's first steps). */
export function readEnvelope(data: Uint8Array): Envelope {
  if (data.length === 0) throw new ProtoError('empty data');
  if (!hasMagic(data)) throw new ProtoError('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
  if (data.length === MAGIC.length) throw new ProtoError('empty body');
  const unknown = parseMessage(UNKNOWN, data.subarray(MAGIC.length));
  const tm = (slotOf(unknown, 'TypeMeta') as Parsed | undefined) ?? zeroMessage(TYPE_META);
  const apiVersionBytes = (slotOf(tm, 'APIVersion') as Uint8Array | undefined) ?? new Uint8Array(0);
  const kindBytes = (slotOf(tm, 'Kind') as Uint8Array | undefined) ?? new Uint8Array(0);
  return {
    apiVersion: goString(apiVersionBytes),
    kind: goString(kindBytes),
    apiVersionBytes,
    kindBytes,
    raw: slotOf(unknown, 'Raw') as Uint8Array | undefined,
    contentEncoding: (slotOf(unknown, 'ContentEncoding') as string | undefined) ?? '',
    contentType: (slotOf(unknown, 'ContentType') as string | undefined) ?? '',
  };
}

/** Magic + Unknown{typeMeta, raw, contentEncoding: "", contentType: ""}, byte for byte as Go writes it. */
export function writeEnvelope(apiVersion: string, kind: string, raw: Uint8Array): Buffer {
  const tm = new Writer(64);
  tm.tag(1, 2);
  tm.string(apiVersion);
  tm.tag(2, 2);
  tm.string(kind);
  const w = new Writer(raw.length + 64);
  w.raw(MAGIC);
  w.tag(1, 2);
  w.lengthDelimited(tm.view());
  w.tag(2, 2);
  w.lengthDelimited(raw);
  w.tag(3, 2);
  w.string('');
  w.tag(4, 2);
  w.string('');
  return w.finish();
}

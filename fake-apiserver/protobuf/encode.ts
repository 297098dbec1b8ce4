/**
 * Encoding response objects as `application/vnd.kubernetes.protobuf`, byte for byte as the real
 * server's protobuf serializer does (magic, Unknown{typeMeta, raw, "", ""}, gogo Marshal).
 *
 * Invariants:
 * - Only kinds with a protobuf message can be encoded (canEncodeProtobuf): custom resources,
 *   Table and other JSON-only kinds throw a 406 StatusError, as Go's errNotMarshalable is.
 * - `kind`/`apiVersion` select the message and fill the envelope; they are not in the message.
 */
import { StatusError } from '../errors/status.js';
import { writeEnvelope } from './envelope.js';
import { encodeTopLevel } from './from-json.js';
import { loadSchema, protobufMessageFor } from './schema.js';
import { Writer } from './wire.js';

export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';
export const PROTOBUF_WATCH_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf;stream=watch';

export interface EncodeOptions {
  /**
   * Cache each element of a list's `items` by object identity (the bytes are reused by later
   * lists holding the same object). Only for items that are never mutated, as stored objects.
   */
  cacheItems?: boolean;
}

function typeOf(obj: Record<string, unknown>): { apiVersion: string; kind: string } {
  return { apiVersion: typeof obj.apiVersion === 'string' ? obj.apiVersion : '', kind: typeof obj.kind === 'string' ? obj.kind : '' };
}

export function canEncodeProtobuf(obj: Record<string, unknown>): boolean {
  const { apiVersion, kind } = typeOf(obj);
  return protobufMessageFor(apiVersion, kind) !== undefined;
}

function notMarshalable(apiVersion: string, kind: string): StatusError {
  // A kind of a built-in group version is a typed Go struct (Table: *v1.Table); others are custom.
  const builtin = Object.hasOwn(loadSchema().kinds, apiVersion);
  const goType = builtin ? `*${apiVersion.slice(apiVersion.indexOf('/') + 1)}.${kind}` : '*unstructured.Unstructured';
  return new StatusError(
    406,
    'NotAcceptable',
    `object ${goType} does not implement the protobuf marshalling interface and cannot be encoded to a protobuf message`,
  );
}

/** The whole body: `k8s\x00` + Unknown wrapping the object's message. */
export function encodeK8sProtobuf(obj: Record<string, unknown>, opts: EncodeOptions = {}): Buffer {
  const { apiVersion, kind } = typeOf(obj);
  const name = protobufMessageFor(apiVersion, kind);
  if (!name) throw notMarshalable(apiVersion, kind);
  return writeEnvelope(apiVersion, kind, encodeTopLevel(name, obj, opts.cacheItems ?? false));
}

/**
 * One event of a protobuf watch stream: a 4-byte big-endian length, then a metav1.WatchEvent
 * {type, object: RawExtension{raw: the object's full protobuf body}} without magic or envelope
 * (the RawSerializer with the LengthDelimitedFramer). `object` is a stored object, a Status
 * (ERROR) or a bookmark object; `encoded` may pass its precomputed encodeK8sProtobuf bytes.
 */
export function encodeWatchEventFrame(type: string, object: Record<string, unknown>, encoded?: Uint8Array): Buffer {
  const raw = encoded ?? encodeK8sProtobuf(object);
  // WatchEvent{type = 1, object = 2}, written by hand: its RawExtension carries non-JSON bytes.
  const w = new Writer(raw.length + type.length + 24);
  w.raw(new Uint8Array(4));
  const rawExtension = new Writer(raw.length + 8);
  rawExtension.tag(1, 2);
  rawExtension.lengthDelimited(raw);
  w.tag(1, 2);
  w.string(type);
  w.tag(2, 2);
  w.lengthDelimited(rawExtension.view());
  const out = w.finish();
  out.writeUInt32BE(out.length - 4, 0);
  return out;
}

/**
 * Kubernetes protobuf (`application/vnd.kubernetes.protobuf`) for the fake apiserver: request
 * bodies decoded into the JSON objects the fake stores, and responses (objects, lists, Status,
 * watch events) encoded as the real server encodes them. See README.md.
 */
export { decodeK8sProtobuf, type DecodeOptions, type Decoded } from './decode.js';
export {
  canEncodeProtobuf,
  encodeK8sProtobuf,
  encodeWatchEventFrame,
  PROTOBUF_MEDIA_TYPE,
  PROTOBUF_WATCH_MEDIA_TYPE,
  type EncodeOptions,
} from './encode.js';
export { protobufMessageFor } from './schema.js';

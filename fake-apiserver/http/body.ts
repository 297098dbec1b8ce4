/**
 * Decoding request bodies of create/update/delete: JSON, or YAML by Content-Type. A body that is
 * not an object is a 400 with the decoder's error, as the real server's codec answers.
 */
import yaml from 'js-yaml';
import { badRequest } from '../errors/status.js';
import { goJsonSyntaxError, goJsonTypeName } from './go-json-errors.js';
import { bodyFormatOf, mediaTypeOf, unsupportedMediaType } from './negotiation.js';
import { decodeK8sProtobuf, PROTOBUF_MEDIA_TYPE } from '../protobuf/index.js';

/**
 * Decodes the body of a create/update for resource kind `kind`. Errors carry the real server's
 * wording: `the object provided is unrecognized (must be of type ConfigMap): couldn't get
 * version/kind; json parse error: unexpected end of JSON input (<empty>)`.
 */
export function decodeObjectBody(
  body: Buffer | undefined,
  contentType: string | undefined,
  kind = 'object',
  apiVersion?: string,
  protobufAllowed = true,
): Record<string, unknown> {
  if (mediaTypeOf(contentType) === PROTOBUF_MEDIA_TYPE) {
    // kubectl and protobuf-configured clientsets send Kubernetes protobuf; custom resources have none.
    if (!protobufAllowed) throw unsupportedMediaType('application/json, application/yaml');
    return decodeK8sProtobuf(body ?? Buffer.alloc(0), { kind, apiVersion }).object as Record<string, unknown>;
  }
  const format = bodyFormatOf(contentType);
  const text = body ? body.toString('utf8') : '';
  const unrecognized = (why: string, data: string) =>
    badRequest(`the object provided is unrecognized (must be of type ${kind}): ${why} (${data})`);
  if (text.trim() === '') throw unrecognized("couldn't get version/kind; json parse error: unexpected end of JSON input", '<empty>');
  let value: unknown;
  try {
    value = format === 'yaml' ? yaml.load(text, { schema: yaml.JSON_SCHEMA }) : JSON.parse(text);
  } catch (e) {
    if (format === 'yaml') {
      const line = (e as { mark?: { line?: number } }).mark?.line;
      throw unrecognized(`yaml: line ${(line ?? 0) + 1}: ${(e as { reason?: string }).reason ?? 'invalid YAML'}`, summarizeData(body!));
    }
    throw unrecognized(`couldn't get version/kind; json parse error: ${goJsonSyntaxError(e, text)}`, summarizeData(body!));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw unrecognized(
      `couldn't get version/kind; json parse error: json: cannot unmarshal ${goJsonTypeName(value)} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`,
      summarizeData(body!),
    );
  }
  return value as Record<string, unknown>;
}

/** apimachinery's summarizeData(data, 30): JSON objects as text, anything else as hex. */
function summarizeData(b: Buffer, max = 30): string {
  if (b.length === 0) return '<empty>';
  const cut = b.length > max;
  const part = b.subarray(0, max);
  const shown = b[0] === 0x7b ? part.toString('utf8') : part.toString('hex');
  return cut ? `${shown} ...` : shown;
}

/** DELETE bodies are optional; an empty one means "use the query parameters". */
export function decodeOptionalBody(body: Buffer | undefined, contentType: string | undefined): unknown {
  if (!body || body.length === 0) return undefined;
  if (mediaTypeOf(contentType) === PROTOBUF_MEDIA_TYPE) {
    return decodeK8sProtobuf(body, { apiVersion: 'meta.k8s.io/v1', kind: 'DeleteOptions', errors: 'plain' }).object;
  }
  if (body.toString('utf8').trim() === '') return undefined;
  return decodeObjectBody(body, contentType);
}

/**
 * Decoding request bodies of create/update/delete: JSON, or YAML by Content-Type. A body that is
 * not an object is a 400 with the decoder's error, as the real server's codec answers.
 */
import yaml from 'js-yaml';
import { badRequest } from '../errors/status.js';
import { bodyFormatOf } from './negotiation.js';

export function decodeObjectBody(body: Buffer | undefined, contentType: string | undefined): Record<string, unknown> {
  const format = bodyFormatOf(contentType);
  const text = body ? body.toString('utf8') : '';
  if (text.trim() === '') throw badRequest("Object 'Kind' is missing in ''");
  let value: unknown;
  try {
    value = format === 'yaml' ? yaml.load(text, { schema: yaml.JSON_SCHEMA }) : JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0];
    throw badRequest(format === 'yaml' ? `error converting YAML to JSON: ${msg}` : `couldn't get version/kind; json parse error: ${msg}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest(
      `couldn't get version/kind; json parse error: json: cannot unmarshal ${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`,
    );
  }
  return value as Record<string, unknown>;
}

/** DELETE bodies are optional; an empty one means "use the query parameters". */
export function decodeOptionalBody(body: Buffer | undefined, contentType: string | undefined): unknown {
  if (!body || body.length === 0 || body.toString('utf8').trim() === '') return undefined;
  return decodeObjectBody(body, contentType);
}

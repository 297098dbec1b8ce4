/**
 * Decoding a request body sent as `application/vnd.kubernetes.protobuf` into the JSON object the
 * client meant (what it would have sent as application/json).
 *
 * Invariants:
 * - Any malformed input is a 400 StatusError, never another exception; the messages are the real
 *   server's (the protobuf serializer's error wrapped as the create/update handlers'
 *   transformDecodeError, or as is for DELETE bodies).
 * - An empty kind or apiVersion in the body is taken from the endpoint's, as the real decoder's
 *   default GVK fills them (copyKindDefaults).
 */
import { badRequest, type StatusError } from '../errors/status.js';
import { readEnvelope } from './envelope.js';
import { goQuote } from './go-strings.js';
import { parseMessage } from './read-message.js';
import { messageDesc, protobufMessageFor } from './schema.js';
import { messageJson } from './to-json.js';

export interface DecodeOptions {
  /** The endpoint's apiVersion (`v1`, `apps/v1`): the default for an empty one in the body. */
  apiVersion?: string;
  /** The endpoint's kind: the default for an empty one, and the type named in errors. */
  kind?: string;
  /**
   * `object` (default): create/update wording, `the object provided is unrecognized (must be of
   * type K): ...` and `K in version "v" cannot be handled as a K2: ...`; `plain`: the decoder's
   * error alone, as the DELETE handler answers for its DeleteOptions body.
   */
  errors?: 'object' | 'plain';
}

export interface Decoded {
  apiVersion: string;
  kind: string;
  /** The object, `kind` and `apiVersion` first, as encoding/json writes a typed object. */
  object: Record<string, unknown>;
}

/** The scheme names the real servers' NotRegistered errors quote, by the serving API group. */
function schemeName(group: string): string {
  if (group === 'apiextensions.k8s.io') return 'k8s.io/apiextensions-apiserver/pkg/apiserver/apiserver.go:55';
  if (group === 'apiregistration.k8s.io') return 'k8s.io/kube-aggregator/pkg/apiserver/scheme/scheme.go:28';
  return 'pkg/api/legacyscheme/scheme.go:30';
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** The handlers' summarizeData(body, 30). */
function summarize(body: Uint8Array): string {
  if (body.length === 0) return '<empty>';
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.length, 30));
  if (body[0] === 0x7b) return head.toString('latin1') + (body.length > 30 ? ' ...' : '');
  return head.toString('hex') + (body.length > 30 ? ' ...' : '');
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function decodeK8sProtobuf(body: Buffer | Uint8Array, opts: DecodeOptions = {}): Decoded {
  const expected = opts.kind ?? 'object';
  const plain = opts.errors === 'plain';
  // No type information yet: "the object provided is unrecognized".
  const unrecognized = (why: string): StatusError =>
    badRequest(plain ? why : `the object provided is unrecognized (must be of type ${expected}): ${why} (${summarize(body)})`);
  let env;
  try {
    env = readEnvelope(body);
  } catch (e) {
    throw unrecognized(message(e));
  }
  // Go strings are bytes: keep them to quote them as %q does.
  let { apiVersion, kind } = env;
  let [apiVersionBytes, kindBytes] = [env.apiVersionBytes, env.kindBytes];
  const typeMeta = `runtime.TypeMeta{APIVersion:${goQuote(apiVersionBytes)}, Kind:${goQuote(kindBytes)}}`;
  if (kind === '' && opts.kind) [kind, kindBytes] = [opts.kind, utf8(opts.kind)];
  if (apiVersion.slice(apiVersion.indexOf('/') + 1) === '' && opts.apiVersion)
    [apiVersion, apiVersionBytes] = [opts.apiVersion, utf8(opts.apiVersion)];
  if (kind === '') throw unrecognized(`Object 'Kind' is missing in '${typeMeta}'`);
  // Type information known: "<Kind> in version "<v>" cannot be handled as a <expected>".
  const version = apiVersionBytes.subarray(apiVersionBytes.indexOf(0x2f) + 1);
  const cannotHandle = (why: string): StatusError =>
    badRequest(plain ? why : `${kind} in version ${goQuote(version)} cannot be handled as a ${expected}: ${why}`);
  if (version.length === 0) throw cannotHandle(`Object 'apiVersion' is missing in '${typeMeta}'`);
  const name = protobufMessageFor(apiVersion, kind);
  if (!name) {
    const scheme = schemeName(groupOf(opts.apiVersion ?? apiVersion));
    throw cannotHandle(`no kind ${goQuote(kindBytes)} is registered for version ${goQuote(apiVersionBytes)} in scheme "${scheme}"`);
  }
  let fields: Record<string, unknown>;
  try {
    fields = messageJson(parseMessage(messageDesc(name), env.raw ?? new Uint8Array(0))) as Record<string, unknown>;
  } catch (e) {
    throw cannotHandle(message(e));
  }
  return { apiVersion, kind, object: { kind, apiVersion, ...fields } };
}
